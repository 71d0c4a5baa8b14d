#!/usr/bin/env bash
# Medical devices as a clinical engineer uses them: `ward vulns import` of the public KEV and CSAF
# feeds (every file imports or is reported; a re-import changes nothing; a malformed file is named
# with its JSON path), `ward devices import` of a CMMS export through a mapping (a bad row
# quarantined, a duplicate merged), `ward vulns match` in CSV and JSON with the SSVC outcome, and
# remediation: no re-alert on a second match, `ward vulns status`, the worklist, EPSS scores; device
# models' contacts and MDS2 answers, and `ward serve` keying them through ward.yaml's vendor aliases.
# Usage: devices_cli.sh WARD SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
work=$(mktemp -d)
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
# shellcheck source=serve.sh
source "$(dirname "$0")/serve.sh"
trap end_serve_work EXIT
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
check "the MX40 in range matches its advisory, SSVC scheduled" grep -q "^BME-001,ICSMA-17-255-01,CVE-2017-9657,.*,B.06.10,vendor+product_partial+version,0.65,scheduled$" "$work/csv.out"
check "the fixed MX40 does not" bash -c "! grep -q '^BME-002,ICSMA-17-255-01' '$work/csv.out'"
check "the CT meets KEV through Windows: actively exploited, out-of-cycle" grep -q "^BME-004,CISA-KEV,CVE-2010-0232,Microsoft Windows,Windows 7 Embedded,os+kev,0.45,out-of-cycle$" "$work/csv.out"
check "the CT matches its GE advisory" grep -q "^BME-004,ICSMA-20-343-01,.*,vendor+product+all_versions,0.90,scheduled$" "$work/csv.out"
check "the first match reports every finding new" grep -q "findings: .* new, 0 changed, 0 re-opened, 0 revised (same match), 0 no longer matched, 0 unchanged" "$work/csv.err"
run confirmed vulns match --format json --confirmed
check "--confirmed keeps confirmed matches only" bash -c "! grep -q '\"confirmed\":false' '$work/confirmed.out' && grep -q '\"confirmed\":true' '$work/confirmed.out'"
check "matching again raises no new finding" grep -q "findings: 0 new, 0 changed, 0 re-opened, 0 revised (same match), 0 no longer matched, .* unchanged" "$work/confirmed.err"
check "JSON gives the SSVC inputs with reasons" grep -q '"decision_point":"Exploitation","reason":"not in CISA KEV; the advisory: ' "$work/confirmed.out"

run noevidence vulns status BME-001 ICSMA-17-255-01 --state mitigated
check "a mitigation without evidence is refused (exit $rc)" [ "$rc" -eq 1 ]
check "it says what is missing" grep -q "mitigated needs evidence" "$work/noevidence.err"
run mitigate vulns status BME-001 ICSMA-17-255-01 --state mitigated --evidence "moved to VLAN 30, CHG-881"
check "a mitigation with evidence is recorded" grep -q "^BME-001 ICSMA-17-255-01 CVE-2017-9657: mitigated$" "$work/mitigate.out"
run accept vulns status BME-004 ICSMA-20-343-01 --state risk_accepted --evidence "CAB-12"
check "an accepted risk needs an expiry (exit $rc)" [ "$rc" -eq 1 ]
printf 'cve,epss,percentile\nCVE-2010-0232,0.97,0.999\n' > "$work/epss.csv"
run epss vulns epss "$work/epss.csv"
check "EPSS scores import" grep -q "epss.csv: 1 EPSS scores" "$work/epss.out"
run work vulns worklist --department Radiology
check "the worklist is ranked and shows EPSS" grep -q "^1,BME-004,Radiology,.*,out-of-cycle,[0-9-]*,open,.*" "$work/work.out"
check "the KEV CVE carries its EPSS score" grep -q ",CVE-2010-0232,.*,0.97000,0.45,os+kev$" "$work/work.out"
check "the mitigated MX40 is not on the worklist" bash -c "! grep -q 'BME-001' '$work/work.out'"
run history vulns history BME-001 ICSMA-17-255-01
check "the history has the alert and the state change" grep -q "CVE-2017-9657 state by cli: mitigated: moved to VLAN 30, CHG-881" "$work/history.out"

