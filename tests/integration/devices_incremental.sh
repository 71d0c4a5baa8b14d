#!/usr/bin/env bash
# One advisory matched alone, as a CSAF asset matching system does: `ward vulns import --match`
# of a new advisory records its findings without touching other advisories'; importing the same
# revision again matches nothing and raises nothing new; `ward vulns match --advisory` of an
# unchanged revision finds every finding unchanged; a new revision says what is new, no longer
# affected and fixed; an advisory never imported is named.
# Usage: devices_incremental.sh WARD SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
ward_args=(--data "$work/store")

cat > "$work/inventory.csv" <<'CSV'
asset_tag,manufacturer,model,software_version,department
BME-001,Philips,IntelliVue MX40,B.06.10,ICU
PUMP-1,Acme Infusion,Pump X,1.5,ICU
PUMP-2,Acme Infusion,Pump X,1.8,Oncology
PUMP-3,Acme Infusion,Pump X,1.5,Oncology
PUMP-4,Acme Infusion,Pump X,1.9,Oncology
CSV
run inv devices import "$work/inventory.csv"
check "the inventory imports (exit $rc)" [ "$rc" -eq 0 ]
run feeds vulns import "$shared/vuln_feeds/csaf"
run full vulns match
check "a full match finds the MX40" grep -q "^BME-001,ICSMA-17-255-01," "$work/full.out"

# Revision 1: Pump X below 2.0 affected by CVE-2099-0001.
advisory() {  # REVISION AFFECTED_RANGE FIXED_VERSION SECOND_CVE
  local second=""
  [ -n "$4" ] && second=", {\"cve\": \"$4\", \"product_status\": {\"known_affected\": [\"P1\"]}}"
  local fixed_product="" fixed_status=""
  if [ -n "$3" ]; then
    fixed_product=", {\"category\": \"product_version\", \"name\": \"$3\", \"product\": {\"name\": \"Pump X $3\", \"product_id\": \"P2\"}}"
    fixed_status=", \"fixed\": [\"P2\"]"
  fi
  cat <<JSON
{"document": {"category": "csaf_security_advisory", "title": "Pump X", "tracking": {"id": "ACME-2099-01", "version": "$1"}},
 "product_tree": {"branches": [{"category": "vendor", "name": "Acme Infusion", "branches": [
   {"category": "product_name", "name": "Pump X", "branches": [
     {"category": "product_version_range", "name": "$2", "product": {"name": "Pump X $2", "product_id": "P1"}}$fixed_product]}]}]},
 "vulnerabilities": [{"cve": "CVE-2099-0001", "product_status": {"known_affected": ["P1"]$fixed_status}}$second]}
JSON
}
advisory 1 "< 2.0" "" "" > "$work/acme-1.json"
run first vulns import --match "$work/acme-1.json"
check "the new advisory imports and matches (exit $rc)" [ "$rc" -eq 0 ]
check "its four pumps are new findings" grep -q "^ACME-2099-01 revision 1: 4 findings: 4 new, 0 changed, 0 re-opened, 0 revised (same match), 0 no longer affected (0 fixed), 0 unchanged$" "$work/first.err"
run hist vulns history BME-001 ICSMA-17-255-01

before=$(cat "$work/hist.out")

run again vulns import --match "$work/acme-1.json"
check "the same revision again is not matched" grep -q "^ACME-2099-01 revision 1 unchanged: not matched again, nothing new$" "$work/again.out"
check "and raises nothing" bash -c "! grep -q 'new' '$work/again.err'"
run same vulns match --advisory ACME-2099-01
check "matching the unchanged revision alone finds nothing new" grep -q "^ACME-2099-01 revision 1: 4 findings: 0 new, 0 changed, 0 re-opened, 0 revised (same match), 0 no longer affected (0 fixed), 4 unchanged$" "$work/same.err"
check "it prints the advisory's findings only" [ "$(grep -c '^PUMP-[1234],ACME-2099-01,CVE-2099-0001,' "$work/same.out")" -eq 4 ]
check "and no other advisory's" bash -c "! grep -q '^BME-001' '$work/same.out'"

# Revision 2: only below 1.6 affected, 1.8 fixed, a second CVE.
advisory 2 "< 1.6" "1.8" "CVE-2099-0002" > "$work/acme-2.json"
run second vulns import --match "$work/acme-2.json"
check "the new revision is an update" grep -q "^updated ACME-2099-01 (revision 2" "$work/second.out"
check "it says what changed" grep -q "^ACME-2099-01 revision 2: 4 findings: 2 new, 2 changed, 0 re-opened, 0 revised (same match), 2 no longer affected (1 fixed), 0 unchanged$" "$work/second.err"
check "PUMP-1 says how its match changed" grep -q "^changed PUMP-1 ACME-2099-01 CVE-2099-0001: revision 1 → 2: product \"Pump X < 2.0\" → \"Pump X < 1.6\"$" "$work/second.err"
check "PUMP-4 (1.9) is no longer affected, not fixed" grep -q "^gone PUMP-4 ACME-2099-01 CVE-2099-0001: no longer matched" "$work/second.err"
check "PUMP-2 is fixed" grep -q "^gone PUMP-2 ACME-2099-01 CVE-2099-0001: fixed in revision 2: the advisory lists Pump X 1.8 as fixed$" "$work/second.err"
run hist2 vulns history BME-001 ICSMA-17-255-01
check "the other advisories' findings are still untouched" [ "$(cat "$work/hist2.out")" = "$before" ]

run missing vulns match --advisory NOPE-1
check "an advisory never imported exits 1 (got $rc)" [ "$rc" -eq 1 ]
check "and is named" grep -q "advisory NOPE-1 was not imported" "$work/missing.err"
finish
