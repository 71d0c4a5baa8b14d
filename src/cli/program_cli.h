// What the `ward program` commands share (program_command.cc, program_vendor_command.cc): the
// audited run of a command, JSON read from a file or stdin, and the state-law table to use.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "incidents/state_laws.h"

namespace ward::cli {

// `ward program service|backup|exercise|resilience` (program_resilience_command.cc), added by
// add_program_command beside the vendor commands.
void add_program_resilience_commands(CLI::App& program, const GlobalOptions& global, int& exit_code);

// Runs `body`, records `command` about `subject` in Ward's audit trail with its outcome
// (cli_audit.h), and only then prints what body returned (or its error): a view is recorded
// before it is shown, a change once it is made. Returns the exit status.
int run_audited(const GlobalOptions& global, std::string_view command, const std::string& subject,
                const std::function<Result<std::string>()>& body);

// The JSON object in `file` ("-" for stdin); errors name the file.
Result<nlohmann::json> read_json_input(const std::string& file);

// The table in `file` (data/program/state_breach_laws.yaml's layout), or Ward's own when "".
Result<incidents::StateLaws> state_laws_from(const std::string& file);

}  // namespace ward::cli
