// `ward serve [--listen 127.0.0.1:8080] [--mllp 127.0.0.1:2575] [--syslog-udp …] [--syslog-tcp …]
// [--rules PATH…] [--icap 127.0.0.1:1344 …]`: the REST API over the store, the HL7 v2 MLLP and
// syslog listeners when enabled, the ICAP DLP server (serve_dlp.h), live privacy scoring, and
// live Sigma detection with the configured rules and those changed over the API, until Ctrl-C or
// SIGTERM stops them all.
#include <chrono>
#include <csignal>
#include <pthread.h>

#include <mutex>
#include <optional>
#include <thread>
#include <tuple>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "api/auth.h"
#include "api/http_server.h"
#include "api/routes.h"
#include "cli/commands.h"
#include "incidents/incident_store.h"
#include "third_parties/vendor_store.h"
#include "cli/serve_dlp.h"
#include "cli/ward_config.h"
#include "core/listen_address.h"
#include "discovery/listener_discovery.h"
#include "ingest/mllp/mllp_server.h"
#include "ingest/syslog_listener/syslog_server.h"
#include "live_detection/detection_monitor.h"
#include "privacy/monitor.h"
#include "rules/rule_store_watch.h"
#include "self_audit/audit_event_fhir.h"
#include "self_audit/audit_event_follower.h"
#include "sigma/rule_set.h"
#include "store/store.h"

