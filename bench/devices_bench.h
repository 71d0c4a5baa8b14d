// `ward bench devices`: device matching quality and speed. Quality: precision and recall of
// confirmed matches on the labelled ICSMA inventory (tests/golden/devices/labelled_inventory.csv)
// and on the labelled CPE/purl set (tests/golden/devices/labelled_identifiers.csv, against the
// fixtures in tests/golden/devices/identifier_advisories). Speed: all of KEV and the CSAF files
// (and the fixtures) against N generated devices (drawn from the labelled rows with versions
// varied and operating systems assigned), each distinct model carrying a generated SBOM of
// components drawn from the public SBOMs and from KEV's products as CPEs; the full match timed
// wall and CPU. Incremental: the fleet indexed once (fleet_index.h), then each advisory matched
// alone against it as a new one would be, timed per advisory; the findings of all of them must
// add up to the full match's. `--kev-entries-only` times the KEV entries alone and nothing else.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "devices/match_quality.h"

namespace ward::bench {

struct DevicesBenchOptions {
  std::filesystem::path feeds;     // default ../shared/data/vuln_feeds
  std::filesystem::path labelled;  // default tests/golden/devices/labelled_inventory.csv
  int devices = 100000;
  int repeat = 2;
  int sbom_components = 20;  // per generated SBOM; 0 = devices without SBOMs (the workload before SBOMs)
  // Only the fleet index and one KEV entry in ten matched alone (no quality sets, no full match,
  // no SSVC, not every advisory alone): quick A/B runs of the incremental path.
  bool kev_entries_only = false;
};

// Per advisory matched alone: the best of the rounds, wall and CPU seconds.
struct IncrementalTimes {
  std::vector<double> wall, cpu;
  double total_cpu = 0;  // the best round, every advisory
};

struct DevicesBenchResult {
  std::size_t advisories = 0, products = 0, labelled_devices = 0;
  devices::MatchQuality quality;             // the ICSMA set
  std::size_t labelled_identifiers = 0;      // rows of the CPE/purl set
  devices::MatchQuality identifier_quality;  // the CPE/purl set
  std::size_t sboms = 0, sbom_components = 0, component_pool = 0;
  double load_seconds = 0;
  int devices = 0;
  std::size_t distinct_models = 0, findings = 0;
  double best_wall_seconds = 0, best_cpu_seconds = 0;
  double best_ssvc_wall_seconds = 0, best_ssvc_cpu_seconds = 0;  // SSVC decisions of every finding
  // One advisory at a time (FleetIndex): per advisory the best of the rounds, wall.
  std::size_t index_keys = 0;
  double index_build_seconds = 0;
  IncrementalTimes incremental;              // per advisory, in advisory order
  std::vector<std::string> incremental_ids;
  std::size_t incremental_findings = 0;     // all advisories' findings added up (must equal `findings`)
  IncrementalTimes kev_entries;              // one KEV entry in ten as an advisory of its own
  std::size_t kev_entry_findings = 0;        // their findings added up (one round)
  bool kev_entries_only = false;             // nothing else was measured
};

Result<DevicesBenchResult> run_devices_bench(const DevicesBenchOptions& options);
std::string format_report(const DevicesBenchResult& result);

}  // namespace ward::bench
