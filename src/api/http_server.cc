#include "api/http_server.h"

#include <optional>
#include <variant>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "api/access_policy.h"
#include "api/auth.h"
#include "api/phi_masking.h"
#include "api/security_headers.h"
#include "api/sign_in.h"
#include "api/web_assets.h"
#include "core/group_committer.h"
#include "core/listen_address.h"
#include "core/tcp_listener.h"
#include "core/tls_stream.h"
#include "self_audit/audit_event_fhir.h"

namespace ward::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// Audit entries of the API's requests, group-committed: every entry pending when the writer is
// free goes into one transaction (one fsync), however many connections wait on theirs.
using AuditWriter = GroupCommitter<store::ApiAuditEntry>;

AuditWriter::CommitAll audit_writer_for(store::Store& store) {
  return [&store](std::span<store::ApiAuditEntry* const> entries) -> Result<void> {
    std::vector<const store::ApiAuditEntry*> in_order(entries.begin(), entries.end());
    auto appended = store.append_audit_entries(in_order);
    if (!appended) return Unexpected(appended.error());
    return {};
  };
}

// One connection: (for TLS, the handshake,) then read a request, answer it, repeat while
// keep-alive. A request must arrive in full within idle_timeout, so a client that sends slowly
// (a byte now and then) is cut off as one that sends nothing.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = is_tls_stream<Stream>;

 public:
  template <class... TlsContext>
  Session(tcp::socket socket, const Router& router, store::Store& store, const ServerOptions& opts,
          AuditWriter& audit_writer, TlsContext&... tls)
      : stream_(std::move(socket), tls...), router_(router), store_(store), options_(opts),
        audit_writer_(audit_writer) {
    beast::error_code ec;
    auto remote = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    connection_.client_address = ec ? std::string() : remote.address().to_string();
    connection_.tls = kTls;
  }

  void start() {
    server_handshake(stream_, options_.idle_timeout, [self = this->shared_from_this()](beast::error_code ec) {
      if (ec) {
        spdlog::debug("api: TLS handshake failed error=\"{}\"", ec.message());
        return close_connection(self->stream_);
      }
      self->read();
    });
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(options_.max_body_bytes);
    parser_->header_limit(64 * 1024);
    beast::get_lowest_layer(stream_).expires_after(options_.idle_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::ssl::error::stream_truncated) {
      return close();
    }
    if (ec == http::error::body_limit) {
      Request head;
      head.version(11);
      Response res = error_response(head, http::status::payload_too_large,
                                    fmt::format("request body is larger than {} bytes", options_.max_body_bytes));
      add_security_headers(res, kTls);
      return write(std::move(res), /*close_after=*/true);
    }
    if (ec) {
      Request head;
      head.version(11);
      Response res = error_response(head, http::status::bad_request, "malformed HTTP request");
      add_security_headers(res, kTls);
      return write(std::move(res), /*close_after=*/true);
    }
    Request request = parser_->release();
    RoutedRequest routed = route_request(router_, store_, request, connection_);
    if (!routed.audit)
      return write(finish_request(request, connection_, std::move(routed), {}), !request.keep_alive());
    // The answer waits for its audit entry, committed with those of the other connections in one
    // transaction; this thread goes on serving them meanwhile.
    auto req = std::make_shared<Request>(std::move(request));
    auto entry = std::make_unique<store::ApiAuditEntry>(std::move(*routed.audit));
    auto waiting = std::make_shared<RoutedRequest>(std::move(routed));
    audit_writer_.submit(std::move(entry), [self = this->shared_from_this(), req, waiting](
                                               Result<void> committed, std::unique_ptr<store::ApiAuditEntry>) {
      asio::post(self->stream_.get_executor(), [self, req, waiting, committed = std::move(committed)] {
        self->write(finish_request(*req, self->connection_, std::move(*waiting), committed), !req->keep_alive());
      });
    });
  }

  void write(Response res, bool close_after) {
    auto response = std::make_shared<Response>(std::move(res));
    if (close_after) response->keep_alive(false);
    beast::get_lowest_layer(stream_).expires_after(options_.idle_timeout);
    http::async_write(stream_, *response,
                      [self = this->shared_from_this(), response, close_after](beast::error_code ec, std::size_t) {
                        if (ec || close_after) return self->close();
                        self->read();
                      });
  }

  // TLS: a close_notify first (bounded by the timeout), so the client knows the answer is whole.
  void close() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { close_connection(self->stream_); });
    } else {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const Router& router_;
  store::Store& store_;
  const ServerOptions& options_;
  AuditWriter& audit_writer_;
  Connection connection_;
};

