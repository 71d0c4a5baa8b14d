#include "ingest/syslog_listener/syslog_server.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/tcp_listener.h"
#include "core/tls_stream.h"
#include "ingest/group_commit.h"
#include "ingest/syslog_listener/syslog_batch.h"
#include "ingest/syslog_listener/syslog_framing.h"

namespace ward::ingest {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using udp = asio::ip::udp;

// A connection reads up to kReadBytes at a time, and up to kMaxReadBytes while the sender keeps
// filling what it reads: each read is one commit (one fsync), so a busy sender is committed in
// fewer, larger transactions (4 MiB, not 1: ~10% less CPU per message and a higher rate beside
// rsyslogd with one sender, docs/benchmarks.md 2026-12-03), and a connection that has gone quiet
// gives the memory back (the buffer halves after a read that filled less than a quarter of it).
// Buffers grow past kReadBytes only while all connections' buffers together stay within
// kReadBufferBudget: many senders bursting at once share it instead of taking 4 MiB each.
constexpr std::size_t kReadBytes = 64 * 1024;
constexpr std::size_t kMaxReadBytes = 4 * 1024 * 1024;
constexpr std::size_t kReadBufferBudget = 64 * 1024 * 1024;
// The messages of a read are handed to the group commit in slices of this many, so that the
// writer stores one slice while the next is parsed.
constexpr std::size_t kSliceMessages = 1024;
constexpr std::size_t kMaxDatagramBytes = 65535;
constexpr std::size_t kMaxUdpPeers = 256;  // batches held at once; more flush the batch early

template <class Endpoint>
std::string peer_of(const Endpoint& endpoint) {
  return format_host_port(endpoint.address().to_string(), endpoint.port());
}

// What every connection and the UDP receiver share.
struct Shared {
  RecordSink& sink;
  const ParseOptions& parse;
  const SyslogOptions& options;
  GroupCommit& group_commit;  // TCP and TLS connections' commits
  SyslogCounters counters;
  std::atomic<int> connections{0};

  // Takes `bytes` more of the read-buffer budget for a growing buffer; false when they do not fit.
  bool reserve_read_bytes(std::size_t bytes) {
    std::uint64_t now = counters.read_buffer_bytes.load();
    do {
      if (now + bytes > kReadBufferBudget) return false;
    } while (!counters.read_buffer_bytes.compare_exchange_weak(now, now + bytes));
    return true;
  }

  // Logs a frame that is not a message; it is quarantined by the batch.
  void log_frame_problem(const SyslogFrame& f, std::string_view transport, const std::string& peer) {
    ++counters.framing_errors;
    if (f.kind == SyslogFrame::Kind::too_large)
      spdlog::warn("syslog: message over the size limit quarantined peer={} transport={} offset={} "
                   "bytes={} limit={} (syslog.max_message_bytes)",
                   peer, transport, f.offset, f.bytes, options.max_message_bytes);
    else
      spdlog::warn("syslog: bad frame quarantined peer={} transport={} offset={} reason=\"{}\"", peer,
                   transport, f.offset, f.reason);
  }

  // Commits `batch`; counts what it held. False when the store failed (logged).
  bool commit(SyslogBatch& batch, std::string_view transport) {
    if (batch.pending() == 0) return true;
    auto committed = batch.commit();
    if (!committed) {
      store_failed(batch, transport, committed.error());
      return false;
    }
    count_commit(*committed);
    return true;
  }
  void count_commit(const TypeCounts& held) {
    ++counters.commits;
    counters.accepted += held.accepted;
    counters.rejected += held.rejected;
  }
  void store_failed(const SyslogBatch& batch, std::string_view transport, const Error& error) {
    ++counters.store_failures;
    spdlog::error("syslog: store failed, messages not kept source={} transport={} error=\"{}\"",
                  batch.source(), transport, error.describe());
  }
};

// One TCP or TLS connection: read a chunk, commit the messages it completes, read again, until
// the peer closes, is idle too long, or sends a frame the decoder cannot get past.
template <class Stream>
class StreamSession : public std::enable_shared_from_this<StreamSession<Stream>> {
  static constexpr bool kTls = is_tls_stream<Stream>;
  static constexpr std::string_view kTransport = kTls ? "tls" : "tcp";

 public:
  template <class... Args>
  StreamSession(std::string peer, Shared& shared, Args&&... stream_args)
      : stream_(std::forward<Args>(stream_args)...), peer_(std::move(peer)), shared_(shared),
        batch_(shared.sink, fmt::format("syslog-{}:{}", kTransport, peer_), shared.parse),
        decoder_(shared.options.max_message_bytes, /*octet_counting_only=*/kTls),
        buffer_(kReadBytes) {
    shared_.counters.read_buffer_bytes += buffer_.size();  // the smallest buffer is always granted
    int open = ++shared_.connections;
    spdlog::info("syslog: connection opened peer={} transport={} connections={}", peer_, kTransport, open);
  }

