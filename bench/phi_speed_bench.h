// `ward bench phi-speed`: how fast the PHI scanner reads text — on generated clinical notes
// (≥ 200 MB; one line in five carries PHI: names, MRNs, dates, phones, addresses, SSNs, e-mails),
// one core, side by side in the same run with ripgrep (`rg --no-unicode -j1 --count-matches`: every match, as the scanner needs) searching the
// same file for the same pattern set (the scanner's own table, written out for it). Reported:
// MB/s of Hyperscan's detection pass alone (the like-for-like with ripgrep) and of the whole
// pipeline (validators, context, dictionaries of names and places, overlaps), and their ratios,
// per wall second and per CPU second (per core: what other work on the machine does not move).
#pragma once

#include <cstddef>
#include <string>

#include "core/error.h"

namespace ward::bench {

struct PhiSpeedOptions {
  std::size_t megabytes = 200;
  std::string workdir;       // kept when given; else a temporary folder
  std::string ripgrep = "rg";
  int repeat = 2;            // runs of each; the best is reported
};

struct PhiSpeedResult {
  std::string machine;
  std::size_t bytes = 0, lines = 0;
  // Wall seconds, and CPU seconds (user + system: of this thread for Ward, of the child for ripgrep).
  double detection_seconds = 0, pipeline_seconds = 0, ripgrep_seconds = 0;
  double detection_cpu = 0, pipeline_cpu = 0, ripgrep_cpu = 0;
  double native_detection_seconds = 0;  // the detection pass with a database tuned for this CPU
  std::size_t candidates = 0, findings = 0, ripgrep_matches = 0;
  std::size_t patterns = 0;
  double mb_per_s(double seconds) const { return seconds <= 0 ? 0 : static_cast<double>(bytes) / 1e6 / seconds; }
};

Result<PhiSpeedResult> run_phi_speed_bench(const PhiSpeedOptions& options);
std::string format_report(const PhiSpeedResult& result);

}  // namespace ward::bench
