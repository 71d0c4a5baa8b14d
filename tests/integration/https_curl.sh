#!/usr/bin/env bash
# The API over HTTPS, as a browser or script reaches it: `ward serve` with serve.tls from
# ward.yaml (a throw-away CA made with openssl), asked with the real curl verifying the chain;
# security headers and HSTS checked, TLS 1.1 and plain HTTP refused; then Ctrl-C.
# Usage: https_curl.sh WARD   (KEEP_WORK=1 keeps the work folder)
set -uo pipefail
ward=${1:?ward binary}
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
require_tools openssl curl python3
work=$(mktemp -d)
# shellcheck source=serve.sh
source "$(dirname "$0")/serve.sh"
trap end_serve_work EXIT

mkdir -p "$work/store" "$work/certs"
bash "$(dirname "$0")/../testing/make_test_certificates.sh" "$work/certs"
cat > "$work/store/ward.yaml" <<YAML
serve:
  tls:
    certificate: $work/certs/server.pem
    key: $work/certs/server.key
YAML
start_serve "$work/store"
check "serve says it serves https" grep -q "on https://127.0.0.1:$port/api/v1/health" "$work/serve.out"
check "base is https" [ "${base%%:*}" = https ]

tls=(--cacert "$work/certs/ca.pem")
code=$(curl -s "${tls[@]}" -D "$work/health.headers" -o "$work/health.json" -w '%{http_code}' "$base/health")
check "health over TLS answers 200 (got $code)" [ "$code" = 200 ]
check "HSTS over TLS" grep -qi '^strict-transport-security: max-age=31536000; includeSubDomains' "$work/health.headers"
check "a CSP without unsafe-inline" sh -c "grep -i '^content-security-policy:' '$work/health.headers' | grep -q \"frame-ancestors 'none'\" && ! grep -i '^content-security-policy:' '$work/health.headers' | grep -q unsafe-inline"
check "nosniff" grep -qi '^x-content-type-options: nosniff' "$work/health.headers"
code=$(curl -s "${tls[@]}" "${auth[@]}" -o "$work/stats.json" -w '%{http_code}' "$base/stats")
check "the admin token works over TLS (got $code)" [ "$code" = 200 ]
check "API answers are not stored by caches" sh -c "curl -s --cacert '$work/certs/ca.pem' -H 'Authorization: Bearer $token' -D - -o /dev/null '$base/stats' | grep -qi '^cache-control: no-store'"

# A browser session over TLS: the cookie is Secure (and HttpOnly, SameSite=Strict).
echo 'correct horse battery staple' | "$ward" --data "$work/store" account add --username po1 --role privacy_officer > /dev/null
curl -s "${tls[@]}" -D "$work/login.headers" -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username": "po1", "password": "correct horse battery staple"}' "$base/session"
check "the session cookie over TLS is Secure, HttpOnly, SameSite=Strict" \
  grep -qi '^set-cookie: ward_session=[^;]*; HttpOnly; SameSite=Strict; Path=/; Secure' "$work/login.headers"

curl -s --cacert "$work/certs/ca.pem" --tlsv1.1 --tls-max 1.1 -o /dev/null "$base/health"
check "a TLS 1.1 client is refused" [ $? -ne 0 ]
curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/health"
check "plain HTTP to the TLS port gets no answer" [ $? -ne 0 ]
curl -s -o /dev/null "$base/health"
check "a client that does not trust the CA is refused" [ $? -ne 0 ]

check "Ctrl-C stops the server" stop_serve
finish