  ~StreamSession() {
    shared_.counters.read_buffer_bytes -= buffer_.size();
    int open = --shared_.connections;
    const TypeCounts& counts = batch_.kept();
    spdlog::info("syslog: connection closed peer={} transport={} reason=\"{}\" bytes={} accepted={} "
                 "rejected={} connections={}",
                 peer_, kTransport, close_reason_, decoder_.bytes_seen(), counts.accepted,
                 counts.rejected, open);
  }

  void start() {
    server_handshake(stream_, shared_.options.idle_timeout, [self = this->shared_from_this()](beast::error_code ec) {
      if (ec) return self->close("TLS handshake failed: " + ec.message());
      self->read();
    });
  }

 private:
  void arm_timer() {
    auto& socket = beast::get_lowest_layer(stream_);
    if (shared_.options.idle_timeout.count() > 0) {
      socket.expires_after(shared_.options.idle_timeout);
    } else {
      socket.expires_never();
    }
  }

  void read() {
    arm_timer();
    stream_.async_read_some(asio::buffer(buffer_), [self = this->shared_from_this()](
                                                       beast::error_code ec, std::size_t n) {
      self->on_read(ec, n);
    });
  }

  void on_read(beast::error_code ec, std::size_t n) {
    frames_.clear();
    if (ec) {
      decoder_.finish(frames_);
      end_reason_ = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated
                        ? "closed by the sender"
                    : ec == beast::error::timeout
                        ? fmt::format("idle for {}s (syslog.idle_timeout)", shared_.options.idle_timeout.count())
                        : ec.message();
    } else {
      decoder_.feed(std::string_view(buffer_.data(), n), frames_);
    }
    slices_of_read_ = 0;
    take_frames();  // the frames view buffer_: parsed before it changes
    if (!ec) fit_buffer_to(n);
    waiting_ = true;
    after_commits();
  }

  // After a read of n bytes (its frames parsed): the buffer doubles when the read filled it and
  // the budget has room, and halves, its memory freed, when the read filled less than a quarter.
  void fit_buffer_to(std::size_t n) {
    const std::size_t size = buffer_.size();
    if (n == size && size < kMaxReadBytes) {
      if (shared_.reserve_read_bytes(size)) buffer_.resize(2 * size);
    } else if (n < size / 4 && size > kReadBytes) {
      buffer_ = std::vector<char>(size / 2);
      shared_.counters.read_buffer_bytes -= size / 2;
    }
  }

  // Parses the frames into the batch and hands it to the group commit, a slice at a time.
  void take_frames() {
    if (!frames_.empty()) shared_.counters.last_received.now();  // once a read, not a frame
    for (const SyslogFrame& f : frames_) {
      try {
        if (f.kind != SyslogFrame::Kind::message) shared_.log_frame_problem(f, kTransport, peer_);
        batch_.add(f, shared_.options.max_message_bytes);
        ++shared_.counters.received;
      } catch (const std::exception& e) {  // the last catch: this message only
        spdlog::error("syslog: reading a message failed peer={} transport={} offset={} error=\"{}\"",
                      peer_, kTransport, f.offset, e.what());
      }
      if (batch_.pending() >= kSliceMessages) hand_over();
    }
    hand_over();
  }

  void hand_over() {
    if (batch_.pending() == 0) return;
    std::unique_ptr<ParsedRecords> empty;
    if (!spare_.empty()) {
      empty = std::move(spare_.back());
      spare_.pop_back();
    }
    SyslogSlice slice = batch_.hand_over(std::move(empty));
    ++in_flight_;
    ++slices_of_read_;
    shared_.group_commit.submit(
        std::move(slice.records),
        [self = this->shared_from_this(), counts = slice.counts](Result<void> committed,
                                                                std::unique_ptr<ParsedRecords> records) {
          asio::post(self->stream_.get_executor(),
                     [self, counts, committed = std::move(committed), records = std::move(records)]() mutable {
                       self->on_committed(committed, counts, std::move(records));
                     });
        });
  }

  // On the connection's strand, for each slice handed over.
  void on_committed(const Result<void>& committed, const TypeCounts& counts,
                    std::unique_ptr<ParsedRecords> records) {
    --in_flight_;
    if (committed) {
      shared_.count_commit(batch_.committed(counts, *records));
    } else if (!store_failed_) {
      store_failed_ = true;
      shared_.store_failed(batch_, kTransport, committed.error());
    }
    // As many are kept as the last read filled: a busy connection allocates none, a quiet one
    // keeps one.
    if (spare_.size() < std::max<std::size_t>(1, slices_of_read_)) {
      records->clear();
      spare_.push_back(std::move(records));
    }
    after_commits();
  }

