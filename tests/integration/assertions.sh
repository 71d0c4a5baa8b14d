# Sourced by the integration scripts: one way to assert and to report.
#   check NAME COMMAND...   counts COMMAND's success, prints "FAIL: NAME" when it fails
#   finish                  prints the counts; the script's exit status is 0 only if none failed
#   require_tools TOOL...   exits 1 naming the first tool not installed
passed=0
failed=0
check() {
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failed=$((failed + 1)); fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
require_tools() {
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" > /dev/null; then
      echo "FAIL: $tool not found (scripts/setup installs it)"
      exit 1
    fi
  done
}
