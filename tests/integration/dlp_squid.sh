#!/usr/bin/env bash
# DLP with a real squid: squid sends each request to `ward serve --icap` (REQMOD) before it goes
# out. A prompt with PHI to an AI service (chat.openai.com, mapped to a local origin server by
# squid's hosts file) is blocked with a 403 page that names no PHI and never reaches the origin,
# and an alert is kept; a prompt without PHI, and PHI to a destination that is not watched, go
# through unchanged; an unreadable ICAP request gets 400 and the server stays up. AI use: squid's
# access log counted by `ward ai usage` shows the blocked request as PHI sent to openai.
# Usage: dlp_squid.sh WARD   (KEEP_WORK=1 keeps the work folder: squid and Ward logs)
set -uo pipefail
ward=${1:?ward binary}
work=$(mktemp -d)
chmod 755 "$work"
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=serve.sh
source "$(dirname "$0")/serve.sh"
require_tools python3 curl squid
squid_pid="" origin_pid=""
cleanup() {
  [ -n "$squid_pid" ] && kill "$squid_pid" 2>/dev/null && wait "$squid_pid" 2>/dev/null
  [ -n "$origin_pid" ] && kill "$origin_pid" 2>/dev/null && wait "$origin_pid" 2>/dev/null
  end_serve_work
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The origin: answers every POST with 200 and keeps what it received.
python3 - "$work/origin.port" "$work/received.log" <<'PY' &
import http.server, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[2], "ab") as f:
            f.write(self.headers.get("Host", "").encode() + b" " + body + b"\n")
        self.send_response(200); self.send_header("Content-Length", "3"); self.end_headers(); self.wfile.write(b"ok\n")
    def log_message(self, *a): pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
open(sys.argv[1], "w").write(str(server.server_address[1]))
server.serve_forever()
PY
origin_pid=$!

start_serve "$work/store" --icap 127.0.0.1:0
for _ in $(seq 1 600); do grep -q 'Press Ctrl-C' "$work/serve.out" && break; sleep 0.1; done
icap_port=$(grep -o 'icap://127.0.0.1:[0-9]*' "$work/serve.out" | head -1 | sed 's/.*://')
check "serve prints the ICAP address" [ -n "$icap_port" ]
check "serve says what it watches and does" grep -q 'AI services (data/dlp)) scanned for PHI; action block' "$work/serve.out"
for _ in $(seq 1 50); do [ -s "$work/origin.port" ] && break; sleep 0.1; done
origin_port=$(cat "$work/origin.port")

squid_port=$(free_port)
mkdir -p "$work/squid" && chmod 777 "$work/squid"
printf '127.0.0.1 chat.openai.com intranet.hospital.test\n' > "$work/hosts"
cat > "$work/squid.conf" <<CONF
http_port 127.0.0.1:$squid_port
pid_filename $work/squid/squid.pid
cache_log $work/squid/cache.log
access_log stdio:$work/squid/access.log
netdb_filename none
cache deny all
hosts_file $work/hosts
http_access allow localhost
http_access deny all
icap_enable on
icap_send_client_ip on
icap_service ward_dlp reqmod_precache icap://127.0.0.1:$icap_port/reqmod bypass=off
adaptation_access ward_dlp allow all
shutdown_lifetime 1 seconds
coredump_dir $work/squid
CONF
[ "$(id -u)" -eq 0 ] && echo "cache_effective_user proxy" >> "$work/squid.conf"
squid -N -f "$work/squid.conf" > "$work/squid/stdout.log" 2>&1 &
squid_pid=$!
for _ in $(seq 1 100); do
  python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $squid_port), 0.2)" 2>/dev/null && break
  sleep 0.1
done

post() {  # post NAME HOST BODY: through squid; status in $work/NAME.status, page in $work/NAME.html
  curl -s -o "$work/$1.html" -w '%{http_code}' -x "http://127.0.0.1:$squid_port" -H 'Content-Type: application/json' \
    --data-binary "$3" "http://$2:$origin_port/v1/chat/completions" > "$work/$1.status"
}

