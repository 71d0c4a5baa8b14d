// Administration of Ward's own accounts and API tokens (docs/api.md#accounts-and-tokens):
// list, add and change accounts (role, display name, disabled, unlock, password), list, create
// and revoke tokens. Only admins reach these routes (access_policy.h); every request is in the
// audit trail with the account or token it was about. Password hashes and token hashes are
// never answered; a new token's secret is answered once.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/accounts.h"
#include "api/auth.h"
#include "api/roles.h"
#include "api/routes.h"

namespace ward::api {
namespace {

using nlohmann::json;

json time_or_null(TimeNs t) { return t == 0 ? json(nullptr) : json(format_iso8601(t)); }

json account_json(const store::AccountRecord& a) {
  return {{"username", a.username}, {"display_name", a.display_name}, {"role", a.role},
          {"disabled", a.disabled}, {"failed_logins", a.failed_logins},
          {"locked_until", a.locked_until > now_ns() ? time_or_null(a.locked_until) : json(nullptr)},
          {"created", format_iso8601(a.created)}, {"changed", format_iso8601(a.changed)}};
}

json token_json(const store::TokenListing& t) {
  return {{"id", t.id}, {"role", t.role}, {"label", t.label}, {"created", format_iso8601(t.created)},
          {"revoked", time_or_null(t.revoked)}};
}

// The key of `body` as a string into `out` (absent or null leaves it); invalid_input otherwise.
Result<void> read_string(const json& body, const char* key, std::optional<std::string>& out) {
  if (!body.contains(key) || body[key].is_null()) return {};
  if (!body[key].is_string()) return fail(ErrorCode::invalid_input, fmt::format("{}: expected a string", key), key);
  out = body[key].get<std::string>();
  return {};
}

Result<void> read_bool(const json& body, const char* key, std::optional<bool>& out) {
  if (!body.contains(key) || body[key].is_null()) return {};
  if (!body[key].is_boolean()) return fail(ErrorCode::invalid_input, fmt::format("{}: expected true or false", key), key);
  out = body[key].get<bool>();
  return {};
}

// PATCH's body as a change of account `username`.
Result<store::AccountChange> account_change(const Request& req, const std::string& username, PasswordCost cost) {
  auto body = json_object_body(req, {"role", "display_name", "disabled", "unlock", "password"});
  if (!body) return Unexpected(body.error());
  store::AccountChange c;
  c.username = username;
  c.time = now_ns();
  std::optional<std::string> role, password;
  std::optional<bool> unlock;
  for (auto r : {read_string(*body, "role", role), read_string(*body, "display_name", c.display_name),
                 read_string(*body, "password", password), read_bool(*body, "disabled", c.disabled),
                 read_bool(*body, "unlock", unlock)})
    if (!r) return Unexpected(r.error());
  if (role) {
    auto canonical = role_named(*role);
    if (!canonical) return Unexpected(canonical.error());
    c.role = std::string(*canonical);
  }
  if (password) {
    auto hash = hash_password(*password, cost);
    if (!hash) return Unexpected(hash.error());
    c.password_hash = std::move(*hash);
  }
  c.unlock = unlock.value_or(false);
  return c;
}

// Whether a signed-in administrator is disabling their own account or giving it another role:
// the web UI would sign them out for good, and the last administrator would lock everyone out.
bool locks_out_self(const RequestContext& ctx, const store::AccountChange& change) {
  if (ctx.session == nullptr || ctx.session->account.username != change.username) return false;
  return change.disabled.value_or(false) || (change.role && *change.role != "admin");
}

Response answer(const RequestContext& ctx, http::status status, const json& body) {
  return json_response(ctx.request, status, body.dump());
}

}  // namespace

void add_account_routes(Router& router, store::Store& store, const ApiOptions& options) {
  const PasswordCost cost = options.sessions.password_cost;

  router.add(http::verb::get, "/api/v1/accounts", [&store](const RequestContext& ctx) {
    auto all = store.accounts();
    if (!all) return error_response(ctx.request, all.error());
    json out = json::array();
    for (const auto& a : *all) out.push_back(account_json(a));
    return answer(ctx, http::status::ok, json{{"accounts", std::move(out)}});
  });

  router.add(http::verb::post, "/api/v1/accounts", [&store, cost](const RequestContext& ctx) {
    auto fields = string_fields(ctx.request, {"username", "display_name", "role", "password"});
    if (!fields) return error_response(ctx.request, fields.error());
    for (const char* key : {"username", "role", "password"})
      if (!fields->contains(key))
        return error_response(ctx.request, http::status::bad_request, fmt::format("{}: required", key));
    auto a = create_account(store, {(*fields)["username"], (*fields)["display_name"], (*fields)["role"],
                                    (*fields)["password"]}, cost);
    if (!a) return error_response(ctx.request, a.error());
    return answer(ctx, http::status::created, account_json(*a));
  });

  router.add(http::verb::patch, "/api/v1/accounts/{username}", [&store, cost](const RequestContext& ctx) {
    auto change = account_change(ctx.request, ctx.path.at("username"), cost);
    if (!change) return error_response(ctx.request, change.error());
    if (locks_out_self(ctx, *change))
      return error_response(ctx.request, http::status::conflict,
                            "you cannot disable your own account or take away its admin role: ask another "
                            "administrator (or use `ward account` on the server)",
                            change->disabled ? "disabled" : "role");
    auto a = store.change_account(*change);
    if (!a) return error_response(ctx.request, a.error());
    return answer(ctx, http::status::ok, account_json(*a));
  });

  router.add(http::verb::get, "/api/v1/tokens", [&store](const RequestContext& ctx) {
    auto all = store.tokens();
    if (!all) return error_response(ctx.request, all.error());
    json out = json::array();
    for (const auto& t : *all) out.push_back(token_json(t));
    return answer(ctx, http::status::ok, json{{"tokens", std::move(out)}});
  });

  router.add(http::verb::post, "/api/v1/tokens", [&store](const RequestContext& ctx) {
    auto fields = string_fields(ctx.request, {"role", "label"});
    if (!fields) return error_response(ctx.request, fields.error());
    if (!fields->contains("role")) return error_response(ctx.request, http::status::bad_request, "role: required");
    const std::string label = fields->contains("label") ? (*fields)["label"] : "created by " + actor_of(ctx);
    auto secret = create_token(store, (*fields)["role"], label);
    if (!secret) return error_response(ctx.request, secret.error());
    auto found = store.find_token(token_hash(*secret));
    if (!found || !*found) return error_response(ctx.request, http::status::service_unavailable, "the store is unavailable; try again");
    return answer(ctx, http::status::created,
                  json{{"token", *secret}, {"id", (*found)->id}, {"role", (*found)->role}, {"label", (*found)->label}});
  });

  router.add(http::verb::delete_, "/api/v1/tokens/{id}", [&store](const RequestContext& ctx) {
    auto id = id_in_path(ctx, "id");
    if (!id) return error_response(ctx.request, Error{ErrorCode::not_found, "there is no such token"});
    if (auto r = store.revoke_token(*id, now_ns()); !r) return error_response(ctx.request, r.error());
    return answer(ctx, http::status::ok, json{{"id", *id}, {"revoked", true}});
  });
}

}  // namespace ward::api
