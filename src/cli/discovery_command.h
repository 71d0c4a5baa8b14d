// `ward devices discover | discovered` (discovery_command.cc): passive device discovery from Zeek
// logs, under `devices` (call after add_devices_commands).
#pragma once

#include "cli/commands.h"

namespace ward::cli {

void add_discovery_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace ward::cli
