// Correlation state per group-by key beside a plain hash map (correlation_bench.h).
#include "bench/correlation_bench.h"

#include <malloc.h>

#include <chrono>
#include <fstream>
#include <unordered_map>

#include <fmt/format.h>

#include "bench/machine.h"
#include "bench/scratch_dir.h"
#include "sigma/correlation_engine.h"
#include "sigma/flat_event.h"
#include "sigma/rule_set.h"

namespace ward::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Chunks from the heap and those glibc maps on their own (large vectors: 80 MB of groups would
// not show in uordblks).
std::uint64_t heap_in_use() {
  malloc_trim(0);
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

// Keys as group-by values look: user names of 8 characters.
std::string key_text(std::uint64_t i) { return fmt::format("u{:07}", i); }

constexpr std::string_view kRules =
    "title: login\nname: login\ndetection:\n  s:\n    EventID: 4625\n  condition: s\n---\n"
    "title: many failures\ncorrelation:\n  type: event_count\n  rules: [login]\n  group-by: [User]\n"
    "  timespan: 1d\n  condition: {gte: 5}\n---\n"
    "title: many computers\ncorrelation:\n  type: value_count\n  rules: [login]\n  group-by: [User]\n"
    "  timespan: 1d\n  condition: {field: Computer, gte: 3}\n";

StateMeasure measure_baseline(const CorrelationBenchOptions& o) {
  StateMeasure m;
  const std::uint64_t before = heap_in_use();
  {
    std::unordered_map<std::string, std::uint32_t> counts;
    const auto start = Clock::now();
    for (int round = 0; round < o.matches_per_key; ++round)
      for (std::uint64_t i = 0; i < o.keys; ++i) ++counts[key_text(i)];
    m.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    m.operations = o.keys * static_cast<std::uint64_t>(o.matches_per_key);
    m.bytes = heap_in_use() - before;
  }
  return m;
}

// One correlation of the set (the other's rule is left out by feeding it alone).
Result<StateMeasure> measure_engine(const sigma::RuleSet& set, std::size_t which, const CorrelationBenchOptions& o,
                                    std::uint64_t& alerts) {
  sigma::CorrelationSet only = set.correlations;
  only.correlations = {set.correlations.correlations[which]};
  StateMeasure m;
  sigma::FlatEvent event;
  const std::uint64_t before = heap_in_use();
  {
    sigma::CorrelationEngine engine(set.rules, only, [&](const sigma::CorrelationAlert&) { ++alerts; },
                                    {.max_groups = o.keys + 1});
    const auto start = Clock::now();
    std::uint64_t index = 0;
    for (int round = 0; round < o.matches_per_key; ++round) {
      for (std::uint64_t i = 0; i < o.keys; ++i) {
        const std::string user = key_text(i);
        const std::string computer = fmt::format("ws{}", round);
        event.clear();
        event.add_copy("EventID", "4625", sigma::ValueKind::number);
        event.add_copy("User", user, sigma::ValueKind::string);
        event.add_copy("Computer", computer, sigma::ValueKind::string);
        event.finish();
        ++index;
        engine.observe(set.rules[0], static_cast<TimeNs>(index) * 1000, event, "bench.jsonl", index);
      }
    }
    m.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    m.operations = index;
    m.bytes = heap_in_use() - before;
  }
  return m;
}

}  // namespace

Result<CorrelationBenchResult> run_correlation_bench(const CorrelationBenchOptions& o) {
  ScratchDir dir(o.workdir, "ward-bench-correlation");
  if (auto ready = dir.ready(); !ready) return Unexpected(ready.error());
  std::ofstream(dir.path() / "rules.yml") << kRules;
  auto set = sigma::load_rule_set({dir.path() / "rules.yml"});
  if (!set) return Unexpected(set.error());
  if (set->correlations.correlations.size() != 2) return fail(ErrorCode::internal, "the benchmark's correlations did not load");
  CorrelationBenchResult r;
  r.machine = machine_description();
  r.keys = o.keys;
  r.matches_per_key = o.matches_per_key;
  r.baseline = measure_baseline(o);
  auto event_count = measure_engine(*set, 0, o, r.alerts);
  if (!event_count) return Unexpected(event_count.error());
  r.event_count = *event_count;
  auto value_count = measure_engine(*set, 1, o, r.alerts);
  if (!value_count) return Unexpected(value_count.error());
  r.value_count = *value_count;
  return r;
}

std::string format_report(const CorrelationBenchResult& r) {
  auto line = [&](std::string_view name, const StateMeasure& m, std::string_view target) {
    const double per_op_ns = m.operations > 0 ? m.seconds * 1e9 / static_cast<double>(m.operations) : 0;
    const double base_ns = r.baseline.operations > 0 ? r.baseline.seconds * 1e9 / static_cast<double>(r.baseline.operations) : 0;
    return fmt::format("  {:<44} {:>7.1f} B/key ({:>5.2f}x baseline){}  {:>7.0f} ns/match ({:.2f}x baseline)\n", name,
                       m.bytes_per_key(r.keys), m.bytes_per_key(r.keys) / std::max(1.0, r.baseline.bytes_per_key(r.keys)),
                       target, per_op_ns, base_ns > 0 ? per_op_ns / base_ns : 0);
  };
  std::string out = fmt::format("ward bench correlation — {} — {} distinct group-by keys, {} match(es) each\n", r.machine,
                                r.keys, r.matches_per_key);
  out += line("baseline: unordered_map<string, uint32_t>", r.baseline, "             ");
  out += line("event_count (gte 5)", r.event_count,
              fmt::format(" target <= 128 {}", r.event_count.bytes_per_key(r.keys) <= 128 ? "met    " : "NOT met"));
  out += line("value_count (gte 3, 2 distinct values)", r.value_count,
              fmt::format(" target <= 256 {}", r.value_count.bytes_per_key(r.keys) <= 256 ? "met    " : "NOT met"));
  out += fmt::format("  alerts: {} (none expected: no group reaches its threshold)\n", r.alerts);
  return out;
}

}  // namespace ward::bench
