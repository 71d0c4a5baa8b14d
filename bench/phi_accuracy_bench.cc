// `ward bench phi-accuracy` (phi_accuracy_bench.h). The type mapping follows the data set's
// MANIFEST.md; DOMAIN_NAME values are URLs, a Safe Harbor identifier, so they count as url.
#include "bench/phi_accuracy_bench.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bench/bench_files.h"
#include "deid/linker.h"
#include "deid/policy.h"
#include "deid/text_deidentifier.h"
#include "phi/report_writers.h"
#include "phi/scanner.h"

namespace ward::bench {
namespace {

namespace fs = std::filesystem;

// The Ward type a labelled entity counts as, or "" when it is not a HIPAA identifier.
std::string ward_type(const std::string& entity) {
  static const std::map<std::string, std::string> kMap = {
      {"PERSON", "name"},          {"STREET_ADDRESS", "geography"}, {"GPE", "geography"},
      {"ZIP_CODE", "geography"},   {"DATE_TIME", "date"},           {"AGE", "age"},
      {"PHONE_NUMBER", "phone"},   {"EMAIL_ADDRESS", "email"},      {"US_SSN", "ssn"},
      {"IP_ADDRESS", "ip_address"}, {"US_DRIVER_LICENSE", "license"}, {"CREDIT_CARD", "account"},
      {"IBAN_CODE", "account"},    {"DOMAIN_NAME", "url"}};
  auto it = kMap.find(entity);
  return it == kMap.end() ? "" : it->second;
}

// Why Safe Harbor keeps a labelled value, or "" when it is an identifier.
std::string kept_by_safe_harbor(const std::string& entity, const std::string& value, const phi::Dictionaries& d) {
  static const std::regex kYear("^\\s*\\d{4}\\s*$");
  static const std::regex kWeekday("^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$", std::regex::icase);
  if (entity == "DATE_TIME" && std::regex_match(value, kYear)) return "DATE_TIME: a year alone";
  if (entity == "DATE_TIME" && std::regex_match(value, kWeekday)) return "DATE_TIME: a weekday";
  if (entity == "GPE" && d.words.lookup(value).any(phi::WordKinds::kCountry | phi::WordKinds::kState)) return "GPE: a country or state";
  if (entity == "AGE" && value.find_first_not_of("0123456789") == std::string::npos && !value.empty() &&
      std::stoi(value) < 90)
    return "AGE: under 90";
  return "";
}

// Byte offset of each code point index (the data set counts characters), plus one past the end.
std::vector<std::size_t> code_point_offsets(const std::string& text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) out.push_back(i);
  out.push_back(text.size());
  return out;
}

struct Gold {
  std::size_t begin, end;
  std::string type;     // Ward type; "" when not counted
  std::string counted;  // "" when counted; else the not-counted group
};

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::string canonical(phi::PhiType t) { return t == phi::PhiType::fax ? "phone" : std::string(phi::to_string(t)); }

}  // namespace

double PhiScore::f(double beta) const {
  const double p = precision(), r = recall(), b2 = beta * beta;
  return p + r == 0 ? 0 : (1 + b2) * p * r / (b2 * p + r);
}

