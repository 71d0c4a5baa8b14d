// Generated Windows event log records for `ward bench detect`, shaped like the SigmaHQ
// regression data (evtx exported as JSON: {"Event":{"System":{…},"EventData":{…}}}), one per
// line: Sysmon process creation (1), network connections (3) and file creation (11), Security
// logons (4624) and process creation (4688), with realistic variety in images, command lines,
// users, hosts and hashes. Mostly benign; about one record in 500 carries a command line that
// SigmaHQ rules flag (shadow copy deletion, certutil download, encoded PowerShell…).
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/error.h"

namespace ward::bench {

// Writes `count` records to `file`; the same seed gives the same bytes.
Result<void> write_windows_events(const std::filesystem::path& file, std::uint64_t count, std::uint64_t seed);

}  // namespace ward::bench
