#!/usr/bin/env bash
# The web UI's case queue and overview against a store of CASES privacy cases (docs/benchmarks.md
# "Web UI: case queue and overview"): a demo hospital is imported, `ward serve` starts, and once
# its first privacy run is done CASES synthetic cases (mixed states, categories, scores and
# times; seed 42) are added beside the real ones. Then each request the UI makes for the queue
# and the overview is sent REPEAT times with curl; prints the min, median and max in ms per
# request, and the server's CPU seconds over all of them.
#   bench/case_queue.sh [WARD] [CASES] [REPEAT]
# Defaults: build/src/cli/ward, 100000, 9. Needs curl and python3.
set -uo pipefail
ward=$(realpath "${1:-build/src/cli/ward}")
cases=${2:-100000}
repeat=${3:-9}
work=$(mktemp -d)
# shellcheck source=../tests/integration/serve.sh
source "$(dirname "$0")/../tests/integration/serve.sh"
trap end_serve_work EXIT

"$ward" demo --generate "$work/hospital" --users 200 --patients 2000 --days 7 --seed 42 > /dev/null || exit 1
"$ward" --data "$work/store" import "$work/hospital" > /dev/null 2>&1
start_serve "$work/store"
server=$server_pid
token=$officer_token  # the case queue is the privacy officer's (docs/api.md)
get() { curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$1"; }
for _ in $(seq 1 600); do
  curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/privacy/status" | grep -q '"ready":true' && break
  sleep 0.1
done

python3 - "$work/store/ward.db" "$cases" <<'PY'
import random, sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
c = sqlite3.connect(db, timeout=60)
seqs = [r[0] for r in c.execute("SELECT seq FROM events ORDER BY seq LIMIT 10000")]
users = [r[0] for r in c.execute("SELECT id FROM workforce")] or ["E1"]
start = 1_793_000_000 * 10**9
states = ["new"] * 7 + ["in_review", "confirmed", "dismissed"]
categories = ["curiosity", "vip", "coworker", "family", "neighbour", "terminated", "bulk_export", "curiosity;vip"]
rows, links = [], []
first_id = (c.execute("SELECT coalesce(max(id), 0) FROM privacy_cases").fetchone()[0]) + 1
for i in range(n):
    t = start + rng.randrange(30 * 86400) * 10**9
    rows.append((first_id + i, f"bench-{i}", rng.choice(users), f"pat-{rng.randrange(50000):06d}",
                 round(rng.uniform(10, 100), 2), rng.choice(categories), "synthetic case (bench/case_queue.sh)",
                 t - 3600 * 10**9, t, rng.choice(states)))
    links.append((first_id + i, rng.choice(seqs)))
c.executemany("INSERT INTO privacy_cases (id, case_key, user_id, patient_id, score, categories, reason, "
              "first_ns, last_ns, status) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
c.executemany("INSERT INTO privacy_case_events (case_id, seq) VALUES (?,?)", links)
c.commit()
print(f"{n} synthetic cases added; {c.execute('SELECT count(*) FROM privacy_cases').fetchone()[0]} in all, "
      f"{c.execute('SELECT count(*) FROM events').fetchone()[0]} events")
PY

cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
ticks=$(getconf CLK_TCK)
deep=$(( (cases / 2 / 50) * 50 ))
# The cursor the UI holds on page deep/50 + 1: the next_cursor of the page before it.
cursor=$(curl -sf -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$port/api/v1/privacy/cases?status=open&sort=score&order=desc&limit=50&offset=$((deep - 50))" |
  python3 -c 'import json, sys, urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["next_cursor"]))')
before=$(cpu)
printf '%-72s %8s %8s %8s\n' request min_ms median_ms max_ms
for target in \
  "/api/v1/privacy/cases?status=open&sort=score&order=desc&limit=50&offset=0" \
  "/api/v1/privacy/cases?status=open&sort=score&order=desc&limit=50&offset=$deep" \
  "/api/v1/privacy/cases?status=open&sort=score&order=desc&limit=50&cursor=$cursor" \
  "/api/v1/privacy/cases?status=open&sort=last&order=desc&limit=50&offset=0" \
  "/api/v1/privacy/cases?status=dismissed&sort=case_id&order=asc&limit=50&offset=0" \
  "/api/v1/stats/cases" \
  "/api/v1/stats/inputs?days=14" \
  "/api/v1/stats/alerts"; do
  for _ in $(seq 1 "$repeat"); do get "$target"; done | sort -n | awk -v t="$target" '
    { v[NR] = $1 * 1000 } END { printf "%-72s %8.1f %8.1f %8.1f\n", t, v[1], v[int((NR + 1) / 2)], v[NR] }'
done
after=$(cpu)
echo "server CPU over all requests: $(echo "$before $after $ticks" | awk '{printf "%.2f", ($2 - $1) / $3}') s"
