#include "bench/privacy_bench.h"

#include <malloc.h>

#include <chrono>
#include <future>
#include <thread>
#include <fstream>
#include <cmath>

#include <fmt/format.h>

#include "bench/cpu_time.h"
#include "bench/machine.h"
#include "bench/scratch_dir.h"
#include "demo/hospital_generator.h"
#include "ingest/import/importer.h"
#include "privacy/engine.h"
#include "privacy/monitor.h"
#include "privacy_import/import_with_privacy.h"
#include "store/store.h"

namespace ward::bench {
namespace fs = std::filesystem;
namespace {

// The process's peak resident memory (VmHWM) in KB since the last reset_peak_memory().
long peak_memory_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

// Gives freed memory back and starts a new peak (Linux: "5" to clear_refs resets VmHWM), so a
// phase's peak is its own, not the generator's before it.
void reset_peak_memory() {
  malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
}

// The live phase: the last accesses in the store again, under new ids, one per commit at
// options.live_rate a second, and every 50th commit a patient's encounters again (an ADT
// update, which makes the monitor re-read the patient and re-explain what is flagged).
Result<void> replay_live(store::Store& store, privacy::PrivacyMonitor& monitor,
                         const PrivacyBenchOptions& options) {
  std::vector<store::EventRow> rows;
  auto counts = store.counts();
  if (!counts) return Unexpected(counts.error());
  const auto start = static_cast<std::int64_t>(counts->events) - 4 * options.live_commits;
  if (auto r = store.for_each_access(std::max<std::int64_t>(0, start), [&](const store::EventRow& row) -> Result<void> {
        if (rows.size() < static_cast<std::size_t>(options.live_commits)) rows.push_back(row);
        return {};
      });
      !r)
    return r;
  const auto step = std::chrono::nanoseconds(1'000'000'000 / std::max(1, options.live_rate));
  auto next = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const store::EventRow& row = rows[i];
    ingest::ParsedRecords records;
    if (i % 50 == 49) {
      auto encounters = store.encounters_of_patient(row.patient_id);
      if (!encounters) return Unexpected(encounters.error());
      records.encounters = std::move(*encounters);
    } else {
      Event& e = store::add_event_from_row(row, records.events);
      e.id = records.events.keep("live-" + row.event_id);
      e.source = records.events.keep("bench:live");
    }
    std::this_thread::sleep_until(next);
    next += step;
    if (auto r = store.accept(records); !r) return r;
  }
  monitor.wait_until_idle();
  return {};
}

}  // namespace

Result<PrivacyBenchResult> run_privacy_bench(const PrivacyBenchOptions& options) {
  PrivacyBenchResult result;
  result.machine = machine_description();
  const ScratchDir scratch(options.workdir, "ward-privacy-bench");
  if (auto r = scratch.ready(); !r) return Unexpected(r.error());
  const fs::path& workdir = scratch.path();
  std::error_code ec;  // a named workdir may hold an earlier run's files: start afresh
  fs::remove_all(workdir / "hospital", ec);
  fs::remove_all(workdir / "store", ec);

  auto files = demo::generate_hospital({.users = options.users, .patients = options.patients,
                                        .days = options.days, .seed = options.seed,
                                        .incident_share = options.incident_share},
                                       workdir / "hospital");
  if (!files) return Unexpected(files.error());
  result.accesses = files->access_events;

  reset_peak_memory();
  auto store = store::open_sqlite_store(workdir / "store");
  if (!store) return Unexpected(store.error());
  privacy::PrivacyConfig config;
  auto zone = find_time_zone(demo::HospitalSpec{}.time_zone);  // the generator's wall clock
  if (!zone) return Unexpected(zone.error());
  config.detectors.local_zone = *zone;
  // As `ward import --privacy` into an empty store: the run beside the import, the event
  // indexes built at the end.
  privacy_import::ImportWithPrivacyOptions import_options;
  import_options.privacy = config;
  double cpu_at_import_end = 0;
  import_options.progress = [&](const ingest::ImportProgress& p) {
    if (p.file == nullptr) {
      cpu_at_import_end = process_cpu_seconds();
      result.import_peak_kb = peak_memory_kb();
    }
  };
  const double cpu_started = process_cpu_seconds();
  const privacy_import::ImportWithPrivacy imported =
      privacy_import::import_with_privacy(**store, {workdir / "hospital"}, import_options);
  if (!imported.reports) return Unexpected(imported.reports.error());
  for (const ingest::FileReport& report : *imported.reports) result.records += report.summary.accepted();
  if (!imported.privacy) return fail(ErrorCode::internal, "privacy run: it did not run");
  if (!*imported.privacy) return Unexpected(imported.privacy->error());
  if (!imported.indexes) return Unexpected(imported.indexes.error());
  result.handed_over = (*imported.privacy)->handed_over;
  result.import_cpu_seconds = cpu_at_import_end - cpu_started;
  result.privacy_cpu_seconds = process_cpu_seconds() - cpu_at_import_end;
  result.import_seconds = imported.import_seconds;
  result.privacy_seconds = imported.total_seconds - imported.import_seconds;
  result.privacy_peak_kb = peak_memory_kb();

  // 50 cases per 10,000 users per day.
  const auto budget = static_cast<std::size_t>(
      std::ceil(50.0 * options.users / 10'000.0 * options.days));
  auto evaluation = privacy::evaluate_against_truth(**store, workdir / "hospital" / "truth.csv", budget);
  if (!evaluation) return Unexpected(evaluation.error());
  result.evaluation = std::move(*evaluation);
  if (options.live_commits > 0) {
    // The monitor `ward serve` runs (its first full run, not measured), then the live commits.
    privacy::PrivacyMonitor monitor(**store, config);
    monitor.start();
    monitor.wait_until_idle();
    if (auto r = replay_live(**store, monitor, options); !r) return Unexpected(r.error());
    const auto status = monitor.status();
    result.live_commits = status.commits;
    result.live_p50_ms = status.p50_ms;
    result.live_p99_ms = status.p99_ms;
    result.live_max_ms = status.max_ms;
  }
  return result;
}

std::string format_report(const PrivacyBenchOptions& o, const PrivacyBenchResult& r) {
  const privacy::Evaluation& e = r.evaluation;
  std::string out = fmt::format(
      "ward bench privacy — {} — generated hospital: {} users, {} patients, {} days, seed {}, "
      "incident share {}, {} accesses\n",
      r.machine, o.users, o.patients, o.days, o.seed, o.incident_share, r.accesses);
  out += fmt::format("  legitimate accesses explained   {:>6.2f}%  ({} of {}; target >= 95%)\n",
                     100.0 * e.explained_share(), e.legitimate_explained, e.legitimate);
  out += fmt::format("  review budget                   {} cases (50 per 10,000 users per day) of {} cases\n",
                     e.budget, e.cases);
  out += fmt::format("  precision in the budget         {:>6.2f}\n", e.precision_in_budget());
  out += fmt::format("  recall in the budget            {:>6.2f}  (target >= 0.9)\n", e.recall_in_budget());
  // With more incidents than cases a reviewer reads, a case holding one each, recall in the
  // budget cannot reach 1: say how far it can go.
  std::size_t incidents = 0;
  for (const auto& s : e.scenarios) incidents += s.incidents;
  if (incidents > e.budget)
    out += fmt::format("    (at most {:.2f} here: {} incidents for {} cases)\n",
                       static_cast<double>(e.budget) / static_cast<double>(incidents), incidents, e.budget);
  out += fmt::format("  {:<14} {:>9} {:>7} {:>8} {:>16}\n", "scenario", "incidents", "found", "recall",
                     "in budget");
  for (const auto& s : e.scenarios)
    out += fmt::format("  {:<14} {:>9} {:>7} {:>8.2f} {:>16}\n", s.scenario, s.incidents, s.found,
                       s.recall(), s.found_in_budget);
  const double total = r.import_seconds + r.privacy_seconds;
  out += fmt::format(
      "  import {:.2f} s (the privacy run explaining beside it), then the run's end and the event indexes {:.2f} s: "
      "{:.0f} accesses/s end to end ({:.0f} records/s, the directory and ADT counted too)\n"
      "  peak memory: {:.0f} MB until the import's end, {:.0f} MB overall (target <= 2 GB)\n",
      r.import_seconds, r.privacy_seconds, total > 0 ? static_cast<double>(r.accesses) / total : 0.0,
      total > 0 ? static_cast<double>(r.records) / total : 0.0, static_cast<double>(r.import_peak_kb) / 1024.0,
      static_cast<double>(std::max(r.import_peak_kb, r.privacy_peak_kb)) / 1024.0);
  out += fmt::format("  CPU time: {:.2f} s until the import's end ({:.2f} cores busy), {:.2f} s after it ({:.2f} cores busy)\n",
                     r.import_cpu_seconds, r.import_seconds > 0 ? r.import_cpu_seconds / r.import_seconds : 0.0,
                     r.privacy_cpu_seconds, r.privacy_seconds > 0 ? r.privacy_cpu_seconds / r.privacy_seconds : 0.0);
  out += fmt::format("  accesses handed to the run as the store committed them: {} of {} (the rest read back)\n",
                     r.handed_over, r.accesses);
  if (r.live_commits > 0)
    out += fmt::format(
        "  live (ward serve): {} commits at {}/s, one access or one ADT update each: from commit to "
        "scored p50 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms (target p99 <= 1000 ms)\n",
        r.live_commits, o.live_rate, r.live_p50_ms, r.live_p99_ms, r.live_max_ms);
  return out;
}

}  // namespace ward::bench