phi_prompt='{"messages":[{"role":"user","content":"Summarise: Patient John Smith, MRN: 00123456, DOB 02/08/1935, SSN 460-89-9847, admitted with chest pain."}]}'
post blocked chat.openai.com "$phi_prompt"
check "PHI to an AI service: 403 (got $(cat "$work/blocked.status"))" [ "$(cat "$work/blocked.status")" = 403 ]
check "the page says why and where" bash -c "grep -q 'This request was blocked' '$work/blocked.html' && grep -q 'chat.openai.com' '$work/blocked.html' \
  && grep -q 'Social Security number' '$work/blocked.html'"
check "the page shows no PHI" bash -c "! grep -Eq 'Smith|00123456|460-89-9847|1935' '$work/blocked.html'"
check "the prompt never reached the origin" bash -c "! grep -q 'Smith' '$work/received.log' 2>/dev/null"

post clean chat.openai.com '{"messages":[{"role":"user","content":"What are the common causes of atrial fibrillation?"}]}'
check "no PHI: through (got $(cat "$work/clean.status"))" [ "$(cat "$work/clean.status")" = 200 ]
check "no PHI: the origin got it unchanged" grep -q 'chat.openai.com:[0-9]* .*atrial fibrillation' "$work/received.log"

post intranet intranet.hospital.test "$phi_prompt"
check "PHI to a destination not watched: through (got $(cat "$work/intranet.status"))" [ "$(cat "$work/intranet.status")" = 200 ]
check "… and unchanged" grep -q 'intranet.hospital.test:[0-9]* .*John Smith' "$work/received.log"

check "one alert: destination, service, PHI by type, blocked; no PHI value" python3 - "$work/store/ward.db" <<'PY'
import json, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT rule_id, level, matched, source, host FROM alerts WHERE rule_id = 'ward-dlp-phi-to-ai-service'").fetchall()
assert len(rows) == 1, rows
rule, level, matched, source, host = rows[0]
m = json.loads(matched)
assert m["destination"] == "chat.openai.com" and m["service"] == "openai" and m["action"] == "blocked", m
assert m["phi"].get("ssn") == 1 and m["phi"].get("name", 0) >= 1 and m["phi"].get("mrn") == 1, m
assert host == "127.0.0.1", host
assert "Smith" not in matched and "00123456" not in matched, matched
PY
check "Ward's log names the destination and counts, not the PHI" bash -c "grep -q 'icap: PHI in a request .*destination=chat.openai.com service=openai' '$work/serve.out' \
  && ! grep -Eq 'Smith|00123456|460-89-9847' '$work/serve.out'"

# A letter uploaded as a PDF file (multipart/form-data, as a browser sends it), printed by
# Debian's Chromium: its text is read and the upload blocked.
printf 'Referral letter\nPatient John Smith, MRN 00123456, SSN 460-89-9847.\n' > "$work/letter.txt"
chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$work/letter.pdf" "$work/letter.txt" > /dev/null 2>&1
curl -s -o "$work/upload.html" -w '%{http_code}' -x "http://127.0.0.1:$squid_port" \
  -F 'purpose=assistants' -F "file=@$work/letter.pdf;type=application/pdf" \
  "http://chat.openai.com:$origin_port/v1/files" > "$work/upload.status"
check "a PDF with PHI uploaded to an AI service: 403 (got $(cat "$work/upload.status"))" [ "$(cat "$work/upload.status")" = 403 ]
check "the upload's alert says the PDF was read" python3 - "$work/store/ward.db" <<'PY'
import json, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT matched FROM alerts WHERE rule_id = 'ward-dlp-phi-to-ai-service' ORDER BY rowid").fetchall()
assert len(rows) == 2, rows
m = json.loads(rows[1][0])
assert m["documents_read"] == 1 and m["action"] == "blocked" and m["phi"].get("ssn") == 1, m
PY
check "Ward's log says a PDF was read" grep -q 'icap: PHI in a request .*destination=chat.openai.com .*body="1 PDF read"' "$work/serve.out"

