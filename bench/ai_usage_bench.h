// `ward bench ai-usage`: `ward ai usage`'s counting (squid and BIND query-log parsers, host
// extraction, catalogue match, per user/service/day counts) on generated logs (bench/
// ai_usage_logs.h: 2,000 users, a week, known AI use), beside ripgrep in the same run counting
// the lines holding any of the catalogue's domain names as fixed strings (`rg -c -F -f
// domains.txt`, a weaker task: no parsing, no host boundaries, no counting per user). Reported:
// lines/s per wall second and per CPU second, and the ratio to ripgrep.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"

namespace ward::bench {

struct AiUsageBenchOptions {
  std::uint64_t lines = 2'000'000;  // half squid, half DNS
  unsigned threads = 2;             // Ward's parser threads; ripgrep gets as many (-j)
  std::string workdir;              // kept when given; else a temporary folder
  std::string ripgrep = "rg";
  int repeat = 2;                   // runs of each; the best is reported
};

struct AiUsageBenchResult {
  std::string machine;
  std::uint64_t lines = 0, bytes = 0, ward_ai_requests = 0, ripgrep_lines = 0;
  std::size_t domains = 0;
  double ward_seconds = 0, ward_cpu = 0, ripgrep_seconds = 0, ripgrep_cpu = 0;
};

Result<AiUsageBenchResult> run_ai_usage_bench(const AiUsageBenchOptions& options);
std::string format_report(const AiUsageBenchOptions& options, const AiUsageBenchResult& result);

}  // namespace ward::bench
