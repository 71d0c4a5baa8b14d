// The route tests' common ground: a router over a real store in a temporary folder, an API token
// per role, accounts signed in with a session cookie, and requests sent as a client sends them
// (through handle_request, as the server does).
#pragma once

#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/accounts.h"
#include "api/auth.h"
#include "api/http_server.h"
#include "api/routes.h"
#include "incidents/incident_store.h"
#include "store/store.h"
#include "third_parties/vendor_store.h"
#include "testing/shared_data.h"

namespace ward::api::testing {

// ApiOptions for tests: passwords hashed at libsodium's lowest cost, so sign-ins are quick.
inline ApiOptions test_api_options() {
  ApiOptions o;
  o.sessions.password_cost = cheap_password_cost();
  return o;
}

inline constexpr std::string_view kTestPassword = "correct horse battery";

// A signed-in browser: its session cookie and CSRF token.
struct SignedIn {
  std::string cookie;  // "ward_session=…"
  std::string csrf_token;
};

class ApiTestBase : public ::testing::Test {
 protected:
  // Opens the store (and the security program's stores, unless `options` has them), makes a
  // token for each role (labelled `label`, or "<role>'s laptop") and builds the router. Call from
  // SetUp, under ASSERT_NO_FATAL_FAILURE.
  void open_api(std::initializer_list<std::string_view> roles, ApiOptions options = test_api_options(),
                std::string_view label = {}) {
    auto s = store::open_sqlite_store(dir_.path());
    ASSERT_TRUE(s) << s.error().describe();
    store_ = std::move(*s);
    if (options.incidents == nullptr) {
      auto i = incidents::IncidentStore::open(dir_.path());
      ASSERT_TRUE(i) << i.error().describe();
      incidents_ = std::move(*i);
      auto v = third_parties::VendorStore::open(dir_.path());
      ASSERT_TRUE(v) << v.error().describe();
      vendors_ = std::move(*v);
      options.incidents = incidents_.get();
      options.vendors = vendors_.get();
    }
    for (std::string_view role : roles) {
      auto t = create_token(*store_, std::string(role), label.empty() ? std::string(role) + "'s laptop" : std::string(label));
      ASSERT_TRUE(t) << t.error().describe();
      tokens_[std::string(role)] = *t;
    }
    ApiOptions with_data = options;  // the device and AI routes use the same data directory, as in ward serve
    if (with_data.data_dir.empty()) with_data.data_dir = dir_.path();
    router_ = build_router(*store_, with_data);
  }

  const std::string& token_of(std::string_view role) { return tokens_[std::string(role)]; }

  // `token` goes in the Authorization header ("" sends none); a content type only when given.
  Response request(http::verb verb, std::string target, std::string body, std::string_view content_type,
                   std::string_view token) {
    Request req{verb, target, 11};
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + std::string(token));
    if (!content_type.empty()) req.set(http::field::content_type, std::string(content_type));
    req.body() = std::move(body);
    req.prepare_payload();
    return handle_request(router_, *store_, req);
  }

  // Sends `req` from `client_address` (Connection{} when empty) as handle_request does.
  Response send(const Request& req, std::string_view client_address = {}, bool tls = false) {
    return handle_request(router_, *store_, req, Connection{std::string(client_address), tls});
  }

  // Adds account `username` with `role` and kTestPassword (cheaply hashed). ASSERTs.
  void add_account(std::string_view username, std::string_view role) {
    auto a = create_account(*store_, {std::string(username), std::string(username) + " Example", std::string(role),
                                      std::string(kTestPassword)},
                            cheap_password_cost());
    ASSERT_TRUE(a) << a.error().describe();
  }

  // POST /api/v1/session with `username` and `password`.
  Response post_sign_in(std::string_view username, std::string_view password, std::string_view client_address = {}) {
    Request req{http::verb::post, "/api/v1/session", 11};
    req.set(http::field::content_type, "application/json");
    req.body() = nlohmann::json{{"username", username}, {"password", password}}.dump();
    req.prepare_payload();
    return send(req, client_address);
  }

  // Adds an account for `role` (username "<role>_user") and signs it in.
  SignedIn sign_in_as(std::string_view role) {
    const std::string username = std::string(role) + "_user";
    add_account(username, role);
    Response res = post_sign_in(username, kTestPassword);
    EXPECT_EQ(res.result(), http::status::ok) << res.body();
    SignedIn out;
    std::string set_cookie(res[http::field::set_cookie]);
    out.cookie = set_cookie.substr(0, set_cookie.find(';'));
    auto body = nlohmann::json::parse(res.body(), nullptr, false);
    if (body.is_object() && body.contains("csrf_token")) out.csrf_token = body["csrf_token"];
    return out;
  }

  // A request with the session's cookie, and its CSRF token in X-CSRF-Token when `csrf` is not
  // null ("" sends none).
  Response session_request(http::verb verb, std::string target, std::string body, const SignedIn& who,
                           const std::string* csrf) {
    Request req{verb, target, 11};
    req.set(http::field::cookie, who.cookie);
    if (csrf != nullptr && !csrf->empty()) req.set("X-CSRF-Token", *csrf);
    if (!body.empty()) req.set(http::field::content_type, "application/json");
    req.body() = std::move(body);
    req.prepare_payload();
    return send(req);
  }

  ward::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<incidents::IncidentStore> incidents_;  // the security program's (program_routes.cc)
  std::unique_ptr<third_parties::VendorStore> vendors_;
  Router router_;

 private:
  std::map<std::string, std::string> tokens_;
};

}  // namespace ward::api::testing
