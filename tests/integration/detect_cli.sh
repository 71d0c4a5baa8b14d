#!/usr/bin/env bash
# `ward detect` as an analyst runs it: --check over the SigmaHQ rules, a hunt over one
# regression file (table and JSON lines), a bad JSON record named by file and line, exit statuses;
# Ward's log formats (squid, Zeek) with logsource routing and field mappings; a Sigma filter.
# Usage: detect_cli.sh WARD SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
run() {  # run NAME ARGS...: stdout in $work/NAME.out, stderr in $work/NAME.err, status in $rc
  local name=$1
  shift
  rc=0
  "$ward" "$@" > "$work/$name.out" 2> "$work/$name.err" || rc=$?
}
sigma=$shared/sigma
regression=$sigma/regression_data/rules/windows/process_creation/proc_creation_win_sc_stop_service
rule_id=81bcb81b-5b1f-474b-b373-52c871aaa7b1

run check detect --rules "$sigma/rules" --check
check "--check over rules/ exits 0 when all compile (got $rc)" [ "$rc" -eq 0 ]
check "--check prints parsed N/M, compiled N/M" grep -Eq '^parsed [0-9]+/[0-9]+, compiled [0-9]+/[0-9]+$' "$work/check.out"
check "at least 98% of rules/ compile" \
  awk -F'[ /,]+' '/^parsed/ { ok = $5 / $6 >= 0.98 } END { exit !ok }' "$work/check.out"

run placeholder detect --rules "$sigma/rules-placeholder" --check
check "--check exits 1 when some rules do not compile (got $rc)" [ "$rc" -eq 1 ]
check "each failure names its file and reason" \
  grep -q 'win_security_admin_logon.yml: not compiled: .*placeholder %Admins_Workstations% has no configured value' "$work/placeholder.out"

run hunt detect --rules "$sigma/rules" "$regression/$rule_id.json"
check "a hunt exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "the rule fires: its id, title and file:event in the table" \
  grep -Eq "Stop Windows Service Via Sc\.EXE +$rule_id +.*$rule_id\.json:1$" "$work/hunt.out"
check "the table shows the event time" grep -q '^2025-10-22T20:33:27' "$work/hunt.out"
check "the summary line counts events, rules and matches" \
  grep -Eq '^1 events read from 1 file\(s\), [0-9]+ rules run, [1-9][0-9]* matches$' "$work/hunt.out"

run json detect --rules "$sigma/rules" --output json "$regression/$rule_id.json"
check "JSON output exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "JSON lines carry rule id, level, tags, file, event and matched fields" \
  python3 -c "
import json, sys
rows = [json.loads(l) for l in open('$work/json.out')]
row = next(r for r in rows if r['rule_id'] == '$rule_id')
assert row['event'] == 1 and row['file'].endswith('$rule_id.json') and row['level'] and row['tags']
assert any(m['field'] == 'CommandLine' or m['field'] == 'Image' for m in row['matched']), row['matched']
"
check "the JSON summary goes to stderr" grep -q 'events read from 1 file' "$work/json.err"

# A bad record between good ones: named by file and line, the others still searched.
{ tr -d '\n' < "$regression/$rule_id.json"; echo; echo '{"CommandLine": broken}'; tr -d '\n' < "$regression/$rule_id.json"; echo; } > "$work/mixed.json"
run mixed detect --rules "$sigma/rules" "$work/mixed.json"
check "a bad record gives exit 3 (got $rc)" [ "$rc" -eq 3 ]
check "the bad record is named by file and line" grep -q "mixed.json:2: bad JSON in the record at byte" "$work/mixed.err"
check "the records around it are searched" grep -Eq '^2 events read' "$work/mixed.out"

