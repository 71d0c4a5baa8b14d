#!/usr/bin/env bash
# `ward detect` as an analyst runs it: --check over the SigmaHQ rules, a hunt over one
# regression file (table and JSON lines), a bad JSON record named by file and line, exit statuses.
# Usage: detect_cli.sh WARD SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
run() {  # run NAME ARGS...: stdout in $work/NAME.out, stderr in $work/NAME.err, status in $rc
  local name=$1
  shift
  rc=0
  "$ward" "$@" > "$work/$name.out" 2> "$work/$name.err" || rc=$?
}
sigma=$shared/sigma
regression=$sigma/regression_data/rules/windows/process_creation/proc_creation_win_sc_stop_service
rule_id=81bcb81b-5b1f-474b-b373-52c871aaa7b1

run check detect --rules "$sigma/rules" --check
check "--check over rules/ exits 0 when all compile (got $rc)" [ "$rc" -eq 0 ]
check "--check prints parsed N/M, compiled N/M" grep -Eq '^parsed [0-9]+/[0-9]+, compiled [0-9]+/[0-9]+$' "$work/check.out"
check "at least 98% of rules/ compile" \
  awk -F'[ /,]+' '/^parsed/ { ok = $5 / $6 >= 0.98 } END { exit !ok }' "$work/check.out"

run placeholder detect --rules "$sigma/rules-placeholder" --check
check "--check exits 1 when some rules do not compile (got $rc)" [ "$rc" -eq 1 ]
check "each failure names its file and reason" \
  grep -q 'win_security_admin_logon.yml: not compiled: .*placeholder %Admins_Workstations% has no configured value' "$work/placeholder.out"

run hunt detect --rules "$sigma/rules" "$regression/$rule_id.json"
check "a hunt exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "the rule fires: its id, title and file:event in the table" \
  grep -Eq "Stop Windows Service Via Sc\.EXE +$rule_id +.*$rule_id\.json:1$" "$work/hunt.out"
check "the table shows the event time" grep -q '^2025-10-22T20:33:27' "$work/hunt.out"
check "the summary line counts events, rules and matches" \
  grep -Eq '^1 events read from 1 file\(s\), [0-9]+ rules run, [1-9][0-9]* matches$' "$work/hunt.out"

run json detect --rules "$sigma/rules" --output json "$regression/$rule_id.json"
check "JSON output exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "JSON lines carry rule id, level, tags, file, event and matched fields" \
  python3 -c "
import json, sys
rows = [json.loads(l) for l in open('$work/json.out')]
row = next(r for r in rows if r['rule_id'] == '$rule_id')
assert row['event'] == 1 and row['file'].endswith('$rule_id.json') and row['level'] and row['tags']
assert any(m['field'] == 'CommandLine' or m['field'] == 'Image' for m in row['matched']), row['matched']
"
check "the JSON summary goes to stderr" grep -q 'events read from 1 file' "$work/json.err"

# A bad record between good ones: named by file and line, the others still searched.
{ tr -d '\n' < "$regression/$rule_id.json"; echo; echo '{"CommandLine": broken}'; tr -d '\n' < "$regression/$rule_id.json"; echo; } > "$work/mixed.json"
run mixed detect --rules "$sigma/rules" "$work/mixed.json"
check "a bad record gives exit 3 (got $rc)" [ "$rc" -eq 3 ]
check "the bad record is named by file and line" grep -q "mixed.json:2: bad JSON in the record at byte" "$work/mixed.err"
check "the records around it are searched" grep -Eq '^2 events read' "$work/mixed.out"

run missing detect --rules "$work/no-such-folder" --check
check "a missing rule folder is an error (got $rc)" [ "$rc" -eq 1 ]
check "it names the folder" grep -q "no-such-folder: no such rule folder" "$work/missing.err"

finish
