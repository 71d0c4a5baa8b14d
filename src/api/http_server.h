// The HTTP transport of the API: Boost.Beast over Asio, a fixed pool of threads, keep-alive,
// a body limit and an idle timeout per connection, HTTPS when given a certificate, and the
// security headers (security_headers.h) on every answer. It authenticates (tokens and session
// cookies), dispatches to the Router and turns anything a handler throws into a 500 for that
// request only.
// start() binds; run() serves until stop() (thread-safe, also from a signal handler's strand).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/router.h"
#include "core/error.h"
#include "core/tls_context.h"
#include "store/store.h"

namespace ward::api {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;        // 0 = any free port (see start()'s result)
  int threads = 2;
  std::size_t max_body_bytes = 64 * 1024 * 1024;
  // A request must arrive in full within it (slow senders are cut off); a connection idle
  // between requests is closed after it.
  std::chrono::seconds idle_timeout{30};
  // HTTPS: the API and the web UI only over TLS 1.2+ with this certificate and key (PEM);
  // session cookies are then Secure.
  std::optional<TlsFiles> tls_files;
};

// Answers one request: routing, authentication (a bearer token, else a session cookie with its
// CSRF token on requests that change something), the access policy, the handler, the audit
// trail (with the action and the connection's client address), errors. No sockets involved; the
// first form is a request from an unknown address without TLS.
Response handle_request(const Router& router, store::Store& store, const Request& request);
Response handle_request(const Router& router, store::Store& store, const Request& request,
                        const Connection& connection);

// handle_request in two steps, for the server, which writes the audit entries of many requests
// in one transaction: route_request answers and says what the audit trail must hold (nothing for
// public routes); finish_request gives the answer once that is written (`audited`), or 503 when
// it could not be, with the security headers.
struct RoutedRequest {
  Response response;
  std::optional<store::ApiAuditEntry> audit;
  std::int64_t token_id = 0;
  std::chrono::steady_clock::time_point started;
};
RoutedRequest route_request(const Router& router, store::Store& store, const Request& request,
                            const Connection& connection);
Response finish_request(const Request& request, const Connection& connection, RoutedRequest routed,
                        const Result<void>& audited);

// "127.0.0.1:8080" or "[::1]:8080" into address and port; errors name the text.
Result<void> parse_listen_address(std::string_view text, ServerOptions& options);

class HttpServer {
 public:
  HttpServer(const Router& router, store::Store& store, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; returns the port bound. Errors say which address could not be bound.
  Result<std::uint16_t> start();
  // Serves on options.threads threads until stop(); returns when they have finished.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ward::api
