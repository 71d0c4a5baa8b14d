// Signing in through the API: the cookie and CSRF token a browser gets, the same refusal for an
// unknown user and a wrong password, lockout per account, per unknown username and per address,
// sessions ending (sign-out, idle, absolute, disabled account, new password), CSRF on requests
// that change something, and the audit trail of sign-ins.
#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"
#include "api/sign_in.h"
#include "core/time.h"
#include "store/store_test_support.h"

namespace ward::api {
namespace {

using nlohmann::json;

class SessionRoutes : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open_api({"admin"}));
    ASSERT_NO_FATAL_FAILURE(add_account("alice", "privacy_officer"));
  }
  Response get_with_cookie(std::string target, const testing::SignedIn& who) {
    return session_request(http::verb::get, std::move(target), "", who, nullptr);
  }
};

TEST_F(SessionRoutes, SigningInSetsAStrictHttpOnlyCookieAndAnswersTheCsrfToken) {
  Response res = post_sign_in("alice", testing::kTestPassword);
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  const std::string cookie(res[http::field::set_cookie]);
  ASSERT_EQ(cookie.rfind("ward_session=", 0), 0u) << cookie;
  const std::string secret = cookie.substr(13, cookie.find(';') - 13);
  EXPECT_EQ(secret.size(), 64u);
  EXPECT_EQ(cookie.substr(13 + secret.size()), "; HttpOnly; SameSite=Strict; Path=/");
  json body = json::parse(res.body());
  EXPECT_EQ(body["account"], (json{{"username", "alice"}, {"role", "privacy_officer"}, {"display_name", "alice Example"}}));
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 64u);
  EXPECT_NE(body["csrf_token"], secret);
  // The store keeps the secret's hash, never the secret.
  EXPECT_EQ(ward::store::testing::query(dir_, "SELECT count(*) FROM sessions WHERE secret_hash = '" + secret + "'"), "0");
  EXPECT_EQ(ward::store::testing::query(dir_, "SELECT secret_hash FROM sessions"), token_hash(secret));
}

TEST_F(SessionRoutes, UnderTlsTheCookieIsSecure) {
  Request req{http::verb::post, "/api/v1/session", 11};
  req.body() = json{{"username", "alice"}, {"password", testing::kTestPassword}}.dump();
  req.prepare_payload();
  Response res = send(req, "10.0.0.7", /*tls=*/true);
  ASSERT_EQ(res.result(), http::status::ok);
  const std::string cookie(res[http::field::set_cookie]);
  EXPECT_TRUE(cookie.ends_with("; HttpOnly; SameSite=Strict; Path=/; Secure")) << cookie;
}

TEST_F(SessionRoutes, AnUnknownUserAndAWrongPasswordGetTheSameAnswer) {
  Response wrong = post_sign_in("alice", "not the password at all");
  Response unknown = post_sign_in("mallory", testing::kTestPassword);
  EXPECT_EQ(wrong.result(), http::status::unauthorized);
  EXPECT_EQ(unknown.result(), http::status::unauthorized);
  EXPECT_EQ(wrong.body(), unknown.body());
  EXPECT_EQ(json::parse(wrong.body())["error"]["message"], "wrong username or password");
  EXPECT_TRUE(wrong[http::field::set_cookie].empty());
  Response bad = post_sign_in("' OR 1=1 --", "x");
  EXPECT_EQ(bad.body(), wrong.body());
  Response missing = send([] {
    Request req{http::verb::post, "/api/v1/session", 11};
    req.body() = R"({"username": "alice"})";
    req.prepare_payload();
    return req;
  }());
  EXPECT_EQ(missing.result(), http::status::bad_request);
}

TEST_F(SessionRoutes, FiveWrongPasswordsLockTheAccountForFifteenMinutes) {
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(post_sign_in("alice", "wrong password " + std::to_string(i)).result(), http::status::unauthorized);
  Response fifth = post_sign_in("alice", "wrong password 5");
  EXPECT_EQ(fifth.result(), http::status::too_many_requests);
  EXPECT_EQ(fifth[http::field::retry_after], "900");
  EXPECT_EQ(json::parse(fifth.body())["error"]["message"], "too many failed sign-ins; try again in 15 minutes");
  // Even the right password is turned away while locked…
  Response right = post_sign_in("alice", testing::kTestPassword);
  EXPECT_EQ(right.result(), http::status::too_many_requests);
  EXPECT_TRUE(right[http::field::set_cookie].empty());
  // …until an admin unlocks the account.
  ASSERT_TRUE(store_->change_account({.username = "alice", .unlock = true, .time = now_ns()}));
  EXPECT_EQ(post_sign_in("alice", testing::kTestPassword).result(), http::status::ok);
}

