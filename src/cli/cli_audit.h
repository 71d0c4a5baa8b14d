// Ward's audit trail for the CLI: every `ward privacy` command that shows or changes cases is
// recorded with who ran it ("cli:<unix user>"), in the same trail as the API's requests
// (api_audit; docs/privacy.md#audit). Views are recorded before they are shown, so a command
// that cannot write its record shows nothing; changes are recorded once made, with their outcome.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/store.h"

namespace ward::cli {

// "cli:alice": the effective user's login name; "cli:uid:1000" when it has none.
std::string cli_actor();

// Records `command` (a pattern such as "ward privacy case {id}") about `subject` ("case:42",
// "" for lists) with its exit status (0 when `succeeded`). Prints why and returns false when
// the record cannot be written; the command then exits with failure.
bool audit_command(store::Store& store, std::string_view command, std::string_view subject,
                   bool succeeded);

}  // namespace ward::cli
