// The AI governance tables of the store (migration 0021): the registry, reviews, evidence,
// decisions and the AI RMF checklist. Opened on the data directory's ward.db after the store
// has migrated it; its own connection, used by one thread at a time. The workflow rules
// (who may approve what) are in workflow.h; this class only reads and writes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ai_governance/ai_system.h"
#include "ai_governance/ai_usage_rows.h"
#include "core/error.h"
#include "store/sqlite_db.h"

namespace ward::ai_governance {

struct SystemRecord {
  AiSystem system;
  std::string status;       // intake, in_review, approved, rejected
  std::string conditions;   // of the latest approval
  std::string next_review;  // YYYY-MM-DD, of the latest decision
  std::int64_t created_ns = 0, updated_ns = 0;
};

struct Review {
  std::string area, outcome, reviewer, notes;
  std::int64_t at_ns = 0;
};

struct Evidence {
  std::int64_t id = 0;
  std::string kind, summary, body, added_by;
  std::int64_t at_ns = 0;
};

// One line of a system's history: intake, updated, reviewed, evidence, approved, rejected, rmf.
struct Decision {
  std::string action, by, reason;
  std::int64_t at_ns = 0;
};

struct RmfAnswer {
  std::string subcategory;
  bool met = false;
  std::string evidence, by;
  std::int64_t at_ns = 0;
};

class AiStore {
 public:
  // Migrates <data_dir>/ward.db (creating it) and opens a connection to it.
  static Result<AiStore> open(const std::filesystem::path& data_dir);

  // Adds the system (status intake) or replaces its record (status kept), with a history line
  // by `by`; true when it was added.
  Result<bool> put_system(const AiSystem& system, const std::string& by);
  Result<std::vector<SystemRecord>> systems();
  // not_found when there is no such system.
  Result<SystemRecord> system(const std::string& id);
  // Ids of the systems whose `domains` hold `host` or a parent of it (api.openai.com finds
  // openai.com).
  Result<std::vector<std::string>> systems_for_host(std::string_view host);

  // The approval status of the systems covering `host` (systems_for_host): "approved" when one
  // is approved, else the status of the first ("intake", …), "" when none covers it.
  Result<std::string> registry_status(std::string_view host);
  // Records AI services seen in logs (ai_usage_services): a service not recorded yet is added
  // with its first time and who; returns the services that were new.
  struct SeenService {
    std::string service, who;
    std::int64_t first_ns = 0;
  };
  Result<std::vector<std::string>> record_seen_services(const std::vector<SeenService>& seen);

  // All the services recorded as seen, oldest first.
  Result<std::vector<SeenService>> seen_services();

  // AI use counted from logs (ai_usage_counts, migration 0030; ai_usage_store.cc). `source` is
  // the log file or folder counted: its earlier rows are replaced, so counting a file again does
  // not count it twice (a rotated file under a new name does count again).
  Result<void> record_usage(const std::string& source, const UsageRows& rows);
  // The rows of the days in [from_day, to_day] (YYYY-MM-DD, inclusive) of every source, added
  // up; the status as it was when counted.
  Result<UsageRows> usage_between(const std::string& from_day, const std::string& to_day);
  // The same, each row under the registry's status of its service now (by its first host): a
  // service approved since it was counted is no longer shadow AI.
  Result<UsageRows> usage_between_as_now(const std::string& from_day, const std::string& to_day);

  Result<void> add_review(const std::string& id, const Review& review);  // intake -> in_review
  Result<std::vector<Review>> reviews(const std::string& id);
  Result<std::int64_t> add_evidence(const std::string& id, const Evidence& evidence);
  Result<std::vector<Evidence>> evidence(const std::string& id);
  // Sets the status, conditions and next review, with the history line, in one transaction.
  Result<void> decide(const std::string& id, const std::string& status, const std::string& conditions,
                      const std::string& next_review, const Decision& decision);
  Result<std::vector<Decision>> history(const std::string& id);
  Result<void> set_rmf(const std::string& id, const RmfAnswer& answer);
  Result<std::vector<RmfAnswer>> rmf(const std::string& id);

 private:
  explicit AiStore(store::Db db) : db_(std::move(db)) {}
  Result<void> log(const std::string& id, const Decision& d);  // inside a transaction
  Result<void> require_system(const std::string& id);
  store::Db db_;
};

}  // namespace ward::ai_governance
