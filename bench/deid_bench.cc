#include "bench/deid_bench.h"

#include <chrono>
#include <filesystem>

#include <fmt/format.h>
#include <simdjson.h>

#include "bench/cpu_time.h"
#include "bench/json_baseline.h"
#include "bench/machine.h"
#include "bench/scratch_dir.h"
#include "core/file_reader.h"
#include "deid/linker.h"
#include "deid/policy.h"
#include "deid/structured_deidentifier.h"
#include "deid/text_deidentifier.h"
#include "demo/hospital_generator.h"
#include "ingest/hl7v2/hl7v2_message.h"
#include "ingest/hl7v2/hl7v2_stream.h"
#include "phi/scanner.h"

namespace ward::bench {
namespace fs = std::filesystem;
namespace {

struct Timed {
  double cpu = 0, wall = 0;
};

// The best (least CPU) of `repeat` runs of f, which returns an error or nothing.
template <class F>
Result<Timed> best_of(int repeat, F&& f) {
  Timed best{1e300, 0};
  for (int i = 0; i < repeat; ++i) {
    const double cpu = thread_cpu_seconds();
    const auto wall = std::chrono::steady_clock::now();
    if (auto r = f(i); !r) return Unexpected(r.error());
    const double spent = thread_cpu_seconds() - cpu;
    if (spent < best.cpu) best = {spent, std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count()};
  }
  return best;
}

Result<std::uint64_t> parse_hl7v2_messages(std::string_view data) {
  std::uint64_t messages = 0;
  ingest::Hl7v2Splitter splitter(data);
  ingest::Hl7v2Chunk chunk;
  while (splitter.next(chunk)) {
    if (!chunk.is_message) continue;
    auto m = ingest::Hl7v2Message::parse(chunk.text);
    if (!m) return Unexpected(m.error());
    ++messages;
  }
  return messages;
}

Result<std::uint64_t> parse_ndjson(std::string_view data) {
  const simdjson::padded_string padded(data);
  simdjson::dom::parser parser;
  return parse_every_document(parser, padded);
}

}  // namespace

Result<DeidBenchResult> run_deid_bench(const DeidBenchOptions& options) {
  DeidBenchResult result;
  result.machine = machine_description();
  const ScratchDir scratch_dir(options.workdir, "ward-deid-bench");
  if (auto r = scratch_dir.ready(); !r) return Unexpected(r.error());
  const fs::path& workdir = scratch_dir.path();
  std::error_code ec;
  fs::remove_all(workdir / "hospital", ec);
  auto files = demo::generate_hospital(
      {.users = options.users, .patients = options.patients, .days = options.days, .seed = 42}, workdir / "hospital");
  if (!files) return Unexpected(files.error());

  const deid::Policy policy = deid::safe_harbor_policy();
  auto scanner = phi::Scanner::build(phi::ScanOptions{.min_confidence = policy.min_confidence});
  if (!scanner) return Unexpected(scanner.error());
  auto scratch = phi::ScanScratch::make(*scanner);
  if (!scratch) return Unexpected(scratch.error());

  struct Input {
    const char* name;
    phi::InputFormat format;
  };
  int vaults = 0;
  for (const Input input : {Input{"adt.hl7", phi::InputFormat::hl7v2}, Input{"patients.ndjson", phi::InputFormat::fhir},
                            Input{"encounters.ndjson", phi::InputFormat::fhir}}) {
    auto data = read_input_file(workdir / "hospital" / input.name);
    if (!data) return Unexpected(data.error());
    DeidBenchFile file;
    file.name = input.name;
    file.format = input.format == phi::InputFormat::hl7v2 ? "HL7 v2" : "FHIR NDJSON";
    file.bytes = data->size();
    // Each run with a new vault, as a first export is: every code is drawn and stored.
    auto deid = best_of(options.repeat, [&](int) -> Result<void> {
      auto vault = deid::VaultLinker::open(workdir / fmt::format("vault-{}.db", vaults++));
      if (!vault) return Unexpected(vault.error());
      deid::TextDeidentifier deidentifier(policy, *scanner, **vault);
      auto done = deid::deidentify_format(input.format, data->view(), deidentifier, *scratch, input.name);
      if (!done) return Unexpected(done.error());
      file.changed = done->changed.total();
      return (*vault)->commit();
    });
    if (!deid) return Unexpected(deid.error());
    file.deid_cpu_seconds = deid->cpu;
    file.deid_wall_seconds = deid->wall;
    auto baseline = best_of(options.repeat, [&](int) -> Result<void> {
      auto n = input.format == phi::InputFormat::hl7v2 ? parse_hl7v2_messages(data->view()) : parse_ndjson(data->view());
      if (!n) return Unexpected(n.error());
      file.records = *n;
      return {};
    });
    if (!baseline) return Unexpected(baseline.error());
    file.baseline_cpu_seconds = baseline->cpu;
    file.baseline = input.format == phi::InputFormat::hl7v2 ? "Ward's HL7 v2 reader, parse only" : "simdjson, parse only";
    result.files.push_back(std::move(file));
  }
  return result;
}

std::string format_report(const DeidBenchResult& r) {
  auto mb_per_s = [](std::uint64_t bytes, double seconds) {
    return seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0;
  };
  std::string out = fmt::format(
      "ward bench deid — {} — Safe Harbor policy, one thread, MB per CPU second (best of the runs)\n", r.machine);
  out += fmt::format("  {:<18} {:<12} {:>8} {:>9} {:>9} {:>10} {:>11}  {}\n", "file", "format", "MB", "records",
                     "changed", "de-id MB/s", "parse MB/s", "ratio (parse-only baseline)");
  for (const DeidBenchFile& f : r.files) {
    const double deid = mb_per_s(f.bytes, f.deid_cpu_seconds), parse = mb_per_s(f.bytes, f.baseline_cpu_seconds);
    out += fmt::format("  {:<18} {:<12} {:>8.1f} {:>9} {:>9} {:>10.1f} {:>11.1f}  {:.3f} ({})\n", f.name, f.format,
                       static_cast<double>(f.bytes) / 1e6, f.records, f.changed, deid, parse,
                       parse > 0 ? deid / parse : 0.0, f.baseline);
  }
  return out;
}

}  // namespace ward::bench
