#!/usr/bin/env bash
# End to end, as a user would: generate a hospital, import it, serve the API on a free port and
# ask it with curl; then stop the server with Ctrl-C (SIGINT). Usage: api_with_curl.sh WARD SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
work=$(mktemp -d)
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=serve.sh
source "$(dirname "$0")/serve.sh"
trap 'stop_server_quietly; rm -rf "$work"' EXIT

"$ward" demo --generate "$work/hospital" --users 30 --patients 200 --days 2 --seed 21 > /dev/null
check "demo generates" [ -s "$work/hospital/audit_events.ndjson" ]
rc=0
"$ward" --data "$work/store" import "$work/hospital" > "$work/import.txt" 2>&1 || rc=$?
check "import of the generated hospital exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "import prints a summary per type" grep -q "AuditEvent" "$work/import.txt"

start_serve "$work/store"
check "serve prints its URL" [ -n "$port" ]
check "serve prints an admin token on first start" [ -n "$token" ]
# Patients are read as a privacy officer (the admin sees them masked, or not at all); the
# admin token ingests.
admin_auth=("${auth[@]}")
auth=("${officer_auth[@]}")
code=$(curl -s -o /dev/null -w '%{http_code}' "${admin_auth[@]}" "$base/patients/x/accesses")
check "the admin token may not read a patient's access report ($code)" [ "$code" = 403 ]

code=$(curl -s -o "$work/health.json" -w '%{http_code}' "$base/health")
check "health answers 200 without a token" [ "$code" = 200 ]
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/events")
check "events without a token is 401" [ "$code" = 401 ]

# The patient access report for a patient of the generated hospital, paged through, must show
# exactly the accesses the generated files hold for that patient.
curl -s "${auth[@]}" "$base/events?limit=1" > "$work/one.json"
patient=$(json "$work/one.json" "d['events'][0]['patient']['id']")
check "events answer with a patient" [ -n "$patient" ]
expected=$(python3 - "$work/hospital" "$patient" <<'PY'
import csv, json, sys, os
folder, patient = sys.argv[1], sys.argv[2]
n = 0
for line in open(os.path.join(folder, "audit_events.ndjson")):
    ev = json.loads(line)
    n += any(e.get("what", {}).get("reference") == "Patient/" + patient for e in ev.get("entity", []))
for row in csv.DictReader(open(os.path.join(folder, "access_log.csv"))):
    n += row["patient_id"] == patient
print(n)
PY
)
total=0
cursor=""
users_ok=1
while :; do
  curl -s "${auth[@]}" "$base/patients/$patient/accesses?limit=50${cursor:+&cursor=$cursor}" > "$work/page.json"
  n=$(json "$work/page.json" "len(d['accesses'])")
  total=$((total + n))
  [ "$(json "$work/page.json" "all(a['user']['id'] and a['time'] and a['action'] for a in d['accesses'])")" = True ] || users_ok=0
  cursor=$(json "$work/page.json" "d['next_cursor'] or ''")
  [ -z "$cursor" ] && break
done
check "patient report has every access the files hold ($total of $expected)" [ "$total" -eq "$expected" ]
check "every access names who, when and what" [ "$users_ok" -eq 1 ]
check "report names the patient" [ "$(json "$work/page.json" "d['patient']['name'] != ''")" = True ]

code=$(curl -s -o "$work/ingest.json" -w '%{http_code}' "${admin_auth[@]}" -H 'Content-Type: application/fhir+json' \
  --data-binary @"$shared/fhir/r4_examples/audit-event-example-search.json" "$base/ingest/fhir")
check "POST ingest/fhir accepts a spec AuditEvent ($code)" [ "$code" = 200 ]
check "ingest reports one accepted AuditEvent" [ "$(json "$work/ingest.json" "d['by_type']['AuditEvent']['accepted']")" = 1 ]

# The same AuditEvent posted twice (a retry, an interface re-sending): stored once, and said so.
vread="$shared/fhir/r4_examples/audit-event-example-vread.json"
for n in 1 2; do
  code=$(curl -s -o "$work/resend$n.json" -w '%{http_code}' "${admin_auth[@]}" -H 'Content-Type: application/fhir+json' \
    --data-binary @"$vread" "$base/ingest/fhir")
  check "POST ingest/fhir of the vread example, time $n, answers 200 ($code)" [ "$code" = 200 ]
done
check "the first post has no duplicates" [ "$(json "$work/resend1.json" "d['duplicates']")" = 0 ]
check "the second post reports 1 duplicate" [ "$(json "$work/resend2.json" "d['duplicates']")" = 1 ]
check "… counted under AuditEvent, and still as accepted" \
  [ "$(json "$work/resend2.json" "(d['by_type']['AuditEvent']['duplicates'], d['accepted'])")" = "(1, 1)" ]
