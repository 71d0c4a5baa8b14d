// `ward serve --icap`: the ICAP server and its alerts (serve_dlp.h).
#include "cli/serve_dlp.h"

#include <atomic>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/listen_address.h"
#include "core/time.h"
#include "dlp/icap_server.h"
#include "dlp/phi_alert.h"

namespace ward::cli {

struct ServeDlp::Parts {
  phi::Scanner scanner;
  dlp::DestinationCatalogue catalogue;
  std::string catalogue_name;
  dlp::OutboundInspector inspector;
  store::Store& store;
  std::atomic<std::uint64_t> requests_with_phi{0};
  std::unique_ptr<dlp::IcapServer> server;
  std::uint16_t port = 0;
  std::string address;

  Parts(phi::Scanner s, dlp::DestinationCatalogue c, std::string name, dlp::DlpPolicy policy, store::Store& st)
      : scanner(std::move(s)), catalogue(std::move(c)), catalogue_name(std::move(name)),
        inspector(scanner, catalogue, policy), store(st) {}

  // One alert per request with PHI: what was found by type, where it was going, who sent it.
  void raise(const dlp::Verdict& v, const std::string& peer) {
    const std::uint64_t n = ++requests_with_phi;
    if (inspector.policy().action == dlp::DlpAction::log) return;
    const store::AlertRecord a = dlp::phi_alert(v, peer, n, now_ns());
    if (auto added = store.add_alerts({a}); !added)
      spdlog::error("icap: alert not kept error=\"{}\"", added.error().message);
  }
};

ServeDlp::ServeDlp(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
ServeDlp::~ServeDlp() { stop(); }

Result<std::unique_ptr<ServeDlp>> ServeDlp::start(const DlpServeOptions& o, store::Store& store) {
  auto address = parse_listen_address(o.icap, "127.0.0.1:1344");
  if (!address) {
    Error e = address.error();
    e.field = "--icap";
    return Unexpected(e);
  }
  auto action = dlp::dlp_action_from(o.action);
  if (!action) {
    Error e = action.error();
    e.field = "--dlp-action";
    return Unexpected(e);
  }
  dlp::DestinationCatalogue catalogue = dlp::DestinationCatalogue::ai_services();
  std::string name = "AI services (data/dlp)";
  if (!o.destinations.empty()) {
    auto parsed = dlp::DestinationCatalogue::from_file(o.destinations);
    if (!parsed) {
      Error e = parsed.error();
      if (e.field.empty()) e.field = "--dlp-destinations";
      return Unexpected(e);
    }
    catalogue = std::move(*parsed);
    name = o.destinations;
  }
  dlp::DlpPolicy policy;
  policy.action = *action;
  auto scanner = phi::Scanner::build(phi::ScanOptions{.min_confidence = policy.min_confidence});
  if (!scanner) return Unexpected(scanner.error());
  auto parts = std::make_unique<Parts>(std::move(*scanner), std::move(catalogue), std::move(name), policy, store);
  dlp::IcapOptions options;
  options.address = address->host;
  options.port = address->port;
  Parts* p = parts.get();
  parts->server = std::make_unique<dlp::IcapServer>(parts->inspector, options,
                                                    [p](const dlp::Verdict& v, const std::string& peer) { p->raise(v, peer); });
  auto port = parts->server->start();
  if (!port) return Unexpected(port.error());
  parts->port = *port;
  parts->address = format_host_port(address->host, *port);
  return std::unique_ptr<ServeDlp>(new ServeDlp(std::move(parts)));
}

std::uint16_t ServeDlp::port() const { return parts_->port; }

std::string ServeDlp::describe() const {
  return fmt::format("ICAP (DLP) on icap://{}/reqmod: request bodies to {} destinations ({}) scanned for PHI; action {}",
                     parts_->address, parts_->catalogue.size(), parts_->catalogue_name,
                     dlp::to_string(parts_->inspector.policy().action));
}

void ServeDlp::run() { parts_->server->run(); }
void ServeDlp::stop() {
  if (parts_ && parts_->server) parts_->server->stop();
}

}  // namespace ward::cli
