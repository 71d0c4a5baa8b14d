// The tracked findings, their history and EPSS scores in the store (migration 0019). Opened on
// the data directory's ward.db like DeviceStore; its own connection, used by one thread at a time.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "devices/remediation.h"
#include "store/sqlite_db.h"

namespace ward::devices {

struct HistoryEntry {
  std::string device_id, advisory_id, cve;
  TimeNs at_ns = 0;
  std::string event;   // "new", "changed", "reopened", "gone", "revised", or "state"
  std::string detail;  // the change note, or "patched: <evidence>"
  std::string actor;   // who changed the state ("cli" from the command line, the account from the API)
};

struct EpssScore {
  double epss = 0, percentile = 0;
  std::string score_date;
};

class RemediationStore {
 public:
  static Result<RemediationStore> open(const std::filesystem::path& data_dir);

  // Every tracked finding, ordered by device, advisory and CVE; `device_id` "" for all devices.
  Result<std::vector<TrackedFinding>> findings(const std::string& device_id = {});

  // Reconciles the findings of one match with those kept (remediation.h) and writes the result
  // in one transaction, a history entry for each change but unchanged. Returns every finding.
  Result<std::vector<ReconciledFinding>> record_match(const std::vector<TrackedFinding>& current, TimeNs now);

  // As record_match for the findings of one advisory (`ward vulns match --advisory`): the kept
  // findings of other advisories are left alone. `on_gone`, when given, may rewrite the change
  // note of a finding this match no longer finds, before it is written.
  Result<std::vector<ReconciledFinding>> record_advisory_match(const std::string& advisory_id,
                                                               const std::vector<TrackedFinding>& current, TimeNs now,
                                                               const std::function<void(ReconciledFinding&)>& on_gone = {});

  // Sets the state of a device's findings from one advisory (one CVE of it, or every CVE when
  // `cve` is ""); the change must pass check_state_change. not_found when there is none.
  // Returns the findings as changed.
  Result<std::vector<TrackedFinding>> set_state(const std::string& device_id, const std::string& advisory_id,
                                                const std::string& cve, const StateChange& change, const std::string& actor,
                                                TimeNs now);

  Result<std::vector<HistoryEntry>> history(const std::string& device_id, const std::string& advisory_id);

  // EPSS scores by CVE (FIRST's daily CSV, epss_csv.h); replacing the ones kept. Returns how many.
  Result<std::size_t> put_epss(const std::map<std::string, EpssScore>& scores);
  Result<std::map<std::string, EpssScore>> epss();

 private:
  explicit RemediationStore(store::Db db) : db_(std::move(db)) {}
  Result<void> write(const TrackedFinding& f);
  Result<std::vector<TrackedFinding>> select(const char* where, const std::string& value);
  Result<std::vector<ReconciledFinding>> record(const std::string& advisory_id, const std::vector<TrackedFinding>& current,
                                                TimeNs now, const std::function<void(ReconciledFinding&)>& on_gone);
  Result<void> log(const TrackedFinding& f, TimeNs at, std::string_view event, const std::string& detail, const std::string& actor);
  store::Db db_;
  std::optional<store::Statement> upsert_;  // write()'s statement, prepared on first use
  std::set<std::string> input_sets_written_;  // ssvc_input_sets ids this connection has written
};

}  // namespace ward::devices