  // Once every message of the last read is committed: the next read, or the end.
  void after_commits() {
    if (!waiting_ || in_flight_ > 0) return;
    waiting_ = false;
    if (store_failed_) return close("the store failed: messages of the last read may not be kept");
    if (end_reason_) return close(std::move(*end_reason_));
    if (decoder_.broken())
      return close("cannot find the next message after a bad frame (RFC 6587 framing lost)");
    read();  // only now: what was read is committed
  }

  void close(std::string reason) {
    close_reason_ = std::move(reason);
    close_connection(stream_);
  }

  Stream stream_;
  std::string peer_;
  Shared& shared_;
  SyslogBatch batch_;
  SyslogFrameDecoder decoder_;
  std::vector<char> buffer_;
  std::vector<SyslogFrame> frames_;
  std::size_t in_flight_ = 0;   // slices handed over and not committed yet
  std::size_t slices_of_read_ = 0;  // slices the last read's messages made
  bool waiting_ = false;        // the last read is parsed; the next waits for its commits
  bool store_failed_ = false;
  std::optional<std::string> end_reason_;  // the read that ended the connection
  std::vector<std::unique_ptr<ParsedRecords>> spare_;  // committed slices' records, to fill again
                                                       // (at most slices_of_read_)
  std::string close_reason_ = "server stopped";
};

// A TCP or TLS acceptor: each connection gets a session on its own strand.
template <class Stream>
class Acceptor {
 public:
  Acceptor(asio::io_context& ioc, Shared& shared, std::shared_ptr<asio::ssl::context> tls = {})
      : ioc_(ioc), acceptor_(make_acceptor(ioc)), shared_(shared), tls_(std::move(tls)) {}

  Result<std::uint16_t> start(const ListenAddress& where, std::string_view field) {
    auto port = bind_and_listen(acceptor_, where, field);
    if (port) accept();
    return port;
  }
  void close() { close_acceptor(acceptor_); }

 private:
  void accept() {
    accept_connections(ioc_, acceptor_, [this](tcp::socket socket, std::string peer) {
      if (shared_.connections.load() >= shared_.options.max_connections) {
        spdlog::warn("syslog: connection refused peer={} reason=\"{} connections open\"", peer,
                     shared_.options.max_connections);
        beast::error_code ignored;
        socket.close(ignored);
      } else if constexpr (is_tls_stream<Stream>) {
        std::make_shared<StreamSession<Stream>>(std::move(peer), shared_, std::move(socket), *tls_)->start();
      } else {
        std::make_shared<StreamSession<Stream>>(std::move(peer), shared_, std::move(socket))->start();
      }
    });
  }

  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  Shared& shared_;
  std::shared_ptr<asio::ssl::context> tls_;
};

// The UDP socket: one datagram, one message; a batch per peer, all committed together every
// udp_batch_messages or udp_batch_wait. Everything runs on one strand.
class UdpReceiver {
 public:
  UdpReceiver(asio::io_context& ioc, Shared& shared)
      : strand_(asio::make_strand(ioc)), socket_(strand_), timer_(strand_), shared_(shared),
        buffer_(kMaxDatagramBytes) {}

  Result<std::uint16_t> start(const ListenAddress& where) {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(where.host, ec);
    if (ec) return fail(ErrorCode::config, fmt::format("\"{}\" is not an IP address", where.host), "syslog.udp");
    udp::endpoint endpoint{address, where.port};
    socket_.open(endpoint.protocol(), ec);
    if (!ec) socket_.bind(endpoint, ec);
    if (ec)
      return fail(ErrorCode::io, fmt::format("cannot bind UDP {}: {}", format_host_port(where.host, where.port),
                                             ec.message()), "syslog.udp");
    receive();
    return socket_.local_endpoint().port();
  }

  void close() {
    asio::post(strand_, [this] {
      beast::error_code ignored;
      socket_.close(ignored);
      timer_.cancel();
    });
  }

  // Commits every peer's batch. Called on the strand, or once the io_context has stopped.
  void flush() {
    for (auto& [peer, batch] : batches_) shared_.commit(*batch, "udp");
    batches_.clear();
    pending_ = 0;
  }

