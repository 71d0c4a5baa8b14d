#!/usr/bin/env bash
# `ward import` as a user runs it: the public samples, a folder of bad files, exit statuses,
# messages that name the file, line and field, and --help on every subcommand.
# Usage: import_cli.sh WARD SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
run() {  # run NAME ARGS...: runs ward, keeps output in $work/NAME.out and the status in $rc
  local name=$1
  shift
  rc=0
  "$ward" "$@" > "$work/$name.out" 2>&1 || rc=$?
}

run fhir --data "$work/s1" import "$shared/fhir/r4_examples" "$shared/fhir/samples" "$shared/fhir/converter_r4"
check "FHIR spec samples import with exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "summary counts the nine R4 AuditEvents and more" grep -Eq "AuditEvent +1[0-9]" "$work/fhir.out"

# The same files again: nothing is stored twice, every AuditEvent is reported as a duplicate.
run again --data "$work/s1" import "$shared/fhir/r4_examples"
check "importing the spec samples again exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "every AuditEvent imported again is a duplicate" \
  awk '$1 == "AuditEvent" { found = 1; ok = $2 > 0 && $5 == $2 } END { exit !(found && ok) }' "$work/again.out"
check "the duplicates are named per file" grep -q "audit-event-example-login.json: 1$" "$work/again.out"

run synthea --data "$work/s2" import "$shared/synthea"
check "all Synthea bundles (gzip too) import with exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "Synthea patients are counted" grep -Eq "^ +Patient +10 " "$work/synthea.out"

run hl7 --data "$work/s3" import "$shared/hl7v2"
check "HL7 v2 samples import (exit 0 or 3, got $rc)" [ "$rc" -eq 0 -o "$rc" -eq 3 ]
check "the Simulated Hospital stream yields 400 ADT^A01" grep -Eq "ADT\^A01 +4[0-9][0-9] " "$work/hl7.out"

# A folder of bad files beside a good one: the good one is imported, each bad one is named.
mkdir -p "$work/bad"
cp "$shared/fhir/r4_examples/audit-event-example-search.json" "$work/bad/good.json"
head -c 300 "$shared/fhir/r4_examples/audit-event-example-login.json" > "$work/bad/truncated.json"
printf '{"resourceType":"AuditEvent","recorded":"2024-02-30T10:00:00Z"}\n{"resourceType":"AuditEvent","recorded":"2024-02-01T10:00:00Z","agent":[{"who":{"identifier":{"value":"u1"}},"requestor":true}],"entity":[{"what":{"reference":"Patient/p1"}}]}\n' > "$work/bad/dates.ndjson"
head -c 4096 /dev/urandom > "$work/bad/garbage.bin"
: > "$work/bad/empty.json"
printf 'MSH|^~\\&|A|B|C|D|20240101120000||ADT^A01|1|P|3.0\rPID|1||123^^^H^MR\r' > "$work/bad/unknown_version.hl7"
printf 'timestamp,user_id,patient_id,action\n2024-01-01T10:00:00Z,u1,p1,View\n2024-01-01T10:05:00Z,u2\n2024-01-01T10:06:00Z,u3,p3,View,extra\n' > "$work/bad/access.csv"
run bad --data "$work/s4" import "$work/bad"
check "bad files give exit 3 when the rest is imported (got $rc)" [ "$rc" -eq 3 ]
check "invalid date names file, line and field" grep -q "dates.ndjson:1: recorded" "$work/bad.out"
check "the good NDJSON line is still imported" grep -Eq "AuditEvent +2 +1 " "$work/bad.out"
check "unknown HL7 version names MSH-12" grep -q "unknown_version.hl7:1: MSH-12" "$work/bad.out"
check "CSV row with missing columns is named by line" grep -q "access.csv:3: columns" "$work/bad.out"
check "CSV row with extra columns is named by line" grep -q "access.csv:4: columns" "$work/bad.out"
check "garbage is named" grep -q "garbage.bin" "$work/bad.out"
check "truncated JSON is named" grep -q "truncated.json" "$work/bad.out"

run only_bad --data "$work/s5" import "$work/bad/garbage.bin"
check "nothing importable gives exit 1 (got $rc)" [ "$rc" -eq 1 ]
run missing --data "$work/s5" import "$work/does-not-exist"
check "a missing path gives exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "a missing path is named" grep -q "does-not-exist" "$work/missing.out"
run format --data "$work/s5" import --format xml "$work/bad/good.json"
check "an unknown --format gives exit 1 (got $rc)" [ "$rc" -eq 1 ]
run forced --data "$work/s6" import --format fhir "$work/bad/good.json"
check "--format fhir imports (got $rc)" [ "$rc" -eq 0 ]

WARD_DATA="$work/s7" "$ward" import "$work/bad/good.json" > /dev/null 2>&1
check "WARD_DATA chooses the store" [ -f "$work/s7/ward.db" ]

printf 'ingest:\n  colour: blue\n' > "$work/bad.yaml"
run config --data "$work/s8" --config "$work/bad.yaml" import "$work/bad/good.json"
check "an unknown config key is an error naming it (got $rc)" grep -q "ingest.colour: unknown key" "$work/config.out"

# Security logs: Zeek (TSV and JSON), squid, DNS query logs and syslog, detected by content.
run logs --data "$work/s9" import "$shared/zeek_logs/zeek-default" "$shared/zeek_logs/zeek-json" \
  "$shared/proxy_dns/squid_access.log"
check "Zeek and squid samples import with exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "the Zeek dns.log gives 53615 records" grep -Eq "^ +zeek dns +53615 +0 " "$work/logs.out"
check "the squid sample gives 8 records" grep -Eq "^ +squid access +8 +0 " "$work/logs.out"
# No live detection ever ran on this store: its first start would drop kept fields unread.
kept_fields() {
  python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM event_source_fields').fetchone()[0])" "$1"
}
check "a store live detection never ran on keeps no source fields" [ "$(kept_fields "$work/s9/ward.db")" = 0 ]
# As if `ward serve` had run on this one: live detection's progress is saved.
run logs_store --data "$work/s10" rules list
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('INSERT INTO detection_progress VALUES (1, 0)'); c.commit()" \
  "$work/s10/ward.db"
run logs_live --data "$work/s10" import "$shared/proxy_dns/squid_access.log"
check "after live detection ran, the squid lines keep their fields for it" [ "$(kept_fields "$work/s10/ward.db")" = 8 ]
check "the JSON copy of a Zeek log is counted as duplicates" \
  grep -Eq "^ +zeek smtp +2376 +0 +0 +1188" "$work/logs.out"
printf '<38>Mar 24 08:59:37 web01 sshd[2231]: Accepted publickey for alice\n<999>1 - - - - - -\n' \
  > "$work/messages.log"
printf 'Mar 24 08:59:41 gw dnsmasq[812]: query[A] api.openai.com from 10.0.0.5\n' > "$work/dnsmasq.log"
run syslog --data "$work/s9" import "$work/messages.log" "$work/dnsmasq.log"
check "a syslog file with a bad line gives exit 3 (got $rc)" [ "$rc" -eq 3 ]
check "the bad syslog line is named by line and field" grep -q "messages.log:2: pri" "$work/syslog.out"
check "the dnsmasq line is detected and imported" grep -Eq "^ +dnsmasq line +1 +0 " "$work/syslog.out"

for sub in "" import serve "token create" demo "bench ingest"; do
  # shellcheck disable=SC2086
  "$ward" $sub --help > "$work/help.out" 2>&1
  check "ward $sub --help exits 0" [ $? -eq 0 ]
done

finish