// What a request was about: the route's {id} (a patient or a user), another capture as
// "name:value" ({case} → "case:42", {proposal} → "proposal:3", so ids of different things
// cannot be confused), else the user/patient filter of /events.
std::string audit_subject(const RequestContext& ctx) {
  if (auto it = ctx.path.find("id"); it != ctx.path.end()) return it->second;
  if (!ctx.path.empty()) return ctx.path.begin()->first + ":" + ctx.path.begin()->second;
  std::string subject;
  for (const char* key : {"patient", "user"}) {
    if (auto it = ctx.query.find(key); it != ctx.query.end() && !it->second.empty())
      subject += (subject.empty() ? "" : " ") + it->second;
  }
  return subject;
}

// Who sent the request: its bearer token, else its session cookie (whose unsafe requests must
// carry the CSRF token). A Response when neither lets it in. A signed-in account whose request
// lacks the CSRF token is known but refused: the refusal goes to the audit trail under its name
// (it may be a forged request from another site).
struct Caller {
  std::optional<store::TokenRecord> token;
  std::optional<store::AccountSession> session;
  std::optional<Error> csrf_refusal;
};
std::variant<Caller, Response> authenticate_caller(store::Store& store, const Request& req) {
  auto header = req[http::field::authorization];
  std::string_view authorization(header.data(), header.size());
  auto refuse = [&](const Error& e) {
    Response res = e.code == ErrorCode::unauthorized || e.code == ErrorCode::forbidden
                       ? error_response(req, e)
                       : error_response(req, http::status::service_unavailable, "the store is unavailable; try again");
    if (e.code == ErrorCode::unauthorized) res.set(http::field::www_authenticate, "Bearer realm=\"ward\"");
    return res;
  };
  Caller caller;
  if (authorization.empty()) {
    auto session = session_of_request(store, req, now_ns());
    if (!session) return refuse(session.error());
    if (*session) {
      if (auto r = check_csrf(req, (*session)->session); !r) caller.csrf_refusal = r.error();
      caller.session = std::move(*session);
      return caller;
    }
  }
  auto token = authenticate(store, authorization);
  if (!token) return refuse(token.error());
  caller.token = std::move(*token);
  return caller;
}

// Minimum necessary (access_policy.h): what the caller's role gets from the route, or
// ErrorCode::forbidden. A route missing from the policy is refused to everyone.
Result<PhiView> policy_view(const Request& req, const std::string& pattern, const Caller& caller) {
  const RouteAccess* access = route_access(req.method(), pattern);
  const std::string_view role = caller.session ? std::string_view(caller.session->account.role)
                                               : std::string_view(caller.token->role);
  if (access == nullptr)
    spdlog::error("api: route without an access policy method={} route={}", std::string(req.method_string()), pattern);
  const PhiView view = access == nullptr || access->is_public ? PhiView::refused : view_of(*access, role);
  if (view != PhiView::refused) return view;
  return fail(ErrorCode::forbidden,
              fmt::format("the role {} may not use {} {}", role, std::string(req.method_string()), pattern));
}

// The answer with patient identity masked (phi_masking.h); one that is not JSON cannot be
// masked and is replaced by a 500, never passed on.
void mask_answer(const Request& req, Response& res) {
  auto body = res[http::field::content_type].starts_with("application/json")
                  ? nlohmann::json::parse(res.body(), nullptr, /*allow_exceptions=*/false)
                  : nlohmann::json(nlohmann::json::value_t::discarded);
  if (body.is_discarded()) {
    res = error_response(req, http::status::internal_server_error, "internal error: the answer could not be masked");
    return;
  }
  mask_phi(body);
  res.body() = body.dump();
  res.prepare_payload();
}

}  // namespace

Response handle_request(const Router& router, store::Store& store, const Request& req) {
  return handle_request(router, store, req, Connection{});
}

Response handle_request(const Router& router, store::Store& store, const Request& req, const Connection& connection) {
  RoutedRequest routed = route_request(router, store, req, connection);
  if (!routed.audit) return finish_request(req, connection, std::move(routed), {});
  auto audited = store.record_api_request(*routed.audit);
  return finish_request(req, connection, std::move(routed), audited);
}

