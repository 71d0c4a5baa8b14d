// The API of medical devices and the remediation of their findings (docs/api.md#devices): the
// inventory with each device's open findings counted by SSVC outcome, one device with every
// tracked finding, the ranked worklist, a finding's remediation state, and the counts for the
// executive's overview (/api/v1/stats/devices); one device carries its model's security contact
// and MDS2 answers (device_model_routes.cc keeps them). Devices are not
// patient data. The stores are opened on the first request and shared under a lock; the {device}
// capture makes the audit subject "device:<id>".
#include <limits>
#include <map>
#include <mutex>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/device_model_routes.h"
#include "api/routes.h"
#include "devices/device_json.h"
#include "devices/device_store.h"
#include "devices/model_store.h"
#include "devices/remediation_store.h"
#include "core/ascii_case.h"
#include "core/time.h"
#include "devices/worklist.h"

namespace ward::api {
namespace {

using nlohmann::json;
using namespace ward::devices;

// The devices capability's stores on options.data_dir, opened once, used under the lock.
class DeviceStores {
 public:
  explicit DeviceStores(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // f(DeviceStore&, RemediationStore&) -> Response, under the lock.
  template <class F>
  Response with(const Request& req, F f) {
    std::lock_guard lock(mutex_);
    if (dir_.empty()) return error_response(req, http::status::service_unavailable, "devices: no data directory configured");
    if (!devices_) {
      auto d = DeviceStore::open(dir_);
      if (!d) return error_response(req, d.error());
      auto r = RemediationStore::open(dir_);
      if (!r) return error_response(req, r.error());
      auto m = ModelStore::open(dir_);
      if (!m) return error_response(req, m.error());
      devices_.emplace(std::move(*d));
      remediation_.emplace(std::move(*r));
      models_.emplace(std::move(*m));
    }
    return f(*devices_, *remediation_);
  }
  // The device models' contacts and MDS2 answers; only inside f of with().
  ModelStore& models() { return *models_; }

 private:
  std::filesystem::path dir_;
  std::mutex mutex_;
  std::optional<DeviceStore> devices_;
  std::optional<RemediationStore> remediation_;
  std::optional<ModelStore> models_;
};

std::string param(const RequestContext& ctx, const char* key) {
  const auto it = ctx.query.find(key);
  return it == ctx.query.end() ? std::string() : it->second;
}

// The worklist (or with `all`, every tracked finding) of `only_device` or of every device.
Result<std::vector<WorklistItem>> items(DeviceStore& devices, RemediationStore& remediation, const SsvcSettings& settings,
                                        const std::string& only_device, const WorklistOptions& options,
                                        std::vector<Device>* devices_out = nullptr) {
  auto all_devices = devices.devices();
  if (!all_devices) return Unexpected(all_devices.error());
  auto findings = remediation.findings(only_device);
  if (!findings) return Unexpected(findings.error());
  auto epss = remediation.epss();
  if (!epss) return Unexpected(epss.error());
  auto out = build_worklist(*findings, *all_devices, *epss, settings, today(now_ns()), options);
  if (devices_out != nullptr) *devices_out = std::move(*all_devices);
  return out;
}

// `count` items of `list` from `first` (0-based), each with its rank in the whole list.
json items_json(const std::vector<WorklistItem>& list, std::size_t first = 0,
                std::size_t count = std::numeric_limits<std::size_t>::max()) {
  json out = json::array();
  for (std::size_t i = first; i < list.size() && i - first < count; ++i) out.push_back(worklist_item_json(list[i], i + 1));
  return out;
}

constexpr int kWorklistPage = 200;      // items a worklist page holds unless `limit` says
constexpr int kWorklistPageMax = 5000;  // the most `limit` may ask for

const char* tree_name(const SsvcSettings& s) { return s.tree == SsvcTree::cisa ? "cisa" : "deployer"; }

}  // namespace

void add_device_routes(Router& router, const ApiOptions& options) {
  // A device's model is keyed through the configured vendor aliases, as the model routes key it.
  auto aliases = std::make_shared<const VendorAliases>(options.vendor_aliases);
  add_cvd_routes(router, options);  // first: /api/v1/devices/cvd is not a device
  add_device_model_routes(router, options, aliases);  // nor is /api/v1/devices/models
  auto stores = std::make_shared<DeviceStores>(options.data_dir);
  const SsvcSettings settings = options.ssvc;

  router.add(http::verb::get, "/api/v1/devices", [stores, settings](const RequestContext& ctx) {
    return stores->with(ctx.request, [&](DeviceStore& d, RemediationStore& r) {
      std::vector<Device> devices;
      auto open = items(d, r, settings, {}, {param(ctx, "department"), false, false}, &devices);
      if (!open) return error_response(ctx.request, open.error());
      std::map<std::string, std::map<std::string, int>> counts;  // device → outcome → open findings
      for (const WorklistItem& i : *open) ++counts[i.finding.device_id][i.ssvc];
      const std::string department = param(ctx, "department");
      json list = json::array();
      for (const Device& dev : devices) {
        if (!department.empty() && ascii_lower(dev.department) != ascii_lower(department)) continue;
        json j = device_json(dev);
        j["open_findings"] = counts.contains(dev.device_id) ? json(counts[dev.device_id]) : json::object();
        list.push_back(std::move(j));
      }
      return json_response(ctx.request, http::status::ok, json{{"devices", std::move(list)}, {"ssvc_tree", tree_name(settings)}}.dump());
    });
  });

  router.add(http::verb::get, "/api/v1/devices/{device}", [stores, settings, aliases](const RequestContext& ctx) {
    return stores->with(ctx.request, [&](DeviceStore& d, RemediationStore& r) {
      const std::string& id = ctx.path.at("device");
      std::vector<Device> devices;
      auto findings = items(d, r, settings, id, {{}, true, false}, &devices);
      if (!findings) return error_response(ctx.request, findings.error());
      const auto dev = std::find_if(devices.begin(), devices.end(), [&](const Device& x) { return x.device_id == id; });
      if (dev == devices.end()) return error_response(ctx.request, Error{ErrorCode::not_found, fmt::format("there is no device {}", id)});
      json body = device_json(*dev);
      body["findings"] = items_json(*findings);
      auto profile = stores->models().find(model_key(*aliases, dev->manufacturer, dev->model));
      if (!profile) return error_response(ctx.request, profile.error());
      body["model_profile"] = *profile ? model_profile_json(**profile) : missing_profile_json(dev->manufacturer, dev->model);
      body["mds2_questions"] = mds2_questions_json();  // for the web page's form that edits the answers
      body["ssvc_tree"] = tree_name(settings);
      return json_response(ctx.request, http::status::ok, body.dump());
    });
  });

  router.add(http::verb::get, "/api/v1/vulns/worklist", [stores, settings](const RequestContext& ctx) {
    return stores->with(ctx.request, [&](DeviceStore& d, RemediationStore& r) {
      const WorklistOptions o{param(ctx, "department"), param(ctx, "all") == "true", param(ctx, "confirmed") == "true"};
      // A page of the ranked list: a fleet's worklist can hold millions of findings.
      int limit = kWorklistPage, offset = 0;
      if (auto r = read_int_param(ctx, "limit", 1, kWorklistPageMax, limit); !r) return error_response(ctx.request, r.error());
      if (auto r = read_int_param(ctx, "offset", 0, std::numeric_limits<int>::max(), offset); !r)
        return error_response(ctx.request, r.error());
      auto list = items(d, r, settings, {}, o);
      if (!list) return error_response(ctx.request, list.error());
      const auto first = static_cast<std::size_t>(offset), next = first + static_cast<std::size_t>(limit);
      json body{{"items", items_json(*list, first, static_cast<std::size_t>(limit))},
                {"total", list->size()},
                {"offset", offset},
                {"next_offset", next < list->size() ? json(next) : json(nullptr)},
                {"ssvc_tree", tree_name(settings)}};
      return json_response(ctx.request, http::status::ok, body.dump());
    });
  });

  // The executive's view: open findings counted by department and SSVC outcome, and how many are overdue.
  router.add(http::verb::get, "/api/v1/stats/devices", [stores, settings](const RequestContext& ctx) {
    return stores->with(ctx.request, [&](DeviceStore& d, RemediationStore& r) {
      std::vector<Device> devices;
      auto open = items(d, r, settings, {}, {}, &devices);
      if (!open) return error_response(ctx.request, open.error());
      std::map<std::string, std::map<std::string, int>> by_department;
      int overdue = 0;
      for (const WorklistItem& i : *open) {
        ++by_department[i.department][i.ssvc];
        overdue += i.overdue ? 1 : 0;
      }
      json body = {{"devices", devices.size()}, {"open_findings", open->size()}, {"overdue", overdue},
                   {"by_department", by_department}, {"ssvc_tree", tree_name(settings)}};
      return json_response(ctx.request, http::status::ok, body.dump());
    });
  });

  router.add(http::verb::patch, "/api/v1/devices/{device}/findings/{finding}", [stores](const RequestContext& ctx) {
    auto fields = string_fields(ctx.request, {"state", "evidence", "expires", "cve"});
    if (!fields) return error_response(ctx.request, fields.error());
    if (fields->count("state") == 0) {
      return error_response(ctx.request, http::status::bad_request,
                            "the body needs \"state\": open, mitigated, patched or risk_accepted");
    }
    auto state = parse_state((*fields)["state"]);
    if (!state) return error_response(ctx.request, state.error());
    const StateChange change{*state, (*fields)["evidence"], (*fields)["expires"]};
    return stores->with(ctx.request, [&](DeviceStore&, RemediationStore& r) {
      auto changed = r.set_state(ctx.path.at("device"), ctx.path.at("finding"), (*fields)["cve"], change, actor_of(ctx), now_ns());
      if (!changed) return error_response(ctx.request, changed.error());
      json list = json::array();
      for (const TrackedFinding& f : *changed) {
        list.push_back({{"device_id", f.device_id}, {"advisory_id", f.advisory_id}, {"cve", f.cve}, {"state", to_string(f.state)},
                        {"evidence", f.evidence}, {"expires", f.expires}});
      }
      return json_response(ctx.request, http::status::ok, json{{"findings", std::move(list)}}.dump());
    });
  });
}

}  // namespace ward::api
