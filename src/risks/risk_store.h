// The risk register in the store (migration 0026: program_risks, program_risk_controls,
// program_risk_treatments). Opened on the data directory's ward.db like the assessment store;
// thread-safe (one connection behind a mutex). The store checks the values alone (risk.h);
// that a linked control exists in its catalogue is risk_service.h's check.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/error.h"
#include "risks/risk.h"
#include "store/sqlite_db.h"

namespace ward::risks {

class RiskStore {
 public:
  static Result<std::unique_ptr<RiskStore>> open(const std::filesystem::path& data_dir);

  // Adds the risk with its controls (treatments are added with add_treatment) in one
  // transaction; returns it with its id. Bad values (check_risk) save nothing.
  Result<Risk> add(Risk risk, const std::string& actor);
  // Adds a treatment to risk `risk_id`; not_found when there is no such risk.
  Result<Treatment> add_treatment(std::int64_t risk_id, Treatment t, const std::string& actor);
  // Sets the status of treatment `treatment_id` of risk `risk_id`; not_found when it is not one.
  Result<void> set_treatment_status(std::int64_t risk_id, std::int64_t treatment_id, const std::string& status);

  Result<std::vector<Risk>> list();  // every risk with its controls and treatments, by id
  Result<std::optional<Risk>> find(std::int64_t id);

 private:
  explicit RiskStore(store::Db db) : db_(std::move(db)) {}
  Result<std::vector<Risk>> read(std::optional<std::int64_t> only);  // holds mu_
  std::mutex mu_;
  store::Db db_;
};

}  // namespace ward::risks
