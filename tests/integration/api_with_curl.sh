#!/usr/bin/env bash
# End to end, as a user would: generate a hospital, import it, serve the API on a free port and
# ask it with curl; then stop the server with Ctrl-C (SIGINT). Usage: api_with_curl.sh WARD SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
json() {  # json FILE PYTHON-EXPRESSION-ON-d
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

"$ward" demo --generate "$work/hospital" --users 30 --patients 200 --days 2 --seed 7 > /dev/null
check "demo generates" [ -s "$work/hospital/audit_events.ndjson" ]
rc=0
"$ward" --data "$work/store" import "$work/hospital" > "$work/import.txt" 2>&1 || rc=$?
check "import of the generated hospital exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "import prints a summary per type" grep -q "AuditEvent" "$work/import.txt"

"$ward" --data "$work/store" serve --listen 127.0.0.1:0 > "$work/serve.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 200); do grep -q 'http://' "$work/serve.out" && break; sleep 0.05; done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1 | sed 's/.*://')
token=$(grep -o 'ward_[0-9a-f]\{64\}' "$work/serve.out" | head -1)
check "serve prints its URL" [ -n "$port" ]
check "serve prints an admin token on first start" [ -n "$token" ]
base="http://127.0.0.1:$port/api/v1"
auth=(-H "Authorization: Bearer $token")

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

code=$(curl -s -o "$work/ingest.json" -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/fhir+json' \
  --data-binary @"$shared/fhir/r4_examples/audit-event-example-search.json" "$base/ingest/fhir")
check "POST ingest/fhir accepts a spec AuditEvent ($code)" [ "$code" = 200 ]
check "ingest reports one accepted AuditEvent" [ "$(json "$work/ingest.json" "d['by_type']['AuditEvent']['accepted']")" = 1 ]

# The same AuditEvent posted twice (a retry, an interface re-sending): stored once, and said so.
vread="$shared/fhir/r4_examples/audit-event-example-vread.json"
for n in 1 2; do
  code=$(curl -s -o "$work/resend$n.json" -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/fhir+json' \
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

second=$("$ward" --data "$work/store" token create --role analyst)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $second" "$base/events?limit=1")
check "a token from 'ward token create' works at once" [ "$code" = 200 ]

kill -INT "$server_pid"
stopped=0
for _ in $(seq 1 100); do
  if ! kill -0 "$server_pid" 2>/dev/null; then stopped=1; break; fi
  sleep 0.05
done
wait "$server_pid"
rc=$?
server_pid=""
check "Ctrl-C stops the server cleanly (exit $rc)" [ "$stopped:$rc" = "1:0" ]

finish
