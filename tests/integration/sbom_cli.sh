#!/usr/bin/env bash
# SBOMs and VEX as a clinical engineer uses them: `ward devices sbom` attaches the public medical
# device SBOM to a model and version (a missing supplier and a malformed file are named), `ward
# devices sbom-check` reports the NTIA gaps, `ward vulns match` finds advisories through the
# components' CPEs and purls, a VEX statement clears a finding, and `ward vulns vex export | import`
# carries the statements between CSAF and CycloneDX.
# Usage: sbom_cli.sh WARD SHARED_DATA SOURCE_DIR
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
source_dir=${3:?source tree}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
ward_args=(--data "$work/store")
medical="$shared/vuln_feeds/sbom/medical_device/case-study__extended.sbom.json"

printf 'asset_tag,manufacturer,model,version\nINF-1,Acme Medical,Infusion Hub,3.1\nINF-2,Acme Medical,Infusion Hub,3.0\n' > "$work/inv.csv"
run inv devices import "$work/inv.csv"
check "the inventory imports" [ "$rc" -eq 0 ]

run nosupplier devices sbom "$medical"
check "an SBOM naming no supplier for its subject fails (got $rc)" [ "$rc" -eq 1 ]
check "and says to give --vendor" grep -q "metadata.component.supplier: the SBOM names no supplier .*give --vendor" "$work/nosupplier.err"
run sbom devices sbom "$medical" --vendor "Acme Medical" --model "Infusion Hub" --version 3.1
check "the SBOM attaches (got $rc)" [ "$rc" -eq 0 ]
check "with its components counted" grep -q "added SBOM of Acme Medical Infusion Hub 3.1: CycloneDX 1.4, 65 components (65 with a CPE, 65 with a purl)" "$work/sbom.out"
run sbom2 devices sbom "$medical" --vendor "Acme Medical" --model "Infusion Hub" --version 3.1
check "a re-import is unchanged" grep -q "unchanged SBOM of Acme Medical Infusion Hub 3.1" "$work/sbom2.out"

printf '{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"ok","version":"1","cpe":"cpe:2.3:z:acme:ok:1:*:*:*:*:*:*:*"}]}' > "$work/badcpe.json"
run badcpe devices sbom-check "$work/badcpe.json"
check "an unknown CPE part is named with its JSON path" grep -q "badcpe.json: cpe: /components/0/cpe: unknown CPE part \"z\"" "$work/badcpe.err"
check "and the rest is still checked" grep -q "badcpe.json: NTIA minimum elements INCOMPLETE: 1 components" "$work/badcpe.out"
printf '{"bomFormat":"CycloneDX",' > "$work/broken.json"
run broken devices sbom-check "$work/broken.json" "$medical"
check "malformed JSON fails the run (got $rc)" [ "$rc" -eq 1 ]
check "it is named" grep -q "broken.json.*not JSON" "$work/broken.err"
check "the other file is still checked" grep -q "case-study__extended.sbom.json: NTIA minimum elements INCOMPLETE" "$work/broken.out"
check "a hardware part without a version is named" grep -q "  Qualcomm Atheros QCA9563: missing version" "$work/broken.out"

run feeds vulns import "$shared/vuln_feeds/kev" "$shared/vuln_feeds/csaf" "$source_dir/tests/golden/devices/identifier_advisories"
check "feeds and the CPE/purl fixtures import" [ "$rc" -eq 0 ]
run match vulns match --format csv
check "WolfSSL 4.8.1 matches by its CPE" grep -q "^INF-1,WARD-ID-0001,CVE-2022-42905,.*,4.8.1,cpe+version,0.95,\(immediate\|out-of-cycle\|scheduled\|defer\)$" "$work/match.out"
check "Newtonsoft.Json 9.0.1 matches by its purl" grep -q "^INF-1,WARD-ID-0003,CVE-2024-21907,.*,9.0.1,purl+version,0.95,\(immediate\|out-of-cycle\|scheduled\|defer\)$" "$work/match.out"
check "the device without an SBOM matches nothing by identifier" bash -c "! grep -q '^INF-2,WARD-ID' '$work/match.out'"
run json vulns match --format json
check "JSON names the component" grep -q '"component":"WolfSSL 4.8.1"' "$work/json.out"

cat > "$work/vex.json" <<'JSON'
{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
 "metadata":{"timestamp":"2026-11-30T00:00:00Z","component":{"bom-ref":"hub","name":"Infusion Hub","version":"3.1"}},
 "vulnerabilities":[{"id":"CVE-2022-42905","analysis":{"state":"not_affected","justification":"protected_at_perimeter",
   "response":["will_not_fix"],"detail":"TLS 1.3 PSK is disabled in the hub's build"},"affects":[{"ref":"hub"}]}]}
JSON
run veximport vulns vex import "$work/vex.json" --vendor "Acme Medical"
check "the CycloneDX VEX imports" grep -q "added VEX VEX Infusion Hub 3.1 (1 products, 1 statements)" "$work/veximport.out"
run match2 vulns match --format csv
check "not_affected clears the WolfSSL finding" bash -c "! grep -q '^INF-1,WARD-ID-0001' '$work/match2.out'"
check "the other findings stay" grep -q "^INF-1,WARD-ID-0003," "$work/match2.out"

run csaf vulns vex export --advisory "VEX Infusion Hub 3.1" --format csaf
check "exported as CSAF VEX" grep -q '"category": "csaf_vex"' "$work/csaf.out"
check "with the status" grep -q '"known_not_affected"' "$work/csaf.out"
check "and the CSAF justification" grep -q '"label": "inline_mitigations_already_exist"' "$work/csaf.out"
run cdx vulns vex export --advisory "VEX Infusion Hub 3.1" --format cyclonedx
check "back as CycloneDX the finer justification survives" grep -q '"justification": "protected_at_perimeter"' "$work/cdx.out"
check "and the response" grep -q '"will_not_fix"' "$work/cdx.out"
run kev vulns vex export --advisory CISA-KEV
check "KEV is refused as VEX (got $rc)" [ "$rc" -eq 1 ]
finish
