// `ward bench devices` (devices_bench.h).
#include "bench/devices_bench.h"

#include <chrono>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "bench/bench_files.h"
#include "bench/cpu_time.h"
#include "bench/machine.h"
#include "devices/advisory_files.h"
#include "devices/inventory_csv.h"
#include "devices/matcher.h"
#include "devices/ssvc_assessment.h"

namespace ward::bench {

Result<DevicesBenchResult> run_devices_bench(const DevicesBenchOptions& options) {
  const auto feeds = options.feeds.empty() ? shared_data() / "vuln_feeds" : options.feeds;
  const auto labelled = options.labelled.empty() ? source_tree() / "tests/golden/devices/labelled_inventory.csv" : options.labelled;
  DevicesBenchResult r;
  const auto load_start = std::chrono::steady_clock::now();
  auto files = devices::advisory_files({feeds / "csaf", feeds / "kev"});
  if (!files) return Unexpected(files.error());
  std::vector<devices::Advisory> advisories;
  for (auto& l : devices::load_advisory_files(*files).loaded) {
    r.products += l.advisory.products.size();
    advisories.push_back(std::move(l.advisory));
  }
  r.load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  r.advisories = advisories.size();

  auto csv = read_all(labelled);
  if (!csv) return Unexpected(csv.error());
  auto inventory = devices::read_inventory_csv(*csv, {}, labelled.string());
  if (!inventory) return Unexpected(inventory.error());
  auto labels = devices::read_labels(*csv);
  if (!labels) return Unexpected(labels.error());
  const devices::VendorAliases aliases;
  r.labelled_devices = inventory->devices.size();
  r.quality = devices::score_matches(devices::match_devices(inventory->devices, advisories, aliases), *labels, "ICSMA");

  // Generated fleet: labelled rows cycled, one version in three bumped, operating systems mixed.
  static constexpr std::string_view kOs[] = {"", "Windows 7 Embedded", "Windows 10 IoT Enterprise", "VxWorks 6.9",
                                             "Linux", "Windows XP"};
  std::vector<devices::Device> fleet;
  fleet.reserve(static_cast<std::size_t>(options.devices));
  std::set<std::tuple<std::string, std::string, std::string>> distinct;
  for (int i = 0; i < options.devices; ++i) {
    devices::Device d = inventory->devices[static_cast<std::size_t>(i) % inventory->devices.size()];
    d.device_id = fmt::format("GEN-{:06d}", i);
    if (i % 3 == 1) d.version += fmt::format(".{}", i % 11);
    d.os = std::string(kOs[i % std::size(kOs)]);
    static constexpr std::string_view kSegments[] = {"", "Biomed VLAN 20", "Guest WiFi", "Isolated imaging"};
    d.network_segment = std::string(kSegments[i % std::size(kSegments)]);
    if (i % 7 != 0) d.patient_connected = i % 2 == 0;
    if (i % 7 != 0) d.life_sustaining = i % 10 == 0;
    distinct.emplace(d.manufacturer, d.model, d.version);
    fleet.push_back(std::move(d));
  }
  r.devices = options.devices;
  r.distinct_models = distinct.size();
  const auto& tables = devices::SsvcTables::published();
  if (!tables) return Unexpected(tables.error());
  const devices::AdvisoryFacts facts(advisories);
  for (int round = 0; round < options.repeat; ++round) {
    const double cpu0 = process_cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    const auto findings = devices::match_devices(fleet, advisories, aliases);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = process_cpu_seconds() - cpu0;
    r.findings = findings.size();
    if (round == 0 || wall < r.best_wall_seconds) r.best_wall_seconds = wall;
    if (round == 0 || cpu < r.best_cpu_seconds) r.best_cpu_seconds = cpu;
    // The SSVC decision of every finding, as `ward vulns match` makes it after matching.
    const double ssvc_cpu0 = process_cpu_seconds();
    const auto s0 = std::chrono::steady_clock::now();
    auto assessed = devices::assess_findings(findings, fleet, facts, *tables, devices::SsvcSettings{});
    if (!assessed) return Unexpected(assessed.error());
    const double ssvc_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count();
    const double ssvc_cpu = process_cpu_seconds() - ssvc_cpu0;
    if (round == 0 || ssvc_wall < r.best_ssvc_wall_seconds) r.best_ssvc_wall_seconds = ssvc_wall;
    if (round == 0 || ssvc_cpu < r.best_ssvc_cpu_seconds) r.best_ssvc_cpu_seconds = ssvc_cpu;
  }
  return r;
}

std::string format_report(const DevicesBenchResult& r) {
  std::string out = fmt::format("machine: {}\n", machine_description());
  out += fmt::format("advisories: {} documents, {} products, loaded and parsed in {:.2f} s\n", r.advisories, r.products,
                     r.load_seconds);
  out += fmt::format("labelled ICSMA set: {} devices; confirmed matches: {} TP, {} FP, {} FN; precision {:.4f}, recall {:.4f} "
                     "(targets 0.98 / 0.95)\n",
                     r.labelled_devices, r.quality.true_positives, r.quality.false_positives, r.quality.false_negatives,
                     r.quality.precision(), r.quality.recall());
  out += fmt::format("full match: {} devices ({} distinct vendor/model/version), {} findings; best of runs {:.3f} s wall, "
                     "{:.3f} s CPU (target 2 s on 2 cores)\n",
                     r.devices, r.distinct_models, r.findings, r.best_wall_seconds, r.best_cpu_seconds);
  out += fmt::format("SSVC decisions (both trees, inputs with reasons) of the {} findings: best of runs {:.3f} s wall, {:.3f} s CPU\n",
                     r.findings, r.best_ssvc_wall_seconds, r.best_ssvc_cpu_seconds);
  return out;
}

}  // namespace ward::bench
