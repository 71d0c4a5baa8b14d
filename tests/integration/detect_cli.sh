#!/usr/bin/env bash
# `ward detect` as an analyst runs it: --check over the SigmaHQ rules, a hunt over one
# regression file (table and JSON lines), a bad JSON record named by file and line, exit statuses;
# Ward's log formats (squid, Zeek) with logsource routing and field mappings; a Sigma filter;
# correlation rules over a small JSON lines file (a lateness bound, a state cap); --save into a store.
# Usage: detect_cli.sh WARD SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
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

# --save keeps the matches as alerts in the store; hunting the same file again adds none.
run save detect --data "$work/data" --rules "$sigma/rules" --save "$regression/$rule_id.json"
check "--save exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "--save says how many alerts were new" grep -Eq '^[1-9][0-9]* new alert\(s\) saved in ' "$work/save.out"
run save_again detect --data "$work/data" --rules "$sigma/rules" --save "$regression/$rule_id.json"
check "the same hunt again saves no duplicate alert" grep -q '^0 new alert(s) saved in ' "$work/save_again.out"

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

# Correlation rules: the specification's "failed logins followed by a successful login" (three
# failures here) in one multi-document file, over JSON lines whose records are not in time order.
cat > "$work/mr_login.yml" <<'EOF'
title: Failed logins followed by a successful login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
level: high
correlation:
    type: temporal_ordered
    rules: [multiple_failed_login, successful_login]
    group-by: [User]
    timespan: 10m
---
title: Multiple failed logons
name: multiple_failed_login
correlation:
    type: event_count
    rules: [failed_login]
    group-by: [User]
    timespan: 10m
    condition:
        gte: 3
---
title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
detection:
    selection:
        EventID: [529, 4625]
    condition: selection
---
title: Successful login
name: successful_login
detection:
    selection:
        EventID: [528, 4624]
    condition: selection
EOF
cat > "$work/logins.jsonl" <<'EOF'
{"EventID": 4625, "User": "ann", "@timestamp": "2024-05-01T10:00:00Z"}
{"EventID": 4625, "User": "ann", "@timestamp": "2024-05-01T10:01:00Z"}
{"EventID": 4624, "User": "ann", "@timestamp": "2024-05-01T10:03:00Z"}
{"EventID": 4625, "User": "ann", "@timestamp": "2024-05-01T10:02:00Z"}
{"EventID": 4625, "User": "bob", "@timestamp": "2024-05-01T10:00:00Z"}
{"EventID": 4625, "User": "bob", "@timestamp": "2024-05-01T10:01:00Z"}
{"EventID": 4625, "User": "bob", "@timestamp": "2024-05-01T10:02:00Z"}
{"EventID": 4624, "User": "bob", "@timestamp": "2024-05-01T10:12:01Z"}
{"EventID": 4625, "User": "cid"}
EOF
run corr_check detect --rules "$work/mr_login.yml" --check
check "--check over a correlation file exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "--check counts correlation rules" grep -q '^correlation rules: 2 loaded, 2 linked$' "$work/corr_check.out"

run corr detect --rules "$work/mr_login.yml" "$work/logins.jsonl"
check "a correlation hunt exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "one alert: ann, failures then a success, from her first failure" \
  grep -Eq '^2024-05-01T10:03:00Z +high +Failed logins followed by a successful login +b180ead8-d58f-40b2-ae54-c8940995b9b6 +temporal_ordered +User=ann: 2/2 rules, from 2024-05-01T10:00:00Z' "$work/corr.out"
check "bob's success came 10m and 1s after his third failure: no alert" bash -c "! grep -q 'User=bob' '$work/corr.out'"
check "the rules used only by the correlation are not shown on their own" \
  bash -c "! grep -q 'Single failed login' '$work/corr.out'"
check "the summary counts correlation alerts" grep -q '^2 correlation rules run, 1 correlation alerts$' "$work/corr.out"
check "a record without a time is named" grep -q 'no readable time .*logins.jsonl:9' "$work/corr.err"

run corr_json detect --rules "$work/mr_login.yml" --output json "$work/logins.jsonl"
check "correlation alerts as JSON lines: group, count, times and the events in time order" \
  python3 -c "
import json
rows = [json.loads(l) for l in open('$work/corr_json.out')]
assert len(rows) == 1, rows
a = rows[0]
assert a['kind'] == 'correlation' and a['type'] == 'temporal_ordered' and a['group'] == {'User': 'ann'}, a
assert a['count'] == 2 and a['first'] == '2024-05-01T10:00:00Z' and a['last'] == '2024-05-01T10:03:00Z', a
assert [e['event'] for e in a['events']] == [1, 2, 4, 3], a['events']
"

# ann's 10:02 failure comes after her 10:03 success: within a bound of 1m, beyond one of 30s
# (bob's 10:00 and 10:01, read after 10:03, are beyond both).
run corr_bound detect --rules "$work/mr_login.yml" --lateness 1m "$work/logins.jsonl"
check "--lateness 1m: bob's first two failures are late" grep -q 'correlation limits: 2 late matches dropped' "$work/corr_bound.err"
check "--lateness 1m: the same alert as the sorted hunt" \
  grep -Eq '^2024-05-01T10:03:00Z +high +Failed logins followed by a successful login .*User=ann: 2/2 rules' "$work/corr_bound.out"
run corr_tight detect --rules "$work/mr_login.yml" --lateness 30s "$work/logins.jsonl"
check "--lateness 30s: the late failure is counted and ann has no alert" \
  bash -c "grep -q 'correlation limits: 4 late matches dropped' '$work/corr_tight.err' && ! grep -q 'User=ann' '$work/corr_tight.out'"
run corr_bad_bound detect --rules "$work/mr_login.yml" --lateness soon "$work/logins.jsonl"
check "a bad --lateness is an error naming it (got $rc)" \
  bash -c "[ $rc -eq 1 ] && grep -q -- '--lateness .soon. is not a lateness bound' '$work/corr_bad_bound.err'"

# A cap on groups: room for one user; one state-cap alert per correlation, not one per dropped group.
printf 'detection:\n  correlation: {max_groups: 1}\n' > "$work/capped.yaml"
run corr_cap --config "$work/capped.yaml" detect --rules "$work/mr_login.yml" --output json "$work/logins.jsonl"
check "a correlation at max_groups raises one state-cap alert (got $rc)" \
  python3 -c "
import json
rows = [json.loads(l) for l in open('$work/corr_cap.out')]
caps = [r for r in rows if r.get('kind') == 'state_cap']
assert sorted(c['correlation']['title'] for c in caps) == ['Failed logins followed by a successful login', 'Multiple failed logons'], caps
c = [c for c in caps if c['correlation']['title'] == 'Multiple failed logons'][0]
assert c['rule_id'] == 'ward-correlation-state-cap' and c['level'] == 'high' and c['cap'] == 'max_groups', c
assert c['title'] == 'Correlation state cap reached: Multiple failed logons' and c['dropped'] == 1, c
"

sed 's/rules: \[failed_login\]/rules: [failed_logon]/' "$work/mr_login.yml" > "$work/mr_broken.yml"
run corr_broken detect --rules "$work/mr_broken.yml" --check
check "a correlation naming a missing rule fails --check (got $rc)" [ "$rc" -eq 1 ]
check "it names the reference and the document" \
  grep -q "mr_broken.yml: not compiled: correlation.rules: no loaded rule or correlation has the id or name 'failed_logon' (document 2)" "$work/corr_broken.out"

finish
