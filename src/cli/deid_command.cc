// `ward deid --policy safe-harbor|FILE IN… --out DIR [--key FILE] [--vault FILE] [--known FILE]
// [--dicom-option NAME…] [--dicom-filters FILE] [--input-format auto|text|hl7v2|fhir|csv]`: de-identifies text, HL7 v2,
// FHIR JSON, CSV and DICOM files into DIR (docs/deid.md) and says what changed. A file that cannot be de-identified (unreadable, binary but not DICOM, not UTF-8)
// is refused and not written: no input is ever passed through unchanged. Exit status 0, or 2
// when a file was refused.
#include <algorithm>
#include <array>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/text_files.h"
#include "deid/dicom_deidentifier.h"
#include "deid/linker.h"
#include "deid/policy.h"
#include "deid/structured_deidentifier.h"
#include "deid/text_deidentifier.h"
#include "phi/formats/image_files.h"
#include "phi/formats/input_format.h"
#include "phi/known_phi.h"
#include "phi/scanner.h"

namespace ward::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kExitRefused = 2;

struct DeidCommandOptions {
  std::vector<std::string> inputs;
  std::string policy = "safe-harbor";
  std::string out;
  std::string key_file;    // default <data>/deid.key
  std::string vault_file;  // default <data>/deid-vault.db
  std::string known_file;
  std::vector<std::string> dicom_options;
  std::string dicom_filters;  // a pydicom deid recipe whose %filter rules replace the built-in ones
  std::string input_format = "auto";
};

// The DICOM options asked for; under Safe Harbor only the cleaning ones (the others keep dates,
// UIDs, device serials or patient characteristics, which Safe Harbor removes).
Result<std::set<deid::DicomOption>> dicom_options(const std::vector<std::string>& names, const deid::Policy& policy) {
  std::set<deid::DicomOption> out;
  for (const std::string& name : names) {
    auto o = deid::dicom_option_from(name);
    if (!o) {
      Error e = o.error();
      e.field = "--dicom-option";
      return Unexpected(e);
    }
    const bool cleaning = *o == deid::DicomOption::clean_descriptors || *o == deid::DicomOption::clean_structured_content ||
                          *o == deid::DicomOption::clean_graphics || *o == deid::DicomOption::clean_pixels;
    if (policy.basis == deid::Basis::safe_harbor && !cleaning)
      return fail(ErrorCode::config, fmt::format("--dicom-option {}: keeps identifiers Safe Harbor removes; use a policy with "
                                                 "basis expert-determination or limited-data-set", name));
    out.insert(*o);
  }
  if (out.count(deid::DicomOption::retain_longitudinal_dates) && out.count(deid::DicomOption::retain_longitudinal_full_dates))
    return fail(ErrorCode::config, "--dicom-option: retain-longitudinal-dates shifts the dates and retain-longitudinal-full-dates "
                                   "keeps them; choose one", "--dicom-option");
  return out;
}

// The pixel filter rules: the built-in ones, or those of a pydicom deid recipe file.
Result<deid::PixelFilters> pixel_filters(const std::string& file) {
  if (file.empty()) return deid::PixelFilters::builtin();
  bool binary = false;
  auto text = read_text_file(file, binary);
  if (!text) return Unexpected(text.error());
  if (binary) return Unexpected(Error{ErrorCode::invalid_input, "a binary file, not a deid recipe", file});
  return deid::PixelFilters::parse(*text, file);
}

bool inside(const fs::path& path, const fs::path& folder) {
  const fs::path p = fs::weakly_canonical(path), f = fs::weakly_canonical(folder);
  auto [end, rest] = std::mismatch(f.begin(), f.end(), p.begin(), p.end());
  return end == f.end();
}

// Where the output must not go, and where the secrets must not: the first problem.
Result<void> check_places(const DeidCommandOptions& o, const fs::path& secret) {
  for (const std::string& input : o.inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec) && inside(o.out, input))
      return fail(ErrorCode::config, fmt::format("--out {} is inside the input folder {}: choose a folder outside it", o.out, input));
    if (!fs::is_directory(input, ec) && fs::weakly_canonical(input).parent_path() == fs::weakly_canonical(o.out))
      return fail(ErrorCode::config, fmt::format("--out {} holds the input {}: choose another folder", o.out, input));
  }
  if (inside(secret, o.out))
    return fail(ErrorCode::config, fmt::format("{} (the key or vault) must not be inside the output folder {}", secret.string(), o.out));
  return {};
}

