// `ward bench devices`: device matching quality and speed. Quality: precision and recall of
// confirmed matches on the labelled ICSMA inventory (tests/golden/devices/labelled_inventory.csv).
// Speed: all of KEV and the CSAF files against N generated devices (drawn from the labelled rows
// with versions varied and operating systems assigned), the full match timed wall and CPU.
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
};

struct DevicesBenchResult {
  std::size_t advisories = 0, products = 0, labelled_devices = 0;
  devices::MatchQuality quality;
  double load_seconds = 0;
  int devices = 0;
  std::size_t distinct_models = 0, findings = 0;
  double best_wall_seconds = 0, best_cpu_seconds = 0;
  double best_ssvc_wall_seconds = 0, best_ssvc_cpu_seconds = 0;  // SSVC decisions of every finding
};

Result<DevicesBenchResult> run_devices_bench(const DevicesBenchOptions& options);
std::string format_report(const DevicesBenchResult& result);

}  // namespace ward::bench
