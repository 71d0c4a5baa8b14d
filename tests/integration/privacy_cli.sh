#!/usr/bin/env bash
# `ward privacy` as a privacy officer runs it on the demo hospital: generate, import, run, then
# the cases CSV (exact columns, ids as the input had them, the labelled snooping found) and the
# explanation CSV (one row per access). Usage: privacy_cli.sh WARD
set -uo pipefail
ward=${1:?ward binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"

"$ward" demo --generate "$work/hospital" --users 120 --patients 900 --days 4 --seed 11 > /dev/null
"$ward" --data "$work/store" import "$work/hospital" > /dev/null 2>&1
check "the demo hospital imports" [ $? -eq 0 ]

"$ward" --data "$work/store" privacy run > "$work/run.out" 2>&1
check "ward privacy run exits 0" [ $? -eq 0 ]
check "the run says how much it explained" grep -Eq "^Explained [0-9]+ of [0-9]+ accesses \((9[5-9]|100)\.[0-9]%\)" "$work/run.out"

"$ward" --data "$work/store" privacy cases --format csv --limit 100000 > "$work/cases.csv"
check "cases CSV has the columns scripts rely on" \
  [ "$(head -1 "$work/cases.csv")" = "case_id,user_id,patient_id,score,categories,event_ids,reason" ]
# Every labelled family, self and VIP snooping access is in some case, under the input's ids.
missed=0
while IFS=, read -r event scenario _; do
  case "$scenario" in
    family|self|vip|neighbour|coworker|terminated)
      grep -q -- "$event" "$work/cases.csv" || { echo "  not in any case: $event ($scenario)"; missed=$((missed + 1)); } ;;
  esac
done < <(tail -n +2 "$work/hospital/truth.csv")
check "every labelled relationship access is in a case ($missed missed)" [ "$missed" -eq 0 ]
check "user ids are the employee ids of the input" grep -Eq "^[0-9]+,E1[0-9]{4}," "$work/cases.csv"

"$ward" --data "$work/store" privacy cases --format csv > "$work/cases-default.csv" 2> "$work/cases-default.err"
check "without --limit the CSV holds every case" cmp -s "$work/cases.csv" "$work/cases-default.csv"
check "and says nothing of a limit" [ ! -s "$work/cases-default.err" ]
"$ward" --data "$work/store" privacy cases --format json --limit 3 > "$work/cases.json" 2> "$work/cases-limit.err"
check "a list cut at --limit says so on stderr" grep -q "the 3 highest-scoring cases; more may match" "$work/cases-limit.err"
check "cases JSON parses and has 3 cases" python3 -c "import json,sys; d=json.load(open('$work/cases.json')); sys.exit(0 if len(d)==3 and all('event_ids' in c and 'status' in c for c in d) else 1)"

"$ward" --data "$work/store" privacy explain --format csv > "$work/explain.csv"
check "explain CSV has the columns scripts rely on" [ "$(head -1 "$work/explain.csv")" = "event_id,explained,code,evidence" ]
accesses=$(( $(wc -l < "$work/hospital/access_log.csv") - 1 + $(wc -l < "$work/hospital/audit_events.ndjson") ))
rows=$(( $(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open('$work/explain.csv'))))") - 1 ))
check "one explanation per access ($rows rows for $accesses accesses)" [ "$rows" -eq "$accesses" ]
check "explanations name their encounter" grep -q ",true,care_team,.*enc-" "$work/explain.csv"

# `ward import --privacy` into another, empty store (a bulk load: the run goes beside the index
# build) says and stores what import then `ward privacy run` did.
"$ward" --data "$work/store2" import --privacy "$work/hospital" > "$work/import-privacy.out" 2>&1
check "ward import --privacy exits 0" [ $? -eq 0 ]
check "its summary is the run's" [ "$(sed -n '/^Explained /,$p' "$work/import-privacy.out")" = "$(cat "$work/run.out")" ]
"$ward" --data "$work/store2" privacy explain --format csv > "$work/explain2.csv"
check "it stored the same explanations" cmp -s "$work/explain.csv" "$work/explain2.csv"
"$ward" --data "$work/store2" privacy cases --format csv --limit 100000 > "$work/cases2.csv"
check "and the same cases" cmp -s "$work/cases.csv" "$work/cases2.csv"
check "the store's event indexes are built" python3 -c "import sqlite3,sys; n=sqlite3.connect('$work/store2/ward.db').execute(\"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('events_by_user', 'events_by_patient', 'events_by_mrn')\").fetchone()[0]; sys.exit(0 if n == 3 else 1)"

for sub in privacy "privacy run" "privacy cases" "privacy explain" "bench privacy" import; do
  # shellcheck disable=SC2086
  "$ward" $sub --help > /dev/null 2>&1
  check "ward $sub --help exits 0" [ $? -eq 0 ]
done

finish
