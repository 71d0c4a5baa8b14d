#!/usr/bin/env bash
# The MLLP listener end to end, as an interface engine uses it: `ward serve --mllp` on free ports,
# HL7 v2 ADT sent with the real mllp_send (Debian's python3-hl7), the ACKs it prints checked, the
# patients and encounters looked up over the API with curl, the sender found by passive
# discovery, then Ctrl-C.
# Usage: mllp_send.sh WARD SHARED_DATA   (KEEP_WORK=1 keeps the work folder: ACKs, server log)
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
if ! command -v mllp_send > /dev/null; then
  echo "FAIL: mllp_send not found: install python3-hl7 (scripts/setup does)"
  exit 1
fi
work=$(mktemp -d)
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=serve.sh
source "$(dirname "$0")/serve.sh"
trap end_serve_work EXIT
# The MSA (or ERR) segments of the ACKs mllp_send printed, one per line, MLLP bytes removed.
segments() {  # segments FILE NAME
  tr '\r\013\034' '\n\n\n' < "$1" | grep "^$2|"
}
send() {  # send FILE [--loose]: the ACKs mllp_send prints go to stdout
  mllp_send "${@:2}" -p "$mllp_port" -f "$1" 127.0.0.1
}

# Port 0 for both: the listeners say which ports they got.
ward_options=(--log-level debug)
start_serve "$work/store" --mllp 127.0.0.1:0
ward_options=()
check "serve prints the API URL" [ -n "$port" ]
check "serve prints the MLLP address" [ -n "$mllp_port" ]
stat() { curl -s "${auth[@]}" "$base/stats" > "$work/stats.json"; json "$work/stats.json" "d['$1']"; }

# 1. A public sample as it comes (segments ended by \n, so --loose): AA, then it is in the store.
send "$shared/hl7v2/ADT-A01-02.hl7" --loose > "$work/sample.ack"
check "the ADT^A01 sample is acknowledged AA with its control id" \
  [ "$(segments "$work/sample.ack" MSA)" = "MSA|AA|MSG00001" ]
check "the ACK swaps sender and receiver and answers ACK^A01^ACK" \
  grep -q 'MSH|^~\\&|EHRApp^1.Edu^ISO|GHHRFacility^[^|]*|ADTApp|GHHSFacility^[^|]*|[0-9+]*||ACK^A01^ACK|' "$work/sample.ack"
code=$(curl -s -o "$work/patient.json" -w '%{http_code}' "${officer_auth[@]}" "$base/patients/PATID1234/accesses")
check "the sample's patient is in the store ($code)" [ "$code" = 200 ]
check "the API names the patient from PID-5" [ "$(json "$work/patient.json" "d['patient']['name']")" = "ADAM EVERYMAN" ]
check "the sample's encounter is in the store" [ "$(stat encounters)" = 1 ]
# Passive discovery: the sender is a host seen on the network, by its address, MSH-3 and MSH-4.
curl -s "${auth[@]}" "$base/devices/discovered?show=new" > "$work/discovered.json"
check "the sender is a discovered host: its address, hl7-mllp, MSH-3 and MSH-4" \
  [ "$(json "$work/discovered.json" "[(r['asset']['key'], r['asset']['protocols'], r['asset']['applications']) for r in d['rows']]")" = \
    "[('ip:127.0.0.1', ['hl7-mllp'], ['HL7 ADTApp (GHHSFacility)'])]" ]
check "with the application as a hint" \
  [ "$(json "$work/discovered.json" "d['rows'][0]['hints']")" = "['sends HL7 v2 to Ward as ADTApp (GHHSFacility)']" ]

# 2. The demo generator's ADT feed: every message on one connection, every one AA.
"$ward" demo --generate "$work/hospital" --users 30 --patients 200 --days 2 --seed 11 > /dev/null
adt="$work/hospital/adt.hl7"
messages=$(grep -c '^MSH' "$adt")
check "the demo feed has admissions, transfers and discharges to send ($messages messages)" \
  [ "$messages" -gt 20 ]