curl -s "${auth[@]}" "$base/patients/example/accesses" > "$work/resent.json"
check "the patient's access list shows the event once" \
  [ "$(json "$work/resent.json" "[a['event_id'] for a in d['accesses']]")" = "['example-rest']" ]

# The privacy engine through the API: a run, its cases, and the report's explanations.
code=$(curl -s -o "$work/run.json" -w '%{http_code}' "${auth[@]}" -X POST "$base/privacy/run")
check "POST privacy/run answers 200 ($code)" [ "$code" = 200 ]
accesses=$(( $(wc -l < "$work/hospital/access_log.csv") - 1 + $(wc -l < "$work/hospital/audit_events.ndjson") + 2 ))
check "the run looks at every access (the files' and the two posted, the re-sent one once)" \
  [ "$(json "$work/run.json" "d['accesses']")" = "$accesses" ]
check "the run explains accesses by their care team" [ "$(json "$work/run.json" "d['explained_by']['care_team'] > 0")" = True ]
curl -s "${auth[@]}" "$base/privacy/cases?limit=5" > "$work/cases.json"
check "privacy/cases lists cases, highest score first" \
  [ "$(json "$work/cases.json" "len(d['cases']) > 0 and d['cases'] == sorted(d['cases'], key=lambda c: -c['score'])")" = True ]
curl -s "${auth[@]}" "$base/patients/$patient/accesses?limit=50" > "$work/explained.json"
check "after a run, every access in the report says what explains it" \
  [ "$(json "$work/explained.json" "all(a['explanation'] is not None for a in d['accesses'])")" = True ]

# Reviewing a case through the API: look (audited under case:<id>), refuse a jump, dismiss as
# float_pool, accept the proposed rule, run again: the case's accesses are explained by it and
# the open cases it explains are gone.
audit_rows() {  # audit_rows SUBJECT ROUTE: audit records of ROUTE about SUBJECT made with a token
  python3 - "$work/store/ward.db" "$1" "$2" <<'PY'
import sqlite3, sys
db, subject, route = sys.argv[1:]
c = sqlite3.connect(db)
print(c.execute("SELECT count(*) FROM api_audit WHERE subject = ? AND route = ? AND token_id > 0",
                (subject, route)).fetchone()[0])
PY
}
review() {  # review ID JSON-BODY OUT: prints the status code
  curl -s -o "$3" -w '%{http_code}' "${auth[@]}" -X POST -H 'Content-Type: application/json' \
    --data "$2" "$base/privacy/cases/$1/review"
}
new_cases() { curl -s "${auth[@]}" "$base/privacy/cases?status=new&limit=10000" > "$work/new.json"; json "$work/new.json" "len(d['cases'])"; }
curl -s "${auth[@]}" "$base/privacy/cases?status=new&limit=10000" > "$work/all-cases.json"
mapfile -t candidates < <(json "$work/all-cases.json" \
  "'\n'.join(str(c['case_id']) for c in d['cases'] if c['categories'] == 'curiosity' and 'no visit or stay' not in c['reason'])")
check "there are unexplained accesses to patients in care to review (${#candidates[@]} cases)" [ "${#candidates[@]}" -gt 0 ]
first=${candidates[0]:-0}
code=$(curl -s -o "$work/case.json" -w '%{http_code}' "${auth[@]}" "$base/privacy/cases/$first")
check "GET privacy/cases/$first answers 200 ($code)" [ "$code" = 200 ]
check "the case has its timeline, each access unexplained, and no history yet" \
  [ "$(json "$work/case.json" "d['status'] == 'new' and len(d['timeline']) > 0 and all(not a['explained'] and a['time'] and a['action'] for a in d['timeline']) and d['history'] == []")" = True ]
check "the look is in the audit trail under case:$first" [ "$(audit_rows "case:$first" "/api/v1/privacy/cases/{case}")" = 1 ]
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$base/privacy/cases/999999")
check "an unknown case is 404 ($code)" [ "$code" = 404 ]
code=$(review "$first" '{"status": "dismissed", "reason_code": "float_pool", "reason": "x"}' "$work/jump.json")
check "dismissing a new case is 400 ($code)" [ "$code" = 400 ]
check "… saying where the case can go" \
  [ "$(json "$work/jump.json" "d['error']['message']")" = "case $first is new; it can go to in_review, not dismissed" ]
code=$(review "$first" '{"status": "in_review", "colour": "red"}' "$work/bad.json")
check "an unknown key in the body is 400 ($code)" [ "$code" = 400 ]