Result<PhiAccuracyResult> run_phi_accuracy_bench(const PhiAccuracyOptions& options) {
  PhiAccuracyResult result;
  result.dataset = options.dataset.empty() ? shared_data() / "deid_gold" / "synth_dataset_v2.public.json" : options.dataset;
  auto raw = read_all(result.dataset);
  if (!raw) {
    Error e = raw.error();
    e.message = "cannot read the labelled data set (give its path, or set WARD_SHARED_DATA)";
    return Unexpected(e);
  }
  nlohmann::json records;
  try {
    records = nlohmann::json::parse(*raw);
  } catch (const nlohmann::json::exception& e) {
    return Unexpected(Error{ErrorCode::invalid_input, std::string("not JSON: ") + e.what(), result.dataset.string()});
  }
  if (!records.is_array()) return Unexpected(Error{ErrorCode::invalid_input, "expected an array of records", result.dataset.string()});
  // The residual check: each record de-identified under the Safe Harbor policy, at the policy's
  // threshold (lower than the scan's: what is doubtful is changed) or --deid-min-confidence. Its
  // codes come from a throw-away key here (a vault changes which codes, not what is removed).
  // The scanner keeps what either asks for; precision and recall count the scan's findings only.
  deid::Policy safe_harbor = deid::safe_harbor_policy();
  if (options.deid_min_confidence) safe_harbor.min_confidence = *options.deid_min_confidence;
  result.deid_min_confidence = safe_harbor.min_confidence;
  auto scanner = phi::Scanner::build(phi::ScanOptions{.min_confidence = std::min(options.min_confidence, safe_harbor.min_confidence)});
  if (!scanner) return Unexpected(scanner.error());
  auto scratch = phi::ScanScratch::make(*scanner);
  if (!scratch) return Unexpected(scratch.error());
  const auto& dictionaries = phi::Dictionaries::embedded();
  auto reported = [&](std::vector<phi::Finding> all) {  // the findings `ward scan` would report
    std::erase_if(all, [&](const phi::Finding& f) { return f.confidence < options.min_confidence; });
    return all;
  };
  deid::SecretKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i * 37 + 11);
  deid::KeyedLinker linker(key);
  deid::TextDeidentifier deidentifier(safe_harbor, *scanner, linker);

  for (const auto& record : records) {
    if (!record.is_object() || !record.contains("full_text") || !record["full_text"].is_string()) continue;
    ++result.records;
    const std::string text = record["full_text"].get<std::string>();
    const auto offsets = code_point_offsets(text);
    std::vector<Gold> gold;
    for (const auto& span : record.value("spans", nlohmann::json::array())) {
      const std::string entity = span.value("entity_type", "");
      const auto b = span.value("start_position", std::size_t{0}), e = span.value("end_position", std::size_t{0});
      if (b >= e || e >= offsets.size()) continue;
      Gold g{offsets[b], offsets[e], ward_type(entity), ""};
      if (g.type.empty()) g.counted = entity;
      else if (auto kept = kept_by_safe_harbor(entity, span.value("entity_value", ""), dictionaries); !kept.empty()) g.counted = kept;
      gold.push_back(g);
    }
    auto scanned = scanner->scan(text, *scratch);
    if (!scanned) return Unexpected(scanned.error());
    const std::vector<phi::Finding> found = reported(std::move(*scanned));
    const std::vector<phi::Finding>* findings = &found;
    auto deidentified = deidentifier.deidentify(text, *scratch, fmt::format("record {}", result.records));
    if (!deidentified) return Unexpected(deidentified.error());
    for (const Gold& g : gold) {
      if (!g.counted.empty()) continue;
      const std::string value = trimmed(text.substr(g.begin, g.end - g.begin));
      auto& r = result.residual[g.type];
      ++r.first;
      if (value.size() >= 3 && deidentified->text.find(value) != std::string::npos) {
        ++r.second;
        if (options.list_errors) result.errors += fmt::format("residual {:<10} {:?} in {:?}\n", g.type, value, deidentified->text);
      }
    }
    auto overlaps = [](const Gold& g, const phi::Finding& f) { return f.begin < g.end && g.begin < f.end; };
    for (const Gold& g : gold) {
      bool same = false, any = false;
      for (const auto& f : *findings)
        if (overlaps(g, f)) { any = true; same = same || canonical(f.type) == g.type; }
      if (!g.counted.empty()) {
        auto& n = result.not_counted[g.counted];
        ++n.first;
        n.second += any ? 1 : 0;
        continue;
      }
      auto& s = result.by_type[g.type];
      ++s.gold; ++result.overall.gold; ++result.overall_any_type.gold;
      s.gold_found += same ? 1 : 0;
      result.overall.gold_found += same ? 1 : 0;
      result.overall_any_type.gold_found += any ? 1 : 0;
      if (options.list_errors && !same)
        result.errors += fmt::format("miss {:<10} {:?} in {:?}\n", g.type, text.substr(g.begin, g.end - g.begin), text);
    }
    for (const auto& f : *findings) {
      bool counted = false, same = false, only_uncounted = false;
      for (const Gold& g : gold) {
        if (!overlaps(g, f)) continue;
        if (g.counted.empty()) { counted = true; same = same || g.type == canonical(f.type); }
        else only_uncounted = true;
      }
      if (!counted && only_uncounted) continue;  // on a span that is not counted (reported above)
      auto& s = result.by_type[canonical(f.type)];
      ++s.predicted; ++result.overall.predicted; ++result.overall_any_type.predicted;
      s.predicted_right += same ? 1 : 0;
      result.overall.predicted_right += same ? 1 : 0;
      result.overall_any_type.predicted_right += counted ? 1 : 0;
      if (options.list_errors && !same)
        result.errors += fmt::format("false {:<10} {:?} ({}) in {:?}\n", canonical(f.type), text.substr(f.begin, f.end - f.begin),
                                     f.reason, text);
    }
  }

  std::vector<std::filesystem::path> clean_texts = options.clean_texts;
  if (clean_texts.empty())
    clean_texts = {source_tree() / "bench" / "data" / "phi_free_clinical.txt",
                   source_tree() / "bench" / "data" / "phi_free_structured_notes.txt"};
  for (const auto& path : clean_texts) {
    auto clean = read_all(path);
    if (!clean) {
      Error e = clean.error();
      e.message = "cannot read the PHI-free text (give --clean FILE)";
      return Unexpected(e);
    }
    auto scanned = scanner->scan(*clean, *scratch);
    if (!scanned) return Unexpected(scanned.error());
    const std::vector<phi::Finding> found = reported(std::move(*scanned));
    const std::vector<phi::Finding>* findings = &found;
    auto deidentified = deidentifier.deidentify(*clean, *scratch, path.filename().string());
    if (!deidentified) return Unexpected(deidentified.error());
    result.clean.push_back({path, clean->size(), findings->size(), deidentified->changed.total()});
    if (options.list_errors)
      for (const auto& f : *findings)
        result.errors += fmt::format("clean-text finding {:<10} {:?} ({}) in {}\n", phi::to_string(f.type),
                                     clean->substr(f.begin, f.end - f.begin), f.reason, path.filename().string());
  }
  return result;
}

