// Precision and recall of matches on a labelled inventory (match_quality.h).
#include "devices/match_quality.h"

#include <map>

#include <fmt/format.h>

#include "ingest/csv/csv_header.h"
#include "ingest/csv/csv_reader.h"

namespace ward::devices {

Result<std::vector<LabelledDevice>> read_labels(std::string_view csv_text) {
  ingest::CsvReader reader(csv_text);
  ingest::CsvRow row;
  auto header_row = reader.next(row);
  if (!header_row) return Unexpected(header_row.error());
  if (!*header_row) return fail(ErrorCode::invalid_input, "the labelled inventory is empty");
  const ingest::CsvHeader header(row.fields);
  const std::size_t tag = header.find("asset_tag"), expected = header.find("expected");
  if (tag == ingest::kNoColumn || expected == ingest::kNoColumn) {
    return fail(ErrorCode::invalid_input, "the labelled inventory needs asset_tag and expected columns");
  }
  std::vector<LabelledDevice> out;
  while (true) {
    auto more = reader.next(row);
    if (!more) return Unexpected(more.error());
    if (!*more) break;
    if (row.fields.size() <= std::max(tag, expected)) continue;
    LabelledDevice d{std::string(row.fields[tag]), {}};
    std::string_view list = row.fields[expected];
    while (!list.empty()) {
      const auto semi = list.find(';');
      if (semi != 0) d.expected.insert(std::string(list.substr(0, semi)));
      if (semi == std::string_view::npos) break;
      list.remove_prefix(semi + 1);
    }
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<AttachedSbom>> read_labelled_components(std::string_view csv_text) {
  ingest::CsvReader reader(csv_text);
  ingest::CsvRow row;
  auto header_row = reader.next(row);
  if (!header_row) return Unexpected(header_row.error());
  if (!*header_row) return fail(ErrorCode::invalid_input, "the labelled components are empty");
  const ingest::CsvHeader header(row.fields);
  constexpr std::string_view kColumns[] = {"manufacturer", "model", "software_version", "component", "component_version", "cpe", "purl"};
  std::size_t column[std::size(kColumns)];
  for (std::size_t i = 0; i < std::size(kColumns); ++i) {
    column[i] = header.find(kColumns[i]);
    if (column[i] == ingest::kNoColumn) return fail(ErrorCode::invalid_input, fmt::format("the labelled components need a {} column", kColumns[i]));
  }
  std::vector<AttachedSbom> out;
  while (true) {
    auto more = reader.next(row);
    if (!more) return Unexpected(more.error());
    if (!*more) break;
    const auto field = [&](std::size_t i) { return column[i] < row.fields.size() ? std::string(row.fields[column[i]]) : std::string(); };
    SbomComponent c;
    c.name = field(3);
    c.version = field(4);
    if (std::string cpe = field(5); !cpe.empty()) c.cpes.push_back(std::move(cpe));
    if (std::string purl = field(6); !purl.empty()) c.purls.push_back(std::move(purl));
    AttachedSbom a{field(0), field(1), field(2), {}};
    a.sbom.components.push_back(std::move(c));
    out.push_back(std::move(a));
  }
  return out;
}

MatchQuality& MatchQuality::operator+=(const MatchQuality& other) {
  true_positives += other.true_positives;
  false_positives += other.false_positives;
  false_negatives += other.false_negatives;
  return *this;
}

double MatchQuality::precision() const {
  const std::size_t found = true_positives + false_positives;
  return found == 0 ? 1.0 : static_cast<double>(true_positives) / found;
}

double MatchQuality::recall() const {
  const std::size_t wanted = true_positives + false_negatives;
  return wanted == 0 ? 1.0 : static_cast<double>(true_positives) / wanted;
}

MatchQuality score_matches(const std::vector<Finding>& findings, const std::vector<LabelledDevice>& labels,
                           std::string_view advisory_prefix) {
  std::map<std::string, std::set<std::string>> found;
  for (const Finding& f : findings) {
    const AdvisoryMatch& m = *f.match;
    if (m.confidence >= kConfirmed && m.advisory_id.starts_with(advisory_prefix)) found[f.device_id].insert(m.advisory_id);
  }
  MatchQuality q;
  for (const LabelledDevice& d : labels) {
    const std::set<std::string>& got = found[d.device_id];
    for (const std::string& a : got) ++(d.expected.contains(a) ? q.true_positives : q.false_positives);
    for (const std::string& a : d.expected) {
      if (!got.contains(a)) ++q.false_negatives;
    }
  }
  return q;
}

}  // namespace ward::devices
