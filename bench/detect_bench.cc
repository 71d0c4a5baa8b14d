#include "bench/detect_bench.h"

#include <chrono>
#include <fstream>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <simdjson.h>

#include "bench/json_baseline.h"
#include "bench/machine.h"
#include "bench/scratch_dir.h"
#include "bench/windows_events.h"
#include "sigma/hunt.h"
#include "sigma/prefilter.h"
#include "sigma/rule_set.h"

namespace ward::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Best of `repeat` hunts of `rules` over `file`.
// The prefilter is built before the clock starts (its build time is reported on its own).
Result<HuntStage> time_hunt(const std::vector<sigma::CompiledRule>& rules, const fs::path& file, int repeat, bool prefilter,
                            unsigned threads = 1) {
  HuntStage stage;
  stage.rules = rules.size();
  std::optional<sigma::Prefilter> built;
  if (prefilter) {
    auto filter = sigma::Prefilter::build(rules);
    if (!filter) return Unexpected(filter.error());
    built.emplace(std::move(*filter));
  }
  for (int i = 0; i < repeat; ++i) {
    std::uint64_t errors = 0;
    const auto start = Clock::now();
    const auto summary = sigma::hunt(rules, {file}, [](const sigma::HuntMatch&) {}, [&](const Error&) { ++errors; },
                                     sigma::HuntOptions{.prefilter = prefilter, .prebuilt = built ? &*built : nullptr,
                                                        .threads = threads, .whole_events = false});  // as ward detect
    const double seconds = seconds_since(start);
    if (errors > 0 || summary.unreadable_files > 0) return fail(ErrorCode::internal, "the benchmark input did not read cleanly");
    if (i == 0 || seconds < stage.timing.seconds) stage.timing = {seconds, summary.events};
    stage.matches = summary.matches;
  }
  return stage;
}

// `n` rules spread evenly over the set (every size/n-th), so they are not all of one folder.
std::vector<sigma::CompiledRule> spread(const std::vector<sigma::CompiledRule>& rules, std::size_t n) {
  std::vector<sigma::CompiledRule> out;
  n = std::min(n, rules.size());
  for (std::size_t i = 0; i < n; ++i) out.push_back(rules[i * rules.size() / n]);
  return out;
}

// The first `lines` lines of `from`.
Result<void> copy_lines(const fs::path& from, const fs::path& to, std::uint64_t lines) {
  std::ifstream in(from, std::ios::binary);
  std::ofstream out(to, std::ios::binary);
  std::string line;
  for (std::uint64_t i = 0; i < lines && std::getline(in, line); ++i) out << line << '\n';
  if (!out) return fail(ErrorCode::io, "cannot write the benchmark slice", to.string());
  return {};
}

}  // namespace

Result<DetectBenchResult> run_detect_bench(const DetectBenchOptions& options) {
  if (options.rules.empty())
    return fail(ErrorCode::invalid_input, "give the rules to hunt with: --rules FOLDER (e.g. ../shared/data/sigma/rules)");
  DetectBenchResult result;
  result.machine = machine_description();
  const ScratchDir scratch(options.workdir, "ward-bench-detect");
  if (auto r = scratch.ready(); !r) return Unexpected(r.error());

  auto start = Clock::now();
  std::vector<fs::path> folders(options.rules.begin(), options.rules.end());
  auto set = sigma::load_rule_set(folders);
  if (!set) return Unexpected(set.error());
  result.load_seconds = seconds_since(start);
  result.rule_files = set->files;
  result.rules_compiled = set->rules.size();
  if (set->rules.empty()) return fail(ErrorCode::invalid_input, "no rule compiled from the --rules folders");
  start = Clock::now();
  auto filter = sigma::Prefilter::build(set->rules);
  if (!filter) return Unexpected(filter.error());
  result.prefilter_build_seconds = seconds_since(start);
  result.literals = filter->literals();
  result.literal_tables = filter->tables();
  result.always_evaluated = filter->always_evaluated();

  const fs::path input = scratch.path() / "windows_events.jsonl";
  if (auto written = write_windows_events(input, options.events, 42); !written) return Unexpected(written.error());
  result.bytes = fs::file_size(input);

  // (a) the baseline: read the file and parse every document, nothing more; (a') the same
  // parse from memory, the file already read (the strictest baseline).
  simdjson::padded_string in_memory;
  if (auto error = simdjson::padded_string::load(input.string()).get(in_memory); error)
    return fail(ErrorCode::io, simdjson::error_message(error), input.string());
  simdjson::dom::parser parser;
  auto parse = [&](const simdjson::padded_string& text) { return parse_every_document(parser, text); };
  for (int i = 0; i < options.repeat; ++i) {
    auto t = Clock::now();
    simdjson::padded_string text;
    if (auto error = simdjson::padded_string::load(input.string()).get(text); error)
      return fail(ErrorCode::io, simdjson::error_message(error), input.string());
    auto n = parse(text);
    if (!n) return Unexpected(n.error());
    double seconds = seconds_since(t);
    if (i == 0 || seconds < result.parse_only.seconds) result.parse_only = {seconds, *n};
    t = Clock::now();
    n = parse(in_memory);
    if (!n) return Unexpected(n.error());
    seconds = seconds_since(t);
    if (i == 0 || seconds < result.parse_in_memory.seconds) result.parse_in_memory = {seconds, *n};
  }

  auto stage = [&](HuntStage& out, const std::vector<sigma::CompiledRule>& rules, const fs::path& file, bool prefilter,
                   int repeat, unsigned threads = 1) -> Result<void> {
    auto timed = time_hunt(rules, file, repeat, prefilter, threads);
    if (!timed) return Unexpected(timed.error());
    out = *timed;
    return {};
  };
  if (auto r = stage(result.one, spread(set->rules, 1), input, true, options.repeat); !r) return Unexpected(r.error());
  if (auto r = stage(result.hundred, spread(set->rules, 100), input, true, options.repeat); !r) return Unexpected(r.error());
  if (auto r = stage(result.all, set->rules, input, true, options.repeat); !r) return Unexpected(r.error());
  result.threads = std::max(1u, std::thread::hardware_concurrency());
  if (auto r = stage(result.all_threads, set->rules, input, true, options.repeat, result.threads); !r)
    return Unexpected(r.error());
  // (e) on a slice: all rules with and without the prefilter, same events.
  const fs::path slice = scratch.path() / "slice.jsonl";
  if (auto r = copy_lines(input, slice, std::min(options.unfiltered_events, options.events)); !r) return Unexpected(r.error());
  if (auto r = stage(result.all_unfiltered, set->rules, slice, false, 1); !r) return Unexpected(r.error());
  if (auto r = stage(result.all_on_slice, set->rules, slice, true, 1); !r) return Unexpected(r.error());
  return result;
}