# Per model: the manufacturer's security contact and the MDS2 answers, from a CSV; a bad answer
# quarantined; the model found under another spelling of the vendor; a model without a form says so.
cat > "$work/models.csv" <<'CSV'
Manufacturer,Model,Contact Email,PSIRT URL,End of support,MPII-1,RMOT-1,SBOM-1,Colour
Philips,IntelliVue MX40,productsecurity@philips.com,https://www.philips.com/psirt,2030-12-31,Yes,yes,N/A,blue
Becton Dickinson,Alaris 8015 PC unit,productsecurity@bd.com,,,,,,
GE Healthcare,Optima CT660,,,,maybe,,,
CSV
run models devices model-import "$work/models.csv"
check "a quarantined model row exits 3 (got $rc)" [ "$rc" -eq 3 ]
check "the bad answer is named by line and question" grep -q "models.csv:4: mds2.MPII-1: answer yes, no or n/a, not \"maybe\"" "$work/models.err"
check "unknown columns are listed" grep -q "columns ignored: Colour" "$work/models.err"
check "two models added, one without an MDS2 form" grep -q "3 rows, 2 models: 2 added, 0 updated, 0 unchanged; 1 without an MDS2 form; 1 rows quarantined" "$work/models.out"
run models_again devices model-import "$work/models.csv"
check "a re-import changes nothing" grep -q "0 added, 0 updated, 2 unchanged" "$work/models_again.out"
run mx40 devices model-show --manufacturer Phillips --model "INTELLIVUE MX40"
check "the model is found under another spelling" grep -q "^security contact: — <productsecurity@philips.com>$" "$work/mx40.out"
check "with its MDS2 answers by question id" grep -q "^RMOT-1 permits remote service connections for analysis or repair: yes$" "$work/mx40.out"
run alaris devices model-show --manufacturer BD --model "Alaris 8015 PC unit" --format json
check "a model without a form says so" grep -q '"mds2_missing":"No MDS2 form on file for Becton Dickinson Alaris 8015 PC unit: ask the manufacturer for it."' "$work/alaris.out"
run ct devices model-show --manufacturer "GE Healthcare" --model "Optima CT660"
check "a model with nothing on file exits 1 and says so (got $rc)" [ "$rc" -eq 1 ] && grep -q "No manufacturer contact or MDS2 form on file" "$work/ct.out"

# ward serve keys device models through the vendor aliases of ward.yaml, as the CLI does: a device
# whose manufacturer is written as a configured alias shows its model's contact over the API.
cat > "$work/store/ward.yaml" <<'YAML'
devices:
  vendor_aliases:
    Northwind Medical: [NWM, Northwind Med Devices]
YAML
printf 'asset_tag,manufacturer,model,version\nNW-001,NWM,Infusor 3,2.1\n' > "$work/northwind.csv"
run nw_import devices import "$work/northwind.csv"
run nw_model devices model-set --manufacturer "Northwind Medical" --model "Infusor 3" --contact-email psirt@northwind.example
check "a device and its model's contact under the canonical vendor name (exit $rc)" [ "$rc" -eq 0 ]
start_serve "$work/store"
check "ward serve starts with the ward.yaml" [ -n "$port" ]
curl -s "${auth[@]}" "$base/devices/NW-001" > "$work/nw_device.json"
check "the API finds the model of a device whose vendor is written as the alias" \
  [ "$(json "$work/nw_device.json" "d['model_profile'].get('contact_email')")" = psirt@northwind.example ]
nw_status=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$base/devices/models/Infusor%203?manufacturer=Northwind%20Med%20Devices")
check "and the model under another configured spelling (got $nw_status)" [ "$nw_status" = 200 ]
check "ward serve stops on Ctrl-C" stop_serve
finish
