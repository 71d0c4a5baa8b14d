#!/usr/bin/env bash
# Load on the REST API as the web UI and scripts make it (docs/benchmarks.md "API under load"):
# a generated hospital of about a million accesses is imported with its privacy run, `ward serve`
# starts on 127.0.0.1, and wrk (Debian's) sends requests over 64 keep-alive connections for
# DURATION seconds each: the health route (HTTP, routing and JSON only: the baseline), the privacy
# case queue's first page, and event searches by user and by patient (the access reports). Every
# request but health is authenticated and written to Ward's audit trail, as in production.
# Prints requests/s, p50 and p99 latency per route, the ratio to the baseline, and the server's
# CPU seconds.
#   bench/api_load.sh [WARD] [DAYS] [DURATION]
# Defaults: build/src/cli/ward, 20 (about 1.05M accesses), 15. Needs wrk, curl and python3.
set -uo pipefail
ward=$(realpath "${1:-build/src/cli/ward}")
days=${2:-20}
duration=${3:-15}
for tool in wrk curl python3; do
  command -v "$tool" > /dev/null || { echo "bench/api_load.sh: $tool not found (scripts/setup installs it)"; exit 1; }
done
work=$(mktemp -d)
# shellcheck source=../tests/integration/serve.sh
source "$(dirname "$0")/../tests/integration/serve.sh"
trap end_serve_work EXIT
KEEP_WORK=${KEEP_WORK:-}

"$ward" demo --generate "$work/hospital" --users 1000 --patients 20000 --days "$days" --seed 7 > /dev/null || exit 1
"$ward" --data "$work/store" import --privacy "$work/hospital" > "$work/import.txt" 2>&1 || [ $? -eq 3 ]
start_serve "$work/store"
# The case queue and patient searches are a privacy officer's (docs/api.md#roles-and-minimum-necessary).
token=$officer_token
auth=("${officer_auth[@]}")
# ward serve scores what the store holds once at start (live privacy): measure after that.
for _ in $(seq 1 1200); do
  curl -s "${auth[@]}" "$base/privacy/status" | grep -q '"ready":true' && break
  sleep 0.25
done
curl -s "${auth[@]}" "$base/stats" > "$work/stats.json"
events=$(json "$work/stats.json" "d['events']")
curl -s "${auth[@]}" "$base/events?limit=1" > "$work/one.json"
user=$(json "$work/one.json" "d['events'][0]['user']['id']")
patient=$(json "$work/one.json" "d['events'][0]['patient']['id']")
curl -s "${auth[@]}" "$base/privacy/cases?limit=1" > "$work/cases.json"

cpu() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks=$(getconf CLK_TCK)
# wrk's --latency summary: requests/s, then the 50% and 99% lines, in ms.
run() {  # run NAME PATH [auth]
  local name=$1 path=$2 header=()
  [ "${3:-}" = auth ] && header=(-H "Authorization: Bearer $token")
  local before after
  before=$(cpu)
  wrk -t1 -c64 -d"${duration}s" --latency "${header[@]}" "http://127.0.0.1:$port$path" > "$work/wrk.txt"
  after=$(cpu)
  python3 - "$work/wrk.txt" "$name" "$(( (after - before) ))" "$ticks" <<'PY'
import re, sys
text, name, cpu_ticks, hz = open(sys.argv[1]).read(), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
print(f"{name:<28} {rps:>10.0f} {lat['50']:>9.2f} {lat['99']:>9.2f} {cpu_ticks / hz:>8.1f}"
      + (f"   non-2xx: {non2xx.group(1)}" if non2xx else "") + (f"   socket errors: {errors.group(1)}" if errors else ""))
with open(sys.argv[1] + ".rps", "a") as f: f.write(f"{name} {rps}\n")
PY
}
echo "API under load: $events events, 64 connections, ${duration}s per route, wrk -t1 on the same machine"
printf '%-28s %10s %9s %9s %8s\n' route "req/s" "p50 ms" "p99 ms" "CPU s"
run "health (baseline)" /api/v1/health
run "privacy case queue" "/api/v1/privacy/cases?limit=50" auth
run "events by user" "/api/v1/events?user=$user&limit=50" auth
run "events by patient" "/api/v1/events?patient=$patient&limit=50" auth
python3 - "$work/wrk.txt.rps" <<'PY'
import sys
rows = [l.rsplit(" ", 1) for l in open(sys.argv[1]).read().splitlines()]
base = float(rows[0][1])
print("ratio to the baseline (req/s): " + ", ".join(f"{n} {float(r) / base:.2f}" for n, r in rows[1:]))
PY
stop_serve
