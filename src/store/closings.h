// Closed privacy cases and closed alerts with the time each was closed, for the mean times to
// close (controls/ward_evidence.h, the board report). Read on a capability connection
// (capability_db.h) so the Store interface stays as it is; the tables are migration 0004's
// (privacy_cases, privacy_case_history) and 0008/0010's (alerts, alert_changes).
#pragma once

#include <cstdint>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "store/sqlite_db.h"

namespace ward::store {

// One closed item: from when the clock runs (`opened`) to the change that closed it.
struct Closing {
  std::int64_t id = 0;
  TimeNs opened = 0, closed = 0;
};

// Every confirmed or dismissed case with its closing change (the latest into its present
// status), by case id; `opened` is the case's last access (0 when it has none).
Result<std::vector<Closing>> case_closings(Db& db);

// Every closed alert with the change that closed it (the latest to "closed"), by alert id;
// `opened` is when Ward raised the alert.
Result<std::vector<Closing>> alert_closings(Db& db);

}  // namespace ward::store
