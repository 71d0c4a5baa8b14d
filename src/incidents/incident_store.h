// The incidents' tables in the store (migrations 0022, and 0035 for the owner): incidents, their
// timeline entries and their breach assessments. Every change is one transaction: it is saved
// whole, with its timeline entry, or not at all. Thread-safe (one connection behind a mutex), so
// the API's threads may share one IncidentStore.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "incidents/breach_json.h"
#include "incidents/incident.h"
#include "store/sqlite_db.h"

namespace ward::incidents {

struct StoredAssessment {
  BreachAssessmentRecord record;
  RiskAssessmentResult result;
  std::string assessed_by;
  TimeNs assessed = 0;
};

class IncidentStore {
 public:
  // Migrates <data_dir>/ward.db (creating it) and opens a connection to it.
  static Result<std::unique_ptr<IncidentStore>> open(const std::filesystem::path& data_dir);

  // Stores a new incident (checked with check_incident) with a fresh receipt code, and a first
  // timeline entry by `author`. Returns it with its id and receipt.
  Result<Incident> create(Incident incident, const std::string& author);
  Result<std::optional<Incident>> find(std::int64_t id);
  // The incident a receipt code belongs to; nullopt for an unknown code.
  Result<std::optional<Incident>> find_by_receipt(const std::string& receipt);
  // Newest first; `status` "" for all, "open" for all but closed.
  Result<std::vector<Incident>> list(const std::string& status);

  // Applies `change` (checked against the whole incident) and records what changed on the
  // timeline. ErrorCode::not_found for an unknown id.
  Result<Incident> update(std::int64_t id, const IncidentChange& change, const std::string& author);

  // Adds an entry (checked with check_entry); ErrorCode::not_found for an unknown incident.
  Result<IncidentEntry> add_entry(IncidentEntry entry);
  Result<std::vector<IncidentEntry>> entries(std::int64_t incident_id);
  // Marks task `entry_id` of the incident done (or not); not_found when it is not one of its tasks.
  Result<void> set_task_done(std::int64_t incident_id, std::int64_t entry_id, bool done, const std::string& author);

  // Saves (replacing) the incident's breach assessment and its outcome, with a timeline entry.
  Result<void> save_assessment(std::int64_t incident_id, const StoredAssessment& assessment);
  Result<std::optional<StoredAssessment>> assessment(std::int64_t incident_id);
  // Every assessed incident's outcome ("presumed_breach", "low_probability"…) by incident id.
  Result<std::map<std::int64_t, std::string>> outcomes();

 private:
  explicit IncidentStore(store::Db db) : db_(std::move(db)) {}
  Result<std::optional<Incident>> find_where(const char* where, const std::string& key);
  Result<IncidentEntry> insert_entry(IncidentEntry entry);
  std::mutex mu_;
  store::Db db_;
};

// A receipt code: "R-" and 12 characters from an alphabet without look-alikes (60 random bits).
std::string new_receipt_code();

}  // namespace ward::incidents
