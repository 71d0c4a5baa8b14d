#include "api/web_assets.h"

#include <algorithm>

namespace ward::api {
namespace {

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  // A list of tags, possibly weak (W/"…"); a strong tag matches a weak one for GET.
  std::size_t at = 0;
  while ((at = if_none_match.find(etag.substr(1), at)) != std::string_view::npos) {
    if (at > 0 && if_none_match[at - 1] == '"') return true;
    ++at;
  }
  return false;
}

}  // namespace

const WebAsset* find_web_asset(std::string_view path) {
  auto assets = web_assets();
  auto it = std::lower_bound(assets.begin(), assets.end(), path,
                             [](const WebAsset& a, std::string_view p) { return a.path < p; });
  return it != assets.end() && it->path == path ? &*it : nullptr;
}

std::optional<Response> serve_web_asset(const Request& req, std::string_view path) {
  if (req.method() != http::verb::get && req.method() != http::verb::head) return std::nullopt;
  if (path == "/api" || path.starts_with("/api/")) return std::nullopt;
  const WebAsset* asset = path == "/" ? nullptr : find_web_asset(path);
  // Hashed build output never changes under its name; anything else (index.html, the fallback
  // for the UI's routes) is checked again on every load.
  const bool immutable = asset != nullptr && path.starts_with("/assets/");
  // A build's file that is gone (a page cached from an older Ward) is a 404, not the page.
  if (asset == nullptr && path.starts_with("/assets/")) return std::nullopt;
  if (asset == nullptr) asset = find_web_asset("/index.html");
  if (asset == nullptr) return std::nullopt;

  Response res{http::status::ok, req.version()};
  res.set(http::field::etag, std::string(asset->etag));
  res.set(http::field::cache_control, immutable ? "public, max-age=31536000, immutable" : "no-cache");
  // The CSP (no inline script or style, no framing) and the other security headers are added to
  // every answer by handle_request (security_headers.h).
  res.keep_alive(req.keep_alive());
  auto inm = req[http::field::if_none_match];
  if (!inm.empty() && etag_matches(std::string_view(inm.data(), inm.size()), asset->etag)) {
    res.result(http::status::not_modified);
    return res;
  }
  res.set(http::field::content_type, std::string(asset->content_type));
  if (req.method() == http::verb::head) {
    res.content_length(asset->body.size());
  } else {
    res.body().assign(asset->body);
    res.prepare_payload();
  }
  return res;
}

}  // namespace ward::api
