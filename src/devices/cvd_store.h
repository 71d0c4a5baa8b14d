// The CVD reports and their timelines in the store (migration 0029). Every change is one
// transaction: the report is saved whole with its timeline entries, or not at all. Opened on the
// data directory's ward.db like DeviceStore; its own connection, used by one thread at a time
// (the API holds it under a lock).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "devices/cvd_report.h"
#include "store/sqlite_db.h"

namespace ward::devices {

class CvdStore {
 public:
  static Result<CvdStore> open(const std::filesystem::path& data_dir);

  // Stores a new report (new_report: defaults and checks) with a "received" timeline entry by
  // `actor`. Returns it with its id.
  Result<CvdReport> add(CvdReport report, const std::string& actor, TimeNs now);
  // ErrorCode::not_found ("there is no CVD report 7", field "report") for an unknown id.
  Result<CvdReport> find(std::int64_t id);
  // Newest first; `state` "" for all, "open" for all but disclosed, closed and rejected.
  Result<std::vector<CvdReport>> list(const std::string& state);
  // Applies `change` (apply_change) and records its timeline entries by `actor`.
  Result<CvdReport> update(std::int64_t id, const CvdChange& change, const std::string& actor, TimeNs now);
  Result<std::vector<CvdEntry>> timeline(std::int64_t id);

 private:
  explicit CvdStore(store::Db db) : db_(std::move(db)) {}
  Result<std::vector<CvdReport>> select(const std::string& where, const std::string& value);
  Result<void> log(std::int64_t id, TimeNs at, const std::string& actor, const std::string& event, const std::string& detail);
  store::Db db_;
};

}  // namespace ward::devices