namespace ward::cli {
namespace {

// How often the rule store is looked at for changes made by another process (`ward rules`).
constexpr std::chrono::seconds kRuleStorePoll{2};

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

// The rules of ward.yaml detection.rules and of --rules, and the rules enabled in the rule store
// (`ward rules`, /api/v1/rules), loaded and compiled with the config's field mappings. Files that
// did not load are reported on stderr; an error when files were named and none compiles.
Result<sigma::RuleSet> load_live_rules(const WardConfig& config, const std::vector<std::string>& flags,
                                       store::Store& store) {
  std::vector<std::filesystem::path> paths = config.detection.rules;
  paths.insert(paths.end(), flags.begin(), flags.end());
  auto stored = store.enabled_rule_texts();
  if (!stored) return Unexpected(stored.error());
  std::vector<sigma::RuleText> texts;
  for (store::EnabledRuleText& r : *stored) texts.push_back({"rule store/" + r.id, std::move(r.yaml)});
  const sigma::CompileOptions options = sigma::compile_options(config.detection);
  auto set = sigma::load_rule_set(paths, texts, options);
  if (!set) return Unexpected(set.error());
  if (set->rules.empty() && !paths.empty())
    return fail(ErrorCode::not_found,
                fmt::format("none of the {} rule files for live detection compiled (ward detect --rules … --check "
                            "lists why)", set->files), "detection.rules");
  if (!set->failures.empty())
    fmt::print(stderr, "ward: {} of {} rule files not used (ward detect --rules … --check lists why)\n",
               set->failures.size(), set->files);
  return set;
}

int run_serve(const GlobalOptions& global, const std::string& listen, const std::string& mllp_listen,
              const std::string& syslog_udp, const std::string& syslog_tcp, const std::vector<std::string>& rules,
              const DlpServeOptions& dlp_options) {
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
  // Live detection runs from the start, with the rules of the config, the command line and the
  // rule store — none at all, too: a rule uploaded or enabled over the API later is live at once.
  // The revision is read first: a change made while loading shows as a newer one.
  auto rules_revision = (*store)->detection_rules_revision();
  if (!rules_revision) { print_error(rules_revision.error()); return kExitFailure; }
  auto live_rules = load_live_rules(*config, rules, **store);
  if (!live_rules) { print_error(live_rules.error()); return kExitFailure; }
  // Rules match on the sources' own fields (syslog's message…): the listeners and the API keep
  // them, and the store keeps them until detection has read them. Kept with no rule too, since a
  // rule may come at any time and a TCP connection lives long.
  config->import.parse.keep_fields = true;

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

  // Sigma rules over every commit, matches kept as alerts (GET /api/v1/alerts).
  const std::string detection_line =
      live_rules->rules.empty()
          ? std::string("Live detection: no rules yet; a rule uploaded or enabled over /api/v1/rules is live at once")
          : fmt::format("Live detection: {} Sigma rules, {} correlations; alerts in /api/v1/alerts",
                        live_rules->rules.size(), live_rules->correlations.correlations.size());
  live_detection::DetectionMonitor detection(
      **store, std::move(*live_rules), live_detection::DetectionMonitorOptions{
                     .logsources = config->detection.logsources,
                     .correlation = config->detection.correlation,
                     .event_field_mappings = sigma::with_event_defaults(config->detection.event_field_mappings),
                     .store_poll_interval = config->detection.store_poll_interval});
  if (auto started = detection.start(); !started) { print_error(started.error()); return kExitFailure; }

  auto incidents = incidents::IncidentStore::open(global.data_dir);
  if (!incidents) { print_error(incidents.error()); return kExitFailure; }
  auto vendors = third_parties::VendorStore::open(global.data_dir);
  if (!vendors) { print_error(vendors.error()); return kExitFailure; }
  api::ApiOptions api_options;
  api_options.incidents = incidents->get();
  api_options.vendors = vendors->get();
  api_options.monitor = &monitor;
  api_options.detection = &detection;
  api_options.max_body_bytes = config->server.max_body_bytes;
  api_options.parse = config->import.parse;
  api_options.privacy = config->privacy;
  api_options.rules = sigma::compile_options(config->detection);
  api_options.sessions = config->sessions;
  api_options.data_dir = global.data_dir;
  api_options.ssvc = config->devices.ssvc;
  api_options.vendor_aliases = config->devices.vendor_aliases;
  api_options.ai_service_catalogue = config->ai.service_catalogue;
  // A rule uploaded, enabled, disabled or deleted over the API is live at once: the rule set is
  // loaded again (one change at a time) and swapped in on the monitor's thread. A change made
  // by `ward rules` in another process is seen within kRuleStorePoll and loaded the same way.
  std::mutex reload_mu;
  std::optional<rules::RuleStoreWatch> rule_watch;
  const auto reload_rules = [&] {
    std::lock_guard lock(reload_mu);
    auto revision = (*store)->detection_rules_revision();
    auto loaded = load_live_rules(*config, rules, **store);
    if (revision) rule_watch->loaded(*revision);
    if (!loaded) {
      spdlog::error("rules: live detection keeps its rules: {}", loaded.error().describe());
      return;
    }
    spdlog::info("rules: live detection reloaded: {} Sigma rules, {} correlations", loaded->rules.size(),
                 loaded->correlations.correlations.size());
    detection.reload(std::move(*loaded));
  };
  rule_watch.emplace(**store, kRuleStorePoll, reload_rules);
  rule_watch->start(*rules_revision);
  api_options.on_rules_changed = reload_rules;
  // The listeners (started below), and what they have done for GET /api/v1/inputs: read when
  // asked, which is once the server runs, after they have started.
  // Each HL7 sender's address, MSH-3 and MSH-4 also go to passive discovery (docs/devices.md);
  // declared first, so that it outlives the listener calling it.
  std::unique_ptr<discovery::ListenerDiscovery> hl7_senders;
  std::optional<ingest::MessageReceiver> receiver;
  std::optional<ingest::MllpServer> mllp;
  std::optional<std::uint16_t> mllp_port;
  std::optional<ingest::SyslogServer> syslog;
  ingest::SyslogPorts syslog_ports;
  const ingest::SyslogOptions& sl = config->syslog.listener;
  api_options.live_inputs = [&] {
    std::vector<InputStatus> rows;
    if (mllp_port) {
      const auto& c = receiver->counters();
      rows.push_back({"mllp", "HL7 v2 over MLLP", format_host_port(config->mllp.listener.address, *mllp_port),
                      config->mllp.listener.tls_files.has_value(), c.received, c.accepted, c.rejected,
                      c.store_failures, c.last_received.get()});
    }
    if (syslog) {
      std::vector<std::string> transports, addresses;
      for (auto [name, port, where] : {std::tuple{"UDP", syslog_ports.udp, &sl.udp}, std::tuple{"TCP", syslog_ports.tcp, &sl.tcp},
                                       std::tuple{"TLS", syslog_ports.tls, &sl.tls}}) {
        if (!port) continue;
        transports.emplace_back(name);
        addresses.push_back(fmt::format("{} {}", name, format_host_port((*where)->host, *port)));
      }
      const auto& c = syslog->counters();
      rows.push_back({"syslog", fmt::format("syslog over {}", fmt::join(transports, ", ")), fmt::format("{}", fmt::join(addresses, ", ")),
                      syslog_ports.tls.has_value(), c.received, c.accepted, c.rejected, c.store_failures,
                      c.last_received.get()});
    }
    return rows;
  };
  api::Router router = api::build_router(**store, api_options);
  api::HttpServer server(router, **store, config->server);
  auto port = server.start();
  if (!port) { print_error(port.error()); return kExitFailure; }

  // Ward's own audit trail, followed into a file of FHIR AuditEvents for a SIEM (docs/audit.md).
  std::optional<self_audit::AuditEventFollower> audit_file;
  if (!config->audit.fhir_file.empty()) {
    auto file = self_audit::AuditEventFile::open(config->audit.fhir_file, self_audit::ward_site(),
                                                 self_audit::AuditEventFile::Mode::resume);
    if (!file) { print_error(file.error()); return kExitFailure; }
    audit_file.emplace(**store, std::move(*file), std::chrono::seconds(1));
  }

  // HL7 v2 from the interface engine: each message committed before its ACK.
  if (config->mllp.enabled) {
    auto senders = discovery::ListenerDiscovery::open(global.data_dir);
    if (!senders) { print_error(senders.error()); return kExitFailure; }
    hl7_senders = std::move(*senders);
    auto on_sender = [&hl7_senders](const ingest::Hl7Sender& s) {
      try {  // the hook must not throw: the message is committed and its ACK is due
        auto kept = hl7_senders->hl7_sender(s.peer_ip, s.sending_application, s.sending_facility, s.component, s.time);
        if (!kept) spdlog::warn("mllp: sender not kept for discovery peer={} error=\"{}\"", s.peer_ip, kept.error().describe());
      } catch (const std::exception& e) {
        spdlog::error("mllp: sender not kept for discovery peer={} error=\"{}\"", s.peer_ip, e.what());
      }
    };
    receiver.emplace(**store, config->import.parse, on_mllp_committed, on_sender);
    mllp.emplace(*receiver, config->mllp.listener);
    auto bound = mllp->start();
    if (!bound) { print_error(bound.error()); return kExitFailure; }
    mllp_port = *bound;
  }

  // Syslog from firewalls, servers and EHR systems: each TCP/TLS read committed before the next.
  if (config->syslog.enabled) {
    syslog.emplace(**store, config->import.parse, config->syslog.listener);
    auto bound = syslog->start();
    if (!bound) { print_error(bound.error()); return kExitFailure; }
    syslog_ports = *bound;
  }

  // DLP: the ICAP server a proxy asks about outbound requests.
  std::unique_ptr<ServeDlp> dlp;
  if (!dlp_options.icap.empty()) {
    auto started = ServeDlp::start(dlp_options, **store);
    if (!started) { print_error(started.error()); return kExitFailure; }
    dlp = std::move(*started);
  }

  const std::string scheme = config->server.tls_files ? "https" : "http";
  std::string api_address = format_host_port(config->server.address, *port);
  fmt::print("Ward is serving {} on {}://{}/api/v1/health\n", global.data_dir.string(), scheme, api_address);
  if (mllp_port)
    fmt::print("HL7 v2 (MLLP) listener on {}{}: ADT is acknowledged once committed\n",
               format_host_port(config->mllp.listener.address, *mllp_port),
               config->mllp.listener.tls_files ? " over TLS" : "");
  if (syslog_ports.udp)
    fmt::print("Syslog (UDP) listener on {}: one message per datagram\n", format_host_port(sl.udp->host, *syslog_ports.udp));
  if (syslog_ports.tcp)
    fmt::print("Syslog (TCP) listener on {}: octet-counted or newline-framed\n",
               format_host_port(sl.tcp->host, *syslog_ports.tcp));
  if (syslog_ports.tls)
    fmt::print("Syslog (TLS) listener on {}: octet-counted (RFC 5425)\n", format_host_port(sl.tls->host, *syslog_ports.tls));
  if (dlp) fmt::print("{}\n", dlp->describe());
  if (audit_file)
    fmt::print("Audit trail followed into {} as FHIR AuditEvents (NDJSON)\n", config->audit.fhir_file.string());
  fmt::print("{}\n", detection_line);
  if (!first_token.empty()) {
    fmt::print("Admin API token (shown once, stored hashed; create more with `ward token create`):\n  {}\n",
               first_token);
    fmt::print("Try:\n  curl -H 'Authorization: Bearer {}' {}://{}/api/v1/events?limit=5\n", first_token,
               scheme, api_address);
  }
  fmt::print("Press Ctrl-C to stop.\n");
  std::fflush(stdout);

  auto stop_all = [&server, &mllp, &syslog, &dlp] {
    server.stop();
    if (mllp) mllp->stop();
    if (syslog) syslog->stop();
    if (dlp) dlp->stop();
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
  std::jthread dlp_runner;
  if (dlp) dlp_runner = std::jthread([&dlp] { dlp->run(); });
  server.run();
  stop_all();  // run() may have ended for another reason: the listener stops with the API
  if (mllp_runner.joinable()) mllp_runner.join();
  if (syslog_runner.joinable()) syslog_runner.join();  // after committing what UDP had pending
  if (dlp_runner.joinable()) dlp_runner.join();
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
  auto rules = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--rules", *rules,
                  "run these Sigma rule files or folders live over every event received (repeatable; beside "
                  "ward.yaml detection.rules)");
  auto dlp = std::make_shared<DlpServeOptions>();
  cmd->add_option("--icap", dlp->icap,
                  "also answer a proxy's ICAP REQMOD requests on HOST:PORT (e.g. 127.0.0.1:1344): PHI in request bodies "
                  "to AI services is blocked, alerted or logged (docs/dlp.md)");
  cmd->add_option("--dlp-action", dlp->action, "what PHI to a watched destination gets: block, alert or log")
      ->check(CLI::IsMember({"block", "alert", "log"}))->capture_default_str();
  cmd->add_option("--dlp-destinations", dlp->destinations,
                  "destinations to watch, in the format of data/dlp/ai_service_domains.tsv (default: the AI services there)");
  cmd->callback([&global, &exit_code, listen, mllp, syslog_udp, syslog_tcp, rules, dlp] {
    exit_code = run_serve(global, *listen, *mllp, *syslog_udp, *syslog_tcp, *rules, *dlp);
  });
}

}  // namespace ward::cli