TEST_F(SessionRoutes, AnUnknownUsernameIsLockedOutLikeAKnownOne) {
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(post_sign_in("mallory", "guess number " + std::to_string(i)).result(), http::status::unauthorized);
  Response fifth = post_sign_in("mallory", "guess number 5");
  EXPECT_EQ(fifth.result(), http::status::too_many_requests);
  EXPECT_EQ(fifth[http::field::retry_after], "900");
}

TEST_F(SessionRoutes, OneAddressIsLockedOutAfterTwentyFailures) {
  for (int i = 0; i < 19; ++i)
    EXPECT_EQ(post_sign_in("user" + std::to_string(i), "some long guess", "10.0.0.9").result(), http::status::unauthorized);
  EXPECT_EQ(post_sign_in("user19", "some long guess", "10.0.0.9").result(), http::status::too_many_requests);
  // alice's right password from that address waits too; from another address it works.
  EXPECT_EQ(post_sign_in("alice", testing::kTestPassword, "10.0.0.9").result(), http::status::too_many_requests);
  EXPECT_EQ(post_sign_in("alice", testing::kTestPassword, "10.0.0.10").result(), http::status::ok);
}

TEST_F(SessionRoutes, GetSessionAnswersWhoIsSignedIn) {
  testing::SignedIn who = sign_in_as("compliance");
  Response res = get_with_cookie("/api/v1/session", who);
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  json body = json::parse(res.body());
  EXPECT_EQ(body["account"]["username"], "compliance_user");
  EXPECT_EQ(body["account"]["role"], "compliance");
  EXPECT_EQ(body["csrf_token"], who.csrf_token);
  // What the role may open, from the access policy: compliance reads cases, not accounts.
  const auto may = body["may_use"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(may.begin(), may.end(), "GET /api/v1/privacy/cases"), may.end());
  EXPECT_NE(std::find(may.begin(), may.end(), "GET /api/v1/audit"), may.end());
  EXPECT_EQ(std::find(may.begin(), may.end(), "GET /api/v1/accounts"), may.end());
  EXPECT_EQ(std::find(may.begin(), may.end(), "POST /api/v1/privacy/cases/{case}/review"), may.end());
  EXPECT_EQ(std::find(may.begin(), may.end(), "GET /api/v1/health"), may.end()) << "public routes are not listed";
  Request bare{http::verb::get, "/api/v1/session", 11};
  EXPECT_EQ(send(bare).result(), http::status::unauthorized);
  testing::SignedIn forged{"ward_session=" + std::string(64, 'a'), who.csrf_token};
  EXPECT_EQ(get_with_cookie("/api/v1/session", forged).result(), http::status::unauthorized);
}

TEST_F(SessionRoutes, TheCookieAuthenticatesAndChangesNeedTheCsrfToken) {
  testing::SignedIn who = sign_in_as("admin");
  EXPECT_EQ(get_with_cookie("/api/v1/stats", who).result(), http::status::ok);
  const std::string none, wrong(64, '0');
  Response without = session_request(http::verb::post, "/api/v1/privacy/run", "", who, &none);
  EXPECT_EQ(without.result(), http::status::forbidden);
  EXPECT_EQ(json::parse(without.body())["error"]["message"],
            "this request changes something: send the session's csrf_token in the X-CSRF-Token header");
  EXPECT_EQ(session_request(http::verb::post, "/api/v1/privacy/run", "", who, &wrong).result(), http::status::forbidden);
  const std::string shorter = who.csrf_token.substr(1);
  EXPECT_EQ(session_request(http::verb::post, "/api/v1/privacy/run", "", who, &shorter).result(), http::status::forbidden);
  EXPECT_EQ(session_request(http::verb::post, "/api/v1/privacy/run", "", who, &who.csrf_token).result(), http::status::ok);
  // The three refusals are in the audit trail under the account (a forged request from another
  // site would look like them), before the run that went through.
  auto page = store_->audit_trail({});
  ASSERT_TRUE(page);
  std::vector<int> statuses;  // oldest first
  for (const auto& r : page->records)
    if (r.entry.route == "/api/v1/privacy/run" && r.entry.actor == "account:admin_user") statuses.insert(statuses.begin(), r.entry.status);
  EXPECT_EQ(statuses, (std::vector<int>{403, 403, 403, 200}));
  // A bearer token needs no CSRF token.
  EXPECT_EQ(request(http::verb::post, "/api/v1/privacy/run", "", "", token_of("admin")).result(), http::status::ok);
}

