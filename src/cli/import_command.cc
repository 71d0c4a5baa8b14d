// `ward import PATH… [--format auto|fhir|hl7v2|csv-access|roster|zeek|squid|dns-log|syslog|atna|json-lines]
// [--time-field NAME] [--privacy]`
#include <unistd.h>

#include <chrono>
#include <optional>

#include <fmt/format.h>

#include "cli/cli_audit.h"
#include "cli/commands.h"
#include "cli/privacy_summary.h"
#include "cli/ward_config.h"
#include "ingest/import/importer.h"
#include "privacy/engine.h"
#include "privacy_import/import_with_privacy.h"
#include "store/store.h"

namespace ward::cli {
namespace {

// A one-line progress display on a terminal, redrawn at most ten times a second.
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled), started_(std::chrono::steady_clock::now()) {}
  void update(const ingest::ImportProgress& p) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (p.file != nullptr && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - started_).count();
    total_ += p.records_in_file - std::min(p.records_in_file, last_records_);
    last_records_ = p.file ? p.records_in_file : 0;
    if (p.file == nullptr) {
      fmt::print(stderr, "\r\033[K");
      return;
    }
    // Parsers report records, not byte positions, so progress is by whole files plus the
    // running count and rate of the current one.
    double done_mb = static_cast<double>(p.bytes_done) / 1e6;
    double total_mb = static_cast<double>(p.bytes_total) / 1e6;
    fmt::print(stderr, "\r\033[K[file {}/{}, {:.0f} of {:.0f} MB done] {}  {} records  {:.0f} records/s",
               p.file_index + 1, p.file_count, done_mb, total_mb, p.file->filename().string(),
               p.records_in_file, seconds > 0 ? static_cast<double>(total_) / seconds : 0.0);
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point started_, last_{};
  std::uint64_t total_ = 0, last_records_ = 0;
};

// Says which files held events the store already had.
void print_duplicates(const std::vector<ingest::FileReport>& reports, std::uint64_t already_stored) {
  if (already_stored == 0) return;
  fmt::print("  {} duplicate event(s), already in the store, were not stored again:\n",
             already_stored);
  for (const auto& r : reports)
    if (std::uint64_t n = r.summary.duplicates(); n > 0) fmt::print("    {}: {}\n", r.path.string(), n);
}