Result<std::unique_ptr<deid::Linker>> make_linker(const deid::Policy& policy, const DeidCommandOptions& o,
                                                  const GlobalOptions& global) {
  const fs::path secret = policy.keyed() ? (o.key_file.empty() ? global.data_dir / "deid.key" : fs::path(o.key_file))
                                         : (o.vault_file.empty() ? global.data_dir / "deid-vault.db" : fs::path(o.vault_file));
  if (auto ok = check_places(o, secret); !ok) return Unexpected(ok.error());
  std::error_code ec;
  if (!secret.parent_path().empty() && !fs::exists(secret.parent_path(), ec)) {
    fs::create_directories(secret.parent_path(), ec);
    if (ec) return Unexpected(Error{ErrorCode::io, "cannot create: " + ec.message(), secret.parent_path().string()});
    fs::permissions(secret.parent_path(), fs::perms::owner_all, ec);
  }
  if (policy.keyed()) {
    auto key = deid::load_or_create_key(secret);
    if (!key) return Unexpected(key.error());
    return std::unique_ptr<deid::Linker>(std::make_unique<deid::KeyedLinker>(*key));
  }
  auto vault = deid::VaultLinker::open(secret);
  if (!vault) return Unexpected(vault.error());
  return std::unique_ptr<deid::Linker>(std::move(*vault));
}

