#!/usr/bin/env bash
# The web UI in Debian's Chromium against `ward serve` on a demo hospital (web/tests/browser.mjs
# says what it walks through). This script makes the store, the account the browser signs in
# with, serves it on a free loopback port, runs the browser, then checks in the store file that
# opening the patient and dismissing the case are in Ward's audit trail. No network is needed.
# Usage: web_ui.sh WARD WEB_DIR SCREENSHOT_DIR SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
web=${2:?the web/ folder (its node_modules holds playwright-core and axe-core)}
shots=${3:?where screenshots go}
shared=${4:?shared data folder (an ICSMA advisory for the device walk-through)}
work=$(mktemp -d)
# shellcheck source=browser.sh
source "$(dirname "$0")/browser.sh"
trap end_serve_work EXIT
require_browser "$web"

"$ward" demo --generate "$work/hospital" --users 60 --patients 400 --days 3 --seed 7 > /dev/null
status=0
"$ward" --data "$work/store" import "$work/hospital" > /dev/null 2>&1 || status=$?
check "the demo hospital imports (exit 0, or 3 when records were quarantined)" [ "$status" -eq 0 -o "$status" -eq 3 ]
"$ward" --data "$work/store" privacy run > /dev/null
check "ward privacy run exits 0" [ $? -eq 0 ]

password="correct horse battery $RANDOM"
printf '%s\n' "$password" | "$ward" --data "$work/store" account add --username officer --role privacy_officer \
  --display-name "Pat Officer" > /dev/null
check "ward account add makes the privacy officer's account" [ $? -eq 0 ]
printf '%s\n' "$password" | "$ward" --data "$work/store" account add --username wardadmin --role admin > /dev/null
check "ward account add makes an admin's account" [ $? -eq 0 ]

"$ward" --data "$work/store" ai add "$(dirname "$0")/../golden/ai_governance/sepsis_watch.json" > /dev/null
check "ward ai add registers the AI system the browser opens" [ $? -eq 0 ]
now=$(date +%s)
printf '%s.000     10 10.0.0.5 TCP_TUNNEL/200 39 CONNECT chat.openai.com:443 alice HIER_DIRECT/1.2.3.4 -\n' "$now" > "$work/access.log"
"$ward" --data "$work/store" ai usage "$work/access.log" > /dev/null
check "ward ai usage records the AI use the browser shows" [ $? -eq 0 ]
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/scripts/demo_program" "$ward" "$work/store" > /dev/null
check "the demo program (vendors, risks, a CSF assessment) seeds the pages the admin edits" [ $? -eq 0 ]
# The device the admin's walk-through changes: an MX40 that ICSMA-17-255-01 hits, its model's contact.
printf 'asset_tag,manufacturer,model,version,department\nBME-001,Phillips,IntelliVue MX40,B.06.10,ICU\n' > "$work/cmms.csv"
"$ward" --data "$work/store" devices import "$work/cmms.csv" > /dev/null \
  && "$ward" --data "$work/store" vulns import "$shared/vuln_feeds/csaf/icsma/icsma-17-255-01.json" > /dev/null \
  && "$ward" --data "$work/store" vulns match > /dev/null 2>&1 \
  && "$ward" --data "$work/store" devices model-set --manufacturer Philips --model "IntelliVue MX40" \
       --contact-email productsecurity@philips.com --mds2 MPII-1=yes --mds2 RMOT-1=yes > /dev/null
check "the device, its advisory, its finding and its model's contact are in the store" [ $? -eq 0 ]
start_serve "$work/store"
check "ward serve starts" [ -n "$port" ]
rm -rf "$shots"
( cd "$web" && WARD_TEST_PASSWORD="$password" node tests/browser.mjs --base "http://127.0.0.1:$port" \
    --user officer --admin wardadmin --out "$shots" --result "$work/result.json" )
check "the browser walk-through passes" [ $? -eq 0 ]
check "ward serve stops on Ctrl-C" stop_serve

# Ward's own audit trail, read from the store: the patient opened from the case page and the
# review (started, then dismissed), each by the signed-in account.
audit_rows() {  # audit_rows METHOD ROUTE SUBJECT [ACTOR STATUS]: the officer's 200s unless said
  python3 - "$work/store/ward.db" "$@" <<'PY'
import sqlite3, sys
db, method, route, subject = sys.argv[1:5]
actor, status = (sys.argv[5], int(sys.argv[6])) if len(sys.argv) > 6 else ("account:officer", 200)
c = sqlite3.connect(db)
print(c.execute("SELECT count(*) FROM api_audit WHERE method = ? AND route = ? AND coalesce(subject, '') = ? "
                "AND status = ? AND actor = ?", (method, route, subject, status, actor)).fetchone()[0])
PY
}
case_id=$(json "$work/result.json" "d.get('case_id', '')")
patient_id=$(json "$work/result.json" "d.get('patient_id', '')")
check "the browser opened a case ($case_id) and its patient" [ -n "$case_id" -a -n "$patient_id" ]
check "opening the patient is in the audit trail" \
  [ "$(audit_rows GET /api/v1/patients/{id}/accesses "$patient_id")" -ge 1 ]
