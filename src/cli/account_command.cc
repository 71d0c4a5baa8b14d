// `ward account add | list | disable | enable | unlock | password`: Ward's own accounts, the
// people who sign in to the web UI (docs/api.md#accounts). Passwords are read from standard
// input — one line, never from the command line, where `ps` and shell history would show it —
// without echo when it is a terminal. Every command goes to Ward's audit trail (cli_audit.h).
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <termios.h>
#include <unistd.h>

#include <fmt/format.h>

#include "api/accounts.h"
#include "api/roles.h"
#include "cli/cli_audit.h"
#include "cli/commands.h"
#include "store/store.h"

namespace ward::cli {
namespace {

// Turns the terminal's echo off while it lives (nothing when stdin is not a terminal).
class NoEcho {
 public:
  NoEcho() {
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~NoEcho() {
    if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

// The password on standard input's first line (a prompt on stderr when it is a terminal).
Result<std::string> read_password(std::string_view prompt) {
  const bool terminal = isatty(STDIN_FILENO);
  if (terminal) fmt::print(stderr, "{}: ", prompt);
  std::string line;
  {
    NoEcho quiet;
    if (!std::getline(std::cin, line))
      return fail(ErrorCode::invalid_input, "no password on standard input (echo … | ward account …)", "password");
  }
  if (terminal) fmt::print(stderr, "\n");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

using StoreAction = std::function<Result<void>(store::Store&)>;

// Opens the store, runs `action`, records `command` about `subject` in the audit trail.
int run_on_store(const GlobalOptions& global, std::string_view command, std::string_view subject,
                 const StoreAction& action) {
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto done = action(**store);
  if (!done) print_error(done.error());
  if (!audit_command(**store, command, subject, done.has_value())) return kExitFailure;
  return done ? kExitOk : kExitFailure;
}

Result<void> change(store::Store& store, store::AccountChange c, std::string_view said) {
  c.time = now_ns();
  auto a = store.change_account(c);
  if (!a) return Unexpected(a.error());
  fmt::print("{} {}\n", said, a->username);
  return {};
}

std::string time_or_dash(TimeNs t) { return t == 0 ? "-" : format_iso8601(t); }

}  // namespace

void add_account_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* account = app.add_subcommand("account", "manage the accounts people sign in to the web UI with");
  account->require_subcommand(1);

  auto* add = account->add_subcommand(
      "add", "add an account; its password (at least 12 characters) is read from standard input");
  auto username = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>();
  auto display_name = std::make_shared<std::string>();
  add->add_option("--username", *username, "the name to sign in with")->required();
  add->add_option("--role", *role, "admin, privacy_officer, security_analyst, compliance or executive")->required();
  add->add_option("--display-name", *display_name, "the name the web UI shows");
  add->callback([&global, &exit_code, username, role, display_name] {
    exit_code = run_on_store(global, "ward account add", "account:" + *username, [&](store::Store& store) -> Result<void> {
      auto password = read_password("password for " + *username);
      if (!password) return Unexpected(password.error());
      auto a = api::create_account(store, {*username, *display_name, *role, *password}, api::interactive_password_cost());
      if (!a) return Unexpected(a.error());
      fmt::print("added {} ({})\n", a->username, a->role);
      return {};
    });
  });

  auto* list = account->add_subcommand("list", "list the accounts");
  list->callback([&global, &exit_code] {
    exit_code = run_on_store(global, "ward account list", "", [](store::Store& store) -> Result<void> {
      auto all = store.accounts();
      if (!all) return Unexpected(all.error());
      fmt::print("{:<24} {:<17} {:<9} {:<21} {}\n", "USERNAME", "ROLE", "STATE", "LOCKED UNTIL", "DISPLAY NAME");
      const TimeNs now = now_ns();
      for (const store::AccountRecord& a : *all)
        fmt::print("{:<24} {:<17} {:<9} {:<21} {}\n", a.username, a.role, a.disabled ? "disabled" : "enabled",
                   time_or_dash(a.locked_until > now ? a.locked_until : 0), a.display_name);
      return {};
    });
  });

  // disable, enable, unlock: one change each to the named account.
  struct Toggle {
    const char* name;
    const char* help;
    const char* said;
    void (*apply)(store::AccountChange&);
  };
  for (const Toggle& t : {Toggle{"disable", "disable an account and end its sessions", "disabled",
                                 [](store::AccountChange& c) { c.disabled = true; }},
                          Toggle{"enable", "enable a disabled account", "enabled",
                                 [](store::AccountChange& c) { c.disabled = false; }},
                          Toggle{"unlock", "let a locked-out account sign in again", "unlocked",
                                 [](store::AccountChange& c) { c.unlock = true; }}}) {
    auto* sub = account->add_subcommand(t.name, t.help);
    auto who = std::make_shared<std::string>();
    sub->add_option("username", *who, "the account")->required();
    sub->callback([&global, &exit_code, who, t] {
      exit_code = run_on_store(global, fmt::format("ward account {}", t.name), "account:" + *who,
                               [&](store::Store& store) {
                                 store::AccountChange c;
                                 c.username = *who;
                                 t.apply(c);
                                 return change(store, std::move(c), t.said);
                               });
    });
  }

  auto* password = account->add_subcommand(
      "password", "set an account's password from standard input (ends its sessions)");
  auto who = std::make_shared<std::string>();
  password->add_option("username", *who, "the account")->required();
  password->callback([&global, &exit_code, who] {
    exit_code = run_on_store(global, "ward account password", "account:" + *who, [&](store::Store& store) -> Result<void> {
      auto text = read_password("new password for " + *who);
      if (!text) return Unexpected(text.error());
      auto hash = api::hash_password(*text, api::interactive_password_cost());
      if (!hash) return Unexpected(hash.error());
      store::AccountChange c;
      c.username = *who;
      c.password_hash = std::move(*hash);
      return change(store, std::move(c), "new password for");
    });
  });
}

}  // namespace ward::cli
