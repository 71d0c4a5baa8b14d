// `ward scan FILES… [--format text|json|sarif] [--input-format auto|text|hl7v2|fhir|csv] [--show]
// [--known FILE] [--min-confidence X]`: find PHI in text, HL7 v2, FHIR JSON, CSV, DICOM and PDF
// files, and flag image files (docs/phi.md). Exit status 1 when PHI is found, 0 when none, 2 when a file or record could not
// be scanned (unreadable, not UTF-8, too large, malformed); binary files are skipped with a note.
#include <optional>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/text_files.h"
#include "deid/dicom_deidentifier.h"
#include "deid/dicom_phi_scan.h"
#include "ocr/ocr.h"
#include "phi/formats/field_report_writers.h"
#include "phi/formats/image_files.h"
#include "phi/formats/pdf_text.h"
#include "phi/formats/structured_scan.h"
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
  std::string input_format = "auto";
  std::string known_file;
  double min_confidence = 0.5;
  bool show = false;
  bool no_ocr = false;
};

// Tesseract, made on first use (image files, PDF pages without text) unless --no-ocr; when its
// model is missing, said once and the scan goes on without it.
class LazyOcr {
 public:
  explicit LazyOcr(bool off) : off_(off) {}
  ocr::Ocr* get() {
    if (off_ || tried_) return ocr_ ? &*ocr_ : nullptr;
    tried_ = true;
    auto made = ocr::Ocr::make();
    if (!made) {
      fmt::print(stderr, "ward: {} — text in images is not read\n", made.error().message);
      return nullptr;
    }
    ocr_.emplace(std::move(*made));
    return &*ocr_;
  }

 private:
  bool off_;
  bool tried_ = false;
  std::optional<ocr::Ocr> ocr_;
};

// A text file: findings with line and column. Returns how many.
Result<std::size_t> scan_text_file(const phi::Scanner& scanner, phi::ScanScratch& scratch, const std::string& name,
                                   const std::string& text, const std::vector<phi::KnownValue>& known,
                                   const ScanCommandOptions& o, nlohmann::json& sarif_results) {
  auto findings = scanner.scan(text, scratch, known);
  if (!findings) return Unexpected(findings.error());
  if (o.format == "json") fmt::print("{}", phi::format_json_lines(name, text, *findings, o.show));
  else if (o.format == "sarif") phi::add_sarif_results(name, text, *findings, o.show, sarif_results);
  else fmt::print("{}", phi::format_text(name, text, *findings, o.show));
  return findings->size();
}

// Findings by field location, printed as asked; each bad record is reported (naming the file, its
// line and field) and sets `failed`. Returns how many findings.
std::size_t report_structured(const std::string& name, phi::StructuredScan& scanned, const ScanCommandOptions& o,
                              nlohmann::json& sarif_results, bool& failed) {
  for (Error& e : scanned.errors) {
    e.source = name;
    print_error(e);
    failed = true;
  }
  const auto& findings = scanned.findings;
  if (o.format == "json") fmt::print("{}", phi::format_field_json_lines(name, findings, o.show));
  else if (o.format == "sarif") phi::add_sarif_field_results(name, findings, o.show, sarif_results);
  else fmt::print("{}", phi::format_field_text(name, findings, o.show));
  return findings.size();
}

// An HL7 v2, FHIR or CSV file; the rest of the file is still scanned past a bad record.
Result<std::size_t> scan_structured_file(phi::InputFormat input, phi::FieldScanner& fields, const std::string& name,
                                         const std::string& text, const ScanCommandOptions& o,
                                         nlohmann::json& sarif_results, bool& failed) {
  auto scanned = phi::scan_structured(input, text, fields);
  if (!scanned) return Unexpected(scanned.error());
  return report_structured(name, *scanned, o, sarif_results, failed);
}

// A PDF: its pages' text, by page and line (phi/formats/pdf_text.h); pages without text are said.
Result<std::size_t> scan_pdf_file(phi::FieldScanner& fields, LazyOcr& ocr, const fs::path& path,
                                  const std::vector<phi::KnownValue>& known, const ScanCommandOptions& o,
                                  nlohmann::json& sarif_results, bool& failed) {
  auto bytes = read_file_bytes(path);
  if (!bytes) return Unexpected(bytes.error());
  auto text = phi::pdf_text(*bytes);
  if (!text) return Unexpected(text.error());
  std::size_t read_by_ocr = 0;  // pages without a text layer (scanned): drawn and read by OCR
  for (std::size_t p = 0; p < text->pages.size() && text->pages_without_text > 0; ++p) {
    if (!phi::blank_text(text->pages[p]) || ocr.get() == nullptr) continue;
    auto image = phi::render_pdf_page(*bytes, p, 300);
    if (!image) continue;
    auto read = ocr.get()->read(*image, 300);
    if (!read) continue;
    text->pages[p] = std::move(read->text);
    ++read_by_ocr;
  }
  if (read_by_ocr > 0)
    fmt::print(stderr, "ward: {}: {} of {} page(s) have no text layer: read by OCR\n", path.string(), read_by_ocr,
               text->pages.size());
  if (text->pages_without_text > read_by_ocr)
    fmt::print(stderr, "ward: {}: {} of {} page(s) have no text (scanned images?): not read\n", path.string(),
               text->pages_without_text - read_by_ocr, text->pages.size());
  auto scanned = phi::scan_pdf(*text, fields, known);
  if (!scanned) return Unexpected(scanned.error());
  return report_structured(path.string(), *scanned, o, sarif_results, failed);
}

