// The ICAP server's connections (icap_server.h).
#include "dlp/icap_server.h"

#include <atomic>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/listen_address.h"
#include "core/tcp_listener.h"

namespace ward::dlp {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

constexpr std::size_t kReadBytes = 64 * 1024;

struct Shared {
  const OutboundInspector& inspector;
  const IcapOptions& options;
  IcapServer::PhiFound on_phi;
  std::atomic<int> connections{0};
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::string peer, Shared& shared, phi::ScanScratch scratch)
      : stream_(std::move(socket)), peer_(std::move(peer)), shared_(shared), scratch_(std::move(scratch)),
        decoder_(shared.inspector.policy().max_body_bytes), buffer_(kReadBytes) {
    ++shared_.connections;
  }
  ~Session() { --shared_.connections; }

  void start() { read(); }

 private:
  void read() {
    stream_.expires_after(shared_.options.idle_timeout);
    stream_.async_read_some(asio::buffer(buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->on_read(ec, n);
    });
  }

  void on_read(beast::error_code ec, std::size_t n) {
    if (ec) return close();
    decoder_.feed(std::string_view(buffer_.data(), n));
    bool closing = false;
    while (!closing) {
      const IcapDecoder::Step step = decoder_.next();
      if (step == IcapDecoder::Step::need_more) break;
      if (step == IcapDecoder::Step::send_continue) { out_ += continue_response(); continue; }
      if (step == IcapDecoder::Step::error) {
        spdlog::warn("icap: unreadable request peer={} reason=\"{}\"", peer_, decoder_.error_text());
        out_ += bad_request_response(decoder_.error_text());
        closing = true;
        break;
      }
      answer(decoder_.take());
    }
    if (out_.empty()) return read();
    stream_.expires_after(shared_.options.idle_timeout);
    asio::async_write(stream_, asio::buffer(out_), [self = shared_from_this(), closing](beast::error_code ec, std::size_t) {
      self->out_.clear();
      if (ec || closing) return self->close();
      self->read();
    });
  }

  void answer(const IcapRequest& request) {
    if (request.method == "OPTIONS") { out_ += options_response(shared_.options.max_connections); return; }
    if (request.method != "REQMOD") {
      out_ += fmt::format("ICAP/1.0 405 Method Not Allowed\r\nISTag: {}\r\nEncapsulated: null-body=0\r\n\r\n", kIsTag);
      return;
    }
    Result<Verdict> verdict = fail(ErrorCode::internal, "not inspected");
    try {
      verdict = shared_.inspector.inspect(request, scratch_);
    } catch (const std::exception& e) {
      verdict = fail(ErrorCode::internal, e.what());
    }
    if (!verdict) {
      // Fail closed for a watched destination: a request Ward could not read is not let through.
      spdlog::error("icap: inspection failed peer={} error=\"{}\"", peer_, verdict.error().message);
      out_ += blocked_response("<!doctype html><title>Blocked</title><p>Ward could not check this request for "
                               "patient information, so it was not sent. Contact the privacy office.</p>\n");
      return;
    }
    if (verdict->total > 0) {
      spdlog::warn("icap: PHI in a request peer={} client={} user={} destination={} service={} found=\"{}\" action={}{}{}",
                   peer_, verdict->client, verdict->user, verdict->host, verdict->service, verdict->summary(),
                   to_string(shared_.inspector.policy().action),
                   verdict->contents().empty() ? "" : fmt::format(" body=\"{}\"", verdict->contents()),
                   verdict->body_truncated ? " (only the first part of the body was scanned)" : "");
      if (shared_.on_phi) shared_.on_phi(*verdict, peer_);
    } else if (verdict->images + verdict->unreadable > 0) {  // nothing found in what was read: say what was not
      spdlog::info("icap: request to a watched service with content not inspected peer={} client={} user={} destination={} "
                   "service={} body=\"{}\"",
                   peer_, verdict->client, verdict->user, verdict->host, verdict->service, verdict->contents());
    }
    if (verdict->blocked) out_ += blocked_response(block_page(*verdict));
    else if (request.allows_204()) out_ += no_content_response();
    else if (request.body_truncated()) out_ += bad_request_response("body too large to return unchanged");
    else out_ += unchanged_response(request);
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  std::string peer_;
  Shared& shared_;
  phi::ScanScratch scratch_;
  IcapDecoder decoder_;
  std::vector<char> buffer_;
  std::string out_;
};

}  // namespace

struct IcapServer::Impl {
  Impl(const OutboundInspector& inspector, IcapOptions o, PhiFound on_phi)
      : options(std::move(o)), shared{inspector, options, std::move(on_phi)}, acceptor(make_acceptor(ioc)) {}

  void accept() {
    accept_connections(ioc, acceptor, [this](tcp::socket socket, std::string peer) {
      auto scratch = phi::ScanScratch::make(shared.inspector.scanner());
      if (shared.connections.load() >= options.max_connections || !scratch) {
        spdlog::warn("icap: connection refused peer={} reason=\"{}\"", peer,
                     scratch ? fmt::format("{} connections open", options.max_connections) : scratch.error().message);
        beast::error_code ignored;
        socket.close(ignored);
        return;
      }
      std::make_shared<Session>(std::move(socket), std::move(peer), shared, std::move(*scratch))->start();
    });
  }

  IcapOptions options;
  Shared shared;
  asio::io_context ioc;
  tcp::acceptor acceptor;
};

IcapServer::IcapServer(const OutboundInspector& inspector, IcapOptions options, PhiFound on_phi)
    : impl_(std::make_unique<Impl>(inspector, std::move(options), std::move(on_phi))) {}

IcapServer::~IcapServer() { stop(); }

Result<std::uint16_t> IcapServer::start() {
  auto port = bind_and_listen(impl_->acceptor, {impl_->options.address, impl_->options.port}, "--icap");
  if (!port) return port;
  impl_->accept();
  return port;
}

void IcapServer::run() { run_on_threads(impl_->ioc, impl_->options.threads); }

void IcapServer::stop() { stop_serving(impl_->ioc, impl_->acceptor); }

}  // namespace ward::dlp