std::string format_report(const DetectBenchResult& r) {
  const double a = r.parse_only.events_per_second();
  auto line = [&](std::string_view name, const StageResult& s, std::string extra) {
    return fmt::format("  {:<46} {:>9} events {:>8.3f} s {:>11.0f} events/s {:>7.1f} MB/s{}\n", name, s.events, s.seconds,
                       s.events_per_second(),
                       s.events > 0 && r.parse_only.events > 0 && s.seconds > 0
                           ? static_cast<double>(r.bytes) * static_cast<double>(s.events) / static_cast<double>(r.parse_only.events) / 1e6 / s.seconds
                           : 0.0,
                       extra);
  };
  auto hunt_line = [&](std::string_view name, const HuntStage& s) {
    return line(fmt::format("{} ({} rules)", name, s.rules), s.timing,
                fmt::format("  {:>6} matches  ratio {:.3f}", s.matches, a > 0 ? s.timing.events_per_second() / a : 0));
  };
  std::string out = fmt::format("ward bench detect — {} — {:.1f} MB of Windows event JSON lines, one thread but (d*)\n", r.machine,
                                static_cast<double>(r.bytes) / 1e6);
  out += fmt::format("  rules: {} compiled of {} files, loaded in {:.2f} s; prefilter: {} literals in {} tables, {} rules "
                     "always evaluated, built in {:.2f} s\n",
                     r.rules_compiled, r.rule_files, r.load_seconds, r.literals, r.literal_tables, r.always_evaluated,
                     r.prefilter_build_seconds);
  out += line("(a) simdjson parse-only (load + parse_many)", r.parse_only, "");
  out += line("(a') simdjson parse-only, file already in memory", r.parse_in_memory, "");
  out += hunt_line("(b) hunt", r.one);
  out += hunt_line("(c) hunt", r.hundred);
  out += hunt_line("(d) hunt", r.all);
  out += hunt_line(fmt::format("(d*) hunt, {} threads", r.threads), r.all_threads);
  out += hunt_line("(e) hunt, no prefilter, first events", r.all_unfiltered);
  out += hunt_line("(e') hunt, prefilter, same events", r.all_on_slice);
  const double a2 = r.parse_in_memory.events_per_second();
  out += fmt::format("  full corpus: d = {:.0f} events/s (target >= 200,000 per core), d/a = {:.3f} (target >= 0.3), "
                     "d/a' = {:.3f}; {} threads: {:.0f} events/s ({:.2f}x, {}); prefilter speed-up on the slice: {:.0f}x{}\n",
                     r.all.timing.events_per_second(), a > 0 ? r.all.timing.events_per_second() / a : 0,
                     a2 > 0 ? r.all.timing.events_per_second() / a2 : 0, r.threads, r.all_threads.timing.events_per_second(),
                     r.all.timing.events_per_second() > 0 ? r.all_threads.timing.events_per_second() / r.all.timing.events_per_second() : 0,
                     r.all_threads.matches == r.all.matches ? "same matches" : "DIFFERENT MATCHES",
                     r.all_unfiltered.timing.events_per_second() > 0
                         ? r.all_on_slice.timing.events_per_second() / r.all_unfiltered.timing.events_per_second()
                         : 0,
                     r.all_unfiltered.matches == r.all_on_slice.matches ? ", same matches" : ", DIFFERENT MATCHES");
  return out;
}

}  // namespace ward::bench
