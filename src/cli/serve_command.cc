// `ward serve [--listen 127.0.0.1:8080]`: the REST API over the store until Ctrl-C.
#include <csignal>
#include <pthread.h>

#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "api/auth.h"
#include "api/http_server.h"
#include "api/routes.h"
#include "cli/commands.h"
#include "cli/ward_config.h"
#include "privacy/monitor.h"
#include "store/store.h"

namespace ward::cli {
namespace {

int run_serve(const GlobalOptions& global, const std::string& listen) {
  auto config = load_config(global.config_file, global.data_dir);
  if (!config) { print_error(config.error()); return kExitFailure; }
  if (!listen.empty()) {
    if (auto r = api::parse_listen_address(listen, config->server); !r) { print_error(r.error()); return kExitFailure; }
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
  api::Router router = api::build_router(**store, api_options);
  api::HttpServer server(router, **store, config->server);
  auto port = server.start();
  if (!port) { print_error(port.error()); return kExitFailure; }

  std::string host = config->server.address.find(':') != std::string::npos
                         ? "[" + config->server.address + "]" : config->server.address;
  fmt::print("Ward is serving {} on http://{}:{}/api/v1/health\n", global.data_dir.string(), host, *port);
  if (!first_token.empty()) {
    fmt::print("Admin API token (shown once, stored hashed; create more with `ward token create`):\n  {}\n",
               first_token);
    fmt::print("Try:\n  curl -H 'Authorization: Bearer {}' http://{}:{}/api/v1/events?limit=5\n",
               first_token, host, *port);
  }
  fmt::print("Press Ctrl-C to stop.\n");
  std::fflush(stdout);

  std::jthread signal_waiter([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("serve: signal {} received, stopping", sig);
    server.stop();
  });
  server.run();
  // If run() ended for another reason, release the waiter with a signal to ourselves.
  pthread_kill(signal_waiter.native_handle(), SIGTERM);
  fmt::print("Ward stopped.\n");
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* cmd = app.add_subcommand("serve", "serve the REST API");
  auto listen = std::make_shared<std::string>();
  cmd->add_option("--listen", *listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  cmd->callback([&global, &exit_code, listen] { exit_code = run_serve(global, *listen); });
}

}  // namespace ward::cli
