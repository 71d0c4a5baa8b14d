// Parsing the embedded catalogues (catalogues.h). The files are ours and checked by tests, so
// a malformed line is skipped rather than reported.
#include "ai_governance/catalogues.h"

#include <vector>

namespace ward::ai_governance {
namespace {

// Tab-separated lines of `text`, comments (#) and blank lines left out.
std::vector<std::vector<std::string_view>> tsv_lines(std::string_view text) {
  std::vector<std::vector<std::string_view>> out;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields;
    while (true) {
      const std::size_t tab = line.find('\t');
      fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    out.push_back(std::move(fields));
  }
  return out;
}

}  // namespace

std::span<const RmfSubcategory> rmf_subcategories() {
  static const std::vector<RmfSubcategory> list = [] {
    std::vector<RmfSubcategory> v;
    for (const auto& f : tsv_lines(kAiRmfSubcategoriesTsv)) {
      if (f.size() == 2) v.push_back({f[0], f[1]});
    }
    return v;
  }();
  return list;
}

std::span<const TransparencyField> transparency_fields() {
  static const std::vector<TransparencyField> list = [] {
    std::vector<TransparencyField> v;
    for (const auto& f : tsv_lines(kTransparencyFieldsTsv)) {
      if (f.size() == 4 || f.size() == 5) v.push_back({f[0], f[1], f[2], f[3], f.size() == 5 ? f[4] : std::string_view()});
    }
    return v;
  }();
  return list;
}

std::vector<const TransparencyField*> missing_source_attributes(const AiSystem& system) {
  std::vector<const TransparencyField*> out;
  if (!system.predictive_dsi) return out;
  for (const TransparencyField& f : transparency_fields()) {
    if (f.scheme != "hti1") continue;
    auto it = system.source_attributes.find(std::string(f.key));
    if (it == system.source_attributes.end() || it->second.find_first_not_of(" \t\r\n") == std::string::npos) out.push_back(&f);
  }
  return out;
}

const TransparencyField* find_transparency_field(std::string_view scheme, std::string_view key) {
  for (const TransparencyField& f : transparency_fields()) {
    if (f.scheme == scheme && f.key == key) return &f;
  }
  return nullptr;
}

}  // namespace ward::ai_governance
