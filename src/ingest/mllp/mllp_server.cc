#include "ingest/mllp/mllp_server.h"

#include <atomic>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/listen_address.h"
#include "core/tcp_listener.h"
#include "core/tls_context.h"
#include "core/tls_stream.h"
#include "ingest/mllp/mllp_framing.h"

namespace ward::ingest {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

constexpr std::size_t kReadBytes = 64 * 1024;

// What every connection shares: the receiver, the options and the count of open connections.
struct Listener {
  MessageReceiver& receiver;
  const MllpOptions& options;
  std::atomic<int> connections{0};
};

// One connection (TCP, or TLS when mllp.tls is set): read bytes, answer each whole message in
// order, repeat until the peer closes or is idle too long. Runs on its own strand.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... TlsContext>
  Session(tcp::socket socket, std::string peer, Listener& listener, TlsContext&... tls)
      : stream_(std::move(socket), tls...), peer_(std::move(peer)), source_("mllp:" + peer_),
        listener_(listener), decoder_(listener.options.max_message_bytes), buffer_(kReadBytes) {
    beast::error_code ec;
    const tcp::endpoint remote = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    if (!ec) {  // a dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d: named as IPv4
      const asio::ip::address a = remote.address();
      peer_ip_ = a.is_v6() && a.to_v6().is_v4_mapped()
                     ? asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).to_string()
                     : a.to_string();
    }
    int open = ++listener_.connections;
    spdlog::info("mllp: connection opened peer={} connections={}", peer_, open);
  }

  ~Session() {
    int open = --listener_.connections;
    spdlog::info("mllp: connection closed peer={} reason=\"{}\" messages={} refused={} connections={}",
                 peer_, close_reason_, messages_, refused_, open);
  }

  void start() {
    server_handshake(stream_, listener_.options.idle_timeout, [self = this->shared_from_this()](beast::error_code ec) {
      if (ec) return self->close("TLS handshake failed: " + ec.message());
      self->read();
    });
  }

 private:
  void arm_timer() {
    auto& socket = beast::get_lowest_layer(stream_);
    if (listener_.options.idle_timeout.count() > 0) {
      socket.expires_after(listener_.options.idle_timeout);
    } else {
      socket.expires_never();
    }
  }

  void read() {
    arm_timer();
    stream_.async_read_some(asio::buffer(buffer_), [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
      self->on_read(ec, n);
    });
  }

  void on_read(beast::error_code ec, std::size_t n) {
    items_.clear();
    if (ec) {
      decoder_.finish(items_);
      answer_items();  // nothing to send any more: only logs what was cut short
      return close(ec == asio::error::eof || ec == asio::ssl::error::stream_truncated ? "closed by the sender"
                   : ec == beast::error::timeout
                       ? fmt::format("idle for {}s (mllp.idle_timeout)", listener_.options.idle_timeout.count())
                       : ec.message());
    }
    decoder_.feed(std::string_view(buffer_.data(), n), items_);
    answer_items();
    if (acks_.empty()) return read();
    arm_timer();
    asio::async_write(stream_, asio::buffer(acks_), [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      self->acks_.clear();
      if (ec) return self->close(ec.message());
      self->read();
    });
  }

  // Commits each whole message and queues its ACK, in the order received.
  void answer_items() {
    for (MllpItem& item : items_) {
      try {
        answer(item);
      } catch (const std::exception& e) {  // the last catch: this message only, no ACK
        spdlog::error("mllp: answering a message failed peer={} error=\"{}\"", peer_, e.what());
      }
    }
  }

  void answer(const MllpItem& item) {
    switch (item.kind) {
      case MllpItem::Kind::message:
        return queue(listener_.receiver.receive(item.text, source_, peer_ip_));
      case MllpItem::Kind::too_large:
        spdlog::warn("mllp: message over the size limit refused peer={} bytes={} limit={} "
                     "(mllp.max_message_bytes)", peer_, item.bytes, listener_.options.max_message_bytes);
        return queue(listener_.receiver.refuse_too_large(item.text, item.bytes,
                                                         listener_.options.max_message_bytes, source_));
      case MllpItem::Kind::outside:
        spdlog::warn("mllp: skipped bytes outside any MLLP frame peer={} bytes={} "
                     "(a message must be sent as 0x0B message 0x1C 0x0D)", peer_, item.bytes);
        return;
      case MllpItem::Kind::incomplete:
        spdlog::warn("mllp: dropped a frame that never ended peer={} bytes={}", peer_, item.bytes);
        return;
    }
  }

  void queue(const Receipt& receipt) {
    ++messages_;
    if (receipt.store_failed)
      spdlog::error("mllp: message not kept peer={} type={} error=\"{}\"", peer_, receipt.record_type,
                    receipt.reason);
    if (receipt.code != AckCode::accept) {
      ++refused_;
      spdlog::warn("mllp: NAK peer={} ack={} type={} reason=\"{}\"", peer_, to_string(receipt.code),
                   receipt.record_type, receipt.reason);
    }
    acks_ += mllp_frame(receipt.ack);
  }

  void close(std::string reason) {
    close_reason_ = std::move(reason);
    close_connection(stream_);
  }

  Stream stream_;
  std::string peer_;
  std::string source_;  // "mllp:<peer>", what quarantined rows name
  std::string peer_ip_;  // the peer's address alone, what the sender hook is told; "" unknown
  Listener& listener_;
  MllpFrameDecoder decoder_;
  std::vector<char> buffer_;
  std::vector<MllpItem> items_;
  std::string acks_;  // framed ACKs being written
  std::uint64_t messages_ = 0, refused_ = 0;
  std::string close_reason_ = "server stopped";
};

}  // namespace

struct MllpServer::Impl {
  Impl(MessageReceiver& receiver, MllpOptions o)
      : options(std::move(o)), listener{receiver, options}, acceptor(make_acceptor(ioc)) {}

  void accept() {
    accept_connections(ioc, acceptor, [this](tcp::socket socket, std::string peer) {
      if (listener.connections.load() >= options.max_connections) {
        spdlog::warn("mllp: connection refused peer={} reason=\"{} connections open (mllp.max_connections)\"",
                     peer, options.max_connections);
        beast::error_code ignored;
        socket.close(ignored);
        return;
      }
      start_session<Session>(tls, std::move(socket), peer, listener);
    });
  }

  MllpOptions options;
  std::shared_ptr<asio::ssl::context> tls;  // set by start() when options.tls_files is
  Listener listener;  // before ioc: sessions destroyed with ioc still count themselves out
  asio::io_context ioc;
  tcp::acceptor acceptor;
};

MllpServer::MllpServer(MessageReceiver& receiver, MllpOptions options)
    : impl_(std::make_unique<Impl>(receiver, std::move(options))) {}

MllpServer::~MllpServer() { stop(); }

Result<std::uint16_t> MllpServer::start() {
  const MllpOptions& o = impl_->options;
  if (o.tls_files) {
    auto context = make_server_tls_context(*o.tls_files, "mllp.tls");
    if (!context) return Unexpected(context.error());
    impl_->tls = std::move(*context);
  }
  auto port = bind_and_listen(impl_->acceptor, {o.address, o.port}, "mllp.listen");
  if (!port) return port;
  impl_->accept();
  return port;
}

void MllpServer::run() { run_on_threads(impl_->ioc, impl_->options.threads); }

void MllpServer::stop() { stop_serving(impl_->ioc, impl_->acceptor); }

}  // namespace ward::ingest
