// `ward bench deid`: de-identification throughput on the demo hospital's HL7 v2 ADT feed and
// FHIR NDJSON (Patients, Encounters) under the built-in Safe Harbor policy (link codes from a
// vault in the scratch folder, as `ward deid` keeps them), on one thread: MB per CPU second of
// that thread, side by side in the same run with a parse-only pass over the same bytes —
// simdjson parsing every NDJSON line (the floor of any FHIR tool), and Ward's own HL7 v2 reader
// splitting and parsing every message (no HL7 v2 library is packaged for Debian). The ratio
// says what de-identifying costs over reading.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"

namespace ward::bench {

struct DeidBenchOptions {
  int patients = 20000;
  int days = 30;
  int users = 500;
  std::string workdir;  // "" = a temporary folder
  int repeat = 2;       // runs of each; the best is reported
};

struct DeidBenchFile {
  std::string name, format;
  std::uint64_t bytes = 0, records = 0;
  double deid_cpu_seconds = 0, deid_wall_seconds = 0;
  double baseline_cpu_seconds = 0;
  std::uint64_t changed = 0;  // values replaced
  std::string baseline;       // what the baseline is
};

struct DeidBenchResult {
  std::string machine;
  std::vector<DeidBenchFile> files;
};

Result<DeidBenchResult> run_deid_bench(const DeidBenchOptions& options);
std::string format_report(const DeidBenchResult& result);

}  // namespace ward::bench
