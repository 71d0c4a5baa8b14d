// Minimum necessary, in one table: for every route of the API, which roles may call it and
// whether they see PHI in its answers. handle_request looks every request up here after
// authenticating it (token or session alike) and before its handler runs, so no handler can
// forget; a route missing from the table is refused (and a test iterates the Router's routes to
// catch that). The reasons behind the table are in docs/api.md#roles.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/router.h"

namespace ward::api {

// What a role gets from a route.
enum class PhiView : std::uint8_t {
  refused,  // 403
  masked,   // allowed; patient names, MRNs, ids, birth dates and free text masked (phi_masking.h)
  shown,    // allowed, as the handler answers (also for routes that answer no PHI)
};

struct RouteAccess {
  http::verb method;
  std::string_view pattern;  // as given to Router::add
  bool is_public;            // no token or session needed (the route checks what it needs)
  std::array<PhiView, 5> by_role;  // in kRoles' order (roles.h)
};

// The whole table, one row per route.
std::span<const RouteAccess> access_policy();

// The row of (method, pattern); null when the table has none.
const RouteAccess* route_access(http::verb method, std::string_view pattern);

// What `role` gets from the route; refused for a role Ward does not know.
PhiView view_of(const RouteAccess& access, std::string_view role);

// "GET /api/v1/alerts", … : the routes needing sign-in that `role` may use, in the table's
// order (the web UI shows only what the role can open: GET /api/v1/session's `may_use`).
std::vector<std::string> routes_for_role(std::string_view role);

}  // namespace ward::api
