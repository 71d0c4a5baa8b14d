// `ward scan FILES… [--format text|json|sarif] [--show] [--known FILE] [--min-confidence X]`:
// find PHI in text files (docs/phi.md). Exit status 1 when PHI is found, 0 when none, 2 when a
// file could not be scanned (unreadable, not UTF-8, too large); binary files are skipped with a note.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/text_files.h"
#include "phi/known_phi.h"
#include "phi/report_writers.h"
#include "phi/scanner.h"

namespace ward::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kExitPhiFound = 1;
constexpr int kExitScanError = 2;

struct ScanCommandOptions {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string known_file;
  double min_confidence = 0.5;
  bool show = false;
};

int run_scan(const ScanCommandOptions& o) {
  std::vector<phi::KnownValue> known;
  if (!o.known_file.empty()) {
    bool binary = false;
    auto text = read_text_file(o.known_file, binary);
    if (!text) { print_error(text.error()); return kExitScanError; }
    auto parsed = phi::parse_known_values(*text);
    if (!parsed) {
      Error e = parsed.error();
      e.source = o.known_file;
      print_error(e);
      return kExitScanError;
    }
    known = std::move(*parsed);
  }
  auto scanner = phi::Scanner::build(phi::ScanOptions{.min_confidence = o.min_confidence});
  if (!scanner) { print_error(scanner.error()); return kExitScanError; }
  auto scratch = phi::ScanScratch::make(*scanner);
  if (!scratch) { print_error(scratch.error()); return kExitScanError; }

  bool failed = false;
  std::size_t total = 0, files = 0, skipped = 0;
  nlohmann::json sarif_results = nlohmann::json::array();
  for (const InputFile& input : input_files(o.inputs)) {
    const fs::path& path = input.path;
    bool binary = false;
    auto text = read_text_file(path, binary);
    if (!text) { print_error(text.error()); failed = true; continue; }
    if (binary) {
      fmt::print(stderr, "ward: {}: skipped: binary file (NUL bytes)\n", path.string());
      ++skipped;
      continue;
    }
    Result<std::vector<phi::Finding>> findings = fail(ErrorCode::internal, "not scanned");
    try {
      findings = scanner->scan(*text, *scratch, known);
    } catch (const std::exception& e) {  // the last catch for this file (e.g. out of memory); the rest go on
      findings = fail(ErrorCode::internal, std::string("scan failed: ") + e.what());
    }
    if (!findings) {
      Error e = findings.error();
      e.source = path.string();
      print_error(e);
      failed = true;
      continue;
    }
    ++files;
    total += findings->size();
    const std::string name = path.string();
    if (o.format == "json") fmt::print("{}", phi::format_json_lines(name, *text, *findings, o.show));
    else if (o.format == "sarif") phi::add_sarif_results(name, *text, *findings, o.show, sarif_results);
    else fmt::print("{}", phi::format_text(name, *text, *findings, o.show));
  }
  if (o.format == "sarif") fmt::print("{}\n", phi::sarif_log(std::move(sarif_results), "0.1.0").dump(2));
  if (o.format == "text")
    fmt::print(stderr, "{} finding(s) in {} file(s) scanned{}\n", total, files,
               skipped == 0 ? "" : fmt::format(", {} skipped", skipped));
  if (failed) return kExitScanError;
  return total > 0 ? kExitPhiFound : kExitOk;
}

}  // namespace

void add_scan_command(CLI::App& app, const GlobalOptions&, int& exit_code) {
  auto o = std::make_shared<ScanCommandOptions>();
  auto* scan = app.add_subcommand("scan", "find PHI (HIPAA Safe Harbor identifiers) in text files; exit 1 when found");
  scan->add_option("files", o->inputs, "text files or folders")->required();
  scan->add_option("--format", o->format, "text, json (one object per line) or sarif (2.1.0)")
      ->check(CLI::IsMember({"text", "json", "sarif"}))->capture_default_str();
  scan->add_flag("--show", o->show, "print the matched PHI itself (masked by default)");
  scan->add_option("--known", o->known_file, "this record's own values, one 'type<TAB>value' a line (name, mrn, geography, …)");
  scan->add_option("--min-confidence", o->min_confidence, "report findings at or above this confidence")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  scan->callback([&exit_code, o] { exit_code = run_scan(*o); });
}

}  // namespace ward::cli
