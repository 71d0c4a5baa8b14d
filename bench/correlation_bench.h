// `ward bench correlation`: the memory a correlation keeps per distinct group-by key, measured
// from the heap (glibc mallinfo2: bytes in use, mapped chunks included, before and after) while
// an event_count (gte 5) and a value_count (gte 3) correlation are fed `keys` distinct keys,
// `matches_per_key` matches each (none reaches its threshold, so every group stays open); beside it, in the same run, a
// baseline: an std::unordered_map<std::string, std::uint32_t> of the same keys, the least a
// naive counter needs. Also the time per match, as a ratio to the baseline's time per insert.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"

namespace ward::bench {

struct CorrelationBenchOptions {
  std::uint64_t keys = 1'000'000;
  int matches_per_key = 2;  // 1 or 2: below both thresholds
  std::string workdir;      // scratch folder for the rule file; "" = the system temp dir
};

struct StateMeasure {
  std::uint64_t bytes = 0;  // heap in use, after minus before
  double seconds = 0;       // feeding (or inserting) every key
  std::uint64_t operations = 0;
  double bytes_per_key(std::uint64_t keys) const { return keys > 0 ? static_cast<double>(bytes) / static_cast<double>(keys) : 0; }
};

struct CorrelationBenchResult {
  std::string machine;
  std::uint64_t keys = 0;
  int matches_per_key = 0;
  StateMeasure baseline, event_count, value_count;
  std::uint64_t alerts = 0;  // must be 0: no group reaches its threshold
};

Result<CorrelationBenchResult> run_correlation_bench(const CorrelationBenchOptions& options);
std::string format_report(const CorrelationBenchResult& result);

}  // namespace ward::bench
