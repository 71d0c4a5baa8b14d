// `ward bench ingest [--events N]`: ingest throughput beside simdjson parse-only (bench/).
#include <fmt/format.h>

#include "bench/ingest_bench.h"
#include "cli/commands.h"

namespace ward::cli {

void add_bench_command(CLI::App& app, const GlobalOptions&, int& exit_code) {
  auto* bench = app.add_subcommand("bench", "measure Ward against baselines");
  bench->require_subcommand(1);
  auto* ingest = bench->add_subcommand("ingest", "FHIR AuditEvent NDJSON: parse-only vs normalise vs store");
  auto options = std::make_shared<ward::bench::IngestBenchOptions>();
  ingest->add_option("--events", options->events, "events to generate")->check(CLI::Range(1000, 100'000'000))->capture_default_str();
  ingest->add_option("--file", options->input, "use this NDJSON instead of generating one");
  ingest->add_option("--workdir", options->workdir, "scratch folder (default: the system temp dir)");
  ingest->add_option("--repeat", options->repeat, "runs per stage; the best is reported")->check(CLI::Range(1, 20))->capture_default_str();
  ingest->callback([&exit_code, options] {
    auto result = ward::bench::run_ingest_bench(*options);
    if (!result) { print_error(result.error()); exit_code = kExitFailure; return; }
    fmt::print("{}", ward::bench::format_report(*result));
    exit_code = kExitOk;
  });
}

}  // namespace ward::cli
