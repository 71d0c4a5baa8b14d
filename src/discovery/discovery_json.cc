// discovery_json.h: one list of the sets serves the store's facts, the JSON and the CSV.
#include "discovery/discovery_json.h"

#include <fmt/format.h>

#include "core/csv_field.h"
#include "core/time.h"

namespace ward::discovery {
namespace {

using nlohmann::json;


std::string when(TimeNs t) { return t == 0 ? std::string() : format_iso8601(t); }

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += "; ";
    out += v;
  }
  return out;
}

std::string conflicts_text(const ReconciledRow& row) {
  std::vector<std::string> parts;
  for (const FieldConflict& c : row.conflicts)
    parts.push_back(fmt::format("{}: CMMS {} observed {}", c.field, c.cmms, c.observed));
  return joined(parts);
}

}  // namespace

json facts_json(const DiscoveredAsset& a) {
  json out = json::object();
  json dropped = json::object();
  for (const auto& [name, set] : kValueSets) {
    out[name] = (a.*set).values();
    if ((a.*set).dropped() > 0) dropped[name] = (a.*set).dropped();
  }
  if (!dropped.empty()) out["dropped"] = std::move(dropped);
  return out;
}

Result<void> read_facts(std::string_view text, DiscoveredAsset& a) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return fail(ErrorCode::invalid_input, fmt::format("facts of {} are not a JSON object", a.key), "facts");
  for (const auto& [name, set] : kValueSets) {
    const auto it = j.find(name);
    if (it == j.end() || !it->is_array()) continue;
    for (const json& v : *it)
      if (v.is_string()) (a.*set).add(v.get<std::string>());
    const auto dropped = j.find("dropped");
    if (dropped != j.end() && dropped->is_object() && dropped->contains(name) && (*dropped)[name].is_number_unsigned())
      (a.*set).set_dropped((*dropped)[name].get<std::size_t>());
  }
  return {};
}

json asset_json(const DiscoveredAsset& a) {
  json j = {{"key", a.key}, {"ip", a.ip}, {"mac", a.mac}, {"hostname", a.hostname}, {"vendor", a.vendor},
            {"first_seen", when(a.first_seen)}, {"last_seen", when(a.last_seen)}};
  j.update(facts_json(a));
  return j;
}

json row_json(const ReconciledRow& row) {
  json conflicts = json::array();
  for (const FieldConflict& c : row.conflicts)
    conflicts.push_back({{"field", c.field}, {"cmms", c.cmms}, {"observed", c.observed}});
  json cmms = nullptr;
  if (row.device != nullptr) {
    const devices::Device& d = *row.device;
    cmms = {{"device_id", d.device_id}, {"manufacturer", d.manufacturer}, {"model", d.model},
            {"department", d.department}, {"ip", d.ip}, {"mac", d.mac}};
  }
  return {{"status", to_string(row.status)},
          {"basis", row.basis},
          {"device_id", row.device == nullptr ? std::string() : row.device->device_id},
          {"asset", row.asset == nullptr ? json(nullptr) : asset_json(*row.asset)},
          {"cmms", std::move(cmms)},
          {"conflicts", std::move(conflicts)},
          {"hints", row.hints}};
}

std::string rows_csv(const std::vector<ReconciledRow>& rows) {
  std::string out =
      "status,basis,device_id,asset_key,ip,mac,hostname,vendor,first_seen,last_seen,services,conflicts,hints\n";
  for (const ReconciledRow& row : rows) {
    const DiscoveredAsset empty;
    const DiscoveredAsset& a = row.asset == nullptr ? empty : *row.asset;
    const std::string fields[] = {std::string(to_string(row.status)),
                                  row.basis,
                                  row.device == nullptr ? std::string() : row.device->device_id,
                                  a.key,
                                  row.asset == nullptr && row.device != nullptr ? row.device->ip : a.ip,
                                  row.asset == nullptr && row.device != nullptr ? row.device->mac : a.mac,
                                  a.hostname,
                                  a.vendor,
                                  when(a.first_seen),
                                  when(a.last_seen),
                                  joined(a.services.values()),
                                  conflicts_text(row),
                                  joined(row.hints)};
    bool first = true;
    for (const std::string& f : fields) {
      if (!first) out += ',';
      first = false;
      append_csv_field(out, f);
    }
    out += '\n';
  }
  return out;
}

std::string rows_text(const std::vector<ReconciledRow>& rows) {
  std::string out;
  for (const ReconciledRow& row : rows) {
    if (row.asset == nullptr) {
      const devices::Device& d = *row.device;
      out += fmt::format("unseen   {} ({} {}, CMMS ip {} mac {}): never seen on the network\n", d.device_id,
                         d.manufacturer, d.model, d.ip.empty() ? "-" : d.ip, d.mac.empty() ? "-" : d.mac);
      continue;
    }
    const DiscoveredAsset& a = *row.asset;
    out += fmt::format("{:<8} {} ip {} mac {} host {}", to_string(row.status), a.key, a.ip.empty() ? "-" : a.ip,
                       a.mac.empty() ? "-" : a.mac, a.hostname.empty() ? "-" : a.hostname);
    if (!a.vendor.empty()) out += fmt::format(" vendor {}", a.vendor);
    if (row.device != nullptr) out += fmt::format(" = device {} by {}", row.device->device_id, row.basis);
    out += fmt::format(" seen {} .. {}", when(a.first_seen), when(a.last_seen));
    if (!a.services.empty()) out += fmt::format("; services {}", joined(a.services.values()));
    if (!a.applications.empty()) out += fmt::format("; applications {}", joined(a.applications.values()));
    if (!row.conflicts.empty()) out += fmt::format("; CONFLICT {}", conflicts_text(row));
    if (!row.hints.empty()) out += fmt::format("; hints: {}", joined(row.hints));
    out += '\n';
  }
  return out;
}

}  // namespace ward::discovery
