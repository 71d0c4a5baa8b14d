// `ward bench ingest`: how fast Ward ingests FHIR AuditEvent NDJSON, measured beside simdjson
// parsing the same bytes and nothing more, in the same run, so the figures are ratios that
// travel between machines. Stages: (a) simdjson parse-only, (b) parse + normalise to Events
// (the core, the raw record and so the flat field view on demand), (c) parse + normalise +
// commit to a fresh SQLite store. (b) is also run with the core only and with the field view
// built for every event while parsing, to show what each costs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/error.h"

namespace ward::bench {

struct IngestBenchOptions {
  std::uint64_t events = 1'000'000;
  std::string input;     // an existing NDJSON file; "" = generate `events` BALP AuditEvents
  std::string workdir;   // scratch folder; "" = a new folder in the system temp dir
  int repeat = 3;        // runs per stage; the best (fastest) is reported
};

struct StageResult {
  double seconds = 0;
  std::uint64_t events = 0;
  double events_per_second() const { return seconds > 0 ? static_cast<double>(events) / seconds : 0; }
};

struct IngestBenchResult {
  std::string machine;   // CPU model and cores
  std::uint64_t bytes = 0;
  StageResult parse_only;
  StageResult normalise;            // core + raw record: the field view read on demand
  StageResult normalise_core_only;  // core, no raw, no field view
  StageResult normalise_eager;      // core + every field flattened while parsing
  StageResult store;
};

Result<IngestBenchResult> run_ingest_bench(const IngestBenchOptions& options);
std::string format_report(const IngestBenchResult& result);

}  // namespace ward::bench
