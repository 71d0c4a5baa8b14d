// `ward import`: reads files and folders, picks each file's format (from its content when
// asked for auto), runs the format's parser into a RecordSink (the store) and adds up what was
// accepted, rejected and skipped per record type, and the duplicate events the store reported.
// A file that cannot be read or recognised is reported and the other files go on. Start here to
// add an input format.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ingest/csv/csv_access.h"
#include "ingest/json_lines/json_lines_parser.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

enum class InputFormat { automatic, fhir, hl7v2, csv_access, roster, zeek, squid, dns_log,
                         syslog, atna, json_lines };

// "auto", "fhir", "hl7v2", "csv-access", "roster", "zeek", "squid", "dns-log",
// "syslog", "atna", "json-lines"; anything else is an error naming the choices.
Result<InputFormat> input_format_from(std::string_view name);
std::string_view to_string(InputFormat format);

// The format of a file from its first bytes; csv_access uses `mapping` to recognise its header.
// An unrecognisable head is ErrorCode::unsupported with a message saying what was expected.
Result<InputFormat> detect_format(std::string_view head, const CsvAccessMapping& mapping);

struct ImportOptions {
  InputFormat format = InputFormat::automatic;
  ParseOptions parse;
  CsvAccessMapping csv_access;
  JsonLinesOptions json_lines;  // the time field (--time-field, ingest.json_time_field)
  // Keep the source fields of security logs (keeps_log_fields) whatever parse.keep_fields says:
  // Sigma rules read them (Zeek's `query`, squid's `url`…), and the store keeps them for live
  // detection. EHR inputs, the bulk of a hospital's events, follow parse.keep_fields: their
  // rules read the event core (docs/benchmarks.md, "Source fields kept by ward import").
  bool keep_log_fields = true;
  // import_paths takes the files of directory records (holds_directory_records) first; this is
  // called once after them, before the first of the others (`ward import --privacy` starts its
  // run there).
  std::function<void()> before_event_files;
};

// Whether a file in `format`, beginning with `head`, holds the directory's records — people and
// visits: a roster, HL7 v2 (ADT), FHIR without AuditEvents — rather than events: an import takes
// these first, so the accesses that follow are explained against them.
bool holds_directory_records(InputFormat format, std::string_view head);

// Whether events of `format` are security logs whose source fields rules read: zeek, squid,
// dns-log, syslog (and the ATNA messages a syslog file carries), json-lines (the line itself).
bool keeps_log_fields(InputFormat format);

// What happened to one file.
struct FileReport {
  std::filesystem::path path;
  InputFormat format = InputFormat::automatic;
  ImportSummary summary;
  std::optional<Error> failure;  // the file as a whole could not be imported
  // A file found inside a folder whose format is not recognised is passed over, not failed:
  // folders hold READMEs and notes. A file named on the command line fails instead.
  bool passed_over = false;
  std::vector<Error> first_rejections;  // the first kMaxReportedRejections, for the summary
};
inline constexpr std::size_t kMaxReportedRejections = 10;

// Called after each file, and after every batch handed to the sink (for progress display).
struct ImportProgress {
  std::size_t file_index = 0, file_count = 0;
  const std::filesystem::path* file = nullptr;
  std::uint64_t records_in_file = 0;
  std::uint64_t bytes_done = 0, bytes_total = 0;  // whole files finished / all files
};
using ProgressCallback = std::function<void(const ImportProgress&)>;

// Whether a file found in a folder is left out: hidden files, MANIFEST*, README*, LICENSE*,
// SHA256SUMS* (also `ward detect`'s folder listing).
bool is_documentation_file(const std::filesystem::path& p);

// Expands folders (recursively; hidden files, MANIFEST/README/LICENSE/SHA256SUMS are skipped),
// imports every file into `sink` — the directory's files first, then the others, each group in
// the order named (a folder's files in name order) — and returns one report per file. The result is an error only
// when the sink (store) fails, which stops the import.
Result<std::vector<FileReport>> import_paths(const std::vector<std::filesystem::path>& paths,
                                             RecordSink& sink, const ImportOptions& options,
                                             const ProgressCallback& progress = {});

// Imports one in-memory input (already read) named `source`; `on_batch` is told the records
// handed to the sink so far, after each batch.
Result<FileReport> import_buffer(std::string_view data, std::string source, RecordSink& sink,
                                 const ImportOptions& options,
                                 const std::function<void(std::uint64_t)>& on_batch = {});

}  // namespace ward::ingest
