// Resilience as the CLI and the API use it: add services, backups, exercises and corrective
// actions from JSON forms, and read them back as JSON views with names resolved, each service
// with its dependency chain and findings, and the report (findings, single points of failure,
// cycles, overdue actions). Opens its own stores on a data directory; one thread at a time.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "resilience/findings.h"
#include "resilience/resilience_store.h"
#include "third_parties/vendor_store.h"

namespace ward::resilience {

class ResilienceService {
 public:
  static Result<ResilienceService> open(const std::filesystem::path& data_dir);

  // Each answers the added record's view; bad input saves nothing (resilience_json.h,
  // resilience_store.h say which errors).
  Result<nlohmann::json> add_service(const nlohmann::json& body);
  // Edits service `id_or_name` with the fields of `changes` (the others kept); answers its view.
  // ErrorCode::not_found when there is no such service.
  Result<nlohmann::json> update_service(const std::string& id_or_name, const nlohmann::json& changes);
  Result<nlohmann::json> add_backup(const nlohmann::json& body);
  Result<nlohmann::json> add_exercise(const nlohmann::json& body);
  Result<nlohmann::json> add_action(std::int64_t exercise, const nlohmann::json& body);
  Result<nlohmann::json> set_action_status(std::int64_t exercise, std::int64_t action, const std::string& status);

  Result<nlohmann::json> services();   // {"services": [...]}
  // One service with its chain, backups and findings; nullopt when there is none.
  Result<std::optional<nlohmann::json>> service(const std::string& id_or_name, const FindingSettings& settings = {});
  Result<nlohmann::json> backups();    // {"backups": [...]}
  Result<nlohmann::json> exercises();  // {"exercises": [...]}, actions with "days_late" when overdue
  Result<nlohmann::json> report(const FindingSettings& settings = {});

 private:
  ResilienceService(std::unique_ptr<ResilienceStore> store, std::unique_ptr<third_parties::VendorStore> vendors)
      : store_(std::move(store)), vendors_(std::move(vendors)) {}
  std::unique_ptr<ResilienceStore> store_;
  std::unique_ptr<third_parties::VendorStore> vendors_;
};

}  // namespace ward::resilience