 private:
  void receive() {
    socket_.async_receive_from(asio::buffer(buffer_), sender_, [this](beast::error_code ec, std::size_t n) {
      if (!socket_.is_open()) return;
      if (ec) {
        spdlog::warn("syslog: UDP receive failed error=\"{}\"", ec.message());
      } else {
        try {
          take(std::string_view(buffer_.data(), n));
        } catch (const std::exception& e) {  // the last catch: this datagram only
          spdlog::error("syslog: reading a datagram failed peer={} error=\"{}\"", peer_of(sender_), e.what());
        }
      }
      receive();
    });
  }

  void take(std::string_view datagram) {
    SyslogFrame f = datagram_frame(datagram, ++datagrams_, shared_.options.max_message_bytes);
    std::string peer = peer_of(sender_);
    if (f.text.empty() && f.kind == SyslogFrame::Kind::message) return;  // keep-alive or blank
    if (f.kind != SyslogFrame::Kind::message) shared_.log_frame_problem(f, "udp", peer);
    auto it = batches_.find(peer);
    if (it == batches_.end()) {
      if (batches_.size() >= kMaxUdpPeers) flush();
      it = batches_.emplace(peer, std::make_unique<SyslogBatch>(shared_.sink, "syslog-udp:" + peer,
                                                                shared_.parse)).first;
    }
    it->second->add(f, shared_.options.max_message_bytes);
    ++shared_.counters.received;
    shared_.counters.last_received.now();
    if (++pending_ >= shared_.options.udp_batch_messages) return flush();
    if (pending_ == 1) {
      timer_.expires_after(shared_.options.udp_batch_wait);
      timer_.async_wait([this](beast::error_code ec) {
        if (!ec && pending_ > 0) flush();
      });
    }
  }

  asio::strand<asio::io_context::executor_type> strand_;
  udp::socket socket_;
  asio::steady_timer timer_;
  Shared& shared_;
  std::vector<char> buffer_;
  udp::endpoint sender_;
  std::uint64_t datagrams_ = 0;
  std::size_t pending_ = 0;
  std::map<std::string, std::unique_ptr<SyslogBatch>> batches_;
};

}  // namespace

struct SyslogServer::Impl {
  Impl(RecordSink& sink, ParseOptions p, SyslogOptions o)
      : parse(std::move(p)), options(std::move(o)), shared{sink, parse, options, group_commit},
        group_commit(commit_to(sink)) {}

  ParseOptions parse;
  SyslogOptions options;
  Shared shared;  // before ioc: sessions destroyed with ioc still count themselves out
  asio::io_context ioc;
  std::optional<UdpReceiver> udp;
  std::optional<Acceptor<beast::tcp_stream>> tcp;
  std::optional<Acceptor<TlsStream>> tls;
  std::atomic<bool> stopped{false};
  // Last, so destroyed first: it commits what is pending and tells the sessions through ioc,
  // which is stopped by then and drops those handlers (and the sessions) when it goes.
  GroupCommit group_commit;
};

SyslogServer::SyslogServer(RecordSink& sink, ParseOptions parse, SyslogOptions options)
    : impl_(std::make_unique<Impl>(sink, std::move(parse), std::move(options))) {}

SyslogServer::~SyslogServer() { stop(); }

Result<SyslogPorts> SyslogServer::start() {
  Impl& s = *impl_;
  SyslogPorts ports;
  if (s.options.tls) {
    auto context = make_server_tls_context(s.options.tls_files, "syslog.tls");
    if (!context) return Unexpected(context.error());
    s.tls.emplace(s.ioc, s.shared, std::move(*context));
    auto port = s.tls->start(*s.options.tls, "syslog.tls.listen");
    if (!port) return Unexpected(port.error());
    ports.tls = *port;
  }
  if (s.options.tcp) {
    s.tcp.emplace(s.ioc, s.shared);
    auto port = s.tcp->start(*s.options.tcp, "syslog.tcp");
    if (!port) return Unexpected(port.error());
    ports.tcp = *port;
  }
  if (s.options.udp) {
    s.udp.emplace(s.ioc, s.shared);
    auto port = s.udp->start(*s.options.udp);
    if (!port) return Unexpected(port.error());
    ports.udp = *port;
  }
  return ports;
}

void SyslogServer::run() {
  run_on_threads(impl_->ioc, impl_->options.threads);
  if (impl_->udp) impl_->udp->flush();  // the threads are done: nothing else touches it
}

void SyslogServer::stop() {
  if (impl_->stopped.exchange(true)) return;
  if (impl_->tcp) impl_->tcp->close();
  if (impl_->tls) impl_->tls->close();
  if (impl_->udp) impl_->udp->close();
  impl_->ioc.stop();
}

const SyslogCounters& SyslogServer::counters() const { return impl_->shared.counters; }

}  // namespace ward::ingest
