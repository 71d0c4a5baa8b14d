// Prints an HTML page to PDF with headless Chromium (Debian's `chromium`, scripts/setup). The
// browser is found in $WARD_CHROMIUM, else on PATH as chromium, chromium-browser, google-chrome
// or google-chrome-stable. Runs it in a private temporary directory (its profile and the page)
// that is removed afterwards; waits at most two minutes.
#pragma once

#include <filesystem>
#include <string>

#include "core/error.h"

namespace ward::board_report {

// The browser's path; not_found saying what to install when there is none.
Result<std::filesystem::path> find_chromium();

// Writes `html` printed to PDF at `out`. Errors: no browser (not_found), the browser failing or
// taking too long, or no PDF written (io, with the browser's last output line).
Result<void> print_pdf(const std::string& html, const std::filesystem::path& out);

}  // namespace ward::board_report
