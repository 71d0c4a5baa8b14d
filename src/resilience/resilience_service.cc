// resilience_service.h: forms in through the checks and the store, views out.
#include "resilience/resilience_service.h"

#include <fmt/format.h>

#include "resilience/dependencies.h"
#include "resilience/resilience_views.h"

namespace ward::resilience {
namespace {

using nlohmann::json;

}  // namespace

Result<ResilienceService> ResilienceService::open(const std::filesystem::path& data_dir) {
  auto store = ResilienceStore::open(data_dir);
  if (!store) return Unexpected(store.error());
  auto vendors = third_parties::VendorStore::open(data_dir);
  if (!vendors) return Unexpected(vendors.error());
  return ResilienceService(std::move(*store), std::move(*vendors));
}

// Everything the views name, read once per call.
static Result<ResilienceData> load(ResilienceStore& store, third_parties::VendorStore& vendors) {
  ResilienceData d;
  auto services = store.services();
  if (!services) return Unexpected(services.error());
  auto backups = store.backups();
  if (!backups) return Unexpected(backups.error());
  auto exercises = store.exercises();
  if (!exercises) return Unexpected(exercises.error());
  auto all = vendors.list();
  if (!all) return Unexpected(all.error());
  d.services = std::move(*services);
  d.backups = std::move(*backups);
  d.exercises = std::move(*exercises);
  d.vendors = std::move(*all);
  return d;
}

Result<json> ResilienceService::add_service(const json& body) {
  auto form = service_from_json(body, incidents::today_utc());
  if (!form) return Unexpected(form.error());
  auto added = store_->add_service(*form);
  if (!added) return Unexpected(added.error());
  auto data = load(*store_, *vendors_);
  if (!data) return Unexpected(data.error());
  return ResilienceViews(*data).service(*added);
}

Result<json> ResilienceService::update_service(const std::string& id_or_name, const json& changes) {
  auto found = store_->find_service(id_or_name);
  if (!found) return Unexpected(found.error());
  if (!*found) return fail(ErrorCode::not_found, fmt::format("there is no service \"{}\" (ward program service list)", id_or_name), "service");
  auto form = service_with_changes(**found, changes, incidents::today_utc());
  if (!form) return Unexpected(form.error());
  auto updated = store_->update_service(*form);
  if (!updated) return Unexpected(updated.error());
  auto data = load(*store_, *vendors_);
  if (!data) return Unexpected(data.error());
  return ResilienceViews(*data).service(*updated);
}

Result<json> ResilienceService::add_backup(const json& body) {
  auto form = backup_from_json(body, incidents::today_utc());
  if (!form) return Unexpected(form.error());
  auto added = store_->add_backup(*form);
  if (!added) return Unexpected(added.error());
  auto data = load(*store_, *vendors_);
  if (!data) return Unexpected(data.error());
  return ResilienceViews(*data).backup(*added);
}

Result<json> ResilienceService::add_exercise(const json& body) {
  auto form = exercise_from_json(body);
  if (!form) return Unexpected(form.error());
  auto added = store_->add_exercise(*form);
  if (!added) return Unexpected(added.error());
  auto data = load(*store_, *vendors_);
  if (!data) return Unexpected(data.error());
  return ResilienceViews(*data).exercise(*added, incidents::today_utc());
}

Result<json> ResilienceService::add_action(std::int64_t exercise, const json& body) {
  auto a = action_from_json(body);
  if (!a) return Unexpected(a.error());
  auto added = store_->add_action(exercise, std::move(*a));
  if (!added) return Unexpected(added.error());
  return action_to_json(*added);
}

Result<json> ResilienceService::set_action_status(std::int64_t exercise, std::int64_t action, const std::string& status) {
  auto a = store_->set_action_status(exercise, action, status);
  if (!a) return Unexpected(a.error());
  return action_to_json(*a);
}

Result<json> ResilienceService::services() {
  auto data = load(*store_, *vendors_);
  if (!data) return Unexpected(data.error());
  const ResilienceViews views(*data);
  json out = json::array();
  for (const Service& s : data->services) out.push_back(views.service(s));
  return json{{"services", std::move(out)}};
}

Result<std::optional<json>> ResilienceService::service(const std::string& id_or_name, const FindingSettings& settings) {
  auto found = store_->find_service(id_or_name);
  if (!found) return Unexpected(found.error());
  if (!*found) return std::optional<json>();
  auto data = load(*store_, *vendors_);
  if (!data) return Unexpected(data.error());
  const DependencyView view = dependency_view(data->services);
  const auto findings = resilience_findings(data->services, data->backups, incidents::today_utc(), settings);
  for (std::size_t i = 0; i < data->services.size(); ++i)
    if (data->services[i].id == (*found)->id)
      return std::optional<json>(ResilienceViews(*data).service_detail(data->services[i], view.chains[i], findings));
  return std::optional<json>();
}

Result<json> ResilienceService::backups() {
  auto data = load(*store_, *vendors_);
  if (!data) return Unexpected(data.error());
  const ResilienceViews views(*data);
  json out = json::array();
  for (const Backup& b : data->backups) out.push_back(views.backup(b));
  return json{{"backups", std::move(out)}};
}

Result<json> ResilienceService::exercises() {
  auto data = load(*store_, *vendors_);
  if (!data) return Unexpected(data.error());
  const ResilienceViews views(*data);
  json out = json::array();
  for (const Exercise& e : data->exercises) out.push_back(views.exercise(e, incidents::today_utc()));
  return json{{"exercises", std::move(out)}};
}

Result<json> ResilienceService::report(const FindingSettings& settings) {
  auto data = load(*store_, *vendors_);
  if (!data) return Unexpected(data.error());
  const auto today = incidents::today_utc();
  return ResilienceViews(*data).report(resilience_findings(data->services, data->backups, today, settings),
                                       dependency_view(data->services), overdue_actions(data->exercises, today), settings);
}

}  // namespace ward::resilience
