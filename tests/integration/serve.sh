# Sourced by the integration scripts that run `ward serve`: start it on free ports, find what it
# printed, stop it with Ctrl-C. Needs $ward and $work; output goes to $work/serve.out.
#   json FILE EXPR            prints EXPR (Python, on the parsed file `d`)
#   start_serve DATA ARGS...  ward [ward_options…] --data DATA serve --listen 127.0.0.1:0 ARGS…
#                             (waits up to 60 s for it to say it is ready)
#                             (ward_options: an array of global options); sets server_pid,
#                             port, mllp_port (with --mllp), token, base (…/api/v1) and auth
#                             (the first start's admin token), officer_auth (a privacy officer's
#                             token: only that role sees patients unmasked)
#   stop_serve                Ctrl-C; succeeds when the server exits 0 within 5 s
#   stop_server_quietly       for the EXIT trap: kills a server still running
#   end_serve_work            the EXIT trap: stops a server still running, removes $work
#                             (KEEP_WORK=1 keeps it and says where)
server_pid=""
ward_options=()
json() {
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
start_serve() {
  local data=$1
  shift
  # Emptied here, not by the redirect below: that happens in the child, which may run after the
  # loop has already read the previous server's "Press Ctrl-C" from the same file.
  : > "$work/serve.out"
  "$ward" "${ward_options[@]}" --data "$data" serve --listen 127.0.0.1:0 "$@" > "$work/serve.out" 2>&1 &
  server_pid=$!
  # Up to a minute: compiling a rule pack on a loaded two-core machine takes more than the few
  # hundred milliseconds it takes on a quiet one.
  local deadline=$((SECONDS + 60))
  while [ "$SECONDS" -lt "$deadline" ] && kill -0 "$server_pid" 2>/dev/null; do
    grep -q 'Press Ctrl-C' "$work/serve.out" && break
    sleep 0.05
  done
  port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1 | sed 's/.*://')
  mllp_port=$(grep -o 'MLLP) listener on 127.0.0.1:[0-9]*' "$work/serve.out" | head -1 | sed 's/.*://')
  token=$(grep -o 'ward_[0-9a-f]\{64\}' "$work/serve.out" | head -1)
  base="http://127.0.0.1:$port/api/v1"
  auth=(-H "Authorization: Bearer $token")
  local officer
  officer=$("$ward" "${ward_options[@]}" --data "$data" token create --role privacy_officer --label tests 2>/dev/null)
  officer_auth=(-H "Authorization: Bearer $officer")
}
stop_serve() {
  kill -INT "$server_pid"
  local stopped=0 rc
  for _ in $(seq 1 100); do
    if ! kill -0 "$server_pid" 2>/dev/null; then stopped=1; break; fi
    sleep 0.05
  done
  wait "$server_pid"
  rc=$?
  server_pid=""
  [ "$stopped:$rc" = "1:0" ]
}
stop_server_quietly() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
}
end_serve_work() {
  stop_server_quietly
  if [ -n "${KEEP_WORK:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
