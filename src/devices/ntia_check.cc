// NTIA minimum elements (ntia_check.h).
#include "devices/ntia_check.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace ward::devices {
namespace {

void check_component(const SbomComponent& c, NtiaReport& r) {
  ++r.components;
  if (!c.level_of_support.empty()) ++r.with_level_of_support;
  if (!c.end_of_support.empty()) ++r.with_end_of_support;
  NtiaComponentGaps gaps{c.name.empty() ? c.ref : c.version.empty() ? c.name : c.name + " " + c.version, {}};
  const bool present[] = {!c.supplier.empty(), !c.name.empty(), !c.version.empty(), !c.cpes.empty() || !c.purls.empty(),
                          c.in_dependency_graph};
  for (std::size_t i = 0; i < std::size(present); ++i) {
    if (present[i]) continue;
    gaps.missing.emplace_back(kNtiaComponentElements[i]);
    ++r.missing_counts[std::string(kNtiaComponentElements[i])];
  }
  if (!gaps.missing.empty()) r.gaps.push_back(std::move(gaps));
}

}  // namespace

NtiaReport check_ntia(const Sbom& sbom) {
  NtiaReport r;
  if (sbom.authors.empty() && sbom.tools.empty()) r.document_missing.emplace_back("author");
  else if (sbom.authors.empty()) r.notes.push_back(fmt::format("author: a tool only ({})", fmt::join(sbom.tools, ", ")));
  if (sbom.timestamp.empty()) r.document_missing.emplace_back("timestamp");
  bool any_relationship = sbom.subject.in_dependency_graph;
  if (sbom.has_subject) check_component(sbom.subject, r);
  for (const SbomComponent& c : sbom.components) {
    check_component(c, r);
    any_relationship = any_relationship || c.in_dependency_graph;
  }
  if (!any_relationship) r.document_missing.emplace_back("dependency_relationship");
  const auto publisher = [](const SbomComponent& c) { return c.supplier_source == "publisher"; };
  const std::size_t from_publisher = (sbom.has_subject && publisher(sbom.subject) ? 1 : 0) +
                                     static_cast<std::size_t>(std::count_if(sbom.components.begin(), sbom.components.end(), publisher));
  if (from_publisher > 0) r.notes.push_back(fmt::format("supplier: {} components name a publisher, not a supplier", from_publisher));
  return r;
}

std::string format_ntia(const NtiaReport& r, std::string_view file) {
  std::string out = fmt::format("{}: NTIA minimum elements {}: {} components, {} with gaps", file,
                                r.complete() ? "complete" : "INCOMPLETE", r.components, r.gaps.size());
  if (!r.document_missing.empty()) out += fmt::format("; the document lacks {}", fmt::join(r.document_missing, ", "));
  out += "\n";
  for (const auto& [element, count] : r.missing_counts) out += fmt::format("  missing {}: {} of {} components\n", element, count, r.components);
  for (const std::string& note : r.notes) out += fmt::format("  note: {}\n", note);
  out += fmt::format("  FDA support fields (not NTIA): level of support in {} of {} components, end-of-support in {}\n",
                     r.with_level_of_support, r.components, r.with_end_of_support);
  for (const NtiaComponentGaps& g : r.gaps) out += fmt::format("  {}: missing {}\n", g.component, fmt::join(g.missing, ", "));
  return out;
}

}  // namespace ward::devices
