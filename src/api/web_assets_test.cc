// The web UI as `ward serve` answers for it: the page at /, its hashed assets with long caching,
// the page again for the UI's own routes, JSON 404s kept under /api/, 304s for a known ETag, and
// a page that runs under a CSP without 'unsafe-inline' (no inline script or style).
#include "api/web_assets.h"

#include <regex>

#include <gtest/gtest.h>

#include "api/api_test_support.h"

namespace ward::api {
namespace {

class WebAssetsTest : public testing::ApiTestBase {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(open_api({"admin"})); }
  Response get(std::string target, std::string_view if_none_match = {}) {
    Request req{http::verb::get, target, 11};
    if (!if_none_match.empty()) req.set(http::field::if_none_match, std::string(if_none_match));
    return handle_request(router_, *store_, req);
  }
};

TEST_F(WebAssetsTest, ServesThePageAtTheRootWithoutAToken) {
  auto res = get("/");
  ASSERT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(res[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_NE(res.body().find("<div id=\"app\">"), std::string::npos);
  EXPECT_EQ(res[http::field::cache_control], "no-cache");
  const std::string csp(res["Content-Security-Policy"]);
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
}

TEST_F(WebAssetsTest, ThePageHasNoInlineScriptOrStyleAndItsAssetsAreEmbedded) {
  const std::string page = get("/").body();
  EXPECT_EQ(page.find("<style"), std::string::npos);
  EXPECT_EQ(page.find("style=\""), std::string::npos);
  std::regex script("<script([^>]*)>");
  int scripts = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), script); it != std::sregex_iterator(); ++it) {
    ++scripts;
    EXPECT_NE((*it)[1].str().find("src=\"/assets/"), std::string::npos) << "inline script: " << it->str();
  }
  EXPECT_GE(scripts, 1);
  std::regex reference("(?:src|href)=\"(/assets/[^\"]+)\"");
  int assets = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), reference); it != std::sregex_iterator(); ++it) {
    ++assets;
    auto res = get((*it)[1].str());
    EXPECT_EQ(res.result(), http::status::ok) << (*it)[1].str();
    EXPECT_EQ(res[http::field::cache_control], "public, max-age=31536000, immutable");
    EXPECT_FALSE(res.body().empty());
  }
  EXPECT_GE(assets, 2);  // the script and the style sheet
}

TEST_F(WebAssetsTest, TheUisOwnRoutesGetThePageAndApiPathsStayJson) {
  auto page = get("/cases/42");
  EXPECT_EQ(page.result(), http::status::ok);
  EXPECT_EQ(page.body(), get("/").body());
  auto api = get("/api/v1/no-such-route");
  EXPECT_EQ(api.result(), http::status::not_found);
  EXPECT_EQ(api[http::field::content_type], "application/json");
  EXPECT_EQ(get("/assets/index-gone.js").result(), http::status::not_found);  // not the page as script
  Request post{http::verb::post, "/cases/42", 11};
  EXPECT_EQ(handle_request(router_, *store_, post).result(), http::status::not_found);
}

TEST_F(WebAssetsTest, AnswersNotModifiedForTheCurrentETag) {
  auto first = get("/");
  const std::string etag(first[http::field::etag]);
  ASSERT_EQ(etag.size(), 34u);  // 32 hex digits in quotes
  auto again = get("/", etag);
  EXPECT_EQ(again.result(), http::status::not_modified);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(get("/", "\"something-else\"").result(), http::status::ok);
}

TEST_F(WebAssetsTest, EveryEmbeddedFileIsFoundByItsPath) {
  ASSERT_FALSE(web_assets().empty());
  for (const auto& a : web_assets()) {
    const WebAsset* found = find_web_asset(a.path);
    ASSERT_NE(found, nullptr) << a.path;
    EXPECT_EQ(found->body.size(), a.body.size());
  }
  EXPECT_EQ(find_web_asset("/assets/missing.js"), nullptr);
}

}  // namespace
}  // namespace ward::api
