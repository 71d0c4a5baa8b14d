# Sourced by the integration scripts that run `ward` commands one after another. Needs $ward (the
# binary) and $work (a scratch folder); ward_args (an array, e.g. (--data "$work/store")) goes
# before each command's own arguments.
#   run NAME ARGS...               stdout in $work/NAME.out, stderr in $work/NAME.err, status in $rc
#   cli_audit_rows DB SUBJECT CMD  how many audit records the CLI wrote of CMD ("ward alerts show
#                                  {id}") about SUBJECT ("alert:3"; "" for lists) in the store DB
ward_args=()
run() {
  local name=$1
  shift
  rc=0
  "$ward" "${ward_args[@]}" "$@" > "$work/$name.out" 2> "$work/$name.err" || rc=$?
}
cli_audit_rows() {
  python3 - "$1" "$2" "$3" <<'PY'
import sqlite3, sys
db, subject, route = sys.argv[1:]
print(sqlite3.connect(db).execute("SELECT count(*) FROM api_audit WHERE coalesce(subject, '') = ? AND route = ? "
                                  "AND method = 'CLI' AND actor LIKE 'cli:%'", (subject, route)).fetchone()[0])
PY
}
