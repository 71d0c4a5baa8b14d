#!/usr/bin/env bash
# Live privacy scoring in `ward serve`: the demo hospital's directory is imported, the server
# starts, the AuditEvents are posted over HTTP with curl (cases appear without `ward privacy
# run`), then the ADT feed arrives late over MLLP with the real mllp_send and the encounters over
# HTTP — and what the server scored live is what a full `ward privacy run` finds afterwards.
# Usage: privacy_live.sh WARD   (KEEP_WORK=1 keeps the work folder)
set -uo pipefail
ward=${1:?ward binary}
work=$(mktemp -d)
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=serve.sh
source "$(dirname "$0")/serve.sh"
trap end_serve_work EXIT

"$ward" demo --generate "$work/hospital" --users 60 --patients 400 --days 3 --seed 5 > /dev/null
h="$work/hospital"
# The directory only: people, no visits, no accesses.
"$ward" --data "$work/store" import "$h/patients.ndjson" "$h/practitioners.ndjson" "$h/roster.csv" \
  > /dev/null 2>&1
check "the directory imports" [ $? -eq 0 ]

start_serve "$work/store" --mllp 127.0.0.1:0
check "serve prints the API address" [ -n "$port" ]
check "serve prints the MLLP address" [ -n "$mllp_port" ]
status() { curl -s "${auth[@]}" "$base/privacy/status" > "$work/status.json"; }
# Waits until the monitor has scored everything committed so far (at most 60 s).
wait_idle() {
  for _ in $(seq 1 600); do
    status
    [ "$(json "$work/status.json" "d['ready'] and d['idle']")" = True ] && return 0
    sleep 0.1
  done
  return 1
}
check "the first run finishes" wait_idle
check "the status says live scoring runs" [ "$(json "$work/status.json" "d['live']")" = True ]

# 1. Accesses arrive as AuditEvents (in parts, as a feed would send them): scored as they land.
split -l 2000 "$h/audit_events.ndjson" "$work/part."
parts=0
for part in "$work"/part.*; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/fhir+ndjson' \
    --data-binary "@$part" "$base/ingest/fhir")
  [ "$code" = 200 ] || echo "  POST $part: $code"
  parts=$((parts + 1))
done
check "the AuditEvents are scored" wait_idle
accesses=$(grep -c . "$h/audit_events.ndjson")
check "every posted access was scored ($accesses)" \
  [ "$(json "$work/status.json" "d['summary']['accesses']")" = "$accesses" ]
check "each commit was scored ($parts)" [ "$(json "$work/status.json" "d['commits_scored'] >= $parts")" = True ]
check "the latency is reported" [ "$(json "$work/status.json" "d['latency_ms']['p99'] > 0")" = True ]
curl -s "${officer_auth[@]}" "$base/privacy/cases?limit=10000" > "$work/before_adt.json"
before=$(json "$work/before_adt.json" "len(d['cases'])")
check "cases are there without ward privacy run ($before)" [ "$before" -gt 0 ]
explained_before=$(json "$work/status.json" "d['summary']['explained']")

# 2. The visits arrive late: the ADT feed over MLLP, then the encounters over HTTP.
mllp_send --loose -p "$mllp_port" -f "$h/adt.hl7" 127.0.0.1 > "$work/adt.ack"
check "the ADT feed is acknowledged" [ "$(tr '\r' '\n' < "$work/adt.ack" | grep -c '^MSA|AA|')" -gt 0 ]
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/fhir+ndjson' \
  --data-binary "@$h/encounters.ndjson" "$base/ingest/fhir")
check "the encounters are accepted ($code)" [ "$code" = 200 ]
check "the late visits are scored" wait_idle
explained_after=$(json "$work/status.json" "d['summary']['explained']")
check "the late visits explain earlier accesses ($explained_before -> $explained_after of $accesses)" \
  [ "$explained_after" -gt "$explained_before" ]
curl -s "${officer_auth[@]}" "$base/privacy/cases?limit=10000" > "$work/live.json"
after=$(json "$work/live.json" "len(d['cases'])")
check "cases the visits explain are gone ($before -> $after)" [ "$after" -lt "$before" ]

check "Ctrl-C stops the server" stop_serve

# 3. A full run from scratch finds what the server found live.
"$ward" --data "$work/store" privacy run > "$work/run.out" 2>&1
check "the full run explains as many accesses as the live scoring" \
  grep -q "^Explained $explained_after of $accesses accesses" "$work/run.out"
"$ward" --data "$work/store" privacy cases --format json --limit 100000 > "$work/full.json"
same=$(python3 - "$work/live.json" "$work/full.json" <<'PY'
import json, sys
def cases(path):
    d = json.load(open(path))
    rows = d["cases"] if isinstance(d, dict) else d
    def ids(c):  # the API lists events; the CLI gives event_ids as in its CSV (";"-separated)
        if "events" in c:
            return tuple(e["event_id"] for e in c["events"])
        return tuple(c["event_ids"].split(";") if isinstance(c["event_ids"], str) else c["event_ids"])
    return sorted((c["user_id"], c["patient_id"], c["categories"], ids(c), round(c["score"], 3)) for c in rows)
live, full = cases(sys.argv[1]), cases(sys.argv[2])
for row in sorted(set(live) ^ set(full))[:5]:
    print("differs:", "live" if row in live else "full", row, file=sys.stderr)
print(live == full)
PY
)
check "the full run finds the same cases, scores and accesses as the live scoring" [ "$same" = True ]

finish
