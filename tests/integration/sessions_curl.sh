#!/usr/bin/env bash
# Signing in as a browser does, with curl and a cookie jar against a real `ward serve`: an account
# made with `ward account add` (password on stdin), the session cookie's attributes, a route
# read with the cookie, a change refused without the CSRF token and accepted with it, lockout
# after wrong passwords, sign-out. Usage: sessions_curl.sh WARD
set -uo pipefail
ward=${1:?ward binary}
work=$(mktemp -d)
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=serve.sh
source "$(dirname "$0")/serve.sh"
trap end_serve_work EXIT

start_serve "$work/store"
check "serve prints its URL" [ -n "$port" ]
password='correct horse battery staple'
printf '%s\n' "$password" | "$ward" --data "$work/store" account add --username alice --role privacy_officer \
  --display-name "Alice Adams" > "$work/add.txt" 2>&1
check "ward account add reads the password from stdin" grep -q "added alice (privacy_officer)" "$work/add.txt"
printf 'too short\n' | "$ward" --data "$work/store" account add --username bob --role admin > /dev/null 2>&1
check "a password under 12 characters is refused" [ $? -ne 0 ]

jar="$work/cookies.txt"
sign_in() {  # sign_in PASSWORD OUT: prints the status code; headers in OUT.headers
  curl -s -c "$jar" -D "$2.headers" -o "$2" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data "{\"username\": \"alice\", \"password\": \"$1\"}" "$base/session"
}
code=$(sign_in "$password" "$work/login.json")
check "POST /session with the right password answers 200 ($code)" [ "$code" = 200 ]
cookie=$(grep -i '^set-cookie:' "$work/login.json.headers" | tr -d '\r')
check "the cookie is HttpOnly, SameSite=Strict, Path=/ and (without TLS) not Secure: $cookie" \
  bash -c "[[ '$cookie' =~ ward_session=[0-9a-f]{64}\;\ HttpOnly\;\ SameSite=Strict\;\ Path=/$ ]]"
check "the answer names the account" [ "$(json "$work/login.json" "(d['account']['username'], d['account']['role'], d['account']['display_name'])")" = \
  "('alice', 'privacy_officer', 'Alice Adams')" ]
csrf=$(json "$work/login.json" "d['csrf_token']")

code=$(curl -s -b "$jar" -o "$work/stats.json" -w '%{http_code}' "$base/stats")
check "GET /stats with the cookie answers 200 ($code)" [ "$code" = 200 ]
code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$base/session")
check "GET /session with the cookie answers 200 ($code)" [ "$code" = 200 ]
code=$(curl -s -b "$jar" -o "$work/refused.json" -w '%{http_code}' -X POST "$base/privacy/run")
check "POST /privacy/run with the cookie but no X-CSRF-Token is 403 ($code)" [ "$code" = 403 ]
code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' -X POST -H "X-CSRF-Token: ${csrf}x" "$base/privacy/run")
check "… with a wrong X-CSRF-Token is 403 ($code)" [ "$code" = 403 ]
code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' -X POST -H "X-CSRF-Token: $csrf" "$base/privacy/run")
check "… with the session's X-CSRF-Token is 200 ($code)" [ "$code" = 200 ]
code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$base/accounts")
check "a privacy officer may not list accounts ($code)" [ "$code" = 403 ]

code=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' -X DELETE -H "X-CSRF-Token: $csrf" "$base/session")
check "DELETE /session signs out ($code)" [ "$code" = 200 ]
code=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$base/stats")
check "after signing out the cookie is refused ($code)" [ "$code" = 401 ]

codes=""
for n in 1 2 3 4 5; do codes+="$(sign_in "wrong password $n" "$work/wrong.json") "; done
check "four wrong passwords are 401, the fifth locks the account: $codes" [ "$codes" = "401 401 401 401 429 " ]
check "the lockout says when to try again" grep -qi '^retry-after: 900' "$work/wrong.json.headers"
code=$(sign_in "$password" "$work/locked.json")
check "the right password waits out the lockout ($code)" [ "$code" = 429 ]
"$ward" --data "$work/store" account unlock alice > /dev/null
code=$(sign_in "$password" "$work/again.json")
check "after ward account unlock alice signs in ($code)" [ "$code" = 200 ]

actors=$(python3 - "$work/store/ward.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(" ".join(f"{s}" for (s,) in c.execute(
    "SELECT status FROM api_audit WHERE actor = 'account:alice' AND route = '/api/v1/session' ORDER BY id")))
PY
)
check "sign-ins, refusals, lockouts and the sign-out are in the audit trail: $actors" \
  [ "$actors" = "200 200 401 401 401 401 429 429 200" ]
check "no password, secret or CSRF token in the server's log" \
  bash -c "! grep -Eq 'correct horse|$csrf|wrong password' '$work/serve.out'"

check "Ctrl-C stops the server cleanly" stop_serve
finish
