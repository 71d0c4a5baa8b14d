// `ward bench ai-usage` (ai_usage_bench.h).
#include "bench/ai_usage_bench.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "ai_governance/ai_usage.h"
#include "bench/ai_usage_logs.h"
#include "bench/bench_files.h"
#include "bench/child_process.h"
#include "bench/cpu_time.h"
#include "bench/machine.h"
#include "bench/scratch_dir.h"

namespace ward::bench {
namespace {

namespace fs = std::filesystem;

void keep_best(int run, double value, double& best) {
  if (run == 0 || value < best) best = value;
}

// ripgrep -c prints "file:count" per file with matches.
std::uint64_t sum_counts(const std::string& out) {
  std::uint64_t total = 0;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    if (const std::size_t colon = line.rfind(':'); colon != std::string::npos) total += std::stoull(line.substr(colon + 1));
  return total;
}

}  // namespace

Result<AiUsageBenchResult> run_ai_usage_bench(const AiUsageBenchOptions& o) {
  ScratchDir dir(o.workdir, "ward-bench-ai-usage");
  if (auto ready = dir.ready(); !ready) return Unexpected(ready.error());
  AiUsageBenchResult r;
  r.machine = machine_description();
  const fs::path squid = dir.path() / "access.log", dns = dir.path() / "queries.log", domains = dir.path() / "domains.txt";
  {
    const AiUsageLogs logs = generate_ai_usage_logs({.users = 2000, .days = 7, .lines = o.lines, .seed = 1});
    r.lines = logs.lines;
    r.bytes = logs.squid.size() + logs.dns.size();
    std::ofstream(squid, std::ios::binary) << logs.squid;
    std::ofstream(dns, std::ios::binary) << logs.dns;
    std::ofstream names(domains);
    const auto literal = dlp::DestinationCatalogue::ai_services().literal_names();
    r.domains = literal.size();
    for (const std::string& n : literal) names << n << '\n';
  }
  for (int run = 0; run < o.repeat; ++run) {
    ai_governance::UsageCounter counter(dlp::DestinationCatalogue::ai_services(), {});
    const auto start = std::chrono::steady_clock::now();
    const double cpu = process_cpu_seconds();
    auto files = ai_governance::count_usage({squid, dns}, counter, o.threads);
    if (!files) return Unexpected(files.error());
    keep_best(run, process_cpu_seconds() - cpu, r.ward_cpu);
    keep_best(run, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), r.ward_seconds);
    if (counter.events() != r.lines)
      return Unexpected(Error{ErrorCode::internal, fmt::format("Ward read {} of {} lines", counter.events(), r.lines), "", 0, 0, ""});
    r.ward_ai_requests = counter.matched();

    const fs::path rg_out = dir.path() / "ripgrep.out";
    std::error_code ec;
    fs::remove(rg_out, ec);
    auto rg = run_to_end({o.ripgrep, "-c", "-F", "-j", std::to_string(o.threads), "-f", domains.string(), squid.string(), dns.string()}, rg_out);
    if (!rg) return Unexpected(rg.error());
    keep_best(run, rg->seconds, r.ripgrep_seconds);
    keep_best(run, rg->cpu_seconds, r.ripgrep_cpu);
    auto counted = read_all(rg_out);
    if (!counted) return Unexpected(counted.error());
    r.ripgrep_lines = sum_counts(*counted);
  }
  return r;
}

std::string format_report(const AiUsageBenchOptions& o, const AiUsageBenchResult& r) {
  auto per = [&](double s) { return s <= 0 ? 0.0 : static_cast<double>(r.lines) / s; };
  std::string out = fmt::format(
      "ward bench ai-usage — {} — {} generated lines ({:.1f} MB: squid access.log and BIND query log, 2,000 users, a week), "
      "{} threads, best of {}\n",
      r.machine, r.lines, static_cast<double>(r.bytes) / 1e6, o.threads, o.repeat);
  out += fmt::format("  {:<62} {:>8} {:>12} {:>8} {:>14}  {}\n", "", "seconds", "lines/s", "CPU s", "lines/CPU s", "found");
  out += fmt::format("  {:<62} {:>8.2f} {:>12.0f} {:>8.2f} {:>14.0f}  {} lines\n",
                     fmt::format("rg -c -F -j{} -f domains.txt ({} names)", o.threads, r.domains), r.ripgrep_seconds,
                     per(r.ripgrep_seconds), r.ripgrep_cpu, per(r.ripgrep_cpu), r.ripgrep_lines);
  out += fmt::format("  {:<62} {:>8.2f} {:>12.0f} {:>8.2f} {:>14.0f}  {} AI requests\n",
                     "ward: parse, match, count per user/service/day", r.ward_seconds, per(r.ward_seconds), r.ward_cpu,
                     per(r.ward_cpu), r.ward_ai_requests);
  out += fmt::format("  Ward / ripgrep: {:.2f}x wall, {:.2f}x per CPU second; target >= 1,000,000 lines/s: {}\n",
                     r.ripgrep_seconds / r.ward_seconds, r.ripgrep_cpu / r.ward_cpu,
                     per(r.ward_seconds) >= 1e6 ? "met" : "not met");
  return out;
}

}  // namespace ward::bench
