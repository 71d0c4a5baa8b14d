// The HTTP transport of the API: Boost.Beast over Asio, a fixed pool of threads, keep-alive,
// a body limit and an idle timeout per connection. It authenticates (tokens and session
// cookies), dispatches to the Router and turns anything a handler throws into a 500 for that
// request only.
// start() binds; run() serves until stop() (thread-safe, also from a signal handler's strand).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/router.h"
#include "core/error.h"
#include "store/store.h"

namespace ward::api {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;        // 0 = any free port (see start()'s result)
  int threads = 2;
  std::size_t max_body_bytes = 64 * 1024 * 1024;
  std::chrono::seconds idle_timeout{30};
  bool tls = false;  // the server runs TLS (set by the TLS setup): session cookies are Secure
};

// Answers one request: routing, authentication (a bearer token, else a session cookie with its
// CSRF token on requests that change something), the handler, the audit trail, errors. No
// sockets involved; the first form is a request from an unknown address without TLS.
Response handle_request(const Router& router, store::Store& store, const Request& request);
Response handle_request(const Router& router, store::Store& store, const Request& request,
                        const Connection& connection);

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
