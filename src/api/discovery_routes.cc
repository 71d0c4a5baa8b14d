// GET /api/v1/devices/discovered (docs/api.md#devices, docs/devices.md#passive-discovery): the
// hosts passive discovery has seen, reconciled with the inventory; ?show=new|unseen|conflicts
// narrows the rows. Read-only: nothing here writes the inventory. Each request opens its own
// connections (discovery_run.h), so no lock is shared with the device routes.
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "discovery/discovery_json.h"
#include "discovery/discovery_run.h"

namespace ward::api {

void add_discovery_routes(Router& router, const ApiOptions& options) {
  const std::filesystem::path dir = options.data_dir;
  router.add(http::verb::get, "/api/v1/devices/discovered", [dir](const RequestContext& ctx) {
    using discovery::RowFilter;
    if (dir.empty()) return error_response(ctx.request, http::status::service_unavailable, "devices: no data directory configured");
    RowFilter filter = RowFilter::all;
    if (const auto it = ctx.query.find("show"); it != ctx.query.end() && !it->second.empty()) {
      if (it->second == "new") filter = RowFilter::new_devices;
      else if (it->second == "unseen") filter = RowFilter::unseen;
      else if (it->second == "conflicts") filter = RowFilter::conflicts;
      else if (it->second != "all")
        return error_response(ctx.request, http::status::bad_request, "show is all, new, unseen or conflicts", "show");
    }
    auto view = discovery::discovered_view(dir, filter);
    if (!view) return error_response(ctx.request, view.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const discovery::ReconciledRow& r : (*view)->rows) rows.push_back(discovery::row_json(r));
    return json_response(ctx.request, http::status::ok,
                         nlohmann::json{{"rows", std::move(rows)}, {"hosts", (*view)->assets.size()},
                                        {"devices", (*view)->devices.size()}}.dump());
  });
}

}  // namespace ward::api