int run_import(const GlobalOptions& global, const std::vector<std::string>& paths,
               const std::string& format_name, const std::string& time_field, bool quiet, bool with_privacy) {
  auto config = load_config(global.config_file, global.data_dir);
  if (!config) { print_error(config.error()); return kExitFailure; }
  auto format = ingest::input_format_from(format_name);
  if (!format) { print_error(format.error()); return kExitFailure; }
  config->import.format = *format;
  if (!time_field.empty()) config->import.json_lines.time_field = time_field;
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  // Live detection's first start in a store begins at its newest event and drops the source
  // fields kept before: in a store it has never run on, kept fields would never be read.
  auto detected_up_to = (*store)->detection_progress();
  if (!detected_up_to) { print_error(detected_up_to.error()); return kExitFailure; }
  if (!*detected_up_to) config->import.keep_log_fields = false;

  std::vector<std::filesystem::path> inputs(paths.begin(), paths.end());
  const bool show_progress = !quiet && isatty(STDERR_FILENO) != 0;
  ProgressLine progress(show_progress);
  privacy_import::ImportWithPrivacyOptions options;
  options.import = config->import;
  if (with_privacy) options.privacy = config->privacy;
  options.progress = [&](const ingest::ImportProgress& p) {
    progress.update(p);
    if (p.file == nullptr && show_progress)  // the files are in: what is left to do
      fmt::print(stderr, "\r\033[Kfinishing{}…", with_privacy ? " the privacy run" : "");
  };
  // Into an empty store the event indexes are built once at the end, and the privacy run goes
  // beside the import (src/privacy_import).
  privacy_import::ImportWithPrivacy imported = privacy_import::import_with_privacy(**store, inputs, options);
  if (show_progress) fmt::print(stderr, "\r\033[K");
  const double seconds = imported.total_seconds;
  auto& reports = imported.reports;
  std::optional<Result<privacy::PrivacyRunSummary>>& privacy_run = imported.privacy;
  if (!imported.indexes) {
    print_error(imported.indexes.error());
    fmt::print(stderr, "ward: the event indexes will be built when the store is next opened\n");
  }
  if (!reports) {
    print_error(reports.error());
    fmt::print(stderr, "ward: import stopped; batches committed before the failure are kept\n");
    return kExitFailure;
  }

  ingest::ImportSummary total;
  std::size_t failed_files = 0, passed_over = 0;
  for (const auto& r : *reports) {
    total.merge(r.summary);
    if (r.passed_over) {
      ++passed_over;
      fmt::print(stderr, "ward: {}: passed over, not a recognised input\n", r.path.string());
    } else if (r.failure) {
      ++failed_files;
      print_error(*r.failure);
    }
    for (const Error& e : r.first_rejections) fmt::print(stderr, "  rejected: {}\n", e.describe());
    for (const Error& e : r.summary.first_notes) fmt::print(stderr, "  note: {}\n", e.describe());
    if (r.summary.notes > r.summary.first_notes.size())
      fmt::print(stderr, "  … {} more notes like these in {}\n", r.summary.notes - r.summary.first_notes.size(),
                 r.path.string());
    if (r.summary.rejected() > r.first_rejections.size())
      fmt::print(stderr, "  … {} more rejected in {} (see GET /api/v1/quarantine)\n",
                 r.summary.rejected() - r.first_rejections.size(), r.path.string());
  }
  fmt::print("Imported {} file(s), {:.1f} MB in {:.2f} s{} into {}\n",
             reports->size() - failed_files - passed_over, static_cast<double>(total.bytes) / 1e6, seconds,
             privacy_run ? " (with the privacy run)" : "", global.data_dir.string());
  // Duplicates last: they are a part of the accepted, and scripts read the columns before them.
  fmt::print("  {:<24} {:>10} {:>10} {:>10} {:>10}\n", "type", "accepted", "rejected", "skipped",
             "duplicates");
  for (const auto& [type, c] : total.by_type)
    fmt::print("  {:<24} {:>10} {:>10} {:>10} {:>10}\n", type, c.accepted, c.rejected, c.skipped,
               c.duplicates);
  fmt::print("  {:<24} {:>10} {:>10} {:>10} {:>10}\n", "total", total.accepted(), total.rejected(),
             total.skipped(), total.duplicates());
  print_duplicates(*reports, total.duplicates());
  if (failed_files > 0) fmt::print("  {} file(s) could not be imported (see above)\n", failed_files);
  if (passed_over > 0) fmt::print("  {} file(s) in the folders were not recognised and passed over\n", passed_over);
  if (privacy_run) {
    if (!audit_command(**store, "ward import --privacy", "", privacy_run->has_value())) return kExitFailure;
    if (!*privacy_run) {
      print_error(privacy_run->error());
      fmt::print(stderr, "ward: the import is kept; run `ward privacy run` again\n");
      return kExitFailure;
    }
    print_privacy_summary(**privacy_run);
  }

  if (total.accepted() == 0 && (total.rejected() > 0 || failed_files > 0)) return kExitFailure;
  if (total.rejected() > 0 || failed_files > 0) return kExitPartial;
  return kExitOk;
}

}  // namespace

void add_import_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* cmd = app.add_subcommand("import", "import files or folders into the store");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>("auto");
  auto quiet = std::make_shared<bool>(false);
  auto time_field = std::make_shared<std::string>();
  cmd->add_option("paths", *paths, "files or folders (gzip is read as is)")->required();
  cmd->add_option("--format", *format,
                  "auto, fhir, hl7v2, csv-access, roster, zeek, squid, dns-log, syslog, atna or json-lines")
      ->check(CLI::IsMember({"auto", "fhir", "hl7v2", "csv-access", "roster", "zeek", "squid",
                                "dns-log", "syslog", "atna", "json-lines"}))
      ->capture_default_str();
  cmd->add_option("--time-field", *time_field,
                  "json-lines: the field with each event's time, a dotted path such as @timestamp or "
                  "Event.System.TimeCreated.#attributes.SystemTime (default: ingest.json_time_field, else "
                  "the usual fields in turn)");
  cmd->add_flag("--quiet", *quiet, "no progress display");
  auto with_privacy = std::make_shared<bool>(false);
  cmd->add_flag("--privacy", *with_privacy,
                "with the privacy engine's full run, as `ward privacy run`; into an empty store it runs beside "
                "the import, explaining the accesses as they are stored");
  cmd->footer("Exit status: 0 all imported, 3 some records rejected (the rest imported), 1 failure.");
  cmd->callback([&global, &exit_code, paths, format, time_field, quiet, with_privacy] {
    exit_code = run_import(global, *paths, *format, *time_field, *quiet, *with_privacy);
  });
}

}  // namespace ward::cli
