// `ward bench devices` (devices_bench.h).
#include "bench/devices_bench.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "bench/bench_files.h"
#include "bench/cpu_time.h"
#include "bench/machine.h"
#include "devices/advisory_files.h"
#include "devices/fleet_index.h"
#include "devices/inventory_csv.h"
#include "devices/matcher.h"
#include "devices/sbom_json.h"
#include "devices/ssvc_assessment.h"

namespace ward::bench {
namespace {

// "Internet Explorer" -> "internet_explorer": a KEV name as a CPE attribute.
std::string cpe_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += static_cast<char>(std::tolower(u));
    else if (c == ' ' || c == '-' || c == '_') out += '_';
  }
  return out.empty() ? "x" : out;
}

// Components to draw generated SBOMs from: every component of the public SBOMs, and one in ten of
// KEV's products as an application CPE (so that SBOMs meet KEV as real ones do, through CPEs).
std::vector<devices::SbomComponent> component_pool(const std::filesystem::path& feeds, const std::vector<devices::Advisory>& advisories) {
  std::vector<devices::SbomComponent> pool;
  std::error_code ec;
  for (const auto& dir : std::filesystem::directory_iterator(feeds / "sbom", ec)) {
    for (const auto& entry : std::filesystem::directory_iterator(dir.path(), ec)) {
      if (entry.path().extension() != ".json") continue;
      auto text = read_all(entry.path());
      if (!text) continue;
      auto sbom = devices::parse_sbom(*text);
      if (!sbom) continue;  // SPDX 3.0, VEX-only documents
      for (auto& c : sbom->components) pool.push_back(std::move(c));
    }
  }
  for (const devices::Advisory& a : advisories) {
    if (a.kind != "kev") continue;
    for (std::size_t i = 0; i < a.products.size(); i += 10) {
      devices::SbomComponent c;
      c.name = a.products[i].product_name;
      c.version = "1.0";
      c.cpes = {fmt::format("cpe:2.3:a:{}:{}:1.0:*:*:*:*:*:*:*", cpe_name(a.products[i].vendor), cpe_name(c.name))};
      pool.push_back(std::move(c));
    }
  }
  return pool;
}

// The SBOM of the n-th distinct model: `size` components from the pool, a third of them one
// release later (".1" appended to the version and the CPE/purl version left as written).
devices::Sbom generated_sbom(const std::vector<devices::SbomComponent>& pool, std::size_t n, int size) {
  devices::Sbom s;
  for (int j = 0; j < size; ++j) {
    devices::SbomComponent c = pool[(n * 7919 + static_cast<std::size_t>(j) * 104729) % pool.size()];
    if ((n + static_cast<std::size_t>(j)) % 3 == 1) c.version += ".1";
    s.components.push_back(std::move(c));
  }
  return s;
}

// A labelled CSV: its text, the devices read_inventory_csv finds in it, and their labels.
struct LabelledSet {
  std::string csv;
  std::vector<devices::Device> devices;
  std::vector<devices::LabelledDevice> labels;
};

Result<LabelledSet> read_labelled_set(const std::filesystem::path& file) {
  auto csv = read_all(file);
  if (!csv) return Unexpected(csv.error());
  auto inventory = devices::read_inventory_csv(*csv, {}, file.string());
  if (!inventory) return Unexpected(inventory.error());
  auto labels = devices::read_labels(*csv);
  if (!labels) return Unexpected(labels.error());
  return LabelledSet{std::move(*csv), std::move(inventory->devices), std::move(*labels)};
}

Result<devices::MatchQuality> identifier_quality(const std::filesystem::path& labelled, const std::vector<devices::Advisory>& advisories,
                                                 const devices::VendorAliases& aliases, std::size_t& rows) {
  auto set = read_labelled_set(labelled);
  if (!set) return Unexpected(set.error());
  auto sboms = devices::read_labelled_components(set->csv);
  if (!sboms) return Unexpected(sboms.error());
  rows = set->devices.size();
  return devices::score_matches(devices::match_devices(set->devices, advisories, aliases, *sboms), set->labels, "WARD-ID");
}

// One KEV entry in ten as an advisory of its own: what a catalogue update adds.
std::vector<devices::Advisory> kev_entries(const std::vector<devices::Advisory>& advisories) {
  std::vector<devices::Advisory> out;
  for (const devices::Advisory& a : advisories) {
    if (a.kind != "kev") continue;
    for (std::size_t i = 0; i < a.products.size() && i < a.vulnerabilities.size(); i += 10) {
      devices::Advisory one{a.id, a.revision, a.title, a.kind, a.exploitability, {a.products[i]}, {a.vulnerabilities[i]}};
      out.push_back(std::move(one));
    }
  }
  return out;
}