std::string format_report(const PhiAccuracyResult& r) {
  std::string out = fmt::format("PHI accuracy on {} ({} records), entity level: a labelled span is found when a finding of "
                                "its type overlaps it\n\n",
                                r.dataset.filename().string(), r.records);
  out += fmt::format("{:<12} {:>6} {:>6} {:>9} {:>9} {:>6} {:>6}\n", "type", "gold", "found", "precision", "recall", "F1", "F2");
  auto row = [&](const std::string& name, const PhiScore& s) {
    out += fmt::format("{:<12} {:>6} {:>6} {:>9.3f} {:>9.3f} {:>6.3f} {:>6.3f}\n", name, s.gold, s.gold_found, s.precision(),
                       s.recall(), s.f(1), s.f(2));
  };
  for (const auto& [type, s] : r.by_type) row(type, s);
  row("overall", r.overall);
  row("any type", r.overall_any_type);
  out += "\nnot counted (not HIPAA identifiers, or kept by Safe Harbor): spans, of them flagged\n";
  for (const auto& [group, n] : r.not_counted) out += fmt::format("  {:<28} {:>5} {:>5}\n", group, n.first, n.second);
  std::size_t labelled = 0, left = 0;
  for (const auto& [type, n] : r.residual) { labelled += n.first; left += n.second; }
  out += fmt::format("\nresidual after Safe Harbor de-identification (`ward deid --policy safe-harbor`, findings from {:.2f}): "
                     "{} of {} labelled identifiers still in the text ({:.1f}%)\n", r.deid_min_confidence, left, labelled,
                     labelled == 0 ? 0.0 : 100.0 * static_cast<double>(left) / static_cast<double>(labelled));
  for (const auto& [type, n] : r.residual) out += fmt::format("  {:<12} {:>5} of {:>5}\n", type, n.second, n.first);
  out += "\n";
  for (const CleanTextResult& c : r.clean)
    out += fmt::format("PHI-free clinical text {}: {} bytes, {} findings, {:.2f} per 10 kB (target <= 1); Safe Harbor "
                       "de-identification changes {} spans\n",
                       c.path.filename().string(), c.bytes, c.findings, c.per_10k(), c.deid_changed);
  if (!r.errors.empty()) out += "\n" + r.errors;
  return out;
}

}  // namespace ward::bench
