# Sourced by the browser tests (web_ui.sh, web_incident_fields.sh): assertions.sh and serve.sh,
# and require_browser WEB, which exits 1 naming what is missing — node, python3, Chromium
# (WARD_CHROMIUM or Debian's /usr/bin/chromium), or playwright-core and axe-core in WEB's
# node_modules (the build's npm ci installs them).
# shellcheck source=assertions.sh
source "$(dirname "${BASH_SOURCE[0]}")/assertions.sh"
# shellcheck source=serve.sh
source "$(dirname "${BASH_SOURCE[0]}")/serve.sh"
require_browser() {
  local web=$1
  require_tools node python3 "${WARD_CHROMIUM:-/usr/bin/chromium}"
  if [ ! -d "$web/node_modules/playwright-core" ] || [ ! -d "$web/node_modules/axe-core" ]; then
    echo "FAIL: $web/node_modules lacks playwright-core or axe-core (the build's npm ci installs them)"
    exit 1
  fi
}
