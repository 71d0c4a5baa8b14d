#!/usr/bin/env bash
# AI governance as a governance committee uses it: a system registered from JSON (risk tier and
# required evidence shown), approval refused while evidence and reviews are missing, a bias test
# on the generated readmission predictions stored as evidence (injected gap flagged, the small
# group reported as too small, bad rows named), reviews, approval with conditions, the AI RMF
# checklist and the transparency page.
# Usage: ai_cli.sh WARD GOLDEN_DIR
set -uo pipefail
ward=${1:?ward binary}
golden=${2:?tests/golden/ai_governance}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
ward_args=(--data "$work/store")

run add ai add "$golden/sepsis_watch.json"
check "add exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "the tier and its reasons are shown" grep -q "^added sepsis-watch: risk tier moderate (its output informs clinical decisions; it augments the user's decision; it receives PHI, and so does the vendor; it is a predictive decision support intervention (HTI-1))$" "$work/add.out"
run flags ai add --name "Meeting Notes Summariser" --vendor Example --domain notes.example.com
check "a system from flags is low tier" grep -q "^added meeting-notes-summariser: risk tier low" "$work/flags.out"

run early ai approve sepsis-watch --reason "looks good"
check "approval without evidence is refused (exit $rc)" [ "$rc" -eq 1 ]
check "the refusal says what is missing" grep -q "missing evidence: baa (the vendor receives PHI), local_validation" "$work/early.err"

run fair ai fairness --predictions "$golden/readmission_predictions.csv" --label readmitted_30d --score risk_score \
  --group race --bootstrap 300 --seed 5 --system sepsis-watch
check "skipped rows exit 3 (got $rc)" [ "$rc" -eq 3 ]
check "skipped rows are counted" grep -q "^2403 rows read, 2400 used, 3 skipped; 1 label not 0/1; 1 score not a number; 1 wrong number of fields$" "$work/fair.out"
check "the bad score is named by line and column" grep -q "readmission_predictions.csv:2402: risk_score: the score is not a number" "$work/fair.err"
check "the small group is too small, not a number" grep -q "^  n=12 < 30: too few for a rate$" "$work/fair.out"
check "the injected gap is flagged for group B" grep -q "^FLAG: equal_opportunity_difference 0.236 (95% CI .*) for group 'B' is over the threshold 0.100$" "$work/fair.out"
check "the result is stored as evidence" grep -q "stored as evidence #1 (bias_test) on sepsis-watch" "$work/fair.err"
run fairjson ai fairness --predictions "$golden/readmission_predictions.csv" --label readmitted_30d --score risk_score --group race --group sex --format json --bootstrap 50
check "intersectional groups in JSON" grep -q '"group": "B / F"' "$work/fairjson.out"
run badcol ai fairness --predictions "$golden/readmission_predictions.csv" --label outcome --score risk_score --group race
check "an unknown column lists the columns" grep -q "no label column 'outcome'; the columns are: encounter, readmitted_30d, risk_score, sex, race" "$work/badcol.err"

for kind in baa local_validation monitoring_plan; do
  run "ev_$kind" ai evidence sepsis-watch --kind "$kind" --summary "$kind on file in the contracts folder"
done
check "evidence is numbered" grep -q "^evidence #4 (monitoring_plan) recorded on sepsis-watch$" "$work/ev_monitoring_plan.out"
for area in security privacy clinical legal fairness; do
  run "rv_$area" ai review sepsis-watch --area "$area" --outcome pass --notes "ok"
done
run noattr ai approve sepsis-watch --reason "validated locally"
check "a predictive DSI without its HTI-1 source attributes is refused (exit $rc)" [ "$rc" -eq 1 ]
check "the refusal names the missing source attributes" grep -q "predictive DSI without HTI-1 source attributes (26 of 29): developer_name_and_contact, funding_source" "$work/noattr.err"
run approve ai approve sepsis-watch --reason "validated locally" --conditions "nurse confirms every alert" --next-review 2027-06-01 \
  --hti1-exception "vendor sends the rest in Q1"
check "approval with everything in place and an exception for the attributes (exit $rc)" [ "$rc" -eq 0 ]
check "approval states the re-review date" grep -q "^sepsis-watch approved; re-review by 2027-06-01$" "$work/approve.out"

run rmf ai rmf sepsis-watch --set MEASURE-2.11 --met yes --evidence "bias test #1"
check "the checklist answer is shown" grep -q "^MEASURE-2.11 \[ met \] .* — evidence: bias test #1$" "$work/rmf.out"
check "the checklist counts" grep -q "^1 of 72 met, 1 answered$" "$work/rmf.out"
run badrmf ai rmf sepsis-watch --set MEASURE-9.9 --met yes
check "an unknown subcategory is refused" grep -q "'MEASURE-9.9' is not an AI RMF 1.0 subcategory" "$work/badrmf.err"

run show ai show sepsis-watch
check "show has the status and history with who" grep -q "^Sepsis Watch (sepsis-watch) — approved$" "$work/show.out"
check "show records the approver and why" grep -q "approved by cli:.*: validated locally — exception: HTI-1 source attributes missing (developer_name_and_contact, .*): vendor sends the rest in Q1 — conditions: nurse confirms every alert; re-review by 2027-06-01" "$work/show.out"
check "the CLI's changes are in Ward's audit trail: the approval" [ "$(cli_audit_rows "$work/store/ward.db" system:sepsis-watch "ward ai approve {id}")" = 3 ]
check "… the reviews and evidence" [ "$(cli_audit_rows "$work/store/ward.db" system:sepsis-watch "ward ai review {id}")" = 5 ]
check "… the registration" [ "$(cli_audit_rows "$work/store/ward.db" system:sepsis-watch "ward ai add")" = 1 ]
run list ai list
check "list shows both systems" [ "$(grep -c -e '^sepsis-watch ' -e '^meeting-notes-summariser ' "$work/list.out")" -eq 2 ]

run page ai transparency --out "$work/ai.html"
check "the page lists one approved system" grep -q "ai.html: 1 approved AI systems" "$work/page.out"
check "the page shows the intended use" grep -q "<dd>Alert nurses to adult inpatients at risk of sepsis</dd>" "$work/ai.html"
check "the page leaves out unapproved systems" bash -c "! grep -q 'Meeting Notes' '$work/ai.html'"
check "missing source attributes are visible" grep -q 'class="missing">not provided' "$work/ai.html"
finish
