// `ward devices model-import | model-set | model-show` (model_command.cc): device models'
// security contacts and MDS2 answers, added under `devices` by add_devices_commands.
#pragma once

#include "cli/commands.h"

namespace ward::cli {

void add_model_commands(CLI::App& devices, const GlobalOptions& global, int& exit_code);

}  // namespace ward::cli
