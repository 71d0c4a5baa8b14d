#!/usr/bin/env bash
# The security program's incident pages in Debian's Chromium (web/tests/incident_fields.mjs says
# what it walks through) against `ward serve` on the demo program (scripts/demo_program), signed
# in as a compliance officer. Then checks in the store what the browser saw: the incident saved
# once, with its triage, its assessment and the law-enforcement delay; the refused requests in
# the audit trail with nothing of them saved; the vendor deleted and its services detached.
# Usage: web_incident_fields.sh WARD WEB_DIR SCREENSHOT_DIR
set -uo pipefail
ward=${1:?ward binary}
web=${2:?the web/ folder (its node_modules holds playwright-core and axe-core)}
shots=${3:?where screenshots go}
work=$(mktemp -d)
# shellcheck source=browser.sh
source "$(dirname "$0")/browser.sh"
trap end_serve_work EXIT
require_browser "$web"

root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/scripts/demo_program" "$ward" "$work/store" > /dev/null
check "the demo program (vendors, services, an incident) is in the store" [ $? -eq 0 ]
password="correct horse battery $RANDOM"
printf '%s\n' "$password" | "$ward" --data "$work/store" account add --username dana --role compliance > /dev/null
check "ward account add makes the compliance officer's account" [ $? -eq 0 ]
start_serve "$work/store"
check "ward serve starts" [ -n "$port" ]
rm -rf "$shots"
( cd "$web" && WARD_TEST_PASSWORD="$password" node tests/incident_fields.mjs --base "http://127.0.0.1:$port" \
    --user dana --out "$shots" --result "$work/result.json" )
check "the browser walk-through passes" [ $? -eq 0 ]
check "ward serve stops on Ctrl-C" stop_serve

incident=$(json "$work/result.json" "d.get('incident', '')")
check "the browser opened an incident ($incident)" [ -n "$incident" ]
store_has() {  # store_has NAME PYTHON: runs PYTHON with `c`, a connection to the store, and `incident`
  check "$1" python3 - "$work/store/ward.db" "$incident" <<PY
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
incident = int(sys.argv[2] or 0)
$2
PY
}
store_has "the incident was saved once, with its triage" '
rows = c.execute("SELECT incident_id, status, severity, owner FROM program_incidents WHERE title LIKE ?",
                 ("Misdirected email%",)).fetchall()
assert rows == [(incident, "investigating", "high", "Dana Privacy")], rows'
store_has "its assessment is the one saved, a presumed breach with CA and CO residents" '
facts, outcome = c.execute("SELECT facts, outcome FROM program_breach_assessments WHERE incident_id = ?", (incident,)).fetchone()
assert outcome == "presumed_breach", outcome
assert json.loads(facts)["residents"] == {"CA": 650, "CO": 50}, facts'
store_has "the law-enforcement delay is on its timeline, once" '
rows = c.execute("SELECT body FROM program_incident_entries WHERE incident_id = ? AND kind = ?", (incident, "law_enforcement")).fetchall()
assert len(rows) == 1 and json.loads(rows[0][0])["statement"] == "written", rows'
refused() {  # refused METHOD ROUTE: how many of dana's requests the server refused with 400
  python3 - "$work/store/ward.db" "$1" "$2" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM api_audit WHERE method = ? AND route = ? AND status = 400 AND actor = 'account:dana'",
                (sys.argv[2], sys.argv[3])).fetchone()[0])
PY
}
check "the refused incident is in the audit trail" [ "$(refused POST /api/v1/program/incidents)" = 1 ]
check "and the refused triage" [ "$(refused PATCH /api/v1/program/incidents/{incident})" = 1 ]
check "and the three refused assessments" [ "$(refused PUT /api/v1/program/incidents/{incident}/assessment)" = 3 ]
check "and the refused timeline entries (alert link, delay without its end)" \
  [ "$(refused POST /api/v1/program/incidents/{incident}/entries)" = 2 ]
store_has "the vendor is deleted and no service depends on it any more" '
assert c.execute("SELECT count(*) FROM program_vendors WHERE name = ?", ("Vaultline Backup",)).fetchone()[0] == 0
names = [r[0] for r in c.execute("SELECT name FROM program_vendors")]
assert "Meridian Claims Exchange" in names, names
for name, profile in c.execute("SELECT name, profile FROM program_services"):
    assert 3 not in json.loads(profile).get("vendors", []), (name, profile)'
ls "$shots"/*.png > /dev/null 2>&1
check "screenshots are kept in $shots" [ $? -eq 0 ]
finish
