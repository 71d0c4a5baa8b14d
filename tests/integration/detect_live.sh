#!/usr/bin/env bash
# Live detection end to end: `ward serve` with the shipped rule pack (rules/healthcare, --rules)
# and a TCP syslog listener on free ports; SSH password failures sent with the real `logger`
# (util-linux) as sshd; the pack's "SSH Password Guessing" correlation (ten failures on one host
# in five minutes) polled for with curl in GET /api/v1/alerts, GET /api/v1/detection/status
# checked, then Ctrl-C. A restart goes on without raising the alert twice; a rule uploaded over
# the API raises alerts at once, and stops when disabled; on a server started with no rule at
# all, a rule uploaded over the API raises alerts without a restart; and `ward rules disable` /
# `enable` run at a shell beside the server take effect without a restart.
# Usage: detect_live.sh WARD RULES_FOLDER   (KEEP_WORK=1 keeps the work folder)
set -uo pipefail
ward=${1:?ward binary}
rules=${2:?rule folder (rules/healthcare)}
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
require_tools logger curl python3
work=$(mktemp -d)
# shellcheck source=serve.sh
source "$(dirname "$0")/serve.sh"
trap end_serve_work EXIT

mkdir -p "$work/store"
start_serve "$work/store" --syslog-tcp 127.0.0.1:0 --rules "$rules"
tcp_port=$(grep -o "Syslog (TCP) listener on 127.0.0.1:[0-9]*" "$work/serve.out" | head -1 | sed 's/.*://')
check "serve prints the API URL" [ -n "$port" ]
check "serve prints the TCP port" [ -n "$tcp_port" ]
check "serve says live detection runs" grep -q "Live detection: [1-9][0-9]* Sigma rules" "$work/serve.out"