visits=$(python3 - "$adt" <<'PY'
import sys
visits = set()
for message in open(sys.argv[1], newline="").read().split("\n"):
    for segment in message.split("\r"):
        if segment.startswith("PV1|"):
            visits.add(segment.split("|")[19])
print(len(visits))
PY
)
before=$(stat encounters)
send "$adt" --loose > "$work/feed.ack"
check "every message of the feed answered AA ($messages messages)" \
  [ "$(segments "$work/feed.ack" MSA | grep -c '^MSA|AA|W')" = "$messages" ]
check "the feed's encounters are all in the store ($visits)" [ "$(( $(stat encounters) - before ))" = "$visits" ]
mrn=$(tr '\r' '\n' < "$adt" | grep -m1 '^PID|' | cut -d'|' -f4 | cut -d'^' -f1)
family=$(tr '\r' '\n' < "$adt" | grep -m1 '^PID|' | cut -d'|' -f6 | cut -d'^' -f1)
code=$(curl -s -o "$work/feed_patient.json" -w '%{http_code}' "${officer_auth[@]}" "$base/patients/$mrn/accesses")
check "a patient of the feed is found by MRN ($mrn, $code)" [ "$code" = 200 ]

# 3. A bad message is answered AE with the reason; the next one on the connection is still taken.
{
  printf 'MSH|^~\\&|LAB|HOSP|WARD|HOSP|20240301101500||ADT^A01^ADT_A01|BAD1|P|2.5.1\n'
  printf 'PID|1||MRN-BAD^^^HOSP^MR||DOE^JANE||1980X102|F\n'
  printf 'PV1|1|I|4E^401^B||||||||||||||||V-BAD\n'
  printf 'MSH|^~\\&|LAB|HOSP|WARD|HOSP|20240301101500||ADT^A01^ADT_A01|GOOD2|P|2.5.1\n'
  printf 'PID|1||MRN-GOOD^^^HOSP^MR||ROE^RICHARD||19700101|M\n'
  printf 'PV1|1|I|4E^402^A||||||||||||||||V-GOOD\n'
} > "$work/bad_then_good.hl7"
send "$work/bad_then_good.hl7" --loose > "$work/bad.ack"
segments "$work/bad.ack" MSA > "$work/bad.msa"
check "the bad message is answered AE naming PID-7" grep -q '^MSA|AE|BAD1|PID-7: birth date' "$work/bad.msa"
check "its ERR segment gives the place and the HL7 error code" \
  grep -q '^ERR||PID^1^7|102^Data type error^HL70357|E||||PID-7: ' <(segments "$work/bad.ack" ERR)
check "the next message on the same connection is answered AA" [ "$(sed -n 2p "$work/bad.msa")" = "MSA|AA|GOOD2" ]
check "the good one is in the store" \
  [ "$(curl -s -o /dev/null -w '%{http_code}' "${officer_auth[@]}" "$base/patients/MRN-GOOD/accesses")" = 200 ]
check "the bad one is not" \
  [ "$(curl -s -o /dev/null -w '%{http_code}' "${officer_auth[@]}" "$base/patients/MRN-BAD/accesses")" = 404 ]
curl -s "${auth[@]}" "$base/quarantine" > "$work/quarantine.json"
check "the bad one is quarantined under the sender's address" \
  [ "$(json "$work/quarantine.json" "[q['source'].startswith('mllp:127.0.0.1:') and q['field'] for q in d['rejections']]")" = "['PID-7']" ]

# 4. MLLP-framed input (mllp_send without --loose), an unsupported version: AR with the reason.
printf '\013MSH|^~\\&|LAB|HOSP|WARD|HOSP|20240301101500||ADT^A01|V3|P|3.0\rPID|1||X^^^H^MR\r\034\r' > "$work/v3.mllp"
send "$work/v3.mllp" > "$work/v3.ack"
check "an unsupported version is answered AR with the reason" \
  grep -q '^MSA|AR|V3|MSH-12: HL7 version 3.0 is not supported' <(segments "$work/v3.ack" MSA)
