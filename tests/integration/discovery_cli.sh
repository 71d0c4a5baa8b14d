#!/usr/bin/env bash
# Passive device discovery as a clinical engineer runs it: `ward devices import` of a CMMS list,
# `ward devices discover` over a hand-written DHCP and conn log and the public dns.log (a bad line
# named with file and line, exit 3; a second run changes nothing), then `ward devices discovered`
# with --conflicts, --unseen and --new in CSV and JSON; then ATNA audit messages naming DICOM nodes.
# Usage: discovery_cli.sh WARD SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
ward_args=(--data "$work/store")
golden="$(dirname "$0")/../golden/discovery"

printf 'asset_tag,manufacturer,model,ip,mac\nPUMP-07,Philips,MP50,10.20.1.18,00-09-5C-12-34-56\nHL7-GW,Corepoint,Engine,10.20.5.5,\nXR-1,GE,Optima,10.20.9.9,\n' > "$work/inv.csv"
run inv devices import "$work/inv.csv"
check "the inventory imports (exit $rc)" [ "$rc" -eq 0 ]

run first devices discover --oui "" --format csv "$golden/conn.log" "$golden/dhcp.log" "$shared/zeek_logs/zeek-default/dns.log.gz"
check "a bad line makes the exit 3 (got $rc)" [ "$rc" -eq 3 ]
check "the bad line is named with its file and line" grep -q "conn.log:12: #fields: expected 21 columns (as in #fields), got 5" "$work/first.err"
check "the summary counts the records of each log" grep -q "^3 files: 53622 records (4 zeek conn, 3 zeek dhcp, 53615 zeek dns), 1 bad line;" "$work/first.err"
check "the pump is matched by MAC with its IP conflict" grep -q '^matched,mac,PUMP-07,mac:00:09:5c:12:34:56,10.20.1.17,00:09:5c:12:34:56,ICU-PUMP-07,.*,ip: CMMS 10.20.1.18 observed 10.20.1.17,"host name ICU-PUMP-07 has ""pump"""$' "$work/first.out"
check "the HL7 engine is matched by IP and hinted by its port" grep -q '^matched,ip,HL7-GW,ip:10.20.5.5,.*2575/tcp,,"answers on HL7 v2 over MLLP (IANA hl7, 2575/tcp)"$' "$work/first.out"

run second devices discover --oui "" --format csv "$golden/conn.log" "$golden/dhcp.log" "$shared/zeek_logs/zeek-default/dns.log.gz"
check "a second run changes nothing" grep -q " 0 added, 0 updated, [0-9]* unchanged, 0 folded into their MAC$" "$work/second.err"
check "and lists the same rows" cmp -s "$work/first.out" "$work/second.out"

run conflicts devices discovered --conflicts --format csv
check "one conflict" [ "$(tail -n +2 "$work/conflicts.out" | wc -l)" -eq 1 ]
run unseen devices discovered --unseen --format json
check "the X-ray was never seen" grep -q '"device_id":"XR-1".*"status":"unseen"' "$work/unseen.out"
check "only it" [ "$(wc -l < "$work/unseen.out")" -eq 1 ]
run new devices discovered --new --format text
check "the DICOM SCP is a new device with its hint" grep -q "^new      ip:10.20.5.9 .*services 104/tcp; hints: answers on DICOM" "$work/new.out"
check "no public address is kept" bash -c "! grep -q '^new      ip:\(8\.8\|134\.71\)' '$work/new.out'"
# DICOM nodes from ATNA audit messages (a PACS archive's DICOM Instances Transferred and Query).
run atna devices discover --oui "" --format csv "$golden/dicom-instances-transferred.xml"
check "the audit file is read (exit $rc)" [ "$rc" -eq 0 ]
check "the summary counts the audit messages" grep -q "^1 file: 2 records (2 ATNA audit message), 0 bad lines;" "$work/atna.err"
check "the archive the conn.log saw on 104/tcp gets its AE titles as a hint" \
  grep -q '^new,,,ip:10.20.5.9,10.20.5.9,.*,104/tcp,,"answers on DICOM (IANA acr-nema/dicom, 104/tcp); DICOM application entity PACS_ARCHIVE"$' "$work/atna.out"
check "the CT scanner that sent the study is a new host" grep -q '^new,,,ip:10.20.7.31,10.20.7.31,.*,DICOM application entity CT_SCANNER_3$' "$work/atna.out"
# A syslog file of other messages gives no host, and the run says why.
printf '<86>Nov  1 10:00:01 app02 sshd[311]: Accepted publickey for deploy from 10.1.2.9 port 52100\n' > "$work/messages.log"
run plain devices discover --oui "" "$work/messages.log"
check "a syslog file without ATNA messages is read (exit $rc)" [ "$rc" -eq 0 ]
check "and named as holding none" grep -q "messages.log: 1 syslog message, none of them an ATNA audit message" "$work/plain.err"
run both devices discovered --new --unseen
check "two filters at once are refused (exit $rc)" [ "$rc" -eq 1 ]
finish
