#include "ingest/import/importer.h"

#include <algorithm>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "core/file_reader.h"
#include "ingest/atna/atna_parser.h"
#include "ingest/csv/roster_csv.h"
#include "ingest/fhir/fhir_parser.h"
#include "ingest/hl7v2/hl7v2_parser.h"
#include "ingest/dns_log/dns_log_parser.h"
#include "ingest/squid/squid_parser.h"
#include "ingest/syslog/syslog_parser.h"
#include "ingest/zeek/zeek_parser.h"

namespace ward::ingest {
namespace {

namespace fs = std::filesystem;

// Files named on the command line are taken as they are; folders contribute their files in
// name order so runs are repeatable.
struct FoundFile {
  fs::path path;
  bool inside_folder = false;
  std::uint64_t size = 0;  // on disk, for progress
  bool directory_records = false;  // holds_directory_records, from the file's first bytes
};

// What the ordering looks at of each file before the import begins: enough to detect its
// format; a file taken for the wrong group is imported all the same, only earlier or later.
constexpr std::size_t kHeadBytes = 8 * 1024;

// Whether the file holds directory records, from its first bytes; a file that cannot be read
// or recognised, or is compressed, counts as events (it is reported when it is imported).
bool file_holds_directory_records(const fs::path& path, const ImportOptions& options) {
  std::ifstream in(path, std::ios::binary);
  std::string head(kHeadBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  if (is_gzip(head)) return false;
  InputFormat format = options.format;
  if (format == InputFormat::automatic) {
    auto detected = detect_format(head, options.csv_access);
    if (!detected) return false;
    format = *detected;
  }
  return holds_directory_records(format, head);
}

std::vector<FoundFile> expand(const std::vector<fs::path>& paths, std::vector<FileReport>& missing) {
  std::vector<FoundFile> files;
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> inside;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && !is_documentation_file(it->path())) inside.push_back(it->path());
      }
      std::sort(inside.begin(), inside.end());
      for (auto& f : inside) files.push_back({std::move(f), true});
    } else if (fs::exists(p, ec)) {
      files.push_back({p, false});
    } else {
      FileReport r;
      r.path = p;
      r.failure = Error{ErrorCode::io, "no such file or folder", p.string(), 0, 0, {}};
      missing.push_back(std::move(r));
    }
  }
  for (FoundFile& f : files) {
    std::error_code ec;
    auto size = fs::file_size(f.path, ec);
    f.size = ec ? 0 : size;
  }
  return files;
}

// Counts the records a sink receives so progress can be shown while one large file imports.
class CountingSink : public RecordSink {
 public:
  CountingSink(RecordSink& inner, std::function<void(std::uint64_t)> on_batch)
      : inner_(inner), on_batch_(std::move(on_batch)) {}
  Result<void> accept(ParsedRecords& records) override {
    for (const Rejection& r : records.rejections)
      if (first_rejections.size() < kMaxReportedRejections) first_rejections.push_back(r.error);
    std::uint64_t n = records.pending();
    auto r = inner_.accept(records);
    records_ += n;
    if (on_batch_) on_batch_(records_);
    return r;
  }
  std::vector<Error> first_rejections;

 private:
  RecordSink& inner_;
  std::function<void(std::uint64_t)> on_batch_;
  std::uint64_t records_ = 0;
};

Result<void> run_parser(InputFormat format, std::string_view data, ParseContext& ctx,
                        const ImportOptions& options) {
  switch (format) {
    case InputFormat::fhir: return parse_fhir(data, ctx);
    case InputFormat::hl7v2: return parse_hl7v2(data, ctx);
    case InputFormat::csv_access: return parse_csv_access(data, options.csv_access, ctx);
    case InputFormat::roster: return parse_roster_csv(data, ctx);
    case InputFormat::zeek: return parse_zeek(data, ctx);
    case InputFormat::squid: return parse_squid(data, ctx);
    case InputFormat::dns_log: return parse_dns_log(data, ctx);
    case InputFormat::syslog: return parse_syslog(data, ctx);
    case InputFormat::atna: return parse_atna(data, ctx);
    case InputFormat::json_lines: return parse_json_lines(data, options.json_lines, ctx);
    case InputFormat::automatic: break;
  }
  return fail(ErrorCode::internal, "no parser chosen");
}

}  // namespace