// Each advisory alone against the indexed fleet, `repeat` rounds; per advisory the best wall
// time. Returns the findings of one round; `cpu` the CPU seconds of the best round.
std::size_t time_each(const devices::FleetIndex& index, const std::vector<devices::Advisory>& each,
                      const std::vector<devices::Advisory>& kept, int repeat, IncrementalTimes& times) {
  std::vector<double>& seconds = times.wall;
  seconds.assign(each.size(), 0);
  times.cpu.assign(each.size(), 0);
  std::size_t findings = 0;
  for (int round = 0; round < repeat; ++round) {
    const double cpu0 = process_cpu_seconds();
    findings = 0;
    for (std::size_t i = 0; i < each.size(); ++i) {
      const double c0 = process_cpu_seconds();
      const auto a0 = std::chrono::steady_clock::now();
      findings += index.match(each[i], kept).size();
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - a0).count();
      const double cpu = process_cpu_seconds() - c0;
      if (round == 0 || wall < seconds[i]) seconds[i] = wall;
      if (round == 0 || cpu < times.cpu[i]) times.cpu[i] = cpu;
    }
    const double used = process_cpu_seconds() - cpu0;
    if (round == 0 || used < times.total_cpu) times.total_cpu = used;
  }
  return findings;
}

void time_incremental(const std::vector<devices::Device>& fleet, const std::vector<devices::Advisory>& advisories,
                      const devices::VendorAliases& aliases, const std::vector<devices::AttachedSbom>& sboms, int repeat,
                      bool kev_entries_only, DevicesBenchResult& r) {
  const auto t0 = std::chrono::steady_clock::now();
  const devices::FleetIndex index(fleet, aliases, sboms);
  r.index_build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.index_keys = index.keys();
  if (!kev_entries_only) {
    for (const devices::Advisory& a : advisories) r.incremental_ids.push_back(a.id);
    r.incremental_findings = time_each(index, advisories, advisories, repeat, r.incremental);
  }
  r.kev_entry_findings = time_each(index, kev_entries(advisories), advisories, repeat, r.kev_entries);
}

}  // namespace

