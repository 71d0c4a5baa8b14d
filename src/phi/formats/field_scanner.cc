// Fields to findings (field_scanner.h).
#include "phi/formats/field_scanner.h"

#include <algorithm>

namespace ward::phi {
namespace {

constexpr double kFieldConfidence = 0.99;

bool is_whitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string_view trim_whitespace(std::string_view s) {
  while (!s.empty() && is_whitespace(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_whitespace(s.back())) s.remove_suffix(1);
  return s;
}

Result<FieldScanner> FieldScanner::make(const Scanner& scanner) {
  auto scratch = ScanScratch::make(scanner);
  if (!scratch) return Unexpected(scratch.error());
  return FieldScanner(scanner, std::move(*scratch));
}

void FieldScanner::add_field(PhiType type, std::string_view reason, std::string_view value, const FieldPlace& place,
                             std::vector<FieldFinding>& out) const {
  const std::string_view trimmed = trim_whitespace(value);
  if (trimmed.empty()) return;
  const auto begin = static_cast<std::size_t>(trimmed.data() - value.data());
  out.push_back(FieldFinding{type, kFieldConfidence, std::string(reason), place.location, place.line, begin,
                             begin + trimmed.size(), std::string(trimmed)});
}

Result<void> FieldScanner::scan_text(std::string_view text, const std::vector<KnownValue>& known, const FieldPlace& place,
                                     std::vector<FieldFinding>& out) {
  if (trim_whitespace(text).empty()) return {};
  auto findings = scanner_->scan(text, scratch_, known);
  if (!findings) return Unexpected(findings.error());
  for (Finding& f : *findings)
    out.push_back(FieldFinding{f.type, f.confidence, std::move(f.reason), place.location, place.line, f.begin, f.end,
                               std::string(text.substr(f.begin, f.end - f.begin))});
  return {};
}

void add_known(PhiType type, std::string_view value, std::vector<KnownValue>& known) {
  value = trim_whitespace(value);
  if (value.empty()) return;
  const bool seen = std::any_of(known.begin(), known.end(),
                                [&](const KnownValue& k) { return k.type == type && k.value == value; });
  if (!seen) known.push_back(KnownValue{type, std::string(value)});
}

}  // namespace ward::phi
