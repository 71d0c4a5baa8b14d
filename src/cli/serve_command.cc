// `ward serve [--listen 127.0.0.1:8080] [--mllp 127.0.0.1:2575] [--syslog-udp …] [--syslog-tcp …]`:
// the REST API over the store, and the HL7 v2 MLLP and syslog listeners when enabled, until
// Ctrl-C or SIGTERM stops them all.
#include <csignal>
#include <pthread.h>

#include <optional>
#include <thread>
#include <tuple>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "api/auth.h"
#include "api/http_server.h"
#include "api/routes.h"
#include "cli/commands.h"
#include "cli/ward_config.h"
#include "core/listen_address.h"
#include "ingest/mllp/mllp_server.h"
#include "ingest/syslog_listener/syslog_server.h"
#include "privacy/monitor.h"
#include "store/store.h"

namespace ward::cli {
namespace {

// After each message the MLLP listener committed (the privacy monitor hears of it from the
// store, as of every commit).
void on_mllp_committed(const ingest::ImportSummary& summary) {
  spdlog::debug("mllp: committed accepted={} skipped={}", summary.accepted(), summary.skipped());
}

// --syslog-udp and --syslog-tcp: each turns syslog on with that transport, beside the transports
// the config file enables (without a `syslog:` section enabled, only the flags' transports run).
Result<void> apply_syslog_flags(const std::string& udp, const std::string& tcp, SyslogConfig& syslog) {
  if (udp.empty() && tcp.empty()) return {};
  if (!syslog.enabled) {
    syslog.listener.udp.reset();
    syslog.listener.tcp.reset();
    syslog.listener.tls.reset();
    syslog.enabled = true;
  }
  for (auto [text, flag, where] : {std::tuple{&udp, "--syslog-udp", &syslog.listener.udp},
                                   std::tuple{&tcp, "--syslog-tcp", &syslog.listener.tcp}}) {
    if (text->empty()) continue;
    auto address = parse_listen_address(*text, "127.0.0.1:5514");
    if (!address) {
      Error e = address.error();
      e.field = flag;
      return Unexpected(std::move(e));
    }
    *where = std::move(*address);
  }
  return {};
}

int run_serve(const GlobalOptions& global, const std::string& listen, const std::string& mllp_listen,
              const std::string& syslog_udp, const std::string& syslog_tcp) {
  auto config = load_config(global.config_file, global.data_dir);
  if (!config) { print_error(config.error()); return kExitFailure; }
  if (!listen.empty()) {
    if (auto r = api::parse_listen_address(listen, config->server); !r) { print_error(r.error()); return kExitFailure; }
  }
  if (!mllp_listen.empty()) {
    auto address = parse_listen_address(mllp_listen, "127.0.0.1:2575");
    if (!address) {
      Error e = address.error();
      e.field = "--mllp";
      print_error(e);
      return kExitFailure;
    }
    config->mllp.enabled = true;
    config->mllp.listener.address = std::move(address->host);
    config->mllp.listener.port = address->port;
  }
  if (auto r = apply_syslog_flags(syslog_udp, syslog_tcp, config->syslog); !r) {
    print_error(r.error());
    return kExitFailure;
  }
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }

  // The first start creates an admin token and shows it once; only its hash is kept.
  auto tokens = (*store)->count_tokens();
  if (!tokens) { print_error(tokens.error()); return kExitFailure; }
  std::string first_token;
  if (*tokens == 0) {
    auto token = api::create_token(**store, "admin", "created on first start");
    if (!token) { print_error(token.error()); return kExitFailure; }
    first_token = *token;
  }

  // Ctrl-C and SIGTERM are taken by one thread with sigwait, so no handler runs in a worker.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // Every commit (AuditEvents over HTTP, ADT over MLLP) is explained and scored as it arrives.
  privacy::PrivacyMonitor monitor(**store, config->privacy);
  monitor.start();

  api::ApiOptions api_options;
  api_options.monitor = &monitor;
  api_options.max_body_bytes = config->server.max_body_bytes;
  api_options.parse = config->import.parse;
  api_options.privacy = config->privacy;
  api_options.rules.field_mappings = sigma::with_defaults(config->detection.field_mappings);
  api::Router router = api::build_router(**store, api_options);
  api::HttpServer server(router, **store, config->server);
  auto port = server.start();
  if (!port) { print_error(port.error()); return kExitFailure; }