case_id="" proposal=""
for id in "${candidates[@]}"; do
  [ "$(review "$id" '{"status": "in_review", "assignee": "alice"}' "$work/r.json")" = 200 ] || continue
  [ "$(review "$id" '{"status": "dismissed", "reason_code": "float_pool", "reason": "covering the unit"}' "$work/d.json")" = 200 ] || continue
  proposal=$(json "$work/d.json" "d['proposal']['proposal_id'] if d['proposal'] else ''")
  if [ -n "$proposal" ]; then case_id=$id; break; fi
done
check "a float_pool dismissal proposes a rule (case $case_id, proposal $proposal)" [ -n "$proposal" ]
rule="float_pool_case_$case_id"
check "the history records the token that dismissed it" \
  [ "$(curl -s "${auth[@]}" "$base/privacy/cases/$case_id" | python3 -c "import json,sys; h=json.load(sys.stdin)['history']; print(len(h), h[-1]['to'], h[-1]['actor'].startswith('token:'))")" = "2 dismissed True" ]
curl -s "${auth[@]}" "$base/privacy/proposals?status=proposed" > "$work/proposals.json"
open_cases=$(json "$work/proposals.json" "[p['open_cases'] for p in d['proposals'] if p['proposal_id'] == $proposal][0]")
check "the proposal is listed with its code and count ($open_cases open cases)" \
  [ "$(json "$work/proposals.json" "[p['code'] for p in d['proposals'] if p['proposal_id'] == $proposal][0]")" = "$rule" ]
check "on this hospital the rule explains other open cases too" [ "${open_cases:-0}" -gt 0 ]
before=$(new_cases)
code=$(curl -s -o "$work/accepted.json" -w '%{http_code}' "${auth[@]}" -X POST --data '{"reason": "ok"}' "$base/privacy/proposals/$proposal/accept")
check "POST proposals/$proposal/accept answers 200 ($code)" [ "$code" = 200 ]
check "the accept is in the audit trail under proposal:$proposal" \
  [ "$(audit_rows "proposal:$proposal" "/api/v1/privacy/proposals/{proposal}/accept")" = 1 ]
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -X POST "$base/privacy/proposals/$proposal/reject")
check "a decided proposal cannot be decided again ($code)" [ "$code" = 400 ]
curl -s "${auth[@]}" -X POST "$base/privacy/run" > "$work/rerun.json"
check "the next run explains accesses with $rule" [ "$(json "$work/rerun.json" "d['explained_by'].get('$rule', 0) > 0")" = True ]
check "the case's accesses are explained by $rule" \
  [ "$(curl -s "${auth[@]}" "$base/privacy/cases/$case_id" | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['status'], all(a['code'] == '$rule' for a in d['timeline']))")" = "dismissed True" ]
after=$(new_cases)
check "the open cases the rule explains are gone ($before before, $after after, $open_cases explained)" \
  [ $((before - after)) -eq "$open_cases" ]

# PHI scan: the answer says where and what, never the value; over 1 MiB is 413.
code=$(curl -s -o "$work/phi.json" -w '%{http_code}' "${auth[@]}" -H 'Content-Type: text/plain' \
  --data-binary $'Seen today.\nSSN 460-89-9847, call (617) 555-0134.' "$base/phi/scan")
check "phi/scan answers 200 (got $code)" [ "$code" = 200 ]
check "phi/scan finds the SSN on line 2 and the phone" \
  [ "$(json "$work/phi.json" "[(f['type'], f['line']) for f in d['findings']]")" = "[('ssn', 2), ('phone', 2)]" ]
check "phi/scan never answers with the value" bash -c "! grep -Eq '460-89-9847|555-0134' '$work/phi.json'"
code=$(curl -s -o "$work/phi_hl7.json" -w '%{http_code}' "${auth[@]}" -H 'Content-Type: text/plain' \
  --data-binary @"$shared/hl7v2/ADT-A01-01.hl7" "$base/phi/scan?format=hl7v2")
check "phi/scan reads HL7 v2 (got $code)" [ "$code" = 200 ]
check "phi/scan: PID-19 is an SSN by its field" \
  [ "$(json "$work/phi_hl7.json" "[f['type'] for f in d['findings'] if f['location'] == 'message 1 PID-19']")" = "['ssn']" ]
head -c 1100000 /dev/zero | tr '\0' 'a' > "$work/big.txt"
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -H 'Content-Type: text/plain' --data-binary @"$work/big.txt" "$base/phi/scan")
check "phi/scan over 1 MiB is 413 (got $code)" [ "$code" = 413 ]
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: text/plain' --data-binary 'SSN 460-89-9847' "$base/phi/scan")
check "phi/scan without a token is 401 (got $code)" [ "$code" = 401 ]

second=$("$ward" --data "$work/store" token create --role analyst)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $second" "$base/events?limit=1")
check "a token from 'ward token create' works at once" [ "$code" = 200 ]

check "Ctrl-C stops the server cleanly" stop_serve

finish
