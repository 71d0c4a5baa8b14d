// The HTTP transport over real sockets on 127.0.0.1: security headers on every answer, the body
// limit, slow clients cut off, and HTTPS with a throw-away CA (TLS 1.2+, HSTS).
#include "api/http_server.h"

#include <atomic>
#include <chrono>
#include <thread>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <gtest/gtest.h>

#include "api/api_test_support.h"
#include "api/security_headers.h"
#include "self_audit/chain_check.h"
#include "testing/test_certificates.h"

namespace ward::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

class HttpServerTest : public testing::ApiTestBase {
 protected:
  void serve(ServerOptions options) {
    ASSERT_NO_FATAL_FAILURE(open_api({"admin"}));
    options.address = "127.0.0.1";
    options.port = 0;
    options.threads = 1;
    server_ = std::make_unique<HttpServer>(router_, *store_, std::move(options));
    auto port = server_->start();
    ASSERT_TRUE(port) << port.error().describe();
    port_ = *port;
    runner_ = std::jthread([this] { server_->run(); });
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (runner_.joinable()) runner_.join();
  }

  tcp::endpoint endpoint() const { return {asio::ip::make_address("127.0.0.1"), port_}; }

  // One GET over plain HTTP, as curl would send it.
  http::response<http::string_body> get(const std::string& target, const std::string& token = "") {
    tcp::socket socket(client_ioc_);
    socket.connect(endpoint());
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    http::write(socket, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    return res;
  }

  // Seconds until the server closes `socket` (reads whatever it sends until then).
  static double seconds_until_closed(tcp::socket& socket) {
    auto started = std::chrono::steady_clock::now();
    char sink[4096];
    boost::system::error_code ec;
    while (!ec) socket.read_some(asio::buffer(sink), ec);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  }

  std::unique_ptr<HttpServer> server_;
  std::uint16_t port_ = 0;
  std::jthread runner_;
  asio::io_context client_ioc_;
};

// A header's value ("" when absent).
std::string header(const http::response<http::string_body>& res, std::string_view name) {
  auto v = res[boost::beast::string_view(name.data(), name.size())];
  return std::string(v.data(), v.size());
}

void expect_security_headers(const http::response<http::string_body>& res) {
  const std::string csp = header(res, "Content-Security-Policy");
  EXPECT_EQ(csp, kContentSecurityPolicy);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(header(res, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(header(res, "X-Frame-Options"), "DENY");
  EXPECT_EQ(header(res, "Referrer-Policy"), "no-referrer");
  EXPECT_EQ(header(res, "Cache-Control"), "no-store") << "API answers can hold PHI";
}

TEST_F(HttpServerTest, EveryAnswerCarriesTheSecurityHeadersAndNoHstsWithoutTls) {
  serve({});
  for (const auto& res : {get("/api/v1/health"), get("/api/v1/events"), get("/api/v1/events", token_of("admin")),
                          get("/api/v1/no-such-route", token_of("admin"))}) {
    SCOPED_TRACE(res.result_int());
    expect_security_headers(res);
    EXPECT_EQ(res.find(http::field::strict_transport_security), res.end()) << "HSTS only over TLS";
  }
}

TEST_F(HttpServerTest, ABodyOverTheLimitIs413WithTheHeaders) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  serve(options);
  tcp::socket socket(client_ioc_);
  socket.connect(endpoint());
  http::request<http::string_body> req{http::verb::post, "/api/v1/phi/scan", 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::authorization, "Bearer " + token_of("admin"));
  req.body() = std::string(4096, 'x');
  req.prepare_payload();
  http::write(socket, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  EXPECT_EQ(res.result(), http::status::payload_too_large);
  EXPECT_NE(res.body().find("larger than 1024 bytes"), std::string::npos) << res.body();
  expect_security_headers(res);
  EXPECT_FALSE(res.keep_alive());
}

TEST_F(HttpServerTest, AClientSendingItsRequestSlowlyIsCutOffAtTheTimeout) {
  ServerOptions options;
  options.idle_timeout = std::chrono::seconds(1);
  serve(options);
  tcp::socket socket(client_ioc_);
  socket.connect(endpoint());
  // Slowloris: a header line every 300 ms keeps the connection busy but never ends the request.
  std::jthread trickle([&socket](std::stop_token stop) {
    boost::system::error_code ec;
    asio::write(socket, asio::buffer(std::string("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")), ec);
    while (!stop.stop_requested() && !ec) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      asio::write(socket, asio::buffer(std::string("X-Slow: 1\r\n")), ec);
    }
  });
  const double closed_after = seconds_until_closed(socket);
  trickle.request_stop();
  EXPECT_GE(closed_after, 0.8);
  EXPECT_LT(closed_after, 5.0) << "the request must arrive within idle_timeout, however it trickles";
}

TEST_F(HttpServerTest, AnIdleConnectionIsClosedAtTheTimeout) {
  ServerOptions options;
  options.idle_timeout = std::chrono::seconds(1);
  serve(options);
  tcp::socket socket(client_ioc_);
  socket.connect(endpoint());
  const double closed_after = seconds_until_closed(socket);
  EXPECT_GE(closed_after, 0.8);
  EXPECT_LT(closed_after, 5.0);
}

// The server answers an authenticated request only once its audit entry is written; entries of
// requests in flight on many connections are committed together, and the chain holds.
TEST_F(HttpServerTest, EveryAnswerWaitsForItsAuditEntryAndConcurrentOnesShareCommits) {
  ServerOptions options;
  options.threads = 2;
  serve(options);
  auto entries = [this] {
    auto page = store_->audit_trail({.limit = 1000});
    EXPECT_TRUE(page) << page.error().describe();
    return page ? page->records.size() : 0u;
  };
  for (int i = 1; i <= 3; ++i) {
    ASSERT_EQ(get("/api/v1/stats", token_of("admin")).result(), http::status::ok);
    EXPECT_EQ(entries(), static_cast<std::size_t>(i)) << "the answer came after its entry was committed";
  }
  EXPECT_EQ(get("/api/v1/health").result(), http::status::ok);
  EXPECT_EQ(entries(), 3u) << "public routes are not audited";
  constexpr int kClients = 8, kEach = 10;
  std::vector<std::jthread> clients;
  std::atomic<int> ok{0};
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&] {
      asio::io_context ioc;
      tcp::socket socket(ioc);
      socket.connect(endpoint());
      beast::flat_buffer buffer;
      for (int i = 0; i < kEach; ++i) {  // keep-alive: one connection, one request after another
        http::request<http::empty_body> req{http::verb::get, "/api/v1/stats", 11};
        req.set(http::field::host, "127.0.0.1");
        req.set(http::field::authorization, "Bearer " + token_of("admin"));
        http::write(socket, req);
        http::response<http::string_body> res;
        http::read(socket, buffer, res);
        if (res.result() == http::status::ok) ++ok;
      }
    });
  clients.clear();
  EXPECT_EQ(ok.load(), kClients * kEach);
  EXPECT_EQ(entries(), static_cast<std::size_t>(3 + kClients * kEach));
  auto chain = self_audit::check_chain(*store_);
  ASSERT_TRUE(chain) << chain.error().describe();
  EXPECT_TRUE(chain->ok());
  EXPECT_EQ(chain->entries, static_cast<std::uint64_t>(3 + kClients * kEach));
}

