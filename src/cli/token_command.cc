// `ward token create --role admin [--label TEXT]`: a new API token for scripts, printed once.
#include <fmt/format.h>

#include "api/auth.h"
#include "cli/commands.h"
#include "store/store.h"

namespace ward::cli {

void add_token_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* token = app.add_subcommand("token", "manage API tokens");
  token->require_subcommand(1);
  auto* create = token->add_subcommand("create", "create an API token and print it (shown once)");
  auto role = std::make_shared<std::string>("admin");
  auto label = std::make_shared<std::string>("created with ward token create");
  create->add_option("--role", *role,
                     "admin, privacy_officer, security_analyst, compliance or executive (the older names "
                     "analyst and auditor still work: they mean security_analyst and compliance)")
      ->check(CLI::IsMember({"admin", "privacy_officer", "security_analyst", "compliance", "executive", "analyst",
                             "auditor"}))
      ->capture_default_str();
  create->add_option("--label", *label, "what the token is for");
  create->callback([&global, &exit_code, role, label] {
    auto store = store::open_sqlite_store(global.data_dir);
    if (!store) { print_error(store.error()); exit_code = kExitFailure; return; }
    auto secret = api::create_token(**store, *role, *label);
    if (!secret) { print_error(secret.error()); exit_code = kExitFailure; return; }
    fmt::print("{}\n", *secret);
    exit_code = kExitOk;
  });
}

}  // namespace ward::cli
