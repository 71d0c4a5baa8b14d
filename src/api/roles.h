// Ward's roles (issue 7) and the older token role names that still mean one of them. Who may
// call which route with which view of PHI is in access_policy.h.
#pragma once

#include <array>
#include <string_view>

#include "core/error.h"

namespace ward::api {

inline constexpr std::array<std::string_view, 5> kRoles = {"admin", "privacy_officer", "security_analyst",
                                                           "compliance", "executive"};

// `name` as one of kRoles: the role itself, or an older name ("analyst" → "security_analyst",
// "auditor" → "compliance"). Unknown names are ErrorCode::invalid_input listing the roles.
Result<std::string_view> role_named(std::string_view name);

}  // namespace ward::api