TEST_F(SessionRoutes, SigningOutEndsTheSession) {
  testing::SignedIn who = sign_in_as("admin");
  const std::string none;
  EXPECT_EQ(session_request(http::verb::delete_, "/api/v1/session", "", who, &none).result(), http::status::forbidden);
  Response out = session_request(http::verb::delete_, "/api/v1/session", "", who, &who.csrf_token);
  ASSERT_EQ(out.result(), http::status::ok) << out.body();
  EXPECT_EQ(std::string(out[http::field::set_cookie]), "ward_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
  EXPECT_EQ(get_with_cookie("/api/v1/stats", who).result(), http::status::unauthorized);
  EXPECT_EQ(get_with_cookie("/api/v1/session", who).result(), http::status::unauthorized);
}

TEST_F(SessionRoutes, DisablingTheAccountOrANewPasswordEndsItsSessions) {
  testing::SignedIn who = sign_in_as("admin");
  ASSERT_TRUE(store_->change_account({.username = "admin_user", .disabled = true, .time = now_ns()}));
  EXPECT_EQ(get_with_cookie("/api/v1/stats", who).result(), http::status::unauthorized);
  EXPECT_EQ(post_sign_in("admin_user", testing::kTestPassword).result(), http::status::unauthorized);

  testing::SignedIn alice = [&] {
    Response res = post_sign_in("alice", testing::kTestPassword);
    std::string c(res[http::field::set_cookie]);
    return testing::SignedIn{c.substr(0, c.find(';')), json::parse(res.body())["csrf_token"]};
  }();
  EXPECT_EQ(get_with_cookie("/api/v1/stats", alice).result(), http::status::ok);
  ASSERT_TRUE(store_->change_account({.username = "alice", .password_hash = *hash_password("another long password", cheap_password_cost()),
                                      .time = now_ns()}));
  EXPECT_EQ(get_with_cookie("/api/v1/stats", alice).result(), http::status::unauthorized);
}

TEST_F(SessionRoutes, AnAdministratorCannotDisableOrDemoteTheirOwnAccount) {
  testing::SignedIn who = sign_in_as("admin");
  for (const char* body : {R"({"disabled": true})", R"({"role": "compliance"})"}) {
    Response res = session_request(http::verb::patch, "/api/v1/accounts/admin_user", body, who, &who.csrf_token);
    ASSERT_EQ(res.result(), http::status::conflict) << body;
    EXPECT_NE(std::string(json::parse(res.body())["error"]["message"]).find("ask another administrator"), std::string::npos);
  }
  // Nothing changed: the session still works and the account is still an enabled admin.
  EXPECT_EQ(get_with_cookie("/api/v1/stats", who).result(), http::status::ok);
  // Other changes of one's own account, and another's account, go through.
  EXPECT_EQ(session_request(http::verb::patch, "/api/v1/accounts/admin_user", R"({"display_name": "Ada"})", who,
                            &who.csrf_token).result(), http::status::ok);
  EXPECT_EQ(session_request(http::verb::patch, "/api/v1/accounts/alice", R"({"disabled": true})", who,
                            &who.csrf_token).result(), http::status::ok);
  EXPECT_EQ(post_sign_in("alice", testing::kTestPassword).result(), http::status::unauthorized);
}

TEST_F(SessionRoutes, SignInsRefusalsAndLockoutsAreInTheAuditTrail) {
  ASSERT_EQ(post_sign_in("alice", testing::kTestPassword, "10.0.0.7").result(), http::status::ok);
  ASSERT_EQ(post_sign_in("alice", "wrong password!", "10.0.0.7").result(), http::status::unauthorized);
  ASSERT_EQ(post_sign_in("nobody", "wrong password!", "10.0.0.7").result(), http::status::unauthorized);
  auto page = store_->audit_trail({});
  ASSERT_TRUE(page);
  std::vector<store::ApiAuditEntry> sign_ins;  // newest first, as the trail reads
  for (const auto& r : page->records)
    if (r.entry.route == "/api/v1/session" && r.entry.client_address == "10.0.0.7") sign_ins.push_back(r.entry);
  const auto* trail = &sign_ins;
  ASSERT_EQ(trail->size(), 3u);
  EXPECT_EQ((*trail)[0].action, "E") << "a sign-in is an execution, as FHIR codes a login";
  EXPECT_EQ((*trail)[2].actor, "account:alice");
  EXPECT_EQ((*trail)[2].status, 200);
  EXPECT_EQ((*trail)[2].route, "/api/v1/session");
  EXPECT_EQ((*trail)[1].actor, "account:alice");
  EXPECT_EQ((*trail)[1].status, 401);
  EXPECT_EQ((*trail)[0].actor, "account:(unknown)");
  // Requests under the session carry the account as their actor.
  testing::SignedIn who = sign_in_as("admin");
  ASSERT_EQ(get_with_cookie("/api/v1/users/u-1/accesses", who).result(), http::status::not_found);
  auto about = store_->api_requests_about("u-1", 10);
  ASSERT_TRUE(about && about->size() == 1u);
  EXPECT_EQ((*about)[0].actor, "account:admin_user");
  EXPECT_EQ((*about)[0].token_id, 0);
}

// The session's two clocks, driven by hand through SignIn and session_of_request.
class SessionExpiry : public testing::ApiTestBase {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open_api({}));
    ASSERT_NO_FATAL_FAILURE(add_account("alice", "executive"));
  }
  Request with_cookie(const std::string& secret) {
    Request req{http::verb::get, "/api/v1/stats", 11};
    req.set(http::field::cookie, "theme=dark; ward_session=" + secret);
    return req;
  }
  std::string start(SignIn& sign_in, TimeNs at) {
    auto out = sign_in.sign_in("alice", testing::kTestPassword, "", at);
    EXPECT_TRUE(out && out->kind == SignInOutcome::Kind::signed_in);
    return out ? out->secret : std::string();
  }
};

