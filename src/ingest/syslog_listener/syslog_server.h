// The syslog listener: firewalls, servers and EHR systems send syslog to Ward over UDP (RFC 5426,
// a datagram per message), TCP (RFC 6587, octet-counted or newline-framed, decided per message)
// and TLS (RFC 5425, octet-counted). Boost.Asio on a fixed pool of threads, a strand per
// connection. start() binds; run() serves until stop() (thread-safe, from any thread).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "core/error.h"
#include "core/input_status.h"
#include "core/listen_address.h"
#include "core/tls_context.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

struct SyslogOptions {
  std::optional<ListenAddress> udp;  // unset = no UDP listener; port 0 = any free port
  std::optional<ListenAddress> tcp;
  std::optional<ListenAddress> tls;
  TlsFiles tls_files;                // PEM certificate chain and key, for `tls`
  std::size_t max_message_bytes = 64 * 1024;  // longer messages are quarantined (head only), skipped
  std::chrono::seconds idle_timeout{3600};    // close a TCP/TLS connection silent this long; 0 = never
  int threads = 2;
  int max_connections = 256;                  // TCP and TLS together; more are closed at once
  // UDP has no flow control: datagrams are committed in batches, whichever comes first.
  std::size_t udp_batch_messages = 500;
  std::chrono::milliseconds udp_batch_wait{200};
};

// The ports bound, for the addresses configured (the system's pick where port 0 was asked).
struct SyslogPorts {
  std::optional<std::uint16_t> udp, tcp, tls;
};

// Counts since start, for logs and tests (relaxed atomics: each exact, not a snapshot).
struct SyslogCounters {
  std::atomic<std::uint64_t> received{0};        // frames and datagrams taken into a batch
  std::atomic<std::uint64_t> accepted{0};        // messages stored as events
  std::atomic<std::uint64_t> rejected{0};        // quarantined: not syslog, too large, bad frames
  std::atomic<std::uint64_t> framing_errors{0};  // of those, frames that were not messages
  std::atomic<std::uint64_t> commits{0};         // batches committed (TCP/TLS: slices; several may share a transaction)
  std::atomic<std::uint64_t> store_failures{0};  // commits that failed (their messages lost)
  std::atomic<std::uint64_t> read_buffer_bytes{0};  // TCP/TLS connections' read buffers now
  LastReceived last_received;                    // when the last frame or datagram came
};

// Durability: a TCP/TLS connection's bytes are read a chunk at a time, the whole messages in it
// handed in slices to one writer thread that commits every connection's slices together
// (`sink.accept_all`: one transaction, one fsync), and only once all of the chunk's are committed
// is more read from that connection, so a sender is slowed by the store rather than outrunning
// it. UDP datagrams are committed every
// udp_batch_messages or udp_batch_wait, and what is pending when run() ends.
// Logs connections, framing problems (peer, byte offset in the connection, reason) and store
// failures, never message contents. `sink` must outlive the server.
class SyslogServer {
 public:
  SyslogServer(RecordSink& sink, ParseOptions parse, SyslogOptions options);
  ~SyslogServer();
  SyslogServer(const SyslogServer&) = delete;
  SyslogServer& operator=(const SyslogServer&) = delete;

  // Loads the TLS certificate and key, binds and listens. Errors name the key ("syslog.tcp",
  // "syslog.tls") and the address or file.
  Result<SyslogPorts> start();
  // Serves on options.threads threads until stop(); then commits the UDP messages pending.
  void run();
  // Stops receiving; a chunk being committed finishes. Safe to call more than once.
  void stop();

  const SyslogCounters& counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ward::ingest
