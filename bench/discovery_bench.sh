#!/usr/bin/env bash
# Passive discovery speed: `ward devices discover` over a generated Zeek conn.log of N rows (clients
# drawn from 10.0-7.x.x, so most rows bring a new host; 500 servers on DICOM 104 and 11112, HL7
# 2575, HTTPS 443 and DNS 53; a third of the connections unanswered), beside a baseline in the same run: awk over the
# same file collecting the distinct answering (host, port/proto) pairs and clients (what the
# simplest script would do, with no header handling, no sets per host, no store).
# Usage: bench/discovery_bench.sh [WARD_BINARY] [ROWS] [ROUNDS]   (docs/benchmarks.md)
set -euo pipefail
ward=${1:-build/src/cli/ward}
rows=${2:-1000000}
rounds=${3:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work/conn.log" "$rows" <<'PY'
import random, sys
path, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(8)
ports = [("104", "tcp", "-"), ("11112", "tcp", "-"), ("2575", "tcp", "-"), ("443", "tcp", "ssl"), ("53", "udp", "dns")]
states = ["SF", "SF", "SF", "S0", "REJ", "RSTO"]
with open(path, "w") as f:
    f.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#open\t2026-12-01-00-00-00\n")
    f.write("#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n")
    f.write("#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n")
    t = 1764547200.0
    for i in range(n):
        t += rnd.random() * 0.01
        orig = f"10.{rnd.randrange(8)}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}"
        srv = rnd.randrange(500)
        resp = f"10.100.{srv // 250}.{srv % 250 + 1}"
        port, proto, service = ports[srv % len(ports)]
        f.write(f"{t:.6f}\tC{i:x}\t{orig}\t{rnd.randrange(1024, 65535)}\t{resp}\t{port}\t{proto}\t{service}\t0.5\t100\t200\t{rnd.choice(states)}\tT\tT\t0\tShADadFf\t5\t400\t5\t500\t-\n")
PY
bytes=$(stat -c %s "$work/conn.log")
echo "conn.log: $rows rows, $bytes bytes; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

measure() {  # label, command…: wall and CPU seconds (user+sys) of one run
  local label=$1; shift
  /usr/bin/time -o "$work/time" -f "%e %U %S" "$@" > /dev/null 2> "$work/err"
  read -r wall user sys < "$work/time"
  printf "%-10s wall %6.2f s  cpu %6.2f s\n" "$label" "$wall" "$(echo "$user + $sys" | bc)"
}

# The baseline: clients and answering (host, port/proto) pairs, as awk sees them.
baseline='!/^#/ { clients[$3]; if ($12 ~ /^(SF|S1|S2|S3|RSTO|RSTR)$/) servers[$5 " " $6 "/" $7] }
          END { print length(clients), length(servers) }'

for r in $(seq "$rounds"); do
  rm -rf "$work/data"
  measure "ward" "$ward" --data "$work/data" devices discover --oui "" --format csv "$work/conn.log"
  measure "awk" awk -F'\t' "$baseline" "$work/conn.log"
done
"$ward" --data "$work/data" devices discovered --format csv | tail -n +2 | wc -l | xargs echo "hosts reconciled:"
