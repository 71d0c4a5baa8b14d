#!/usr/bin/env bash
# The syslog listener end to end, as devices and syslog daemons use it: `ward serve` with UDP and
# TCP from the command line and TLS from ward.yaml, on free ports; messages sent with the real
# `logger` (util-linux) in every framing, forwarded by a real rsyslogd (TCP octet-counted, and
# TLS through rsyslog-gnutls when it is installed) and by `openssl s_client`; the events and the
# quarantine checked over the API with curl, then Ctrl-C.
# Usage: syslog_send.sh WARD   (KEEP_WORK=1 keeps the work folder: server log, rsyslog config)
set -uo pipefail
ward=${1:?ward binary}
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
require_tools logger rsyslogd openssl curl python3
work=$(mktemp -d)
# shellcheck source=serve.sh
source "$(dirname "$0")/serve.sh"
rsyslog_pid=""
cleanup() {
  if [ -n "$rsyslog_pid" ]; then kill "$rsyslog_pid" 2> /dev/null; wait "$rsyslog_pid" 2> /dev/null; fi
  end_serve_work
}
trap cleanup EXIT

# TLS from the config file, UDP and TCP added by the flags.
mkdir -p "$work/store" "$work/certs" "$work/rsyslog"
bash "$(dirname "$0")/../testing/make_test_certificates.sh" "$work/certs"
cat > "$work/store/ward.yaml" <<YAML
syslog:
  enabled: true
  udp: ""
  tcp: ""
  tls:
    listen: 127.0.0.1:0
    certificate: $work/certs/server.pem
    key: $work/certs/server.key
  max_message_bytes: 2048
YAML
start_serve "$work/store" --syslog-udp 127.0.0.1:0 --syslog-tcp 127.0.0.1:0
listener_port() { grep -o "Syslog ($1) listener on 127.0.0.1:[0-9]*" "$work/serve.out" | head -1 | sed 's/.*://'; }
udp_port=$(listener_port UDP)
tcp_port=$(listener_port TCP)
tls_port=$(listener_port TLS)
check "serve prints the API URL" [ -n "$port" ]
check "serve prints the UDP port (--syslog-udp)" [ -n "$udp_port" ]
check "serve prints the TCP port (--syslog-tcp)" [ -n "$tcp_port" ]
check "serve prints the TLS port (ward.yaml)" [ -n "$tls_port" ]

# How many stored events came from `prefix` (e.g. syslog-udp:), and how many of them are kind K.
count_events() {  # count_events PREFIX [KIND]
  curl -s "${auth[@]}" "$base/events?limit=1000" > "$work/events.json"
  json "$work/events.json" "sum(1 for e in d['events'] if e['source'].startswith('$1') and ('${2:-}' == '' or e['kind'] == '${2:-}'))"
}
# Waits up to 10 s for count_events ARGS to print WANT.
wait_events() {  # wait_events WANT PREFIX [KIND]
  local want=$1
  shift
  for _ in $(seq 1 200); do
    [ "$(count_events "$@")" = "$want" ] && return 0
    sleep 0.05
  done
  echo "  have $(count_events "$@") events from $1, want $want"
  return 1
}
send() { logger --server 127.0.0.1 -t wardtest "$@"; }

# 1. logger in every framing.
send --port "$udp_port" --udp --rfc5424 "one datagram, RFC 5424"
send --port "$udp_port" --udp --rfc3164 "one datagram, RFC 3164"
check "two UDP datagrams become two events" wait_events 2 syslog-udp:127.0.0.1:
send --port "$tcp_port" --tcp --octet-count --rfc5424 -p auth.info "sshd-like login, octet-counted"
send --port "$tcp_port" --tcp --rfc3164 "newline-framed RFC 3164"
send --port "$tcp_port" --tcp --rfc5424 "newline-framed RFC 5424"
check "three TCP messages, both framings, become three events" wait_events 3 syslog-tcp:127.0.0.1:
check "the auth facility makes an authentication event" wait_events 1 syslog-tcp:127.0.0.1: authentication
printf 'line %s\n' 1 2 3 4 5 > "$work/lines.txt"
send --port "$tcp_port" --tcp --octet-count -f "$work/lines.txt"
check "logger -f sends a file's 5 lines over one connection" wait_events 8 syslog-tcp:127.0.0.1:
json "$work/events.json" "[e for e in d['events'] if e['source'].startswith('syslog-tcp:')][0]['workstation']" > "$work/host"
check "the event names the sending host ($(cat "$work/host"))" [ "$(cat "$work/host")" = "$(hostname)" ]

# 2. Bad input on TCP: over the limit, then not syslog, then a good one; then a bad octet count.
{
  printf '3000 <13>1 - host app - - - %s' "$(head -c 2973 /dev/zero | tr '\0' x)"
  printf 'no time here\n'
  printf '<13>1 2024-03-01T10:15:00Z fw01 app - - - after the bad ones\n'
} > "$work/bad.bin"
python3 - "$tcp_port" "$work/bad.bin" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(open(sys.argv[2], "rb").read())
s.shutdown(socket.SHUT_WR)
s.settimeout(10)
s.recv(1)
PY
check "the good message after two bad ones on the connection is stored" wait_events 9 syslog-tcp:127.0.0.1:
curl -s "${auth[@]}" "$base/quarantine" > "$work/quarantine.json"
check "the over-long message is quarantined naming the limit" \
  [ "$(json "$work/quarantine.json" "[q['reason'] for q in d['rejections'] if q['field'] == 'frame']")" = \
    "['message is 3000 bytes, over the limit of 2048 (syslog.max_message_bytes)']" ]
