// Rows of the overview's aggregates (Store::input_activity, case_tallies, alert_tallies): what
// the web UI's first page and GET /api/v1/stats/* show, counted by the store, never listed.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"

namespace ward::store {

// One input (an event source: a file, a listener, a POST route) and its events.
struct InputActivity {
  std::string source;
  std::uint64_t events = 0;   // in all
  TimeNs first = 0, last = 0; // the oldest and newest event times
  // (UTC day as days since the epoch, events that day), days in order, days without events left out.
  std::vector<std::pair<std::int64_t, std::uint64_t>> per_day;
};

struct CaseTally {
  std::string status, categories;  // categories as stored: "snooping,vip"
  std::uint64_t cases = 0;
};

struct AlertTally {
  std::string level, status;
  std::uint64_t alerts = 0;
};

}  // namespace ward::store
