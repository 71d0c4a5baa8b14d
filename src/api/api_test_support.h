// The route tests' common ground: a router over a real store in a temporary folder, an API token
// per role, and requests sent as a client sends them (through handle_request, as the server does).
#pragma once

#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "api/auth.h"
#include "api/http_server.h"
#include "api/routes.h"
#include "store/store.h"
#include "testing/shared_data.h"

namespace ward::api::testing {

class ApiTestBase : public ::testing::Test {
 protected:
  // Opens the store, makes a token for each role (labelled `label`, or "<role>'s laptop") and
  // builds the router. Call from SetUp, under ASSERT_NO_FATAL_FAILURE.
  void open_api(std::initializer_list<std::string_view> roles, const ApiOptions& options = {},
                std::string_view label = {}) {
    auto s = store::open_sqlite_store(dir_.path());
    ASSERT_TRUE(s) << s.error().describe();
    store_ = std::move(*s);
    for (std::string_view role : roles) {
      auto t = create_token(*store_, std::string(role), label.empty() ? std::string(role) + "'s laptop" : std::string(label));
      ASSERT_TRUE(t) << t.error().describe();
      tokens_[std::string(role)] = *t;
    }
    router_ = build_router(*store_, options);
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

  ward::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  Router router_;

 private:
  std::map<std::string, std::string> tokens_;
};

}  // namespace ward::api::testing
