#!/usr/bin/env bash
# `ward alerts` as an analyst works alerts at a shell: alerts saved by a hunt (`ward detect
# --save`) listed as a table, CSV and JSON with filters; one shown with its rule, ATT&CK tags,
# matched fields, raw event and history; acknowledged, then closed with a resolution; changes a
# closed alert cannot take refused with the reason; unknown ids and bad filters refused; every
# command in Ward's audit trail.
# Usage: alerts_cli.sh WARD SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
require_tools python3
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
ward_args=(--data "$work/store")
audit_rows() { cli_audit_rows "$work/store/ward.db" "$1" "$2"; }  # audit_rows SUBJECT COMMAND
sigma=$shared/sigma
regression=$sigma/regression_data/rules/windows/process_creation/proc_creation_win_sc_stop_service
rule_id=81bcb81b-5b1f-474b-b373-52c871aaa7b1

run save detect --rules "$sigma/rules" --save "$regression/$rule_id.json"
check "the hunt saves alerts (got $rc)" [ "$rc" -eq 0 ]
saved=$(sed -nE 's/^([0-9]+) new alert\(s\) saved in .*/\1/p' "$work/save.out")
check "… at least one ($saved)" [ "${saved:-0}" -ge 1 ]

run table alerts list
check "list exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "the table has a header and counts the alerts" grep -q "^$saved alerts\?$" "$work/table.out"
check "the table shows the rule's title, open" grep -Eq ' open +.*Stop Windows Service Via Sc\.EXE' "$work/table.out"

run csv alerts list --format csv
check "CSV has its header" grep -q '^alert_id,time,detected,level,status,resolution,kind,rule_id,rule_title,tags,host,user,source,event_ref$' "$work/csv.out"
check "CSV has a row per saved alert" [ "$(($(wc -l < "$work/csv.out") - 1))" -eq "$saved" ]
id=$(python3 -c "
import csv, sys
rows = [r for r in csv.DictReader(open('$work/csv.out')) if r['rule_id'] == '$rule_id']
print(rows[0]['alert_id'] if rows else '')")
check "the rule's alert is in the CSV" [ -n "$id" ]

run json alerts list --rule "$rule_id" --format json
check "--rule with JSON exits 0" [ "$rc" -eq 0 ]
check "JSON lists only that rule's alerts, with their ATT&CK tags" python3 -c "
import json
rows = json.load(open('$work/json.out'))
assert rows and all(r['rule']['id'] == '$rule_id' for r in rows), rows
assert any(t.startswith('attack.') for t in rows[0]['tags']), rows[0]
assert 'raw' not in rows[0]"

run show alerts show "$id"
check "show exits 0" [ "$rc" -eq 0 ]
check "show names the alert, its rule and its status" grep -q "^alert $id: Stop Windows Service Via Sc.EXE ($rule_id)" "$work/show.out"
check "… its tags" grep -Eq '^tags: .*attack\.' "$work/show.out"
check "… the matched fields" grep -Eq '^  (Image|CommandLine|OriginalFileName): ' "$work/show.out"
check "… the raw event" grep -Eq '^raw event:' "$work/show.out"
check "… an empty history" grep -q '^history (0):' "$work/show.out"

run ack alerts ack "$id" --comment "looking at it"
check "ack exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "ack says what changed and who" grep -Eq "^alert $id: open -> acknowledged by cli:" "$work/ack.out"
run close_bare alerts close "$id"
check "close without --resolution is refused" [ "$rc" -ne 0 ]
run close alerts close "$id" --resolution benign --comment "admin stopping a service on a test box"
check "close exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "close says the resolution" grep -Eq "^alert $id: acknowledged -> closed as benign by cli:" "$work/close.out"
run reopen alerts ack "$id"
check "a closed alert cannot be acknowledged (exit 1)" [ "$rc" -eq 1 ]
check "… and the error says why" grep -q "closed" "$work/reopen.err"

run closed alerts list --status closed --format csv
check "--status closed lists it, resolved as benign" grep -Eq "^$id,.*,closed,benign," "$work/closed.out"
run history alerts show "$id" --format json
check "the JSON history has both changes with the comments" python3 -c "
import json
a = json.load(open('$work/history.out'))
h = a['history']
assert a['status'] == 'closed' and a['resolution'] == 'benign', a
assert [c['to'] for c in h] == ['acknowledged', 'closed'], h
assert h[0]['comment'] == 'looking at it' and h[0]['actor'].startswith('cli:'), h
assert 'raw' in a"

run missing alerts show 999999
check "an unknown alert exits 1" [ "$rc" -eq 1 ]
check "… naming it" grep -q 'there is no alert 999999' "$work/missing.err"
run bad_level alerts list --level severe
check "an unknown level is refused" [ "$rc" -ne 0 ]
run bad_from alerts list --from yesterday
check "a bad --from is refused (exit 1)" [ "$rc" -eq 1 ]
check "… naming the option" grep -q -- '--from' "$work/bad_from.err"

check "each show is in the audit trail" [ "$(audit_rows "alert:$id" "ward alerts show {id}")" -eq 2 ]
check "the unknown alert's show too" [ "$(audit_rows "alert:999999" "ward alerts show {id}")" -eq 1 ]
check "ack and close are in the audit trail" \
  [ "$(audit_rows "alert:$id" "ward alerts ack {id}")" -eq 2 ] && [ "$(audit_rows "alert:$id" "ward alerts close {id}")" -eq 1 ]
check "lists are in the audit trail" [ "$(audit_rows "" "ward alerts list")" -ge 4 ]
finish
