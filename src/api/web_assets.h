// The web UI (web/, built by Vite) compiled into the binary, and how `ward serve` answers for
// it: GET / and /assets/… from the embedded files, index.html for any other path outside /api/
// (the UI routes in the page), strong ETags and 304s, long caching for hashed assets.
// The file table is generated at build time by cmake/build_web.cmake (docs/web.md).
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "api/router.h"

namespace ward::api {

struct WebAsset {
  std::string_view path;          // "/index.html", "/assets/index-D_1PLk9U.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view etag;          // quoted: "\"9f86d081884c7d659a2feaa0c55ad015\""
  std::string_view body;
};

// Every embedded file, sorted by path (generated; lives as long as the program).
std::span<const WebAsset> web_assets();

// The embedded file at `path` (no query), or null.
const WebAsset* find_web_asset(std::string_view path);

// The answer to `req` for `path` when no API route has it: the file for GET and HEAD, index.html
// for paths that name no file (the UI's own routes), 304 when If-None-Match has its ETag.
// nullopt for other methods, for anything under /api/ and for a missing /assets/ file (those
// stay JSON 404s).
std::optional<Response> serve_web_asset(const Request& req, std::string_view path);

}  // namespace ward::api