# squid: the real sample plus a download of an .exe from a .xyz host (auto-detected format).
{ cat "$shared/proxy_dns/squid_access.log"
  echo "1677971741.901    321 192.168.1.100 TCP_MISS/200 4096 GET http://cdn.update-check.xyz/files/setup.exe user1 HIER_DIRECT/203.0.113.9 application/octet-stream"
} > "$work/access.log"
run squid detect --rules "$sigma/rules" "$work/access.log"
check "a squid hunt exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "the SigmaHQ proxy rule fires on the .exe line through the field mapping" \
  grep -Eq "Download From Suspicious TLD - Blacklist +.*access\.log:9$" "$work/squid.out"
check "no rule of another logsource fires on squid lines (e.g. Zeek's negation-only RDP rule)" \
  bash -c "! grep -q 'Publicly Accessible RDP Service' '$work/squid.out'"
check "the squid summary counts its 9 lines" grep -Eq '^9 events read from 1 file' "$work/squid.out"

# Zeek: the real dns.log's header and first records plus a Tor2web query, as --format zeek.
{ gzip -dc "$shared/zeek_logs/zeek-default/dns.log.gz" | head -n 10
  printf '1521911721.100000	Cq9x2b3mF3det3eDV9	10.47.1.100	41773	10.0.0.100	53	udp	36330	0.000870	hiddenwiki.onion.to	1	C_INTERNET	1	A	0	NOERROR	F	F	T	T	0	-	-	F
'
} > "$work/dns.log"
run zeek detect --rules "$sigma/rules" --format zeek --output json "$work/dns.log"
check "a Zeek hunt exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "the SigmaHQ Zeek DNS rule fires on the Tor2web query, and only there" \
  python3 -c "
import json
rows = [json.loads(l) for l in open('$work/zeek.out')]
assert [(r['title'], r['event']) for r in rows] == [('DNS TOR Proxies', 3)], rows
assert rows[0]['matched'] == [{'field': 'query', 'value': 'hiddenwiki.onion.to'}], rows[0]
"

# A Sigma filter beside a rule: counted by --check, and it suppresses the matching event.
mkdir -p "$work/tuned"
cp "$sigma/rules/web/proxy_generic/proxy_download_susp_tlds_blacklist.yml" "$work/tuned/"
cat > "$work/tuned/mf_update_host.yml" <<'YAML'
title: Our update server
logsource:
  category: proxy
filter:
  rules:
    - proxy_download_susp_tlds_blacklist
  selection:
    cs-host: cdn.update-check.xyz
  condition: selection
YAML
run tuned_check detect --rules "$work/tuned" --check
check "--check counts the filter with the rules (got $rc)" grep -q '^parsed 2/2, compiled 2/2$' "$work/tuned_check.out"
check "--check says how many rules the filters tune" grep -q '^filters 1, applied to 1 rules$' "$work/tuned_check.out"
run tuned detect --rules "$work/tuned" "$work/access.log"
check "the filtered event does not alert" grep -Eq '^9 events read from 1 file\(s\), 1 rules run, 0 matches$' "$work/tuned.out"

run badls detect --rules "$work/tuned" --logsource os:windows "$work/access.log"
check "a bad --logsource is an error (got $rc)" [ "$rc" -eq 1 ]
check "it names the bad key" grep -q 'unknown key "os"' "$work/badls.err"

# A folder in auto mode: its JSON exports are hunted, info.yml files passed over with a count.
run folder detect --rules "$sigma/rules" "$(dirname "$regression")"
check "a folder hunt exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "the folder's rule fires on its export" grep -Eq "Stop Windows Service Via Sc\.EXE +$rule_id " "$work/folder.out"
check "files of no known format in folders are counted, not failed" grep -q 'file(s) in the folders passed over' "$work/folder.err"
check "no negation-only Zeek rule fires on Windows events" bash -c "! grep -q 'Publicly Accessible RDP Service' '$work/folder.out'"

run missing detect --rules "$work/no-such-folder" --check
check "a missing rule folder is an error (got $rc)" [ "$rc" -eq 1 ]
check "it names the folder" grep -q "no-such-folder: no such rule folder" "$work/missing.err"

finish
