#!/usr/bin/env bash
# JSON lines imported while `ward serve` runs: the server (127.0.0.1, free port, two SigmaHQ
# Windows rules) is started; from another process `ward import --format json-lines` stores
# SigmaHQ's regression events for one rule (compacted one per line), an evtx_dump export of a
# Security 4688 event, a line without a time and a line that is not JSON. The server's live
# detection finds the new events in the store by itself and raises the alerts `ward detect`
# gives for the same file (seen over the API and with `ward alerts list`); importing the file
# again stores nothing and raises nothing twice. Then Ctrl-C.
# Usage: import_live.sh WARD SHARED_DATA   (KEEP_WORK=1 keeps the work folder)
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
require_tools curl python3
work=$(mktemp -d)
# shellcheck source=serve.sh
source "$(dirname "$0")/serve.sh"
trap end_serve_work EXIT

sigma=$shared/sigma
mkdir -p "$work/rules" "$work/store"
cp "$sigma/rules/windows/process_creation/proc_creation_win_office_spawn_exe_from_users_directory.yml" \
   "$sigma/rules/windows/process_creation/proc_creation_win_reg_system_restore_modification.yml" "$work/rules/"
office_id=$(sed -n 's/^id: //p' "$work/rules/proc_creation_win_office_spawn_exe_from_users_directory.yml")
restore_id=$(sed -n 's/^id: //p' "$work/rules/proc_creation_win_reg_system_restore_modification.yml")

# The regression events (pretty-printed, back to back) one per line, as `jq -c .` writes them.
python3 - "$sigma/regression_data/rules/windows/process_creation/proc_creation_win_reg_system_restore_modification/7c06ab9b-b1d2-4ba9-b06e-09491ded20d9.json" \
  > "$work/windows.jsonl" << 'PY'
import json, sys
text, decoder, at = open(sys.argv[1]).read(), json.JSONDecoder(), 0
while text[at:].strip():
    obj, end = decoder.raw_decode(text, at + len(text[at:]) - len(text[at:].lstrip()))
    print(json.dumps(obj, separators=(",", ":"), ensure_ascii=False))
    at = end
PY
cat >> "$work/windows.jsonl" << 'EOF'
{"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Security-Auditing"}},"EventID":4688,"Channel":"Security","Computer":"ward-ws-12.hospital.example","TimeCreated":{"#attributes":{"SystemTime":"2026-11-30T09:12:44.512Z"}}},"EventData":{"SubjectUserName":"jdoe","NewProcessName":"C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice.exe","ParentProcessName":"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE"}}}
{"message":"an event without a time"}
{"message": "cut off
EOF
lines=$(wc -l < "$work/windows.jsonl")
check "the test file has the regression events, the 4688 event and two odd lines" [ "$lines" -ge 6 ]

start_serve "$work/store" --rules "$work/rules"
check "serve prints the API URL" [ -n "$port" ]
check "serve says live detection runs two rules" grep -q "Live detection: 2 Sigma rules" "$work/serve.out"

status() { curl -s "${auth[@]}" "$base/detection/status" > "$work/status.json"; }
alerts() { curl -s "${auth[@]}" "$base/alerts?limit=100" > "$work/alerts.json"; }
# Waits up to 20 s for the Python expression (on `d`, the JSON of the call) to be true.
wait_for() {  # wait_for status|alerts EXPR
  for _ in $(seq 1 400); do
    $1
    [ "$(json "$work/$1.json" "$2")" = True ] && return 0
    sleep 0.05
  done
  echo "  gave up waiting for $2 in $(cat "$work/$1.json")"
  return 1
}
check "status: live, nothing scanned yet" wait_for status "d['live'] and d['idle'] and d['events_scanned'] == 0"

# Another process writes into the store the server has open.
rc=0
"$ward" --data "$work/store" import --format json-lines "$work/windows.jsonl" > "$work/import.out" 2> "$work/import.err" || rc=$?
check "import exits 3: one line rejected, the rest imported (got $rc)" [ "$rc" -eq 3 ]
check "the bad line is reported with file and line" \
  grep -q "rejected: $work/windows.jsonl:$lines: line: not valid JSON" "$work/import.err"
check "the line without a time is noted with file, line and field, and kept" \
  grep -q "note: $work/windows.jsonl:$((lines - 1)): time: none of the usual time fields" "$work/import.err"
check "the summary counts the accepted lines" \
  grep -Eq "^  json line +$((lines - 1)) +1 +0 +0$" "$work/import.out"

check "the server scans the imported events without being told" \
  wait_for status "d['events_scanned'] == $((lines - 1)) and d['last_error'] is None"
check "the 4688 event raises the Office rule under Sysmon's names" \
  wait_for alerts "sum(a['rule']['id'] == '$office_id' for a in d['alerts']) == 1"
check "the alert names the host and the imported file" \
  [ "$(json "$work/alerts.json" "[(a['host'], a['source']) for a in d['alerts'] if a['rule']['id'] == '$office_id'][0]")" = \
    "('ward-ws-12.hospital.example', '$work/windows.jsonl')" ]

# The same alerts as `ward detect` on the same file.
"$ward" detect --rules "$work/rules" --output json "$work/windows.jsonl" > "$work/detect.out" 2> "$work/detect.err"
check "live alerts are ward detect's matches (rule and event time)" python3 -c "
import json
hunt = sorted((r['rule_id'], r['time']) for r in map(json.loads, open('$work/detect.out')))
live = sorted((a['rule']['id'], a['time']) for a in json.load(open('$work/alerts.json'))['alerts'])
assert hunt and any(r == '$restore_id' for r, _ in hunt), hunt
assert [r for r, _ in hunt] == [r for r, _ in live], (hunt, live)
"
"$ward" --data "$work/store" alerts list > "$work/list.out" 2>&1
check "ward alerts list shows the alert" grep -q "Suspicious Binary In User Directory Spawned From Office" "$work/list.out"

# Importing the file again stores nothing twice, so nothing is detected twice.
alerted=$(json "$work/alerts.json" "len(d['alerts'])")
rc=0
"$ward" --data "$work/store" import --format json-lines "$work/windows.jsonl" > "$work/again.out" 2>&1 || rc=$?
check "the second import reports every event as a duplicate" \
  grep -Eq "^  json line +$((lines - 1)) +1 +0 +$((lines - 1))$" "$work/again.out"
sleep 3  # longer than the server's look in the store (2 s)
status
check "no event scanned twice" [ "$(json "$work/status.json" "d['events_scanned']")" = $((lines - 1)) ]
alerts
check "no alert raised twice" [ "$(json "$work/alerts.json" "len(d['alerts'])")" = "$alerted" ]
check "Ctrl-C stops ward serve" stop_serve

finish
