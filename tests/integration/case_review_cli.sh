#!/usr/bin/env bash
# Reviewing privacy cases from the command line, as a privacy officer would on the demo hospital:
# run, look at a case (and find the look in the audit trail), dismiss it as float_pool, see the
# proposed rule with the number of open cases it explains, accept it, run again, and find the
# case's accesses explained by the new rule and the cases it explains gone.
# Usage: case_review_cli.sh WARD
set -uo pipefail
ward=${1:?ward binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
data=(--data "$work/store")
json() {  # json FILE PYTHON-EXPRESSION-ON-d
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
audit_rows() {  # audit_rows SUBJECT ROUTE: how many audit records of ROUTE about SUBJECT by this user
  python3 - "$work/store/ward.db" "$1" "$2" "cli:$(id -un)" <<'PY'
import sqlite3, sys
db, subject, route, actor = sys.argv[1:]
c = sqlite3.connect(db)
print(c.execute("SELECT count(*) FROM api_audit WHERE subject = ? AND route = ? AND actor = ? "
                "AND token_id = 0 AND method = 'CLI'", (subject, route, actor)).fetchone()[0])
PY
}
new_cases() { "$ward" "${data[@]}" privacy cases --status new --limit 100000 | tail -n +2 | wc -l; }

"$ward" demo --generate "$work/hospital" --users 120 --patients 900 --days 4 --seed 11 > /dev/null
"$ward" "${data[@]}" import "$work/hospital" > /dev/null 2>&1
check "the demo hospital imports" [ $? -eq 0 ]
"$ward" "${data[@]}" privacy run > /dev/null
check "ward privacy run exits 0" [ $? -eq 0 ]

# Unexplained looks at patients who were in the hospital's care: the kind a float-pool or
# covering colleague makes. Candidates, highest score first.
"$ward" "${data[@]}" privacy cases --format json --limit 100000 > "$work/cases.json"
mapfile -t candidates < <(json "$work/cases.json" \
  "'\n'.join(str(c['case_id']) for c in d if c['categories'] == 'curiosity' and 'no visit or stay' not in c['reason'])")
check "the demo has unexplained accesses to patients in care (${#candidates[@]} cases)" [ "${#candidates[@]}" -gt 0 ]
first=${candidates[0]}

# Looking at a case: its accesses, each unexplained, and a record in the audit trail.
"$ward" "${data[@]}" privacy case "$first" > "$work/case.txt"
check "ward privacy case exits 0" [ $? -eq 0 ]
check "the case view names the case and its state" grep -q "^case $first: new, score" "$work/case.txt"
check "the timeline says each access is unexplained" grep -Eq "^  20[0-9-]+T[0-9:.]+Z  read .* unexplained$" "$work/case.txt"
check "the look is in the audit trail under case:$first and cli:$(id -un)" \
  [ "$(audit_rows "case:$first" "ward privacy case {id}")" = 1 ]
"$ward" "${data[@]}" privacy case "$first" --format json > "$work/case.json"
check "the JSON view has a timeline and an empty history" \
  [ "$(json "$work/case.json" "len(d['timeline']) > 0 and d['history'] == [] and d['timeline'][0]['explained'] is False")" = True ]
"$ward" "${data[@]}" privacy case 999999 > /dev/null 2> "$work/missing.err"
check "an unknown case exits 1 and says so" grep -q "there is no case 999999" "$work/missing.err"

# A change the workflow does not allow is refused, and says where the case can go.
"$ward" "${data[@]}" privacy review "$first" --status dismissed --reason-code float_pool --reason x \
  > /dev/null 2> "$work/refused.err"
check "dismissing a new case exits 1" [ $? -eq 1 ]
check "the refusal names the case, its state and the next state" \
  grep -q "case $first is new; it can go to in_review, not dismissed" "$work/refused.err"
check "the refused attempt is audited too" [ "$(audit_rows "case:$first" "ward privacy review {id}")" = 1 ]

# Dismiss as float_pool; the first candidate whose rule explains its own accesses proposes it.
case_id="" proposal=""
for id in "${candidates[@]}"; do
  "$ward" "${data[@]}" privacy review "$id" --status in_review --assignee alice > /dev/null || continue
  "$ward" "${data[@]}" privacy review "$id" --status dismissed --reason-code float_pool \
    --reason "agency physician covering the unit" > "$work/dismissed.txt" || continue
  proposal=$(sed -n 's/^proposal \([0-9]*\): float_pool_case_'"$id"'$/\1/p' "$work/dismissed.txt")
  if [ -n "$proposal" ]; then case_id=$id; break; fi
done
check "a float_pool dismissal proposes a rule (case $case_id, proposal $proposal)" [ -n "$proposal" ]
code="float_pool_case_$case_id"
check "the proposal says where it came from" \
  grep -q "proposed from the dismissal of case $case_id by cli:$(id -un) (float_pool)" "$work/dismissed.txt"

"$ward" "${data[@]}" privacy proposals --status proposed > "$work/proposals.csv"
check "proposals CSV has its columns" [ "$(head -1 "$work/proposals.csv")" = \
  "proposal_id,case_id,status,code,open_cases,description,rule_yaml,proposed,proposed_by,decided,decided_by,decision_reason" ]
open_cases=$(python3 - "$work/proposals.csv" "$proposal" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    if row["proposal_id"] == sys.argv[2]:
        print(row["open_cases"])
PY
)
check "the proposal is listed with the number of open cases it explains ($open_cases)" [ -n "$open_cases" ]
check "the dismissal said the same number" grep -q "explains $open_cases other open case" "$work/dismissed.txt"
"$ward" "${data[@]}" privacy proposals --format json > "$work/proposals.json"
check "the proposal's rule is YAML the configuration takes" \
  [ "$(json "$work/proposals.json" "[p for p in d if p['proposal_id'] == $proposal][0]['rule_yaml'].startswith('- {code: $code, ')")" = True ]

check "on this hospital the rule explains other open cases too" [ "${open_cases:-0}" -gt 0 ]
before=$(new_cases)
"$ward" "${data[@]}" privacy proposal accept "$proposal" --reason "the float pool covers every unit" > "$work/accept.txt"
check "accepting the proposal exits 0" [ $? -eq 0 ]
check "accepting says from when the rule is used" grep -q "rule $code explains accesses from the next" "$work/accept.txt"
"$ward" "${data[@]}" privacy proposal accept "$proposal" > /dev/null 2> "$work/twice.err"
check "a proposal is decided once" grep -q "already accepted" "$work/twice.err"
check "the decision is audited under proposal:$proposal" \
  [ "$(audit_rows "proposal:$proposal" "ward privacy proposal accept {id}")" = 2 ]

"$ward" "${data[@]}" privacy run > "$work/rerun.out"
check "the next run explains accesses with the accepted rule" grep -Eq "^  $code +[1-9][0-9]*$" "$work/rerun.out"
"$ward" "${data[@]}" privacy explain --format csv > "$work/explain.csv"
"$ward" "${data[@]}" privacy cases --status dismissed --format json > "$work/dismissed.json"
unexplained_left=$(python3 - "$work/explain.csv" "$work/dismissed.json" "$case_id" "$code" <<'PY'
import csv, json, sys
explain, dismissed, case_id, code = sys.argv[1:]
ids = [c["event_ids"].split(";") for c in json.load(open(dismissed)) if c["case_id"] == int(case_id)][0]
codes = {row["event_id"]: row["code"] for row in csv.DictReader(open(explain))}
print(sum(codes.get(i) != code for i in ids))
PY
)
check "every access of the dismissed case is explained by $code ($unexplained_left not)" [ "$unexplained_left" = 0 ]
after=$(new_cases)
check "the open cases the rule explains are gone ($before new cases before, $after after, $open_cases explained)" \
  [ $((before - after)) -eq "$open_cases" ]
"$ward" "${data[@]}" privacy case "$case_id" > "$work/case-after.txt"
check "the dismissed case keeps its state after the run" grep -q "^case $case_id: dismissed," "$work/case-after.txt"
check "… and its history" grep -q "^history (2)$" "$work/case-after.txt"
check "… and its accesses now show the rule" grep -q "  $code: " "$work/case-after.txt"

for sub in "privacy case" "privacy review" "privacy proposals" "privacy proposal" "privacy proposal accept"; do
  # shellcheck disable=SC2086
  "$ward" $sub --help > /dev/null 2>&1
  check "ward $sub --help exits 0" [ $? -eq 0 ]
done

finish
