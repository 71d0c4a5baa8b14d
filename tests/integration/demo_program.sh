#!/usr/bin/env bash
# `make demo`'s security program (scripts/demo_program) as the compliance officer then sees it:
# the vendors with the clearinghouse's BAA running out and the PACS vendor's questionnaire, the stolen laptop's breach deadlines with
# days left, the resilience findings (a restore test over a year old, a restore slower than the
# RTO, an overdue exercise action), the risks, the CSF assessment, and the board report built
# from all of it. Dates are relative to today, so the days left are checked against today.
# Usage: demo_program.sh WARD REPO_ROOT
set -uo pipefail
ward=${1:?ward binary}
root=${2:?repository root}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
ward_args=(--data "$work/store")

"$root/scripts/demo_program" "$ward" "$work/store" > "$work/seed.out" 2> "$work/seed.err"
check "the demo program prints what it seeded" [ -s "$work/seed.out" ]
check "the demo program seeds without an error ($(tail -n 3 "$work/seed.err" | tr '\n' ' '))" [ ! -s "$work/seed.err" ]

run vendors program vendor list
check "three vendors" [ "$(grep -c "Meridian Claims Exchange\|Northlight Imaging\|Vaultline Backup" "$work/vendors.out")" -eq 3 ]
run pacs program vendor show "Northlight Imaging"
check "the PACS vendor's risk carries its answered questionnaire, weak, with its gaps" \
  grep -q "+15 security questionnaire 1 (sent $(date -u +%F)) scored [0-9]*/100, weak" "$work/pacs.out"
run questionnaire program vendor questionnaire show 1
check "the questionnaire says which answers were no (MFA on the support VPN)" grep -q "no: mfa (.*not on the support VPN" "$work/questionnaire.out"
run backupvendor program vendor show "Vaultline Backup"
check "the backup vendor's questionnaire is named but not counted yet (5 of 20 answered)" \
  grep -q "+0 security questionnaire 2 (sent $(date -u +%F)) not complete (5 of 20 answered): not counted yet" "$work/backupvendor.out"
run reminders program reminders --within 60
check "the clearinghouse's BAA runs out in 40 days" grep -q "^$(date -u -d '40 days' +%F) *40 days *Meridian Claims Exchange *BAA$" "$work/reminders.out"

run deadlines program deadlines
due=$(date -u -d "$(date -u -d '12 days ago' +%F) + 60 days" +%F)
check "individuals, HHS and the media in CA are due 60 days after discovery ($due), 48 days left" \
  [ "$(grep -c "^ *1  $due  *48  " "$work/deadlines.out")" -eq 3 ]
check "no media notice for Nevada's 80 residents" bash -c "! grep -q 'media:NV' '$work/deadlines.out'"

run resilience program resilience
check "the EHR restore test is 400 days old" grep -q "EHR: backup 1 (database and documents) was last restore-tested on $(date -u -d '400 days ago' +%F), 400 days ago" "$work/resilience.out"
check "the EHR restore took longer than its RTO" grep -q "took 6h to restore on .*; the RTO is 4h" "$work/resilience.out"
check "the ED downtime packs action is 10 days late" grep -q "action 1: Put downtime packs .* 10 days late" "$work/resilience.out"
check "the backup vendor is a single point of failure of the EHR" grep -q "vendor Vaultline Backup: 1 tier-1 service depends on it (EHR)" "$work/resilience.out"

run risks program risk list --format json
check "three risks, ransomware first at 20" python3 -c "
import json, sys
r = json.load(open('$work/risks.out'))
risks = r['risks'] if isinstance(r, dict) else r
assert len(risks) == 3, len(risks)
first = [x for x in risks if x['title'] == 'Ransomware stops the EHR'][0]
assert first['inherent_score'] == 20, first
snoop = [x for x in risks if x['title'] == 'Staff snoop in patient records'][0]
assert snoop['residual_score'] == 6, snoop
"

run report report board --out "$work/board.html"
check "the board report is written (exit $rc)" [ "$rc" -eq 0 ]
check "it names the top risk" grep -q "Ransomware stops the EHR" "$work/board.html"
check "and the cheapest risk reduction first: the quarterly restore test" python3 -c "
import re
text = re.sub(r'<[^>]+>', ' ', open('$work/board.html').read())
a, b = text.find('restore-test the EHR backup every quarter'), text.find('segment the clinical network')
assert 0 <= a < b, (a, b)
"
finish
