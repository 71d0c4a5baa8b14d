#include "api/security_headers.h"

#include <string>

namespace ward::api {

void add_security_headers(Response& res, bool tls) {
  res.set("Content-Security-Policy", std::string(kContentSecurityPolicy));
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");  // for browsers without frame-ancestors
  res.set("Referrer-Policy", "no-referrer");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Cross-Origin-Resource-Policy", "same-origin");
  res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (res.find(http::field::cache_control) == res.end()) res.set(http::field::cache_control, "no-store");
  // A year, the subdomains too: once a browser saw Ward over TLS it never tries plain HTTP.
  if (tls) res.set(http::field::strict_transport_security, "max-age=31536000; includeSubDomains");
}

}  // namespace ward::api