RoutedRequest route_request(const Router& router, store::Store& store, const Request& req,
                            const Connection& connection) {
  RoutedRequest routed;
  routed.started = std::chrono::steady_clock::now();
  std::string_view target(req.target().data(), req.target().size());
  auto qmark = target.find('?');
  std::string_view path = target.substr(0, qmark);
  Response& res = routed.response;
  std::int64_t& token_id = routed.token_id;
  try {
    auto match = router.match(req.method(), path);
    if (match.handler == nullptr) {
      // Not an API route: the web UI's files (and its page for the UI's own routes).
      auto page = match.path_known ? std::nullopt : serve_web_asset(req, path);
      res = match.path_known ? error_response(req, http::status::method_not_allowed, "method not allowed on this route")
            : page           ? std::move(*page)
                             : error_response(req, http::status::not_found, "no such route");
    } else {
      Caller caller;
      bool admitted = match.is_public;
      if (!match.is_public) {
        auto who = authenticate_caller(store, req);
        if (auto* refused = std::get_if<Response>(&who)) {
          res = std::move(*refused);
        } else {
          caller = std::move(std::get<Caller>(who));
          token_id = caller.token ? caller.token->id : 0;
          admitted = true;
        }
      }
      if (admitted) {
        RequestContext ctx{req, std::move(match.params),
                           qmark == std::string_view::npos ? std::map<std::string, std::string>{}
                                                           : parse_query(target.substr(qmark + 1)),
                           caller.token ? &*caller.token : nullptr, caller.session ? &*caller.session : nullptr,
                           &connection};
        auto view = match.is_public         ? Result<PhiView>(PhiView::shown)
                    : caller.csrf_refusal ? Result<PhiView>(Unexpected(*caller.csrf_refusal))
                                          : policy_view(req, *match.pattern, caller);
        if (!view) {
          res = error_response(req, view.error());
        } else {
          res = (*match.handler)(ctx);
          if (*view == PhiView::masked) mask_answer(req, res);
        }
        if (!match.is_public) {
          // Every authenticated request is in Ward's own audit trail, with the patient or
          // user it was about (finish_request withholds the answer if it cannot be written).
          const std::string method(req.method_string());
          routed.audit = store::ApiAuditEntry{
              now_ns(), token_id, method, *match.pattern, audit_subject(ctx), static_cast<int>(res.result_int()),
              caller.session ? actor_of(ctx) : std::string(),
              std::string(self_audit::action_of_request(method, *match.pattern)), connection.client_address};
        }
      }
    }
  } catch (const std::exception& e) {
    spdlog::error("api: handler failed method={} error=\"{}\"", std::string(req.method_string()), e.what());
    res = error_response(req, http::status::internal_server_error, "internal error; see the server log");
    routed.audit.reset();
  }
  return routed;
}

Response finish_request(const Request& req, const Connection& connection, RoutedRequest routed,
                        const Result<void>& audited) {
  Response res = std::move(routed.response);
  if (!audited) {
    spdlog::error("api: the audit trail could not be written; answer withheld error=\"{}\"", audited.error().describe());
    res = error_response(req, http::status::service_unavailable, "the audit trail could not be written; try again");
  }
  add_security_headers(res, connection.tls);
  // The path can hold a patient id or MRN: log the method and status, never the target.
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - routed.started).count();
  spdlog::debug("api: method={} status={} token_id={} micros={}", std::string(req.method_string()),
                res.result_int(), routed.token_id, micros);
  return res;
}

Result<void> parse_listen_address(std::string_view text, ServerOptions& options) {
  auto listen = ward::parse_listen_address(text, "127.0.0.1:8080");
  if (!listen) return Unexpected(listen.error());
  options.address = std::move(listen->host);
  options.port = listen->port;
  return {};
}

struct HttpServer::Impl {
  Impl(const Router& r, store::Store& s, ServerOptions o)
      : router(r), store(s), options(std::move(o)), acceptor(make_acceptor(ioc)), audit_writer(audit_writer_for(s)) {}

  void accept() {
    accept_connections(ioc, acceptor, [this](tcp::socket socket, std::string) {
      start_session<Session>(tls, std::move(socket), router, store, options, audit_writer);
    });
  }

  const Router& router;
  store::Store& store;
  ServerOptions options;
  std::shared_ptr<asio::ssl::context> tls;  // set by start() when options.tls_files is
  asio::io_context ioc;
  tcp::acceptor acceptor;
  // Last, so destroyed first: it commits what is pending and tells the sessions through ioc,
  // which is stopped by then and drops those handlers (and the sessions) when it goes.
  AuditWriter audit_writer;
};

HttpServer::HttpServer(const Router& router, store::Store& store, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, store, std::move(options))) {}

HttpServer::~HttpServer() { stop(); }

Result<std::uint16_t> HttpServer::start() {
  if (impl_->options.tls_files) {
    auto context = make_server_tls_context(*impl_->options.tls_files, "serve.tls");
    if (!context) return Unexpected(context.error());
    impl_->tls = std::move(*context);
  }
  auto port = bind_and_listen(impl_->acceptor, {impl_->options.address, impl_->options.port}, "listen");
  if (!port) return port;
  impl_->accept();
  return port;
}

void HttpServer::run() { run_on_threads(impl_->ioc, impl_->options.threads); }

void HttpServer::stop() { stop_serving(impl_->ioc, impl_->acceptor); }

}  // namespace ward::api