int run_deid(const DeidCommandOptions& o, const GlobalOptions& global) {
  auto policy = deid::load_policy(o.policy);
  if (!policy) { print_error(policy.error()); return kExitFailure; }
  std::vector<phi::KnownValue> known;
  if (!o.known_file.empty()) {
    bool binary = false;
    auto text = read_text_file(o.known_file, binary);
    if (!text) { print_error(text.error()); return kExitFailure; }
    auto parsed = phi::parse_known_values(*text);
    if (!parsed) {
      Error e = parsed.error();
      e.source = o.known_file;
      print_error(e);
      return kExitFailure;
    }
    known = std::move(*parsed);
  }
  auto linker = make_linker(*policy, o, global);
  if (!linker) { print_error(linker.error()); return kExitFailure; }
  auto scanner = phi::Scanner::build(phi::ScanOptions{.min_confidence = policy->min_confidence});
  if (!scanner) { print_error(scanner.error()); return kExitFailure; }
  auto scratch = phi::ScanScratch::make(*scanner);
  if (!scratch) { print_error(scratch.error()); return kExitFailure; }
  deid::TextDeidentifier deidentifier(*policy, *scanner, **linker);
  auto options = dicom_options(o.dicom_options, *policy);
  if (!options) { print_error(options.error()); return kExitFailure; }
  auto filters = pixel_filters(o.dicom_filters);
  if (!filters) { print_error(filters.error()); return kExitFailure; }
  deid::DicomDeidentifier dicom(deid::ConfidentialityProfile::annex_e(), *options, deidentifier, *scratch, *filters);
  deid::DicomReport dicom_total;
  std::size_t dicom_files = 0;
  nlohmann::json pixel_review = nlohmann::json::array(), pixel_cleaned = nlohmann::json::array();

  // One patient per file unless --known names the record (its MRN, else its name).
  std::string known_record;
  for (const phi::KnownValue& k : known)
    if (k.type == phi::PhiType::mrn || (known_record.empty() && k.type == phi::PhiType::name)) known_record = k.value;

  deid::ChangeCounts changed;
  std::array<std::size_t, 4> files_by_format{};  // by phi::InputFormat
  std::size_t written = 0;
  nlohmann::json refused = nlohmann::json::array();
  for (const InputFile& input : input_files(o.inputs)) {
    auto refuse = [&](const Error& e) {
      print_error(e);
      refused.push_back({{"file", input.path.string()}, {"reason", e.message}});
    };
    const std::string head = file_head(input.path);
    if (deid::looks_like_dicom(head, input.path)) {  // before images: a DICOM preamble may read as TIFF
      Result<deid::DicomReport> report = fail(ErrorCode::internal, "not de-identified");
      try {
        report = dicom.deidentify_file(input.path, fs::path(o.out) / input.relative);
      } catch (const std::exception& e) {
        report = fail(ErrorCode::internal, std::string("DICOM de-identification failed: ") + e.what());
      }
      if (!report) {
        std::error_code ec;
        fs::remove(fs::path(o.out) / input.relative, ec);  // nothing half-done is left behind
        Error e = report.error();
        if (e.source.empty()) e.source = input.path.string();
        refuse(e);
        continue;
      }
      ++written;
      ++dicom_files;
      dicom_total += *report;
      if (!report->pixel_cleaned.empty()) {
        fmt::print(stderr, "ward: {}: burned-in text blanked: {}\n", input.path.string(), report->pixel_cleaned);
        pixel_cleaned.push_back({{"file", input.relative.string()}, {"cleaned", report->pixel_cleaned}});
      }
      if (report->pixel_review) {
        fmt::print(stderr, "ward: {}: check the pixels before sharing: {}{}\n", input.path.string(), report->pixel_reason,
                   report->pixel_cleaned.empty() ? " (pixel data is not changed)" : "");
        pixel_review.push_back({{"file", input.relative.string()}, {"reason", report->pixel_reason}});
      }
      continue;
    }
    if (const std::string_view image = phi::image_format(head); !image.empty()) {
      refuse(Error{ErrorCode::unsupported,
                   fmt::format("a {} image: it may be a full-face photograph, which Safe Harbor removes; not written", image),
                   input.path.string()});
      continue;
    }
    bool binary = false;
    auto text = read_text_file(input.path, binary);
    if (!text) { refuse(text.error()); continue; }
    if (binary) {
      refuse(Error{ErrorCode::unsupported, "binary file (NUL bytes): not de-identified, not written", input.path.string()});
      continue;
    }
    const std::string record = known_record.empty() ? input.relative.string() : known_record;
    const phi::InputFormat format =
        o.input_format == "auto" ? phi::detect_input_format(input.path.string(), std::string_view(*text).substr(0, 4096))
                                 : *phi::input_format_from(o.input_format);
    Result<deid::Deidentified> done = fail(ErrorCode::internal, "not de-identified");
    try {
      done = deid::deidentify_format(format, *text, deidentifier, *scratch, record, known);
    } catch (const std::exception& e) {  // this file only (e.g. out of memory); the rest go on
      done = fail(ErrorCode::internal, std::string("de-identification failed: ") + e.what());
    }
    if (!done) {
      Error e = done.error();
      e.source = input.path.string();
      refuse(e);
      continue;
    }
    if (auto ok = write_text_file(fs::path(o.out) / input.relative, done->text); !ok) { refuse(ok.error()); continue; }
    changed += done->changed;
    ++files_by_format[static_cast<std::size_t>(format)];
    ++written;
  }
  if (auto* vault = dynamic_cast<deid::VaultLinker*>(linker->get()))
    if (auto ok = vault->commit(); !ok) { print_error(ok.error()); return kExitFailure; }

  nlohmann::json by_type = nlohmann::json::object();
  nlohmann::json dicom_summary = nlohmann::json::object();
  if (dicom_files > 0) {
    dicom_summary = {{"files", dicom_files}, {"dummied", dicom_total.dummied}, {"emptied", dicom_total.emptied},
                     {"removed", dicom_total.removed}, {"cleaned", dicom_total.cleaned}, {"uids_replaced", dicom_total.uids},
                     {"dates_shifted", dicom_total.dates_shifted}, {"private_removed", dicom_total.private_removed},
                     {"private_kept", dicom_total.private_kept},
                     {"pixel_review", pixel_review}, {"pixel_cleaned", pixel_cleaned},
                     {"pixel_filters", o.dicom_filters.empty() ? std::string("built-in (pydicom deid)") : o.dicom_filters}};
  }
  fmt::print("ward deid: policy {} ({}): {} file(s) written to {}, {} refused\n", policy->name,
             deid::to_string(policy->basis), written, o.out, refused.size());
  nlohmann::json formats = nlohmann::json::object();
  for (std::size_t i = 0; i < files_by_format.size(); ++i) {
    if (files_by_format[i] == 0) continue;
    const auto format = static_cast<phi::InputFormat>(i);
    formats[std::string(phi::to_string(format))] = files_by_format[i];
    if (format != phi::InputFormat::text)
      fmt::print("  {}: {} file(s) de-identified field by field\n", phi::to_string(format), files_by_format[i]);
  }
  fmt::print("  {:<12} {:>8}  {}\n", "type", "changed", "action");
  if (dicom_files > 0)
    fmt::print("  DICOM: {} file(s) under the Annex E basic profile{}: {} attributes removed, {} emptied, {} dummied, {} UIDs "
               "replaced, {} dates shifted, {} cleaned, {} private removed{}; {} to check for text in the pixels\n",
               dicom_files, options->empty() ? "" : " with options", dicom_total.removed, dicom_total.emptied, dicom_total.dummied,
               dicom_total.uids, dicom_total.dates_shifted, dicom_total.cleaned, dicom_total.private_removed,
               options->count(deid::DicomOption::retain_safe_private) ? fmt::format(" ({} safe private kept)", dicom_total.private_kept)
                                                                     : std::string(),
               pixel_review.size());
  for (std::size_t i = 0; i < phi::kPhiTypeCount; ++i) {
    const auto type = static_cast<phi::PhiType>(i);
    const std::uint64_t n = changed.by_type[i];
    if (n == 0) continue;
    fmt::print("  {:<12} {:>8}  {}\n", phi::to_string(type), n, deid::to_string(policy->action_for(type)));
    by_type[std::string(phi::to_string(type))] = {{"changed", n}, {"action", deid::to_string(policy->action_for(type))}};
  }
  if (changed.documents_removed > 0)
    fmt::print("  {:<12} {:>8}  removed: embedded data Ward cannot read (PDF, images) in HL7 v2 OBX-5 or FHIR attachments\n",
               "documents", changed.documents_removed);
  const nlohmann::json summary = {{"policy", policy->name}, {"basis", deid::to_string(policy->basis)},
                                  {"files_written", written}, {"files_refused", refused}, {"formats", formats},
                                  {"changed_total", changed.total()}, {"changed", by_type},
                                  {"documents_removed", changed.documents_removed},
                                  {"dicom", dicom_summary}};
  if (written > 0)
    if (auto ok = write_text_file(fs::path(o.out) / "deid-summary.json", summary.dump(2) + "\n"); !ok) print_error(ok.error());
  return refused.empty() ? kExitOk : kExitRefused;
}

}  // namespace