bool is_documentation_file(const fs::path& p) {
  std::string name = p.filename().string();
  if (name.empty() || name[0] == '.') return true;
  static constexpr std::string_view kSkip[] = {"MANIFEST", "README", "LICENSE", "SHA256SUMS"};
  return std::any_of(std::begin(kSkip), std::end(kSkip),
                     [&](std::string_view s) { return name.rfind(s, 0) == 0; });
}

bool holds_directory_records(InputFormat format, std::string_view head) {
  switch (format) {
    case InputFormat::roster:
    case InputFormat::hl7v2: return true;
    case InputFormat::fhir: return head.find("\"AuditEvent\"") == std::string_view::npos;
    default: return false;
  }
}

bool keeps_log_fields(InputFormat format) {
  return format == InputFormat::zeek || format == InputFormat::squid || format == InputFormat::dns_log ||
         format == InputFormat::syslog || format == InputFormat::json_lines;
}

Result<FileReport> import_buffer(std::string_view data, std::string source, RecordSink& sink,
                                 const ImportOptions& options,
                                 const std::function<void(std::uint64_t)>& on_batch) {
  FileReport report;
  report.path = source;
  report.summary.bytes = data.size();
  report.format = options.format;
  if (report.format == InputFormat::automatic) {
    auto detected = detect_format(data.substr(0, 64 * 1024), options.csv_access);
    if (!detected) {
      Error e = detected.error();
      e.source = source;
      report.failure = std::move(e);
      return report;
    }
    report.format = *detected;
  }
  // Parsing the next batch overlaps with storing the last one.
  PipelinedSink pipelined(sink);
  CountingSink counting(pipelined, on_batch);
  // The store's writer is the slower side: it gets a core, parsers share the others.
  ParseOptions parse = options.parse;
  if (options.keep_log_fields && keeps_log_fields(report.format)) parse.keep_fields = true;
  if (parse.threads == 0) parse.threads = std::max(2u, std::thread::hardware_concurrency()) - 1;
  ParseContext ctx(std::move(source), counting, parse);
  auto r = run_parser(report.format, data, ctx, options);
  if (auto flushed = ctx.flush(); r && !flushed) r = flushed;
  auto written = pipelined.finish();
  if (written) {
    ctx.count_duplicate_events(*written);
  } else if (r) {
    r = Unexpected(written.error());
  }
  report.summary.merge(ctx.summary());
  report.first_rejections = std::move(counting.first_rejections);
  if (!r) return Unexpected(r.error());
  return report;
}


Result<InputFormat> input_format_from(std::string_view name) {
  if (name == "auto") return InputFormat::automatic;
  if (name == "fhir") return InputFormat::fhir;
  if (name == "hl7v2") return InputFormat::hl7v2;
  if (name == "csv-access") return InputFormat::csv_access;
  if (name == "roster") return InputFormat::roster;
  if (name == "zeek") return InputFormat::zeek;
  if (name == "squid") return InputFormat::squid;
  if (name == "dns-log") return InputFormat::dns_log;
  if (name == "syslog") return InputFormat::syslog;
  if (name == "atna") return InputFormat::atna;
  if (name == "json-lines") return InputFormat::json_lines;
  return fail(ErrorCode::invalid_input,
              fmt::format("unknown format \"{}\" (use auto, fhir, hl7v2, csv-access, roster, zeek, "
                          "squid, dns-log, syslog, atna or json-lines)",
                          name),
              "format");
}

