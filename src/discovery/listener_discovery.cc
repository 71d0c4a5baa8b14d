// ListenerDiscovery (listener_discovery.h): one sender, one look-up and one save.
#include "discovery/listener_discovery.h"

namespace ward::discovery {
namespace {

// HD.1, else HD.2, of an HL7 HD field ("EHRApp^1.Edu^ISO" → "EHRApp"; "^1.2.3^ISO" → "1.2.3").
std::string_view hd_name(std::string_view hd, char component) {
  const std::size_t end = hd.find(component);
  if (end == std::string_view::npos) return hd;
  if (end > 0) return hd.substr(0, end);
  hd.remove_prefix(end + 1);
  return hd.substr(0, hd.find(component));
}

}  // namespace

std::string hl7_application(std::string_view sending_application, std::string_view sending_facility,
                            char component) {
  const std::string_view app = hd_name(sending_application, component);
  const std::string_view facility = hd_name(sending_facility, component);
  if (app.empty() && facility.empty()) return {};
  std::string out = "HL7 ";
  out += app.empty() ? std::string_view("-") : app;
  if (!facility.empty()) {
    out += " (";
    out += facility;
    out += ')';
  }
  return out;
}

Result<std::unique_ptr<ListenerDiscovery>> ListenerDiscovery::open(const std::filesystem::path& data_dir,
                                                                   TimeNs refresh) {
  auto store = DiscoveryStore::open(data_dir);
  if (!store) return Unexpected(store.error());
  return std::unique_ptr<ListenerDiscovery>(new ListenerDiscovery(std::move(*store), refresh));
}

Result<bool> ListenerDiscovery::hl7_sender(std::string_view peer_ip, std::string_view sending_application,
                                           std::string_view sending_facility, char component, TimeNs time) {
  if (peer_ip.empty()) return false;
  const std::string application = hl7_application(sending_application, sending_facility, component);
  std::string remembered(peer_ip);
  remembered += '\n';
  remembered += application;
  std::lock_guard lock(mutex_);
  if (const auto it = written_.find(remembered); it != written_.end() && time - it->second < refresh_) return false;
  auto stored = store_.asset_at(peer_ip);
  if (!stored) return Unexpected(stored.error());
  DiscoveredAsset asset;
  if (*stored) asset = std::move(**stored);
  else asset.key = asset_key(peer_ip, {});
  apply(asset, {.ip = peer_ip, .protocol = "hl7-mllp", .application = application, .time = time}, "mllp listener");
  if (auto saved = store_.save({asset}, {}); !saved) return Unexpected(saved.error());
  if (written_.size() >= kMaxRemembered) written_.clear();
  written_[std::move(remembered)] = time;
  return true;
}

}  // namespace ward::discovery
