// `ward bench icap`: the latency the DLP adds to an outbound request — REQMOD requests with a
// body of ~10 KB sent one after another on one connection to Ward's ICAP server, in three kinds
// interleaved: to a destination that is not watched (the baseline: ICAP and the server alone, no
// scan), to an AI service without PHI (scanned, let through), and to an AI service with PHI
// (scanned, blocked). p50, p99 and max per kind, and the added p99 over the baseline.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "core/error.h"

namespace ward::bench {

struct IcapBenchOptions {
  std::size_t requests = 3000;     // of each kind
  std::size_t body_bytes = 10240;  // the prompt's text, before JSON
  std::filesystem::path clean_text;  // PHI-free text for the prompts (default bench/data/phi_free_clinical.txt)
};

struct Latency {
  std::size_t requests = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
};

struct IcapBenchResult {
  std::string machine;
  std::size_t body_bytes = 0;
  Latency not_watched, clean, with_phi;
  std::size_t blocked[3] = {0, 0, 0};  // answers that were the 403 page, by kind (in the order above)
  std::size_t lines_dropped = 0;       // lines of the clean text left out because the scanner flags them
};

Result<IcapBenchResult> run_icap_bench(const IcapBenchOptions& options);
std::string format_report(const IcapBenchResult& result);

}  // namespace ward::bench
