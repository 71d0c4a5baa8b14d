// The MLLP listener: HL7 v2 over TCP for interface engines (Mirth, Rhapsody, Cloverleaf…) that
// send ADT to Ward, over TCP or TLS 1.2+. Boost.Asio, a fixed pool of threads, an idle timeout and a connection limit;
// each message is committed by the MessageReceiver before its ACK is written, in order.
// start() binds; run() serves until stop() (thread-safe, callable from any thread).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/tls_context.h"
#include "ingest/mllp/message_receiver.h"

namespace ward::ingest {

struct MllpOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 2575;        // 0 = any free port (see start()'s result)
  int threads = 2;
  std::size_t max_message_bytes = 16 * 1024 * 1024;  // a longer frame is refused (AR), not kept
  std::chrono::seconds idle_timeout{3600};  // close a connection silent this long; 0 = never
  int max_connections = 64;                 // more are closed at once, with a log line
  std::optional<TlsFiles> tls_files;        // MLLP over TLS only, with this certificate and key
};

// Logs connections, refusals (AE/AR with the reason) and framing problems with the peer's
// address, never message contents. Not copyable; `receiver` must outlive the server.
class MllpServer {
 public:
  MllpServer(MessageReceiver& receiver, MllpOptions options);
  ~MllpServer();
  MllpServer(const MllpServer&) = delete;
  MllpServer& operator=(const MllpServer&) = delete;

  // Binds and listens; returns the port bound. Errors say which address could not be bound.
  Result<std::uint16_t> start();
  // Serves on options.threads threads until stop(); returns when they have finished.
  void run();
  // Stops accepting and serving; a message being committed finishes, its ACK may not be sent
  // (the sender sends it again, and ADT upserts are idempotent).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ward::ingest
