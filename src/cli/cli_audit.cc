// Audit records of CLI commands (see cli_audit.h).
#include "cli/cli_audit.h"

#include <pwd.h>
#include <unistd.h>

#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"

namespace ward::cli {

std::string cli_actor() {
  const uid_t uid = geteuid();
  long size = sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
  passwd entry{};
  passwd* found = nullptr;
  if (getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr &&
      found->pw_name != nullptr && *found->pw_name != '\0')
    return fmt::format("cli:{}", found->pw_name);
  return fmt::format("cli:uid:{}", uid);
}

bool audit_command(store::Store& store, std::string_view command, std::string_view subject,
                   bool succeeded) {
  auto recorded = store.record_cli_command({now_ns(), cli_actor(), std::string(command),
                                            std::string(subject), succeeded ? kExitOk : kExitFailure});
  if (recorded) return true;
  Error e = recorded.error();
  e.message = "the audit trail could not be written: " + e.message;
  print_error(e);
  return false;
}

}  // namespace ward::cli
