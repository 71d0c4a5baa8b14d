#include "api/roles.h"

#include <algorithm>

#include <fmt/format.h>

namespace ward::api {

Result<std::string_view> role_named(std::string_view name) {
  if (name == "analyst") return std::string_view("security_analyst");
  if (name == "auditor") return std::string_view("compliance");
  if (auto it = std::find(kRoles.begin(), kRoles.end(), name); it != kRoles.end()) return *it;
  return fail(ErrorCode::invalid_input,
              fmt::format("unknown role \"{}\" (use admin, privacy_officer, security_analyst, compliance or "
                          "executive)", name),
              "role");
}

}  // namespace ward::api
