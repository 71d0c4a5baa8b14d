// Closed privacy cases with the time their review closed them, for the board report's mean time
// to close (controls/ward_evidence.h). Read on a capability connection (capability_db.h) so the
// Store interface stays as it is; the tables are migration 0004's.
#pragma once

#include <cstdint>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "store/sqlite_db.h"

namespace ward::store {

// A closed privacy case: its last access and the time of the review change that closed it.
struct CaseClosing {
  std::int64_t case_id = 0;
  TimeNs last_access = 0, closed = 0;
};

// Every confirmed or dismissed case with its closing change (the latest into its present
// status), by case id.
Result<std::vector<CaseClosing>> case_closings(Db& db);

}  // namespace ward::store