status() { curl -s --max-time 10 "${auth[@]}" "$base/detection/status" > "$work/status.json"; }
alerts() { curl -s --max-time 10 "${auth[@]}" "$base/alerts?rule=$1" > "$work/alerts.json"; }
# Waits up to 30 s for the Python expression (on `d`, the JSON of the call) to be true (a few
# hundred ms on a quiet machine; a loaded one can take seconds per call).
wait_for() {  # wait_for status|"alerts RULE_ID" EXPR
  local deadline=$((SECONDS + 30))
  while [ "$SECONDS" -lt "$deadline" ]; do
    $1
    [ "$(json "$work/${1%% *}.json" "$2")" = True ] && return 0
    sleep 0.05
  done
  echo "  gave up waiting for $2 in $(cat "$work/${1%% *}.json")"
  return 1
}
# The correlation's id, read from the rule pack.
guessing_id=$(grep -A1 "^title: SSH Password Guessing" "$rules/linux_sshd_failed_password.yml" | sed -n 's/^id: //p')
check "the pack has the SSH Password Guessing correlation" [ -n "$guessing_id" ]
correlations=$(grep -l "^correlation:" "$rules"/*.yml | wc -l)

status
check "status: live, with the pack's correlations loaded" \
  [ "$(json "$work/status.json" "(d['live'], d['rules']['correlations'])")" = "(True, $correlations)" ]

fail_login() {  # fail_login PORT_NUMBER: one sshd failure, as sshd logs it, over TCP
  logger --server 127.0.0.1 --port "$tcp_port" --tcp --rfc5424 -t sshd -p authpriv.info \
    "Failed password for root from 203.0.113.9 port $1 ssh2"
}
# Nine failures: below the threshold; the failures alone are not alerts (only the correlation
# uses their rule).
for i in $(seq 1 9); do fail_login $((40000 + i)); done
check "status: nine events scanned" wait_for status "d['events_scanned'] == 9 and d['idle']"
alerts "$guessing_id"
check "no alert after nine failures" [ "$(json "$work/alerts.json" "len(d['alerts'])")" = 0 ]
fail_login 40010
check "the tenth failure raises SSH Password Guessing" wait_for "alerts $guessing_id" "len(d['alerts']) == 1"
check "the alert is the pack's correlation, level high, for this host, over ten events" \
  [ "$(json "$work/alerts.json" "(d['alerts'][0]['kind'], d['alerts'][0]['level'], d['alerts'][0]['rule']['title'], d['alerts'][0]['matched'].get('hostname'), d['alerts'][0]['matched'].get('count'))")" = \
    "('correlation', 'high', 'SSH Password Guessing', '$(hostname)', '10')" ]
check "the alert came from the TCP listener" \
  [ "$(json "$work/alerts.json" "d['alerts'][0]['source'].startswith('syslog-tcp:127.0.0.1:')")" = True ]
status
check "status: one alert raised, latency measured, no error" \
  [ "$(json "$work/status.json" "(d['alerts_raised'], d['latency_ms']['max'] > 0, d['last_error'])")" = "(1, True, None)" ]
check "Ctrl-C stops ward serve" stop_serve

# A restart goes on after the last event looked at: nothing is raised twice. (The admin token
# is printed on the first start only.)
admin_token=$token
start_serve "$work/store" --syslog-tcp 127.0.0.1:0 --rules "$rules"
auth=(-H "Authorization: Bearer $admin_token")
check "status after the restart: nothing left to scan" wait_for status "d['idle'] and d['events_scanned'] == 0"
alerts "$guessing_id"
check "still one alert after the restart" [ "$(json "$work/alerts.json" "len(d['alerts'])")" = 1 ]
check "no message text in the log" bash -c "! grep -q 'Failed password' '$work/serve.out'"

# Rules changed over the API are live at once: a rule uploaded is used for the next event, a rule
# disabled no longer is.
marker_id=6f1d2c3b-7a4e-4c1d-9b0a-5e2f3d4c5b6a
cat > "$work/marker.yml" << RULE
title: Ward Test Marker
id: $marker_id
status: test
logsource:
    product: linux
    service: sshd
detection:
    keywords:
        - 'ward-live-marker'
    condition: keywords
level: medium
RULE
code=$(curl -s -o "$work/upload.json" -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/yaml' \
  --data-binary "@$work/marker.yml" "$base/rules")
check "the rule is uploaded (201)" [ "$code" = 201 ]
check "status: the rule set was reloaded once" wait_for status "d['rules']['reloads'] == 1 and d['idle']"
tcp_port=$(grep -o "Syslog (TCP) listener on 127.0.0.1:[0-9]*" "$work/serve.out" | tail -1 | sed 's/.*://')
marker() {  # one sshd line holding the marker
  logger --server 127.0.0.1 --port "$tcp_port" --tcp --rfc5424 -t sshd -p authpriv.info "ward-live-marker $1"
}
marker one
check "the uploaded rule raises an alert" wait_for "alerts $marker_id" "len(d['alerts']) == 1"
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -X PATCH -H 'Content-Type: application/json' \
  --data '{"enabled": false}' "$base/rules/$marker_id")
check "the rule is disabled (200)" [ "$code" = 200 ]
check "status: reloaded again" wait_for status "d['rules']['reloads'] == 2 and d['idle']"
scanned=$(json "$work/status.json" "d['events_scanned']")
marker two
check "the event is scanned" wait_for status "d['events_scanned'] == $((scanned + 1)) and d['idle']"
alerts "$marker_id"
check "a disabled rule raises nothing" [ "$(json "$work/alerts.json" "len(d['alerts'])")" = 1 ]
check "Ctrl-C stops ward serve again" stop_serve

# A server started with no rule at all (no --rules, no detection.rules, an empty rule store):
# live detection waits for one, and a rule uploaded over the API is live at once, without a
# restart.
mkdir -p "$work/bare"
start_serve "$work/bare" --syslog-tcp 127.0.0.1:0
tcp_port=$(grep -o "Syslog (TCP) listener on 127.0.0.1:[0-9]*" "$work/serve.out" | head -1 | sed 's/.*://')
check "serve without rules says detection waits for them" grep -q "Live detection: no rules yet" "$work/serve.out"
status
check "status: live, no rules" [ "$(json "$work/status.json" "(d['live'], d['rules']['rules'])")" = "(True, 0)" ]
marker before-the-rule
check "the message before the rule is passed over" wait_for status "d['last_seq'] == 1 and d['idle']"
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/yaml' \
  --data-binary "@$work/marker.yml" "$base/rules")
check "the rule is uploaded to the server started without rules (201)" [ "$code" = 201 ]
check "status: the uploaded rule is live" wait_for status "d['rules']['reloads'] == 1 and d['rules']['rules'] == 1 and d['idle']"
marker after-the-rule
check "a matching logger message raises an alert" wait_for "alerts $marker_id" "len(d['alerts']) == 1"
check "the alert is for the message after the upload" \
  [ "$(json "$work/alerts.json" "d['alerts'][0]['matched'].get('keywords')")" = "ward-live-marker after-the-rule" ]
sleep 3  # longer than the server's poll of the rule store
status
check "the server's own change is loaded once, not again by its poll of the rule store" \
  [ "$(json "$work/status.json" "d['rules']['reloads']")" = 1 ]

# `ward rules` at a shell beside the running server (another process): the server sees the
# change within its poll of the rule store (2 s) and loads the rules again, once per change.
cli_rc=0
"$ward" --data "$work/bare" rules disable "$marker_id" > "$work/cli_disable.out" 2>&1 || cli_rc=$?
check "ward rules disable beside the running server exits 0 (got $cli_rc)" [ "$cli_rc" -eq 0 ]
check "status: the server loads the rules again without the disabled one" \
  wait_for status "d['rules']['reloads'] == 2 and d['rules']['rules'] == 0 and d['idle']"
looked_at=$(json "$work/status.json" "d['last_seq']")
marker after-the-cli-disable
check "the message is looked at (passed over: no rule is left)" wait_for status "d['last_seq'] == $((looked_at + 1)) and d['idle']"
alerts "$marker_id"
check "the rule disabled at the shell raises nothing" [ "$(json "$work/alerts.json" "len(d['alerts'])")" = 1 ]
cli_rc=0
"$ward" --data "$work/bare" rules enable "$marker_id" > "$work/cli_enable.out" 2>&1 || cli_rc=$?
check "ward rules enable exits 0 (got $cli_rc)" [ "$cli_rc" -eq 0 ]
check "status: the enabled rule is live again" \
  wait_for status "d['rules']['reloads'] == 3 and d['rules']['rules'] == 1 and d['idle']"
marker after-the-cli-enable
check "the rule enabled at the shell raises an alert" wait_for "alerts $marker_id" "len(d['alerts']) == 2"
sleep 3
status
check "no further reload while nothing changes" [ "$(json "$work/status.json" "d['rules']['reloads']")" = 3 ]
check "Ctrl-C stops the server started without rules" stop_serve

finish