TEST_F(SessionExpiry, ASessionEndsAfterThirtyIdleMinutes) {
  SignIn sign_in(*store_, testing::test_api_options().sessions);
  const TimeNs t0 = 1'000 * kNsPerMinute;
  const std::string secret = start(sign_in, t0);
  auto at = [&](TimeNs t) { return session_of_request(*store_, with_cookie(secret), t); };
  ASSERT_TRUE(at(t0 + 29 * kNsPerMinute) && *at(t0 + 29 * kNsPerMinute));  // used: the idle clock starts again
  ASSERT_TRUE(*at(t0 + 58 * kNsPerMinute));
  auto ended = at(t0 + 89 * kNsPerMinute);
  ASSERT_FALSE(ended);
  EXPECT_EQ(ended.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(ended.error().message, "the session has ended; sign in again");
  EXPECT_FALSE(at(t0 + 60 * kNsPerMinute));  // deleted, not just stale
}

TEST_F(SessionExpiry, ASessionEndsTwelveHoursAfterSignInHoweverBusy) {
  SignIn sign_in(*store_, testing::test_api_options().sessions);
  const TimeNs t0 = 1'000 * kNsPerMinute;
  const std::string secret = start(sign_in, t0);
  for (TimeNs t = t0; t < t0 + 12 * 60 * kNsPerMinute; t += 20 * kNsPerMinute)
    ASSERT_TRUE(session_of_request(*store_, with_cookie(secret), t)) << (t - t0) / kNsPerMinute;
  EXPECT_FALSE(session_of_request(*store_, with_cookie(secret), t0 + 12 * 60 * kNsPerMinute));
}

TEST_F(SessionExpiry, ARequestWithoutTheCookieHasNoSession) {
  Request req{http::verb::get, "/api/v1/stats", 11};
  req.set(http::field::cookie, "ward_sessionx=abc; other=1");
  auto none = session_of_request(*store_, req, now_ns());
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
}

}  // namespace
}  // namespace ward::api