void add_deid_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<DeidCommandOptions>();
  auto* deid = app.add_subcommand("deid", "de-identify text, HL7 v2, FHIR, CSV and DICOM files under a policy (safe-harbor or a YAML file) into --out");
  deid->add_option("files", o->inputs, "text, HL7 v2, FHIR JSON/NDJSON, CSV or DICOM files, or folders")->required();
  deid->add_option("--policy", o->policy, "safe-harbor (built in) or a policy YAML file")->capture_default_str();
  deid->add_option("--out", o->out, "folder for the de-identified files and deid-summary.json")->required();
  deid->add_option("--key", o->key_file, "secret key for keyed pseudonyms (mode 0600; made when missing) [default: DATA/deid.key]");
  deid->add_option("--vault", o->vault_file, "the vault of random link codes for Safe Harbor (mode 0600) [default: DATA/deid-vault.db]");
  deid->add_option("--dicom-option", o->dicom_options,
                   "a PS3.15 Annex E option for DICOM files (repeatable): clean-descriptors, clean-structured-content, "
                   "clean-graphics, clean-pixels; with a keyed policy also retain-longitudinal-dates (shifted) or "
                   "retain-longitudinal-full-dates, retain-patient-characteristics, "
                   "retain-device-identity, retain-uids, retain-institution-identity, retain-safe-private")
      ->allow_extra_args(false)->delimiter(',');
  deid->add_option("--dicom-filters", o->dicom_filters,
                   "a pydicom deid recipe whose %filter whitelist/graylist/blacklist LABEL rules say which DICOM images may "
                   "show text in their pixels, and where (replaces the built-in rules, deid's own)");
  deid->add_option("--known", o->known_file, "the record's own values, one 'type<TAB>value' a line; its MRN names the patient for date shifts");
  deid->add_option("--input-format", o->input_format,
                   "auto (by extension and content, as ward scan), text, hl7v2, fhir (JSON, NDJSON) or csv; DICOM is always found by content")
      ->check(CLI::IsMember({"auto", "text", "hl7v2", "fhir", "csv"}))->capture_default_str();
  deid->callback([&exit_code, &global, o] { exit_code = run_deid(*o, global); });
}

}  // namespace ward::cli