class HttpsServerTest : public HttpServerTest {
 protected:
  void SetUp() override { certs_ = ward::testing::make_test_certificates(certs_dir_.path()); }

  void serve_tls() {
    ServerOptions options;
    options.tls_files = TlsFiles{certs_.certificate, certs_.key};
    serve(std::move(options));
  }

  // One GET over TLS, verifying the server against the test CA.
  http::response<http::string_body> get_tls(ssl::context& context, const std::string& target,
                                            const std::string& token = "") {
    ssl::stream<tcp::socket> stream(client_ioc_, context);
    stream.next_layer().connect(endpoint());
    stream.handshake(ssl::stream_base::client);
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    return res;
  }

  ssl::context client_context() {
    ssl::context context(ssl::context::tls_client);
    context.load_verify_file(certs_.ca.string());
    context.set_verify_mode(ssl::verify_peer);
    return context;
  }

  ward::testing::TempDir certs_dir_;
  ward::testing::TestCertificates certs_;
};

TEST_F(HttpsServerTest, ServesTheApiOverTlsWithHsts) {
  serve_tls();
  ssl::context context = client_context();
  auto health = get_tls(context, "/api/v1/health");
  EXPECT_EQ(health.result(), http::status::ok);
  EXPECT_NE(health.body().find("\"status\":\"ok\""), std::string::npos) << health.body();
  EXPECT_EQ(header(health, "Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
  expect_security_headers(health);
  auto events = get_tls(context, "/api/v1/events?limit=1", token_of("admin"));
  EXPECT_EQ(events.result(), http::status::ok) << events.body();
}

TEST_F(HttpsServerTest, RefusesClientsBelowTls12) {
  serve_tls();
  ssl::context context(ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_VERSION);
  SSL_CTX_set_max_proto_version(context.native_handle(), TLS1_1_VERSION);
  SSL_CTX_set_security_level(context.native_handle(), 0);  // let the client offer TLS 1.1 at all
  ssl::stream<tcp::socket> stream(client_ioc_, context);
  stream.next_layer().connect(endpoint());
  boost::system::error_code ec;
  stream.handshake(ssl::stream_base::client, ec);
  EXPECT_TRUE(ec) << "a TLS 1.1 handshake must fail";
}

TEST_F(HttpsServerTest, PlainHttpToTheTlsPortGetsNoAnswer) {
  serve_tls();
  tcp::socket socket(client_ioc_);
  socket.connect(endpoint());
  asio::write(socket, asio::buffer(std::string("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")));
  std::string got;
  char buf[512];
  boost::system::error_code ec;
  for (std::size_t n; (n = socket.read_some(asio::buffer(buf), ec)) > 0 && !ec;) got.append(buf, n);
  EXPECT_EQ(got.find("\"status\":\"ok\""), std::string::npos) << "nothing is served in the clear";
}

TEST_F(HttpsServerTest, AMissingCertificateIsAnErrorNamingTheKey) {
  ASSERT_NO_FATAL_FAILURE(open_api({}));
  ServerOptions options;
  options.port = 0;
  options.tls_files = TlsFiles{certs_dir_.path() / "nope.pem", certs_.key};
  HttpServer server(router_, *store_, std::move(options));
  auto port = server.start();
  ASSERT_FALSE(port);
  EXPECT_EQ(port.error().field, "serve.tls");
  EXPECT_NE(port.error().message.find("nope.pem"), std::string::npos) << port.error().message;
}

}  // namespace
}  // namespace ward::api