check "the line that is not syslog is quarantined with its byte offset in the connection" \
  [ "$(json "$work/quarantine.json" "[(q['source'].startswith('syslog-tcp:127.0.0.1:'), q['offset']) for q in d['rejections'] if q['field'] == 'pri']")" = "[(True, 3005)]" ]
check "the log names the peer, offset and reason" \
  grep -q 'syslog: message over the size limit quarantined peer=127.0.0.1:[0-9]* transport=tcp offset=0 bytes=3000 limit=2048' "$work/serve.out"
printf '12x<13>1 - - - - - lost\n' > "$work/garbage.bin"
python3 - "$tcp_port" "$work/garbage.bin" <<'PY' > "$work/garbage.out"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(open(sys.argv[2], "rb").read())
s.settimeout(10)
print("closed" if s.recv(1) == b"" else "open")
PY
check "a bad octet count closes the connection" [ "$(cat "$work/garbage.out")" = closed ]
check "and says why in the log" \
  grep -q "syslog: connection closed peer=127.0.0.1:[0-9]* transport=tcp reason=\"cannot find the next message" "$work/serve.out"

# 3. TLS with openssl s_client, checking Ward's certificate against the test CA.
printf '%s' "$(m='<38>1 2024-03-01T10:16:00Z fw02 sshd - - - over TLS'; printf '%d %s' ${#m} "$m")" |
  openssl s_client -connect "127.0.0.1:$tls_port" -CAfile "$work/certs/ca.pem" -verify_return_error -quiet -no_ign_eof \
    > "$work/s_client.out" 2>&1
check "a message sent with openssl s_client over TLS is stored" wait_events 1 syslog-tls:127.0.0.1:

# 4. rsyslog: logger -> rsyslogd (imudp) -> Ward over TCP, octet-counted.
rsyslog_in=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
tls_forward=""
if [ -e /usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so ] || ls /usr/lib/*/rsyslog/lmnsd_gtls.so > /dev/null 2>&1; then
  tls_forward="action(type=\"omfwd\" target=\"127.0.0.1\" port=\"$tls_port\" protocol=\"tcp\"
       StreamDriver=\"gtls\" StreamDriverMode=\"1\" StreamDriverAuthMode=\"x509/certvalid\"
       TCP_Framing=\"octet-counted\" template=\"RSYSLOG_SyslogProtocol23Format\")"
fi
cat > "$work/rsyslog.conf" <<CONF
global(workDirectory="$work/rsyslog" DefaultNetstreamDriverCAFile="$work/certs/ca.pem")
module(load="imudp")
input(type="imudp" address="127.0.0.1" port="$rsyslog_in")
action(type="omfwd" target="127.0.0.1" port="$tcp_port" protocol="tcp" TCP_Framing="octet-counted"
       template="RSYSLOG_SyslogProtocol23Format")
$tls_forward
CONF
rsyslogd -n -f "$work/rsyslog.conf" -i "$work/rsyslog/rsyslogd.pid" > "$work/rsyslog.out" 2>&1 &
rsyslog_pid=$!
before_tcp=$(count_events syslog-tcp:)
before_tls=$(count_events syslog-tls:)
# rsyslogd takes a moment to open its input: send until the first message arrives.
for _ in $(seq 1 100); do
  send --port "$rsyslog_in" --udp --rfc5424 "via rsyslog, probe"
  [ "$(count_events syslog-tcp:)" != "$before_tcp" ] && break
  sleep 0.1
done
probes=$(( $(count_events syslog-tcp:) - before_tcp ))
check "rsyslog forwards to Ward over TCP, octet-counted" [ "$probes" -ge 1 ]
for i in 1 2 3 4 5; do send --port "$rsyslog_in" --udp --rfc3164 "via rsyslog $i"; done
check "five more messages through rsyslog are stored" wait_events $((before_tcp + probes + 5)) syslog-tcp:
if [ -n "$tls_forward" ]; then
  check "rsyslog (gtls) forwards the same messages to Ward over TLS" wait_events $((before_tls + probes + 5)) syslog-tls:
else
  echo "note: rsyslog-gnutls not installed: TLS forwarding from rsyslog not tested"
fi
kill "$rsyslog_pid" 2> /dev/null
wait "$rsyslog_pid" 2> /dev/null
rsyslog_pid=""

# The log names peers and framing problems, never what messages say.
check "no message text in the log" bash -c "! grep -q -e 'via rsyslog' -e 'after the bad ones' '$work/serve.out'"
check "Ctrl-C stops the API and the syslog listeners" stop_serve
check "the TCP port is free again" \
  python3 -c "import socket,sys; s=socket.socket(); s.connect_ex(('127.0.0.1', int(sys.argv[1]))) != 0 or sys.exit(1)" "$tcp_port"

finish
