// The headers every HTTP answer of Ward carries, whatever produced it (a route, the web UI's
// files — both through handle_request — or the transport's own 400/413): a Content-Security-Policy without 'unsafe-inline',
// nosniff, no framing (frame-ancestors 'none'), no referrer, and HSTS when served over TLS.
// An answer without a Cache-Control of its own is never stored by browsers or proxies (API
// answers can hold PHI); the web UI's files set their own.
#pragma once

#include <string_view>

#include "api/router.h"

namespace ward::api {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Adds the headers to `res` (keeps a Cache-Control the route set). `tls`: the connection is TLS.
void add_security_headers(Response& res, bool tls);

}  // namespace ward::api
