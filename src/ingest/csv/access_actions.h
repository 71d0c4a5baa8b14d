// Vendor action text ("Chart Review", "Logoff", "Print AVS") -> Ward Action, for the access-log
// CSV parser: built-in synonyms first, then the site's table from ingest.csv_access.actions.
// Build one ActionTable per file; lookups do not allocate. Thread-compatible (const after make).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/event.h"

namespace ward::ingest {

// The built-in synonyms, case-insensitive, ignoring surrounding blanks: view/viewed/open/read/
// chart review -> read; search/lookup/query -> search; create/new/add -> create;
// edit/modify/update/sign -> update; delete/remove -> delete; print -> print;
// export/download -> export; login/logon -> login; logout/logoff -> logout. Else unknown.
Action builtin_action(std::string_view text);

class ActionTable {
 public:
  ActionTable() = default;
  // `custom` maps vendor text to a Ward action name (read, search, create, update, delete,
  // export, print, login, logout, disclose, query, execute). Fails, naming
  // "ingest.csv_access.actions.<text>", on an unknown action name or on text that is already a
  // built-in synonym of a different action (the built-in would silently win).
  static Result<ActionTable> make(const std::map<std::string, std::string>& custom);

  // Built-in synonyms first, then the custom table; Action::unknown when neither knows it.
  Action lookup(std::string_view text) const;

 private:
  std::vector<std::pair<std::string, Action>> custom_;  // text trimmed
};

}  // namespace ward::ingest
