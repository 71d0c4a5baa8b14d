#!/usr/bin/env bash
# Ward's own audit trail end to end: requests to a running `ward serve` and CLI commands beside it
# land in one hash chain; `ward verify` says OK with the head, which docs/audit.md's Python lines
# re-compute from the file alone; tampering with a copy through the sqlite3 shell (an edited
# field, a deleted row, a re-hashed row) is named; `ward audit export --fhir` writes a private
# NDJSON file that `ward import` reads back as one event per entry with its user and patient, and
# `ward serve` with audit.fhir_file keeps such a file up to date.
# Usage: audit_cli.sh WARD
set -uo pipefail
ward=${1:?ward binary}
work=$(mktemp -d)
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=serve.sh
source "$(dirname "$0")/serve.sh"
trap end_serve_work EXIT
require_tools curl sqlite3 python3
store="$work/store"

# The server follows the trail into a file of AuditEvents (audit.fhir_file, relative to ward.yaml).
printf 'audit:\n  fhir_file: live-audit.ndjson\n' > "$work/ward.yaml"
ward_options=(--config "$work/ward.yaml")
start_serve "$store"
check "ward serve starts" [ -n "$port" ]
check "ward serve says where it follows the trail" grep -q "^Audit trail followed into $work/live-audit.ndjson" "$work/serve.out"
for target in patients/MRN1/accesses patients/MRN2/accesses stats users/E7/accesses; do
  curl -s -o /dev/null "${auth[@]}" "$base/$target"
done
# A CLI command while the server runs: the same chain, never forked.
"$ward" --data "$store" privacy cases > /dev/null
check "a CLI command beside ward serve is recorded" [ $? -eq 0 ]
curl -s "${auth[@]}" "$base/audit/verify" > "$work/verify.json"
check "GET /audit/verify says ok" [ "$(json "$work/verify.json" "d['ok']")" = True ]
stop_serve
check "ward serve stops" [ $? -eq 0 ]
check "the followed file holds the 6 entries, the CLI command's too" [ "$(wc -l < "$work/live-audit.ndjson")" = 6 ]
check "the followed file is readable by its owner only" [ "$(stat -c %a "$work/live-audit.ndjson")" = 600 ]

"$ward" --data "$store" verify > "$work/verify.txt"
check "ward verify exits 0 on an untouched trail" [ $? -eq 0 ]
check "ward verify says OK" grep -qx OK "$work/verify.txt"
entries=$(sed -n 's/^entries checked: //p' "$work/verify.txt")
check "ward verify checked the 6 entries (4 requests, the CLI command, the verify request)" [ "$entries" = 6 ]
head=$(sed -n 's/^head: //p' "$work/verify.txt")

# docs/audit.md: re-compute the chain with Python and sqlite3 alone.
recomputed=$(python3 - "$store/ward.db" <<'PY'
import hashlib, sqlite3, sys
def field(v):
    b = b"" if v is None else str(v).encode()
    return len(b).to_bytes(8, "big") + b
db = sqlite3.connect(sys.argv[1])
prev, seq = "0" * 64, 0
for row in db.execute("SELECT seq, prev_hash, hash, time_ns, token_id, actor, method, route, subject,"
                      " status, action, client_address FROM api_audit ORDER BY seq"):
    seq, stored_prev, stored_hash, *fields = row
    h = hashlib.sha256(b"".join(field(v) for v in ["ward-audit-1", prev, *fields])).hexdigest()
    assert stored_prev == prev and stored_hash == h, f"broken at seq {seq}"
    prev = h
print(f"{seq}:{prev}")
PY
)
check "Python re-computes the head ward verify prints ($head)" [ "$recomputed" = "$head" ]

tampered() {  # tampered NAME SQL: a copy of the store with SQL applied, verified; prints the output
  rm -rf "$work/$1"
  cp -r "$store" "$work/$1"
  sqlite3 "$work/$1/ward.db" "$2"
  "$ward" --data "$work/$1" verify --anchor "$head" > "$work/$1.txt"
  echo $? > "$work/$1.rc"
}
tampered edited "UPDATE api_audit SET subject = 'MRN9' WHERE seq = 2"
check "an edited field exits 2" [ "$(cat "$work/edited.rc")" = 2 ]
check "an edited field is named at its seq" grep -q "^BROKEN at seq 2 (.*): edited" "$work/edited.txt"
tampered deleted "DELETE FROM api_audit WHERE seq = 3"
check "a deleted row is named" grep -q "^BROKEN at seq 4 (.*): deleted — entry 3 before it is missing" "$work/deleted.txt"
tampered rehashed "UPDATE api_audit SET status = 200 WHERE seq = 2;"
python3 - "$work/rehashed/ward.db" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT prev_hash, time_ns, token_id, actor, method, route, subject, status, action,"
                 " client_address FROM api_audit WHERE seq = 2").fetchone()
data = b"".join(len(b).to_bytes(8, "big") + b for b in
                (b"" if v is None else str(v).encode() for v in ["ward-audit-1", *row]))
db.execute("UPDATE api_audit SET hash = ? WHERE seq = 2", (hashlib.sha256(data).hexdigest(),))
db.commit()
PY
"$ward" --data "$work/rehashed" verify > "$work/rehashed.txt"
check "a row re-hashed without the next exits 2" [ $? -eq 2 ]
check "a row re-hashed without the next is named" \
  grep -q "^BROKEN at seq 2 (.*): edited — it was changed and its hash recomputed" "$work/rehashed.txt"
tampered cut "DELETE FROM api_audit WHERE seq >= 5"
check "a cut tail is named against the anchor" grep -q "^BROKEN at seq 6: deleted" "$work/cut.txt"
"$ward" --data "$work/cut" verify > /dev/null
check "without the anchor a cut tail goes unseen (why the head is kept elsewhere)" [ $? -eq 0 ]

# The trail as FHIR AuditEvents, read back by Ward's own importer.
"$ward" --data "$store" audit export --fhir "$work/audit.ndjson" > "$work/export.txt"
check "ward audit export exits 0" [ $? -eq 0 ]
check "the export says how many it wrote (7 with its own record)" grep -q "^7 AuditEvents written" "$work/export.txt"
check "the export is readable by its owner only" [ "$(stat -c %a "$work/audit.ndjson")" = 600 ]
"$ward" --data "$work/reimported" import "$work/audit.ndjson" > /dev/null 2>&1
check "ward import reads the export" [ $? -eq 0 ]
python3 - "$work/reimported/ward.db" > "$work/reimported.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
s = lambda col: f"(SELECT value FROM strings WHERE id = e.{col})"
for row in db.execute(f"SELECT event_id, {s('user_key')}, {s('patient_key')}, action FROM events e ORDER BY event_id"):
    print(*("" if v is None else v for v in row))
PY
check "every AuditEvent is an event again" [ "$(wc -l < "$work/reimported.txt")" = 7 ]
check "the read of MRN1 came back with its user and patient" grep -q "^ward-audit-1 token:1 MRN1 " "$work/reimported.txt"
check "the CLI command came back under its user" grep -q "^ward-audit-5 cli:$(id -un)  " "$work/reimported.txt"
finish
