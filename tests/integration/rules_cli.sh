#!/usr/bin/env bash
# The rule store as an admin uses it: `ward rules import` of the project's healthcare pack (all of
# it must import) and of a folder of SigmaHQ rules, a re-import that changes nothing, a rule RE2
# cannot run refused with its reason, list, disable/enable with the audit trail; then the same
# store over the API with curl: upload, a refused upload, one rule with its YAML, delete.
# Usage: rules_cli.sh WARD SHARED_DATA RULES
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
pack=${3:?rules folder}/healthcare
work=$(mktemp -d)
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=serve.sh
source "$(dirname "$0")/serve.sh"
trap 'stop_server_quietly; rm -rf "$work"' EXIT
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
ward_args=(--data "$work/store")
documents() {  # the YAML documents in the files below a folder (each file's non-blank parts)
  python3 - "$1" <<'PY'
import os, re, sys
n = 0
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith((".yml", ".yaml")):
            text = open(os.path.join(root, f)).read()
            parts = re.split(r"^---[ \t]*$", text, flags=re.M)
            n += sum(1 for p in parts if p.strip())
print(n)
PY
}
audit_rows() { cli_audit_rows "$work/store/ward.db" "$1" "$2"; }  # audit_rows SUBJECT COMMAND

expected=$(documents "$pack")
run pack rules import "$pack"
check "importing the healthcare pack exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "every document of the pack is added ($expected)" grep -q "^$expected added, 0 updated, 0 unchanged, 0 files rejected$" "$work/pack.out"
check "a correlation is stored beside its base rule" grep -Eq "^added .* Many Denied EHR Accesses by One User \(correlation\)$" "$work/pack.out"

run again rules import "$pack"
check "importing it again exits 0" [ "$rc" -eq 0 ]
check "… and changes nothing" grep -q "^0 added, 0 updated, $expected unchanged, 0 files rejected$" "$work/again.out"

sigma_folder=$shared/sigma/rules/linux/builtin
sigma_count=$(documents "$sigma_folder")
run sigma rules import "$sigma_folder"
check "a folder of SigmaHQ rules imports (got $rc)" [ "$rc" -eq 0 ]
check "… all $sigma_count of its rules" grep -q "^$sigma_count added, 0 updated, 0 unchanged, 0 files rejected$" "$work/sigma.out"

# An `|expand` rule needs its placeholder's values: refused without them, imported with them in
# ward.yaml (detection.placeholders).
expand_rule=$shared/sigma/rules-placeholder/identity/okta/okta_session_impersonation_granted.yml
# (In a store of their own, so the counts below stay those of the imports above.)
ward_args=(--data "$work/expand-store")
run expand_without rules import "$expand_rule"
check "an expand rule without placeholder values is refused with the reason (exit $rc)" \
  bash -c "[ $rc -ne 0 ] && cat '$work/expand_without.out' '$work/expand_without.err' | grep -q 'placeholder %legtimate_identifiers% has no configured value'"
printf 'detection:\n  placeholders:\n    legtimate_identifiers: ["@hospital.example"]\n' > "$work/placeholders.yaml"
run expand_with --config "$work/placeholders.yaml" rules import "$expand_rule"
check "… and imported once ward.yaml gives them (exit $rc)" bash -c "[ $rc -eq 0 ] && grep -q '^1 added' '$work/expand_with.out'"
ward_args=(--data "$work/store")

cat > "$work/lookbehind.yml" <<'YML'
title: Root Login After User
logsource:
    product: linux
    service: auth
detection:
    selection:
        message|re: '(?<=user )root'
    condition: selection
level: high
YML
run bad rules import "$work/lookbehind.yml"
check "a rule RE2 cannot run makes import exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "… and says which file, document, rule and field, with the compiler's reason" \
  grep -q "^rejected   $work/lookbehind.yml: document 1 (Root Login After User): detection.selection.message: regular expression not supported by RE2" "$work/bad.out"
check "… and counts the file as rejected" grep -q "^0 added, 0 updated, 0 unchanged, 1 file rejected$" "$work/bad.out"

total=$((expected + sigma_count))
run list rules list --format json
check "list --format json exits 0" [ "$rc" -eq 0 ]
check "list has every stored rule ($total)" [ "$(json "$work/list.out" "len(d)")" = "$total" ]
run table rules list
check "the table names its columns" grep -Eq "^id +kind +level +enabled +logsource +title$" "$work/table.out"
check "the table shows a rule of the pack with its logsource" grep -Eq "^031caf20-46f0-40da-af7d-5cb50a2e9316 +rule +informational +yes +product:ward,category:ehr_access +EHR Access Denied$" "$work/table.out"

rule=031caf20-46f0-40da-af7d-5cb50a2e9316
run disable rules disable "$rule"
check "disable exits 0 and says so" grep -q "^rule $rule (EHR Access Denied) disabled$" "$work/disable.out"
run table2 rules list
check "the list shows it disabled" grep -Eq "^$rule +rule +informational +no " "$work/table2.out"
check "the change is in the audit trail under rule:$rule" [ "$(audit_rows "rule:$rule" "ward rules disable {id}")" = 1 ]
run enable rules enable "$rule"
check "enable exits 0" [ "$rc" -eq 0 ]
run missing rules enable no-such-rule
check "enabling an unknown rule exits 1 and says so" grep -q "there is no rule no-such-rule" "$work/missing.err"
check "imports are audited too" [ "$(audit_rows "" "ward rules import")" = 4 ]

# The same store over the API, with curl.
start_serve "$work/store"
check "serve prints an admin token" [ -n "$token" ]
code=$(curl -s -o "$work/upload.json" -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/yaml' \
  --data-binary @"$work/lookbehind.yml" "$base/rules")
check "POST a rule RE2 cannot run answers 422 ($code)" [ "$code" = 422 ]
check "… naming the document, the rule and the field" \
  [ "$(json "$work/upload.json" "(d['error']['problems'][0]['document'], d['error']['problems'][0]['rule'], d['error']['problems'][0]['field'])")" = "(1, 'Root Login After User', 'detection.selection.message')" ]
sed -i 's/(?<=user )root/user root/' "$work/lookbehind.yml"
code=$(curl -s -o "$work/upload.json" -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/yaml' \
  --data-binary @"$work/lookbehind.yml" "$base/rules")
check "POST the fixed rule answers 201 ($code)" [ "$code" = 201 ]
added=$(json "$work/upload.json" "d['added'][0]")
check "… with a generated id" [ "${added#ward-}" != "$added" ]
curl -s "${auth[@]}" "$base/rules/$added" > "$work/one.json"
check "GET the rule gives back the YAML as uploaded" [ "$(json "$work/one.json" "d['yaml']")" = "$(cat "$work/lookbehind.yml")" ]
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -X DELETE "$base/rules/$added")
check "DELETE the rule answers 200 ($code)" [ "$code" = 200 ]
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$base/rules/$added")
check "… and it is gone (404, got $code)" [ "$code" = 404 ]
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/yaml' --data-binary @"$work/lookbehind.yml" "$base/rules")
check "POST without a token is 401 ($code)" [ "$code" = 401 ]
check "serve stops on Ctrl-C" stop_serve

finish
