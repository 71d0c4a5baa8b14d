#!/usr/bin/env bash
# Makes a throw-away CA and a server certificate for 127.0.0.1 signed by it, with the openssl
# command line, for the TLS tests (gtest through testing/test_certificates.h, and the
# integration scripts). Writes ca.pem, server.pem and server.key into DIR. Valid for 2 days.
# Usage: make_test_certificates.sh DIR
set -euo pipefail
dir=${1:?folder for the certificates}
cd "$dir"
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${ec[@]}" -keyout ca.key -out ca.pem -days 2 -subj "/CN=Ward test CA" 2> /dev/null
openssl req "${ec[@]}" -keyout server.key -out server.csr -subj "/CN=127.0.0.1" 2> /dev/null
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem \
  -days 2 -extfile server.ext 2> /dev/null
rm -f server.csr server.ext ca.srl
