// Signing in and out of the web UI (docs/api.md#sessions): POST /api/v1/session with a username
// and password sets the ward_session cookie and answers the CSRF token; GET answers who the
// cookie's session is; DELETE ends it. These routes authenticate by themselves (the router
// takes them as public), and write every sign-in, refusal, lockout and sign-out to Ward's audit
// trail under "account:<username>". Passwords, secrets and CSRF tokens are never logged.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/access_policy.h"
#include "api/routes.h"
#include "api/sign_in.h"

namespace ward::api {
namespace {

using nlohmann::json;

constexpr std::string_view kSessionRoute = "/api/v1/session";

json account_json(const store::AccountRecord& a) {
  return {{"username", a.username}, {"role", a.role}, {"display_name", a.display_name}};
}

// `may_use`: what the account's role may open, so the UI offers nothing that would answer 403.
json session_json(const store::AccountRecord& account, std::string_view csrf_token, TimeNs expires) {
  return {{"account", account_json(account)}, {"csrf_token", csrf_token}, {"expires", format_iso8601(expires)},
          {"may_use", routes_for_role(account.role)}};
}

// One line of the audit trail for a sign-in or sign-out; its answer is withheld when the trail
// cannot be written.
Response audited(store::Store& store, const RequestContext& ctx, std::string actor, Response res) {
  const std::string& address = ctx.connection ? ctx.connection->client_address : std::string();
  // Signing in and out are executions ("E"), as FHIR's AuditEvent codes a login.
  auto r = store.record_api_request({now_ns(), 0, std::string(ctx.request.method_string()), std::string(kSessionRoute),
                                     "", static_cast<int>(res.result_int()), std::move(actor), "E", address});
  if (!r) return error_response(ctx.request, http::status::service_unavailable, "the audit trail could not be written; try again");
  return res;
}

bool runs_tls(const RequestContext& ctx) { return ctx.connection != nullptr && ctx.connection->tls; }

Response sign_in_route(store::Store& store, SignIn& sign_in, const RequestContext& ctx) {
  auto fields = string_fields(ctx.request, {"username", "password"});
  if (!fields) return error_response(ctx.request, fields.error());
  if (!fields->contains("username") || !fields->contains("password"))
    return error_response(ctx.request, http::status::bad_request, "send {\"username\": …, \"password\": …}");
  const TimeNs now = now_ns();
  auto outcome = sign_in.sign_in((*fields)["username"], (*fields)["password"],
                                 ctx.connection ? ctx.connection->client_address : std::string(), now);
  if (!outcome) return error_response(ctx.request, outcome.error());
  switch (outcome->kind) {
    case SignInOutcome::Kind::refused:
      return audited(store, ctx, outcome->actor,
                     error_response(ctx.request, http::status::unauthorized, "wrong username or password"));
    case SignInOutcome::Kind::locked_out: {
      const std::int64_t seconds = std::max<std::int64_t>(1, (outcome->retry_at - now + kNsPerSecond - 1) / kNsPerSecond);
      Response res = error_response(ctx.request, http::status::too_many_requests,
                                    fmt::format("too many failed sign-ins; try again in {} minutes", (seconds + 59) / 60));
      res.set(http::field::retry_after, std::to_string(seconds));
      return audited(store, ctx, outcome->actor, std::move(res));
    }
    case SignInOutcome::Kind::signed_in: break;
  }
  Response res = json_response(ctx.request, http::status::ok,
                               session_json(outcome->account, outcome->csrf_token,
                                            now + sign_in.settings().absolute_timeout).dump());
  res.set(http::field::set_cookie, session_cookie(outcome->secret, runs_tls(ctx)));
  return audited(store, ctx, outcome->actor, std::move(res));
}

}  // namespace

void add_session_routes(Router& router, store::Store& store, std::shared_ptr<SignIn> sign_in) {
  router.add(http::verb::post, std::string(kSessionRoute), [&store, sign_in](const RequestContext& ctx) {
    return sign_in_route(store, *sign_in, ctx);
  }, /*is_public=*/true);

  router.add(http::verb::get, std::string(kSessionRoute), [&store](const RequestContext& ctx) {
    auto session = session_of_request(store, ctx.request, now_ns());
    if (!session) return error_response(ctx.request, session.error());
    if (!*session) return error_response(ctx.request, http::status::unauthorized, "not signed in");
    const auto& [s, account] = **session;
    return json_response(ctx.request, http::status::ok, session_json(account, s.csrf_token, s.expires).dump());
  }, /*is_public=*/true);

  router.add(http::verb::delete_, std::string(kSessionRoute), [&store](const RequestContext& ctx) {
    auto session = session_of_request(store, ctx.request, now_ns());
    if (!session) return error_response(ctx.request, session.error());
    if (!*session) return error_response(ctx.request, http::status::unauthorized, "not signed in");
    if (auto r = check_csrf(ctx.request, (*session)->session); !r) return error_response(ctx.request, r.error());
    if (auto r = store.delete_session((*session)->session.id); !r) return error_response(ctx.request, r.error());
    Response res = json_response(ctx.request, http::status::ok, json{{"signed_out", true}}.dump());
    res.set(http::field::set_cookie, cleared_session_cookie(runs_tls(ctx)));
    return audited(store, ctx, "account:" + (*session)->account.username, std::move(res));
  }, /*is_public=*/true);
}

}  // namespace ward::api