Result<DevicesBenchResult> run_devices_bench(const DevicesBenchOptions& options) {
  const auto feeds = options.feeds.empty() ? shared_data() / "vuln_feeds" : options.feeds;
  const auto labelled = options.labelled.empty() ? source_tree() / "tests/golden/devices/labelled_inventory.csv" : options.labelled;
  DevicesBenchResult r;
  const auto load_start = std::chrono::steady_clock::now();
  auto files = devices::advisory_files({feeds / "csaf", feeds / "kev", source_tree() / "tests/golden/devices/identifier_advisories"});
  if (!files) return Unexpected(files.error());
  std::vector<devices::Advisory> advisories;
  for (auto& l : devices::load_advisory_files(*files).loaded) {
    r.products += l.advisory.products.size();
    advisories.push_back(std::move(l.advisory));
  }
  r.load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  r.advisories = advisories.size();

  auto inventory = read_labelled_set(labelled);
  if (!inventory) return Unexpected(inventory.error());
  const devices::VendorAliases aliases;
  r.kev_entries_only = options.kev_entries_only;
  if (!options.kev_entries_only) {
    r.labelled_devices = inventory->devices.size();
    r.quality = devices::score_matches(devices::match_devices(inventory->devices, advisories, aliases), inventory->labels, "ICSMA");
    auto identifiers = identifier_quality(source_tree() / "tests/golden/devices/labelled_identifiers.csv", advisories, aliases,
                                          r.labelled_identifiers);
    if (!identifiers) return Unexpected(identifiers.error());
    r.identifier_quality = *identifiers;
  }

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
  std::vector<devices::AttachedSbom> sboms;
  if (options.sbom_components > 0) {
    const std::vector<devices::SbomComponent> pool = component_pool(feeds, advisories);
    if (pool.empty()) return fail(ErrorCode::not_found, fmt::format("no SBOM components under {}", (feeds / "sbom").string()));
    r.component_pool = pool.size();
    std::size_t n = 0;
    for (const auto& [vendor, model, version] : distinct) sboms.push_back({vendor, model, version, generated_sbom(pool, n++, options.sbom_components)});
    r.sboms = sboms.size();
    r.sbom_components = sboms.size() * static_cast<std::size_t>(options.sbom_components);
  }
  const auto& tables = devices::SsvcTables::published();
  if (!tables) return Unexpected(tables.error());
  const devices::AdvisoryFacts facts(advisories);
  for (int round = 0; round < (options.kev_entries_only ? 0 : options.repeat); ++round) {
    const double cpu0 = process_cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    const auto findings = devices::match_devices(fleet, advisories, aliases, sboms);
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
  time_incremental(fleet, advisories, aliases, sboms, options.repeat, options.kev_entries_only, r);
  return r;
}

std::string format_report(const DevicesBenchResult& r) {
  std::string out = fmt::format("machine: {}\n", machine_description());
  out += fmt::format("advisories: {} documents, {} products, loaded and parsed in {:.2f} s\n", r.advisories, r.products,
                     r.load_seconds);
  if (!r.kev_entries_only) {
    out += fmt::format("labelled ICSMA set: {} devices; confirmed matches: {} TP, {} FP, {} FN; precision {:.4f}, recall {:.4f} "
                       "(targets 0.98 / 0.95)\n",
                       r.labelled_devices, r.quality.true_positives, r.quality.false_positives, r.quality.false_negatives,
                       r.quality.precision(), r.quality.recall());
    devices::MatchQuality both = r.quality;
    both += r.identifier_quality;
    out += fmt::format("labelled CPE/purl set: {} devices with one-component SBOMs; confirmed matches: {} TP, {} FP, {} FN; "
                       "precision {:.4f}, recall {:.4f}\n",
                       r.labelled_identifiers, r.identifier_quality.true_positives, r.identifier_quality.false_positives,
                       r.identifier_quality.false_negatives, r.identifier_quality.precision(), r.identifier_quality.recall());
    out += fmt::format("both sets: precision {:.4f}, recall {:.4f}\n", both.precision(), both.recall());
  }
  out += fmt::format("SBOMs: {} generated ({} components, drawn from a pool of {})\n", r.sboms, r.sbom_components, r.component_pool);
  if (!r.kev_entries_only) {
    out += fmt::format("full match: {} devices ({} distinct vendor/model/version), {} findings; best of runs {:.3f} s wall, "
                       "{:.3f} s CPU (target 2 s on 2 cores)\n",
                       r.devices, r.distinct_models, r.findings, r.best_wall_seconds, r.best_cpu_seconds);
    out += fmt::format("SSVC decisions (both trees, inputs with reasons) of the {} findings: best of runs {:.3f} s wall, {:.3f} s CPU\n",
                       r.findings, r.best_ssvc_wall_seconds, r.best_ssvc_cpu_seconds);
  }
  const auto at = [](std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))] * 1e3;
  };
  const auto describe = [&](const IncrementalTimes& t) {
    return fmt::format("wall median {:.2f} ms, p90 {:.2f} ms, max {:.2f} ms; CPU median {:.2f} ms, p90 {:.2f} ms, max {:.2f} ms",
                       at(t.wall, 0.5), at(t.wall, 0.9), at(t.wall, 1), at(t.cpu, 0.5), at(t.cpu, 0.9), at(t.cpu, 1));
  };
  if (!r.incremental.wall.empty()) {
    IncrementalTimes csaf;
    for (std::size_t i = 0; i < r.incremental_ids.size(); ++i) {
      if (r.incremental_ids[i] == "CISA-KEV") {
        out += fmt::format("incremental, the whole KEV catalogue as one advisory: {:.3f} s wall, {:.3f} s CPU\n",
                           r.incremental.wall[i], r.incremental.cpu[i]);
        continue;
      }
      csaf.wall.push_back(r.incremental.wall[i]);
      csaf.cpu.push_back(r.incremental.cpu[i]);
    }
    out += fmt::format("incremental: fleet indexed in {:.3f} s ({} distinct vendor/model/version/OS keys); each of {} CSAF "
                       "advisories matched alone and fanned out (target 50 ms): {}\n",
                       r.index_build_seconds, r.index_keys, csaf.wall.size(), describe(csaf));
    out += fmt::format("incremental, all {} advisories one by one: {:.3f} s CPU, {} findings ({} the full match's {})\n",
                       r.incremental_ids.size(), r.incremental.total_cpu, r.incremental_findings,
                       r.incremental_findings == r.findings ? "equal to" : "DIFFERENT FROM", r.findings);
    out += fmt::format("full match / one CSAF advisory (medians): {:.0f}x wall, {:.0f}x CPU\n",
                       r.best_wall_seconds * 1e3 / at(csaf.wall, 0.5), r.best_cpu_seconds * 1e3 / at(csaf.cpu, 0.5));
  } else {
    out += fmt::format("incremental: fleet indexed in {:.3f} s ({} distinct vendor/model/version/OS keys)\n", r.index_build_seconds,
                       r.index_keys);
  }
  if (!r.kev_entries.wall.empty()) {
    out += fmt::format("incremental, one KEV entry alone ({} entries, one in ten of the catalogue; {} findings; target 50 ms): {}\n",
                       r.kev_entries.wall.size(), r.kev_entry_findings, describe(r.kev_entries));
  }
  return out;
}

}  // namespace ward::bench
