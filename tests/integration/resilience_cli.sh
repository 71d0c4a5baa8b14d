#!/usr/bin/env bash
# Resilience as a hospital's continuity lead uses it: services with RTO/RPO depending on a vendor,
# a device of the inventory and each other; bad input refused naming the field with nothing
# saved (RTO "abc", an unknown vendor, a duplicate name, a restore test before the backup
# started); backups whose restore test is too old, slower than the RTO and further apart than
# the RPO; an exercise with an overdue corrective action; the report's findings and single
# points of failure in text and JSON; the commands in Ward's audit trail.
# Usage: resilience_cli.sh WARD
set -uo pipefail
ward=${1:?ward binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
ward_args=(--data "$work/store")
days_ago() { date -u -d "$1 days ago" +%F; }

printf 'Equipment #,Make,Model Name\nBME-001,Philips,IntelliVue MX40\n' > "$work/cmms.csv"
printf 'columns:\n  asset_tag: "Equipment #"\n  manufacturer: Make\n  model: "Model Name"\n' > "$work/cmms.yaml"
run inv devices import "$work/cmms.csv" --mapping "$work/cmms.yaml"
check "the device imports (exit $rc)" [ "$rc" -eq 0 ]
run vendor program vendor add --name "Change Healthcare" --service "claims clearinghouse" --criticality critical
check "the vendor is vendor 1" grep -q "^vendor 1 added: Change Healthcare$" "$work/vendor.out"

run ehr program service add --name EHR --tier 1 --rto 4h --rpo 15m --owner CMIO --vendor 1 --device BME-001 \
  --system "Active Directory" --downtime-procedure "paper charts" --procedure-reviewed "$(days_ago 30)"
check "EHR added (exit $rc)" [ "$rc" -eq 0 ]
check "the add says tier, RTO and RPO" grep -q "^service 1 added: EHR (tier 1, RTO 4h, RPO 15m)$" "$work/ehr.out"

run badrto program service add --name PACS --rto abc --rpo 1h
check "RTO abc is refused (exit $rc)" [ "$rc" -eq 1 ]
check "the error names the field and the value" grep -q 'rto: expected a duration such as 4h, 30m or 2d, got "abc"' "$work/badrto.err"
run badvendor program service add --name PACS --rto 8h --rpo 1h --vendor 9
check "an unknown vendor is refused" grep -q "vendors\[0\]: there is no vendor 9 (ward program vendor list)" "$work/badvendor.err"
run baddevice program service add --name PACS --rto 8h --rpo 1h --device BME-404
check "an unknown device is refused" grep -q 'devices\[0\]: there is no device "BME-404" in the inventory' "$work/baddevice.err"
run dup program service add --name "ehr" --rto 8h --rpo 1h
check "a duplicate name is refused" grep -q 'name: service 1 "EHR" already exists; a service is added once' "$work/dup.err"
run list1 program service list
check "none of the refused services was saved" grep -q "^1 service$" "$work/list1.out"

run pharmacy program service add --name "Pharmacy dispensing" --tier 1 --rto 1h --rpo 15m --depends-on EHR --downtime-procedure "manual dispensing log" --procedure-reviewed "$(days_ago 10)"
check "a service depending on another (exit $rc)" [ "$rc" -eq 0 ]

run bk program backup add --service EHR --what "EHR database" --frequency 1d --offsite \
  --restore-test "$(days_ago 400)" --restore-result success --restore-time 6h
check "a backup is added (exit $rc)" [ "$rc" -eq 0 ]
check "the add names the service" grep -q "^backup 1 added to EHR: EHR database every 1d$" "$work/bk.out"
run badbk program backup add --service EHR --what tape --frequency 1w --offline --started "$(days_ago 20)" \
  --restore-test "$(days_ago 30)" --restore-result success
check "a restore test before the backup started is refused (exit $rc)" [ "$rc" -eq 1 ]
check "the error names last_restore_test" grep -q "last_restore_test: $(days_ago 30) is before started $(days_ago 20): a restore test cannot precede the backup" "$work/badbk.err"
run bklist program backup list
check "the refused backup was not saved" grep -q "^1 backup$" "$work/bklist.out"
run pbk program backup add --service "pharmacy dispensing" --what "dispensing db" --frequency 15m --immutable \
  --restore-test "$(days_ago 365)" --restore-result success --restore-time 1h
check "a backup exactly at every threshold (exit $rc)" [ "$rc" -eq 0 ]

run ex program exercise add --kind tabletop --date "$(days_ago 60)" --service EHR --service "Pharmacy dispensing" \
  --participant CMIO --finding "no paper MAR in ICU"
check "an exercise is recorded" grep -q "^exercise 1 added: tabletop on $(days_ago 60) covering EHR, Pharmacy dispensing$" "$work/ex.out"
run act program exercise action 1 --text "stock paper MARs in ICU" --owner nursing --due "$(days_ago 10)"
check "an action is added" grep -q "^exercise 1: action 1 added, due $(days_ago 10) (nursing)$" "$work/act.out"
run exlist program exercise list
check "the overdue action is marked" grep -q "action 1 \[open\] due $(days_ago 10) (nursing): stock paper MARs in ICU — OVERDUE by 10 days" "$work/exlist.out"

run report program resilience
check "the report exits 0" [ "$rc" -eq 0 ]
check "the old restore test with its age" grep -q "^  - EHR: backup 1 (EHR database) was last restore-tested on $(days_ago 400), 400 days ago (limit 365 days).$" "$work/report.out"
check "the slow restore against the RTO" grep -q "^  - EHR: backup 1 (EHR database) took 6h to restore on $(days_ago 400); the RTO is 4h.$" "$work/report.out"
check "the interval against the RPO" grep -q "^  - EHR: backup 1 (EHR database) runs every 1d; the RPO is 15m, so up to 1d of data could be lost.$" "$work/report.out"
check "no immutable or offline copy for tier 1" grep -q "^  - EHR: tier 1 service with no immutable or offline backup copy (1 backup recorded): ransomware" "$work/report.out"
check "the pharmacy backup at its limits has no finding" bash -c "! grep -q 'Pharmacy dispensing:' '$work/report.out'"
check "four findings" grep -q "^findings (4):$" "$work/report.out"
check "the vendor both tier-1 services hang on" grep -q "^  - vendor Change Healthcare: 2 tier-1 services depend on it (EHR, Pharmacy dispensing); the only vendor of claims clearinghouse.$" "$work/report.out"
check "EHR itself for the pharmacy" grep -q "^  - service EHR: 1 tier-1 service depends on it (Pharmacy dispensing).$" "$work/report.out"
check "the overdue action" grep -q "^  - exercise 1 action 1: stock paper MARs in ICU (nursing), due $(days_ago 10), 10 days late$" "$work/report.out"
run strict program resilience --restore-test-days 30 --format json
check "JSON with a stricter limit counts the pharmacy test too" python3 -c "
import json, sys
r = json.load(open('$work/strict.out'))
kinds = [f['kind'] for f in r['findings']]
assert r['settings']['restore_test_max_age_days'] == 30, r['settings']
assert kinds.count('restore_test_old') == 2, kinds
assert r['counts']['overdue_actions'] == 1
"
run show program service show "pharmacy dispensing"
check "show gives the chain all the way down" grep -q "^  all the way down: services EHR; vendors Change Healthcare; devices BME-001; systems Active Directory$" "$work/show.out"

run done program exercise action 1 --done 1
check "the action is closed" grep -q "^exercise 1: action 1 done$" "$work/done.out"
run after program resilience
check "no overdue action once done" grep -q "^overdue corrective actions (0):$" "$work/after.out"

check "the show is in the audit trail" [ "$(cli_audit_rows "$work/store/ward.db" "service:pharmacy dispensing" "ward program service show {service}")" = 1 ]
check "the refused add too" [ "$(cli_audit_rows "$work/store/ward.db" "" "ward program service add")" = 6 ]
finish
