// `ward bench devices`: device matching quality and speed. Quality: precision and recall of
// confirmed matches on the labelled ICSMA inventory (tests/golden/devices/labelled_inventory.csv)
// and on the labelled CPE/purl set (tests/golden/devices/labelled_identifiers.csv, against the
// fixtures in tests/golden/devices/identifier_advisories). Speed: all of KEV and the CSAF files
// (and the fixtures) against N generated devices (drawn from the labelled rows with versions
// varied and operating systems assigned), each distinct model carrying a generated SBOM of
// components drawn from the public SBOMs and from KEV's products as CPEs; the full match timed
// wall and CPU.
#pragma once

#include <filesystem>
#include <string>

#include "core/error.h"
#include "devices/match_quality.h"

namespace ward::bench {

struct DevicesBenchOptions {
  std::filesystem::path feeds;     // default ../shared/data/vuln_feeds
  std::filesystem::path labelled;  // default tests/golden/devices/labelled_inventory.csv
  int devices = 100000;
  int repeat = 2;
  int sbom_components = 20;  // per generated SBOM; 0 = devices without SBOMs (the workload before SBOMs)
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
};

Result<DevicesBenchResult> run_devices_bench(const DevicesBenchOptions& options);
std::string format_report(const DevicesBenchResult& result);

}  // namespace ward::bench
