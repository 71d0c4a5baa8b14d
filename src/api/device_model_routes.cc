// The API of device models (docs/api.md#devices): per manufacturer + model, the manufacturer's
// security contact and the model's MDS2 answers. GET /api/v1/devices/models lists them; GET and
// PUT /api/v1/devices/models/{model}?manufacturer=M read and replace one (PUT's body carries the
// manufacturer). Models are keyed as the matcher compares them (model_profile.h), through the
// vendor alias table ward serve was configured with (devices.vendor_aliases), so "Phillips" finds
// Philips. Not patient data. The store is opened on the first request and used under a lock
// (lazy_store.h); the {model} capture makes the audit subject "model:<name>".
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/device_model_routes.h"
#include "api/lazy_store.h"
#include "api/routes.h"
#include "core/time.h"
#include "devices/model_store.h"

namespace ward::api {
namespace {

using nlohmann::json;
using namespace ward::devices;

std::string manufacturer_param(const RequestContext& ctx) {
  const auto it = ctx.query.find("manufacturer");
  return it == ctx.query.end() ? std::string() : it->second;
}

}  // namespace

void add_device_model_routes(Router& router, const ApiOptions& options, std::shared_ptr<const VendorAliases> aliases) {
  auto models = std::make_shared<LazyStore<ModelStore>>(options.data_dir, "devices");

  router.add(http::verb::get, "/api/v1/devices/models", [models](const RequestContext& ctx) {
    return models->with(ctx.request, [&](ModelStore& store) {
      auto all = store.all();
      if (!all) return error_response(ctx.request, all.error());
      json list = json::array();
      for (const auto& [key, p] : *all) list.push_back(model_profile_json(p));
      return json_response(ctx.request, http::status::ok, json{{"models", std::move(list)}}.dump());
    });
  });

  router.add(http::verb::get, "/api/v1/devices/models/{model}", [models, aliases](const RequestContext& ctx) {
    const std::string manufacturer = manufacturer_param(ctx);
    if (manufacturer.empty()) {
      return error_response(ctx.request, http::status::bad_request, "add ?manufacturer= (the model's manufacturer)", "manufacturer");
    }
    const std::string& model = ctx.path.at("model");
    return models->with(ctx.request, [&](ModelStore& store) {
      auto found = store.find(model_key(*aliases, manufacturer, model));
      if (!found) return error_response(ctx.request, found.error());
      if (!*found) {
        return error_response(ctx.request, Error{ErrorCode::not_found,
                                                 fmt::format("no contact or MDS2 form is on file for {} {}", manufacturer, model)});
      }
      return json_response(ctx.request, http::status::ok, model_profile_json(**found).dump());
    });
  });

  router.add(http::verb::put, "/api/v1/devices/models/{model}", [models, aliases](const RequestContext& ctx) {
    auto body = json_object_body(ctx.request, kModelProfileKeys);
    if (!body) return error_response(ctx.request, body.error());
    auto read = model_profile_from_json(*body, ctx.path.at("model"));
    if (!read) return error_response(ctx.request, read.error());
    if (read->manufacturer.empty()) read->manufacturer = manufacturer_param(ctx);
    auto profile = checked_profile(std::move(*read));
    if (!profile) return error_response(ctx.request, profile.error());
    return models->with(ctx.request, [&](ModelStore& store) {
      auto outcome = store.put(*aliases, {*profile}, actor_of(ctx), now_ns());
      if (!outcome) return error_response(ctx.request, outcome.error());
      auto saved = store.find(model_key(*aliases, profile->manufacturer, profile->model));
      if (!saved || !*saved) return error_response(ctx.request, saved ? Error{ErrorCode::internal, "the model was not saved"} : saved.error());
      json j = model_profile_json(**saved);
      j["change"] = outcome->front() == Upsert::added ? "added" : outcome->front() == Upsert::updated ? "updated" : "unchanged";
      return json_response(ctx.request, outcome->front() == Upsert::added ? http::status::created : http::status::ok, j.dump());
    });
  });
}

}  // namespace ward::api
