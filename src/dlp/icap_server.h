// The ICAP server a proxy (squid: icap_service … reqmod_precache) asks about each outbound
// request: Boost.Asio, a fixed pool of threads, persistent connections with an idle timeout and a
// connection limit. Each REQMOD is inspected (outbound_inspector.h) and answered 204 (through)
// or with a 403 page (blocked); each verdict with PHI goes to `on_phi` (alerts, logs). Logs name
// the peer, the destination and counts by type, never the body. start() binds; run() serves
// until stop() (thread-safe).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/error.h"
#include "dlp/outbound_inspector.h"

namespace ward::dlp {

struct IcapOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 1344;  // ICAP's port; 0 = any free port (see start()'s result)
  int threads = 2;
  std::chrono::seconds idle_timeout{600};
  int max_connections = 64;
};

class IcapServer {
 public:
  using PhiFound = std::function<void(const Verdict& verdict, const std::string& peer)>;
  IcapServer(const OutboundInspector& inspector, IcapOptions options, PhiFound on_phi);
  ~IcapServer();
  IcapServer(const IcapServer&) = delete;
  IcapServer& operator=(const IcapServer&) = delete;

  Result<std::uint16_t> start();
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ward::dlp
