// `ward bench detect`: how fast `ward detect` hunts with Sigma rules, measured beside simdjson
// parsing the same file and nothing more, in the same run, so the figures are ratios that
// travel between machines. One thread, but for (d*). Stages on generated Windows events
// (windows_events.h): (a) simdjson parse-only, reading the file as `ward detect` does (and
// (a') from memory), (b) hunt with 1 rule, (c) with 100 rules,
// (d) with every rule of --rules, (d*) the same on every hardware thread (--threads 0);
// (e) every rule without the prefilter, on a slice of the events (it is too slow for all of
// them), to show what the prefilter buys.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/ingest_bench.h"
#include "core/error.h"

namespace ward::bench {

struct DetectBenchOptions {
  std::uint64_t events = 100'000;
  std::vector<std::string> rules;  // rule folders (e.g. ../shared/data/sigma/rules); required
  std::string workdir;             // scratch folder; "" = a new folder in the system temp dir
  int repeat = 3;                  // runs per stage; the best (fastest) is reported
  std::uint64_t unfiltered_events = 2'000;  // events for stage (e)
};

struct HuntStage {
  StageResult timing;
  std::size_t rules = 0;
  std::uint64_t matches = 0;
};

struct DetectBenchResult {
  std::string machine;
  std::uint64_t bytes = 0;
  std::size_t rule_files = 0, rules_compiled = 0, literals = 0, literal_tables = 0, always_evaluated = 0;
  double load_seconds = 0, prefilter_build_seconds = 0;
  StageResult parse_only, parse_in_memory;
  HuntStage one, hundred, all, all_unfiltered, all_on_slice;
  unsigned threads = 1;   // hardware threads, for stage (d*)
  HuntStage all_threads;  // (d) on every hardware thread (ward detect's default)
};

Result<DetectBenchResult> run_detect_bench(const DetectBenchOptions& options);
std::string format_report(const DetectBenchResult& result);

}  // namespace ward::bench