// A DICOM file: its attributes, by keyword and tag (deid/dicom_phi_scan.h).
Result<std::size_t> scan_dicom(phi::FieldScanner& fields, LazyOcr& ocr, const fs::path& path, const ScanCommandOptions& o,
                               nlohmann::json& sarif_results, bool& failed) {
  auto scanned = deid::scan_dicom_file(path, fields, ocr.get());
  if (!scanned) return Unexpected(scanned.error());
  return report_structured(path.string(), *scanned, o, sarif_results, failed);
}

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
  auto fields = phi::FieldScanner::make(*scanner);
  if (!fields) { print_error(fields.error()); return kExitScanError; }
  LazyOcr ocr(o.no_ocr);

  bool failed = false;
  std::size_t total = 0, files = 0, skipped = 0;
  nlohmann::json sarif_results = nlohmann::json::array();
  for (const InputFile& file : input_files(o.inputs)) {
    const fs::path& path = file.path;
    const std::string head = file_head(path);
    // DICOM first: its 128-byte preamble may make it a TIFF too (PS3.10 7.5).
    if (o.input_format == "auto" && deid::looks_like_dicom(head, path)) {
      Result<std::size_t> found = fail(ErrorCode::internal, "not scanned");
      try {
        found = scan_dicom(*fields, ocr, path, o, sarif_results, failed);
      } catch (const std::exception& e) {
        found = fail(ErrorCode::internal, std::string("scan failed: ") + e.what());
      }
      if (!found) {
        Error e = found.error();
        e.source = path.string();
        print_error(e);
        failed = true;
        continue;
      }
      ++files;
      total += *found;
      continue;
    }
    if (phi::looks_like_pdf(head)) {
      Result<std::size_t> found = scan_pdf_file(*fields, ocr, path, known, o, sarif_results, failed);
      if (!found) {
        Error e = found.error();
        e.source = path.string();
        print_error(e);
        failed = true;
        continue;
      }
      ++files;
      total += *found;
      continue;
    }
    if (const std::string_view image = phi::image_format(head); !image.empty()) {
      phi::StructuredScan scanned;
      scanned.findings.push_back(phi::image_finding(image));
      if (ocr::Ocr* reader = ocr.get()) {  // text in the image: a screenshot, a photographed form
        auto bytes = read_file_bytes(path);
        auto read = bytes ? reader->read_image_file(*bytes) : Result<ocr::OcrText>(Unexpected(bytes.error()));
        if (!read) fmt::print(stderr, "ward: {}: the text in the image is not read: {}\n", path.string(), read.error().message);
        else if (auto ok = fields->scan_text(read->text, known, phi::FieldPlace{"image text (OCR)", 0}, scanned.findings); !ok)
          return (print_error(ok.error()), kExitScanError);
      }
      ++files;
      total += report_structured(path.string(), scanned, o, sarif_results, failed);
      continue;
    }
    bool binary = false;
    auto text = read_text_file(path, binary);
    if (!text) { print_error(text.error()); failed = true; continue; }
    if (binary) {
      fmt::print(stderr, "ward: {}: skipped: binary file (NUL bytes)\n", path.string());
      ++skipped;
      continue;
    }
    const phi::InputFormat input = o.input_format == "auto"
                                       ? phi::detect_input_format(path.string(), std::string_view(*text).substr(0, 4096))
                                       : *phi::input_format_from(o.input_format);
    const std::string name = path.string();
    Result<std::size_t> found = fail(ErrorCode::internal, "not scanned");
    try {  // the last catch for this file (e.g. out of memory); the rest go on
      found = input == phi::InputFormat::text ? scan_text_file(*scanner, *scratch, name, *text, known, o, sarif_results)
                                              : scan_structured_file(input, *fields, name, *text, o, sarif_results, failed);
    } catch (const std::exception& e) {
      found = fail(ErrorCode::internal, std::string("scan failed: ") + e.what());
    }
    if (!found) {
      Error e = found.error();
      e.source = name;
      print_error(e);
      failed = true;
      continue;
    }
    ++files;
    total += *found;
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
  auto* scan = app.add_subcommand("scan", "find PHI (HIPAA Safe Harbor identifiers) in text, HL7 v2, FHIR, CSV, DICOM and PDF files; exit 1 when found");
  scan->add_option("files", o->inputs, "files (text, HL7 v2, FHIR JSON/NDJSON, CSV, DICOM, PDF; images are flagged) or folders")->required();
  scan->add_option("--format", o->format, "text, json (one object per line) or sarif (2.1.0)")
      ->check(CLI::IsMember({"text", "json", "sarif"}))->capture_default_str();
  scan->add_option("--input-format", o->input_format,
                   "auto (by extension and content), text, hl7v2, fhir (JSON, NDJSON) or csv")
      ->check(CLI::IsMember({"auto", "text", "hl7v2", "fhir", "csv"}))->capture_default_str();
  scan->add_flag("--show", o->show, "print the matched PHI itself (masked by default)");
  scan->add_flag("--no-ocr", o->no_ocr, "do not read the text in image files and in PDF pages without a text layer (OCR)");
  scan->add_option("--known", o->known_file, "this record's own values, one 'type<TAB>value' a line (name, mrn, geography, …)");
  scan->add_option("--min-confidence", o->min_confidence, "report findings at or above this confidence")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  scan->callback([&exit_code, o] { exit_code = run_scan(*o); });
}

}  // namespace ward::cli