std::string_view to_string(InputFormat format) {
  switch (format) {
    case InputFormat::automatic: return "auto";
    case InputFormat::fhir: return "fhir";
    case InputFormat::hl7v2: return "hl7v2";
    case InputFormat::csv_access: return "csv-access";
    case InputFormat::roster: return "roster";
    case InputFormat::zeek: return "zeek";
    case InputFormat::squid: return "squid";
    case InputFormat::dns_log: return "dns-log";
    case InputFormat::syslog: return "syslog";
    case InputFormat::atna: return "atna";
    case InputFormat::json_lines: return "json-lines";
  }
  return "auto";
}

Result<InputFormat> detect_format(std::string_view head, const CsvAccessMapping& mapping) {
  if (looks_like_hl7v2(head)) return InputFormat::hl7v2;
  if (looks_like_fhir_json(head)) return InputFormat::fhir;
  if (looks_like_atna(head)) return InputFormat::atna;
  if (looks_like_zeek(head)) return InputFormat::zeek;
  if (looks_like_json_lines(head)) return InputFormat::json_lines;  // after FHIR NDJSON and Zeek JSON
  if (looks_like_squid(head)) return InputFormat::squid;
  if (looks_like_dns_log(head)) return InputFormat::dns_log;  // before syslog: may be inside it
  if (looks_like_syslog(head)) return InputFormat::syslog;
  if (looks_like_access_csv(head, mapping)) return InputFormat::csv_access;
  if (looks_like_roster_csv(head)) return InputFormat::roster;
  if (head.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return fail(ErrorCode::invalid_input, "the file is empty");
  return fail(ErrorCode::unsupported,
              "format not recognised: expected FHIR JSON/NDJSON, HL7 v2 (MSH…), an access-log CSV "
              "with the configured header, a roster CSV, a Zeek log, a squid access.log, a BIND "
              "or dnsmasq query log, syslog lines starting with <PRI>, IHE ATNA audit messages "
              "(<AuditMessage> XML), or JSON lines (one object per line); name it with --format");
}

Result<std::vector<FileReport>> import_paths(const std::vector<fs::path>& paths, RecordSink& sink,
                                             const ImportOptions& options,
                                             const ProgressCallback& progress) {
  std::vector<FileReport> reports;
  std::vector<FoundFile> files = expand(paths, reports);
  for (FoundFile& f : files) f.directory_records = file_holds_directory_records(f.path, options);
  const auto directory_end = std::stable_partition(files.begin(), files.end(),
                                                   [](const FoundFile& f) { return f.directory_records; });
  const auto before_events = static_cast<std::size_t>(directory_end - files.begin());
  ImportProgress state;
  state.file_count = files.size();
  for (const FoundFile& f : files) state.bytes_total += f.size;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i == before_events && options.before_event_files) options.before_event_files();
    const fs::path& path = files[i].path;
    state.file_index = i;
    state.file = &path;
    state.records_in_file = 0;
    if (progress) progress(state);
    auto data = read_input_file(path);
    if (!data) {
      FileReport r;
      r.path = path;
      r.failure = data.error();
      reports.push_back(std::move(r));
    } else {
      // What the parser has read leaves memory as it goes: a file of gigabytes is not resident whole.
      ImportOptions file_options = options;
      file_options.parse.release_input = [&bytes = *data](std::string_view read) { bytes.release(read); };
      auto report = import_buffer(data->view(), path.string(), sink, file_options, [&](std::uint64_t n) {
        state.records_in_file = n;
        if (progress) progress(state);
      });
      if (!report) return Unexpected(report.error());
      if (files[i].inside_folder && report->failure &&
          report->failure->code == ErrorCode::unsupported) {
        report->passed_over = true;
      }
      reports.push_back(std::move(*report));
    }
    state.bytes_done += files[i].size;
  }
  if (before_events == files.size() && options.before_event_files) options.before_event_files();
  state.file_index = files.size();
  state.file = nullptr;
  if (progress) progress(state);
  return reports;
}

}  // namespace ward::ingest