check "an unreadable ICAP request gets 400, and the server stays up" python3 - "$icap_port" <<'PY'
import socket, sys
port = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", port), 5)
s.sendall(b"REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: x\r\n\r\n")  # no Encapsulated header
assert s.recv(4096).startswith(b"ICAP/1.0 400 "), "expected 400"
s.close()
s = socket.create_connection(("127.0.0.1", port), 5)
s.sendall(b"OPTIONS icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: x\r\nEncapsulated: null-body=0\r\n\r\n")
answer = s.recv(4096)
assert answer.startswith(b"ICAP/1.0 200 OK") and b"Methods: REQMOD" in answer, answer
PY
check "squid used the ICAP service" grep -q 'TCP_DENIED/403\|NONE_NONE/403\|/403 ' "$work/squid/access.log"
# AI use: squid's own access log counted by `ward ai usage`, with the DLP's finding joined: PHI
# sent to openai by the client, blocked; the same from the store (no files) and from the API.
"$ward" --data "$work/store" ai usage "$work/squid/access.log" --format json > "$work/usage.json" 2> "$work/usage.err"
check "ward ai usage reads squid's log (exit $?)" [ -s "$work/usage.json" ]
check "usage: openai counted from the log, unknown to the registry, PHI in two requests (the prompt, the PDF)" python3 - "$work/usage.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = {x["service"]: x for x in r["services"]}
assert "openai" in s and s["openai"]["requests"] >= 2 and s["openai"]["status"] == ["unknown"], r["services"]
assert s["openai"]["flagged"] and s["openai"]["phi_requests"] == 2 and s["openai"]["first_seen"], s["openai"]
assert len(r["phi_to_ai"]) == 1, r["phi_to_ai"]
p = r["phi_to_ai"][0]
assert p["service"] == "openai" and p["who"] == "127.0.0.1" and p["blocked"] == 2 and p["phi"]["ssn"] == 2, p
assert p["hosts"] == ["chat.openai.com"] and not p["baa"], p
assert "Smith" not in json.dumps(r) and "00123456" not in json.dumps(r)
PY
# openai was new to the record: one alert, shadow AI, where detection alerts go; counting the same
# log again raises none.
"$ward" --data "$work/store" ai usage "$work/squid/access.log" --format json > /dev/null 2>&1
"$ward" --data "$work/store" alerts list --rule ward-ai-service-first-seen --format json > "$work/first_seen.json" 2>/dev/null
check "openai seen for the first time is one medium alert" python3 - "$work/first_seen.json" <<'PY'
import json, sys
alerts = json.load(open(sys.argv[1]))
assert len(alerts) == 1, alerts
a = alerts[0]
assert a["level"] == "medium" and a["status"] == "open", a
assert a["rule"]["title"] == "AI service seen for the first time: openai (not in the registry: shadow AI)", a
assert a["host"] == "127.0.0.1" and a["matched"]["hosts"] == ["chat.openai.com"], a
PY
"$ward" --data "$work/store" ai usage --format json > "$work/stored.json" 2>/dev/null
check "ward ai usage without files: the same from the store" python3 - "$work/stored.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert [x["service"] for x in r["services"]] == ["openai"] and r["phi_requests"] == 2, r
PY
curl -s "${auth[@]}" "$base/ai/usage" > "$work/api_usage.json"
check "GET /api/v1/ai/usage: PHI sent to openai by the client" python3 - "$work/api_usage.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["phi_to_ai"][0]["service"] == "openai" and r["phi_to_ai"][0]["requests"] == 2, r
PY
check "Ctrl-C stops Ward" stop_serve

finish