check "the dismissal is in the audit trail" \
  [ "$(audit_rows POST /api/v1/privacy/cases/{case}/review "case:$case_id")" -ge 2 ]
check "the admin's new account is in the audit trail" \
  [ "$(audit_rows POST /api/v1/accounts "" account:wardadmin 201)" = 1 ]
check "and disabling it" \
  [ "$(audit_rows PATCH /api/v1/accounts/{username} username:nurse.manager account:wardadmin 200)" = 1 ]
admin_writes() {  # admin_writes METHOD ROUTE STATUS: the admin's calls, any subject
  python3 - "$work/store/ward.db" "$@" <<'PY'
import sqlite3, sys
db, method, route, status = sys.argv[1:5]
c = sqlite3.connect(db)
print(c.execute("SELECT count(*) FROM api_audit WHERE method = ? AND route = ? AND status = ? AND actor = 'account:wardadmin'",
                (method, route, int(status))).fetchone()[0])
PY
}
check "the control the admin rated is in the audit trail" \
  [ "$(admin_writes PUT /api/v1/program/assessments/{assessment}/controls/{control} 200)" = 1 ]
# One assertion per check: in `check NAME [ a ] && [ b ]` the shell runs `[ b ]` outside check.
check "and the risk the admin added" [ "$(admin_writes POST /api/v1/program/risks 201)" = 1 ]
check "and the treatment" [ "$(admin_writes POST /api/v1/program/risks/{risk}/treatments 201)" = 1 ]
check "and the vendor edit" [ "$(admin_writes PATCH /api/v1/program/vendors/{vendor} 200)" = 1 ]
check "and the refused one" [ "$(admin_writes PATCH /api/v1/program/vendors/{vendor} 400)" = 1 ]
check "and the service edit" [ "$(admin_writes PATCH /api/v1/program/services/{service} 200)" = 1 ]
check "and the MFA export the admin imported" [ "$(admin_writes POST /api/v1/program/mfa 201)" = 1 ]
check "whose accounts are in the store: the four read, not the bad row, from the file the admin chose" python3 - "$work/store/ward.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT a.user_id, i.source, i.imported_by FROM identity_mfa_accounts a "
                 "JOIN identity_mfa_imports i ON i.import_id = a.import_id ORDER BY a.user_id").fetchall()
assert rows == [(u, 'idp-users.csv', 'account:wardadmin') for u in ('ana.lopez', 'ben.kim', 'cleo.ward', 'eve.stone')], rows
PY
check "the rating the admin saved is in the store, by the admin" python3 - "$work/store/ward.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT status, owner, updated_by FROM program_assessment_controls WHERE assessment_id = 1 AND control_id = 'GV.OC-01'").fetchall()
assert rows == [('implemented', 'CEO', 'account:wardadmin')], rows
PY
check "the staff report from the form is an incident, with what the reporter added by receipt" python3 - "$work/store/ward.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT i.source, e.body FROM program_incidents i JOIN program_incident_entries e "
                 "ON e.incident_id = i.incident_id WHERE i.title = 'Unlocked workstation in radiology' "
                 "AND e.kind = 'reporter_update'").fetchall()
assert rows == [('intake', 'It happened again today')], rows
PY
check "the admin's edit of the device model is in the audit trail" \
  [ "$(audit_rows PUT /api/v1/devices/models/{model} "model:IntelliVue MX40" account:wardadmin 200)" = 1 ]
check "and in the store, with the contact and the MDS2 answer the browser typed" python3 - "$work/store/ward.db" <<'PY'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT contact_name, contact_phone, contact_email, mds2 FROM device_models WHERE model = 'IntelliVue MX40'").fetchall()
assert len(rows) == 1 and rows[0][:3] == ('Philips Product Security', '+1 800 555 0100', 'productsecurity@philips.com'), rows
assert json.loads(rows[0][3]) == {'MPII-1': 'yes', 'RMOT-1': 'yes', 'SBOM-1': 'yes'}, rows
PY
check "the admin's finding change is in the audit trail" \
  [ "$(audit_rows PATCH /api/v1/devices/{device}/findings/{finding} device:BME-001 account:wardadmin 200)" = 1 ]
check "and the CVD report recorded and acknowledged" \
  [ "$(audit_rows POST /api/v1/devices/cvd "" account:wardadmin 201)" = 1 ]
check "the finding is mitigated in the store, with the evidence typed" python3 - "$work/store/ward.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT state FROM device_findings WHERE device_id = 'BME-001' AND evidence LIKE 'Moved to the isolated biomed VLAN 30%'").fetchall()
assert rows == [('mitigated',)], rows
PY
ls "$shots"/*.png > /dev/null 2>&1
check "screenshots are kept in $shots" [ $? -eq 0 ]
finish