  // HL7 v2 from the interface engine: each message committed before its ACK.
  std::optional<ingest::MessageReceiver> receiver;
  std::optional<ingest::MllpServer> mllp;
  std::optional<std::uint16_t> mllp_port;
  if (config->mllp.enabled) {
    receiver.emplace(**store, config->import.parse, on_mllp_committed);
    mllp.emplace(*receiver, config->mllp.listener);
    auto bound = mllp->start();
    if (!bound) { print_error(bound.error()); return kExitFailure; }
    mllp_port = *bound;
  }

  // Syslog from firewalls, servers and EHR systems: each TCP/TLS read committed before the next.
  std::optional<ingest::SyslogServer> syslog;
  ingest::SyslogPorts syslog_ports;
  if (config->syslog.enabled) {
    syslog.emplace(**store, config->import.parse, config->syslog.listener);
    auto bound = syslog->start();
    if (!bound) { print_error(bound.error()); return kExitFailure; }
    syslog_ports = *bound;
  }

  std::string api_address = format_host_port(config->server.address, *port);
  fmt::print("Ward is serving {} on http://{}/api/v1/health\n", global.data_dir.string(), api_address);
  if (mllp_port)
    fmt::print("HL7 v2 (MLLP) listener on {}: ADT is acknowledged once committed\n",
               format_host_port(config->mllp.listener.address, *mllp_port));
  const ingest::SyslogOptions& sl = config->syslog.listener;
  if (syslog_ports.udp)
    fmt::print("Syslog (UDP) listener on {}: one message per datagram\n", format_host_port(sl.udp->host, *syslog_ports.udp));
  if (syslog_ports.tcp)
    fmt::print("Syslog (TCP) listener on {}: octet-counted or newline-framed\n",
               format_host_port(sl.tcp->host, *syslog_ports.tcp));
  if (syslog_ports.tls)
    fmt::print("Syslog (TLS) listener on {}: octet-counted (RFC 5425)\n", format_host_port(sl.tls->host, *syslog_ports.tls));
  if (!first_token.empty()) {
    fmt::print("Admin API token (shown once, stored hashed; create more with `ward token create`):\n  {}\n",
               first_token);
    fmt::print("Try:\n  curl -H 'Authorization: Bearer {}' http://{}/api/v1/events?limit=5\n",
               first_token, api_address);
  }
  fmt::print("Press Ctrl-C to stop.\n");
  std::fflush(stdout);

  auto stop_all = [&server, &mllp, &syslog] {
    server.stop();
    if (mllp) mllp->stop();
    if (syslog) syslog->stop();
  };
  std::jthread signal_waiter([&stop_all, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("serve: signal {} received, stopping", sig);
    stop_all();
  });
  std::jthread mllp_runner;
  if (mllp) mllp_runner = std::jthread([&mllp] { mllp->run(); });
  std::jthread syslog_runner;
  if (syslog) syslog_runner = std::jthread([&syslog] { syslog->run(); });
  server.run();
  stop_all();  // run() may have ended for another reason: the listener stops with the API
  if (mllp_runner.joinable()) mllp_runner.join();
  if (syslog_runner.joinable()) syslog_runner.join();  // after committing what UDP had pending
  // If run() ended for another reason, release the waiter with a signal to ourselves.
  pthread_kill(signal_waiter.native_handle(), SIGTERM);
  fmt::print("Ward stopped.\n");
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* cmd = app.add_subcommand("serve", "serve the REST API");
  auto listen = std::make_shared<std::string>();
  auto mllp = std::make_shared<std::string>();
  cmd->add_option("--listen", *listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  cmd->add_option("--mllp", *mllp,
                  "also receive HL7 v2 over MLLP on HOST:PORT (e.g. 127.0.0.1:2575; port 0 = any free port)");
  auto syslog_udp = std::make_shared<std::string>();
  auto syslog_tcp = std::make_shared<std::string>();
  cmd->add_option("--syslog-udp", *syslog_udp,
                  "also receive syslog over UDP on HOST:PORT (e.g. 0.0.0.0:514; port 0 = any free port)");
  cmd->add_option("--syslog-tcp", *syslog_tcp,
                  "also receive syslog over TCP on HOST:PORT, octet-counted or newline-framed");
  cmd->callback([&global, &exit_code, listen, mllp, syslog_udp, syslog_tcp] {
    exit_code = run_serve(global, *listen, *mllp, *syslog_udp, *syslog_tcp);
  });
}

}  // namespace ward::cli
