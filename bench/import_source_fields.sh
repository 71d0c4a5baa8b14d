#!/bin/sh
# What `ward import` pays for keeping the source fields of security logs (ingest.keep_log_fields,
# docs/benchmarks.md "Source fields kept by ward import"): the same files imported into a fresh
# store with the fields kept and without, alternated, REPEAT times each; prints the wall time of
# each import and the store's size (ward.db after a checkpoint, plus its WAL). Import keeps them
# only in a store live detection has run on, so each store is made first (`ward rules list`)
# and given the progress row a first `ward serve` would save.
#   bench/import_source_fields.sh [WARD] [REPEAT] [FILE…]
# Defaults: build/src/cli/ward, 3, Zeek's dns.log and ssl.log of ../shared/data/zeek_logs
# (103,086 events of a real capture) and the squid sample (8).
set -eu
ward=${1:-build/src/cli/ward}
repeat=${2:-3}
[ $# -ge 2 ] && shift 2 || shift $#
shared=${WARD_SHARED_DATA:-../shared/data}
if [ $# -eq 0 ]; then
  set -- "$shared/zeek_logs/zeek-default/dns.log.gz" "$shared/zeek_logs/zeek-default/ssl.log.gz" \
         "$shared/proxy_dns/squid_access.log"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'ingest:\n  keep_log_fields: false\n' > "$work/no-fields.yaml"
printf 'ingest:\n  keep_log_fields: true\n' > "$work/fields.yaml"

run() {  # $1: label, $2: config, then the files
  label=$1 config=$2
  shift 2
  rm -rf "$work/data"
  "$ward" --data "$work/data" rules list > /dev/null
  sqlite3 "$work/data/ward.db" 'INSERT INTO detection_progress (id, last_seq) VALUES (1, 0);'
  start=$(date +%s.%N)
  "$ward" --data "$work/data" --config "$config" import "$@" > /dev/null 2>&1 || true
  end=$(date +%s.%N)
  # Everything is committed: fold the WAL into ward.db so the file sizes compare.
  sqlite3 "$work/data/ward.db" 'PRAGMA wal_checkpoint(TRUNCATE);' > /dev/null
  bytes=$(cat "$work/data"/ward.db* | wc -c)
  fields=$(sqlite3 "$work/data/ward.db" 'SELECT count(*) || " rows, " || coalesce(sum(length(fields)), 0) || " bytes" FROM event_source_fields;')
  events=$(sqlite3 "$work/data/ward.db" 'SELECT count(*) FROM events;')
  printf '%-10s %8s events  %6.2f s  store %6.1f MB  source fields: %s\n' "$label" "$events" \
    "$(echo "$end - $start" | bc)" "$(echo "scale=1; $bytes / 1000000" | bc)" "$fields"
}

i=0
while [ $i -lt "$repeat" ]; do
  run "no fields" "$work/no-fields.yaml" "$@"
  run "fields" "$work/fields.yaml" "$@"
  i=$((i + 1))
done
