#!/usr/bin/env bash
# Medical devices as a clinical engineer uses them: `ward vulns import` of the public KEV and CSAF
# feeds (every file imports or is reported; a re-import changes nothing; a malformed file is named
# with its JSON path), `ward devices import` of a CMMS export through a mapping (a bad row
# quarantined, a duplicate merged), and `ward vulns match` in CSV and JSON.
# Usage: devices_cli.sh WARD SHARED_DATA
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

run feeds vulns import "$shared/vuln_feeds/kev" "$shared/vuln_feeds/csaf"
check "the feeds import, the KEV schema skipped (exit $rc)" [ "$rc" -eq 0 ]
check "165 advisories added" grep -q "^166 files: 165 advisories added, 0 updated, 0 unchanged; 1 skipped, 0 rejected$" "$work/feeds.out"
check "the schema is named as skipped" grep -q "known_exploited_vulnerabilities_schema.json: a JSON Schema, not an advisory: skipped" "$work/feeds.err"
run again vulns import "$shared/vuln_feeds/kev" "$shared/vuln_feeds/csaf"
check "a re-import changes nothing" grep -q "165 unchanged" "$work/again.out"

printf '{"document": {"tracking": {"id": "X-1", "version": "1"}}, "product_tree": {"branches": [{"category": "vendor", "name": 7}]}}' > "$work/bad.json"
run bad vulns import "$work/bad.json"
check "a malformed advisory exits 3 (got $rc)" [ "$rc" -eq 3 ]
check "it is named with its JSON path" grep -q "bad.json: name: /product_tree/branches/0/name: expected a string" "$work/bad.err"

cat > "$work/cmms.csv" <<'CSV'
Equipment #,Make,Model Name,SW Rev,Dept,Patient Connected,OS
BME-001,Phillips,IntelliVue MX40,B.06.17,ICU,yes,
BME-002,Philips,IntelliVue MX40,B.06.18,ICU,yes,
BME-003,Becton Dickinson,Alaris 8015 PC unit,9.7,Oncology,maybe,
BME-004,GE Healthcare,Optima CT660,1.0,Radiology,no,Windows 7 Embedded
BME-001,Phillips,IntelliVue MX40,B.06.10,ICU,,
CSV
printf 'columns:\n  asset_tag: "Equipment #"\n  manufacturer: Make\n  model: "Model Name"\n  version: "SW Rev"\n' > "$work/cmms.yaml"
run inv devices import "$work/cmms.csv" --mapping "$work/cmms.yaml"
check "a quarantined row exits 3 (got $rc)" [ "$rc" -eq 3 ]
check "the bad row is named by line and column" grep -q "cmms.csv:4: patient_connected: column \"Patient Connected\": \"maybe\" is not yes or no" "$work/inv.err"
check "the duplicate is merged with a note" grep -q "^BME-001: merged with the duplicate on line 6$" "$work/inv.out"
check "three devices added" grep -q "5 rows, 3 devices: 3 added, 0 updated, 0 unchanged; 1 duplicates merged, 1 rows quarantined" "$work/inv.out"

run csv vulns match --format csv
check "match exits 0" [ "$rc" -eq 0 ]
check "the CSV header is the issue's" [ "$(head -1 "$work/csv.out")" = "device_id,advisory_id,cve,product,version,matched_by,confidence,ssvc" ]
check "the MX40 in range matches its advisory" grep -q "^BME-001,ICSMA-17-255-01,CVE-2017-9657,.*,B.06.10,vendor+product_partial+version,0.65,$" "$work/csv.out"
check "the fixed MX40 does not" bash -c "! grep -q '^BME-002,ICSMA-17-255-01' '$work/csv.out'"
check "the CT meets KEV through Windows" grep -q "^BME-004,CISA-KEV,CVE-2010-0232,Microsoft Windows,Windows 7 Embedded,os+kev,0.45,$" "$work/csv.out"
check "the CT matches its GE advisory" grep -q "^BME-004,ICSMA-20-343-01,.*,vendor+product+all_versions,0.90,$" "$work/csv.out"
run confirmed vulns match --format json --confirmed
check "--confirmed keeps confirmed matches only" bash -c "! grep -q '\"confirmed\":false' '$work/confirmed.out' && grep -q '\"confirmed\":true' '$work/confirmed.out'"
finish