check "with code 203" grep -q '|203^Unsupported version id^HL70357|' <(segments "$work/v3.ack" ERR)

# The listener's own counts, as the admin's "Listeners" tab shows them: every message sent, the
# AA ones accepted, the AE (bad birth date) and AR (version 3.0) ones rejected.
curl -s "${auth[@]}" "$base/inputs" > "$work/inputs.json"
check "GET /api/v1/inputs lists the MLLP listener on its port" \
  [ "$(json "$work/inputs.json" "[(i['name'], i['address']) for i in d['inputs']]")" = "[('mllp', '127.0.0.1:$mllp_port')]" ]
check "it counts every message: $((messages + 4)) received, $((messages + 2)) accepted, 2 rejected" \
  [ "$(json "$work/inputs.json" "[(i['received'], i['accepted'], i['rejected'], i['store_failures']) for i in d['inputs']]")" = \
    "[($((messages + 4)), $((messages + 2)), 2, 0)]" ]
check "and when the last one came" [ "$(json "$work/inputs.json" "d['inputs'][0]['last_received'][:4]")" = "$(date -u +%Y)" ]

# The log names peers and refusals, never what the messages hold.
check "the log shows the connections" grep -q 'mllp: connection opened peer=127.0.0.1:' "$work/serve.out"
check "the log shows the NAK and its reason" grep -q 'mllp: NAK peer=127.0.0.1:[0-9]* ack=AE type=ADT^A01 reason="PID-7: ' "$work/serve.out"
check "no patient name in the log" bash -c "! grep -q -e EVERYMAN -e RICHARD -e '$family' '$work/serve.out'"
check "no MRN in the log" bash -c "! grep -q -e PATID1234 -e MRN-GOOD -e '$mrn' '$work/serve.out'"

check "Ctrl-C stops the API and the MLLP listener" stop_serve
check "the listener's port is free again" \
  python3 -c "import socket,sys; s=socket.socket(); s.connect_ex(('127.0.0.1', int(sys.argv[1]))) != 0 or sys.exit(1)" "$mllp_port"

# MLLP over TLS (mllp.tls in ward.yaml), sent with openssl s_client checking Ward's certificate
# against a throw-away CA: the ACK comes back over TLS; plain mllp_send to that port gets none.
mkdir -p "$work/tls-store" "$work/certs"
bash "$(dirname "$0")/../testing/make_test_certificates.sh" "$work/certs"
cat > "$work/tls-store/ward.yaml" <<YAML
mllp:
  tls: {certificate: $work/certs/server.pem, key: $work/certs/server.key}
YAML
start_serve "$work/tls-store" --mllp 127.0.0.1:0
check "serve says the MLLP listener is TLS" grep -q "MLLP) listener on 127.0.0.1:$mllp_port over TLS" "$work/serve.out"
{ printf '\013'; tr '\n' '\r' < "$shared/hl7v2/ADT-A01-02.hl7"; printf '\034\r'; sleep 3; } |
  timeout 20 openssl s_client -connect "127.0.0.1:$mllp_port" -CAfile "$work/certs/ca.pem" -verify_return_error -quiet -no_ign_eof \
    > "$work/tls.ack" 2> "$work/s_client.err"
check "the ADT sample sent over TLS is acknowledged AA" [ "$(segments "$work/tls.ack" MSA)" = "MSA|AA|MSG00001" ]
timeout 5 mllp_send --loose -p "$mllp_port" -f "$shared/hl7v2/ADT-A01-02.hl7" 127.0.0.1 > "$work/plain.ack" 2>&1
check "plain MLLP to the TLS port gets no ACK" bash -c "! grep -q 'MSA|' '$work/plain.ack'"
check "Ctrl-C stops the TLS listener" stop_serve

finish
