#include "ingest/csv/access_actions.h"

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "ingest/csv/csv_reader.h"

namespace ward::ingest {
namespace {

struct Synonym {
  std::string_view text;  // lower case
  Action action;
};

constexpr Synonym kSynonyms[] = {
    {"view", Action::read},       {"viewed", Action::read},     {"open", Action::read},
    {"read", Action::read},       {"chart review", Action::read},
    {"search", Action::search},   {"lookup", Action::search},   {"query", Action::search},
    {"create", Action::create},   {"new", Action::create},      {"add", Action::create},
    {"edit", Action::update},     {"modify", Action::update},   {"update", Action::update},
    {"sign", Action::update},
    {"delete", Action::delete_},  {"remove", Action::delete_},
    {"print", Action::print},
    {"export", Action::export_},  {"download", Action::export_},
    {"login", Action::login},     {"logon", Action::login},
    {"logout", Action::logout},   {"logoff", Action::logout},
};

}  // namespace

Action builtin_action(std::string_view text) {
  text = trim_blanks(text);
  for (const Synonym& s : kSynonyms)
    if (ascii_iequals(text, s.text)) return s.action;
  return Action::unknown;
}

Result<ActionTable> ActionTable::make(const std::map<std::string, std::string>& custom) {
  ActionTable table;
  for (const auto& [text, name] : custom) {
    const std::string lowered = ascii_lower(trim_blanks(name));
    const Action action = action_from(lowered);
    const std::string key = fmt::format("ingest.csv_access.actions.{}", text);
    if (action == Action::unknown) {
      return fail(ErrorCode::config,
                  fmt::format("{}: not a Ward action (use read, search, create, update, delete, "
                              "export, print, login, logout, disclose or query)", key),
                  key);
    }
    if (const Action builtin = builtin_action(text);
        builtin != Action::unknown && builtin != action) {
      return fail(ErrorCode::config,
                  fmt::format("{}: already a built-in synonym of \"{}\", which is matched first",
                              key, to_string(builtin)),
                  key);
    }
    table.custom_.emplace_back(std::string(trim_blanks(text)), action);
  }
  return table;
}

Action ActionTable::lookup(std::string_view text) const {
  if (const Action a = builtin_action(text); a != Action::unknown) return a;
  text = trim_blanks(text);
  for (const auto& [t, action] : custom_)
    if (ascii_iequals(text, t)) return action;
  return Action::unknown;
}

}  // namespace ward::ingest
