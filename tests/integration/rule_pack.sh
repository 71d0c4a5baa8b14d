#!/usr/bin/env bash
# The healthcare Sigma rules Ward ships (rules/healthcare) as an analyst uses them: they all
# compile, and each fires on the hospital log lines it is written for — squid, BIND, Zeek conn,
# sshd syslog, FHIR AuditEvents — and not on the look-alikes beside them.
# Usage: rule_pack.sh WARD RULES_DIR FIXTURES_DIR
set -uo pipefail
ward=${1:?ward binary}
rules=${2:?rules folder}
fixtures=${3:?fixtures folder}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"

rc=0
"$ward" detect --rules "$rules" --check > "$work/check.out" 2>&1 || rc=$?
check "every shipped rule compiles (exit $rc)" [ "$rc" -eq 0 ]
check "--check counts files and correlations" grep -Eq '^parsed ([0-9]+)/\1, compiled \1/\1$' "$work/check.out"

# hunt FIXTURE: the JSON lines of the matches and correlation alerts in $work/FIXTURE.json
hunt() {
  "$ward" detect --rules "$rules" --output json "$fixtures/$1" > "$work/$1.json" 2> "$work/$1.err"
}
# fired FIXTURE TITLE WHERE...: the rows with this title, as "where" values (event number, or
# the correlation's group), sorted and joined by spaces
fired() {
  python3 - "$work/$1.json" "$2" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
out = []
for r in rows:
    if r.get("title") != sys.argv[2]:
        continue
    if r.get("kind") == "correlation":
        out.append(",".join(f"{k}={v}" for k, v in sorted(r["group"].items())) + f":{r['count']}")
    else:
        out.append(str(r["event"]))
print(" ".join(sorted(out)))
PY
}
expect() {  # expect FIXTURE TITLE WANTED
  local got
  got=$(fired "$1" "$2")
  check "$1: '$2' fires on [$3] (got [$got])" [ "$got" = "$3" ]
}

hunt squid_access.log
expect squid_access.log "Upload to a Generative AI Service Through the Proxy" "1 4"

hunt named_queries.log
expect named_queries.log "DNS Query for a Generative AI Service" "1 2"

hunt conn.log
expect conn.log "DICOM Association to an Address Outside the Hospital Network" "1"
expect conn.log "HL7 v2 (MLLP) Connection to an Address Outside the Hospital Network" "3"

hunt auth.log
expect auth.log "SSH Login Failure" ""  # used by its correlation (generate: false): not shown alone
# 12 failures on pacs01 within a minute: the alert at the 10th; ris01's one failure is its own group
expect auth.log "SSH Password Guessing" "hostname=pacs01:10"

hunt ehr_audit.ndjson
expect ehr_audit.ndjson "Export of Patient Records From the EHR" "81"
expect ehr_audit.ndjson "Break-the-Glass Access to a Patient Record" "82"
expect ehr_audit.ndjson "One User Opens Many Patients' Records in a Short Time" "user.id=dr-mallory:50"
expect ehr_audit.ndjson "Many Denied EHR Accesses by One User" "user.id=clerk-eve:20"
expect ehr_audit.ndjson "EHR Record Read" ""   # used only by its correlation: not shown alone
finish
