// Building and printing an assessment report (assessment_report.h).
#include "controls/assessment_report.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/csv_field.h"

namespace ward::controls {
namespace {

void count(Posture& p, const ControlLine& line) {
  ++p.controls;
  if (!line.rating) {
    ++p.unrated;
    return;
  }
  switch (line.rating->status) {
    case ControlStatus::implemented: ++p.implemented; break;
    case ControlStatus::partial: ++p.partial; break;
    case ControlStatus::not_implemented: ++p.not_implemented; break;
    case ControlStatus::not_applicable: ++p.not_applicable; break;
  }
}

void score(Posture& p) {
  const int applicable = p.controls - p.not_applicable;
  p.score = applicable == 0 ? 0 : (p.implemented + 0.5 * p.partial) / applicable;
}

nlohmann::ordered_json posture_line(const Posture& p) {
  nlohmann::ordered_json j;
  if (!p.group_id.empty()) {
    j["id"] = p.group_id;
    j["title"] = p.group_title;
  }
  j["controls"] = p.controls;
  j["implemented"] = p.implemented;
  j["partial"] = p.partial;
  j["not_implemented"] = p.not_implemented;
  j["not_applicable"] = p.not_applicable;
  j["unrated"] = p.unrated;
  j["score"] = static_cast<double>(static_cast<long>(p.score * 1000 + 0.5)) / 1000;  // 3 decimals
  return j;
}

std::string status_of(const ControlLine& line) { return line.rating ? std::string(to_string(line.rating->status)) : "unrated"; }

std::string percent(double score) { return fmt::format("{:.0f}%", score * 100); }

}  // namespace

AssessmentReport build_report(const Assessment& a, const Catalog& catalog, const std::vector<ControlRating>& ratings,
                              const std::vector<EvidenceNote>& evidence) {
  AssessmentReport r{a, catalog.title, {}, {}, {}};
  std::map<std::string, const ControlRating*> by_id;
  for (const ControlRating& rating : ratings) by_id[rating.control_id] = &rating;
  std::map<std::string, std::size_t> group_index;
  for (const ControlEntry& e : assessable_controls(catalog)) {
    ControlLine line{e, std::nullopt, {}};
    if (auto it = by_id.find(e.control->id); it != by_id.end()) line.rating = *it->second;
    for (const EvidenceNote& n : evidence)
      if (n.control_id == e.control->id) line.ward_evidence.push_back(n);
    auto [it, added] = group_index.emplace(e.top_group, r.posture.size());
    if (added) r.posture.push_back({e.top_group, e.top_group_title});
    count(r.posture[it->second], line);
    count(r.overall, line);
    r.controls.push_back(std::move(line));
  }
  for (Posture& p : r.posture) score(p);
  score(r.overall);
  return r;
}

Result<void> check_rated_control(const Catalog& catalog, const std::string& control_id) {
  const auto rated = assessable_controls(catalog);
  for (const ControlEntry& e : rated)
    if (e.control->id == control_id) return {};
  std::vector<std::string> examples;
  for (std::size_t i = 0; i < rated.size() && i < 3; ++i) examples.push_back(rated[i].control->id);
  return fail(ErrorCode::invalid_input,
              fmt::format("control \"{}\" is not one \"{}\" rates (withdrawn, a grouping, or unknown); e.g. {}", control_id,
                          catalog.title, fmt::join(examples, ", ")),
              "control");
}

nlohmann::ordered_json posture_json(const AssessmentReport& r) {
  nlohmann::ordered_json j;
  j["id"] = r.assessment.id;
  j["name"] = r.assessment.name;
  j["catalog"] = r.assessment.catalog;
  j["catalog_title"] = r.catalog_title;
  j["created_by"] = r.assessment.created_by;
  j["rule"] = "score = (implemented + partial/2) / (controls - not_applicable); unrated counts as not implemented";
  j["overall"] = posture_line(r.overall);
  j["posture"] = nlohmann::ordered_json::array();
  for (const Posture& p : r.posture) j["posture"].push_back(posture_line(p));
  return j;
}

nlohmann::ordered_json report_json(const AssessmentReport& r) {
  nlohmann::ordered_json j = posture_json(r);
  j["controls"] = nlohmann::ordered_json::array();
  for (const ControlLine& line : r.controls) {
    nlohmann::ordered_json c;
    c["id"] = line.entry.control->id;
    c["group"] = line.entry.top_group;
    if (!line.entry.control->label.empty()) c["label"] = line.entry.control->label;
    if (auto mark = prop_value(*line.entry.control, "implementation"); !mark.empty()) c["implementation"] = mark;
    c["statement"] = line.entry.control->statement.empty() ? line.entry.control->title : line.entry.control->statement;
    c["status"] = status_of(line);
    if (line.rating) {
      c["owner"] = line.rating->owner;
      c["evidence"] = line.rating->evidence;
      c["target"] = line.rating->target;
      c["updated_by"] = line.rating->updated_by;
    }
    c["ward_evidence"] = nlohmann::ordered_json::array();
    for (const EvidenceNote& n : line.ward_evidence)
      c["ward_evidence"].push_back({{"kind", n.kind}, {"count", n.count}, {"text", n.text}});
    j["controls"].push_back(std::move(c));
  }
  return j;
}

std::string report_text(const AssessmentReport& r) {
  std::string out = fmt::format("assessment {}: {} ({})\n", r.assessment.id, r.assessment.name, r.catalog_title);
  std::size_t width = 6;  // "GROUP", or the longest group id ("administrative" in the HIPAA catalogue)
  for (const Posture& p : r.posture) width = std::max(width, p.group_id.size());
  out += fmt::format("{:<{}} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}  {}\n", "GROUP", width, "SCORE", "CTRLS", "IMPL", "PART", "NOT",
                     "N/A", "UNRTD", "TITLE");
  auto row = [&](const Posture& p, const std::string& id, const std::string& title) {
    out += fmt::format("{:<{}} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}  {}\n", id, width, percent(p.score), p.controls, p.implemented,
                       p.partial, p.not_implemented, p.not_applicable, p.unrated, title);
  };
  for (const Posture& p : r.posture) row(p, p.group_id, p.group_title);
  row(r.overall, "ALL", "overall");
  out += "score: implemented + half of partial, over controls less not applicable; unrated counts as not implemented\n";
  for (const ControlLine& line : r.controls) {
    if (!line.rating && line.ward_evidence.empty()) continue;
    out += fmt::format("{} {}", line.entry.control->id, status_of(line));
    if (line.rating) {
      if (!line.rating->owner.empty()) out += fmt::format(", owner {}", line.rating->owner);
      if (!line.rating->target.empty()) out += fmt::format(", target {}", line.rating->target);
      if (!line.rating->evidence.empty()) out += fmt::format("\n  evidence: {}", line.rating->evidence);
    }
    out += '\n';
    for (const EvidenceNote& n : line.ward_evidence) out += fmt::format("  {}\n", n.text);
  }
  return out;
}

std::string report_csv(const AssessmentReport& r) {
  std::string out = "control,group,status,owner,target,evidence,ward_evidence\n";
  for (const ControlLine& line : r.controls) {
    std::vector<std::string> notes;
    for (const EvidenceNote& n : line.ward_evidence) notes.push_back(n.text);
    const std::string empty;
    const std::string fields[] = {line.entry.control->id,
                                  line.entry.top_group,
                                  status_of(line),
                                  line.rating ? line.rating->owner : empty,
                                  line.rating ? line.rating->target : empty,
                                  line.rating ? line.rating->evidence : empty,
                                  fmt::format("{}", fmt::join(notes, "; "))};
    for (std::size_t i = 0; i < std::size(fields); ++i) {
      if (i) out += ',';
      append_csv_field(out, fields[i]);
    }
    out += '\n';
  }
  return out;
}

}  // namespace ward::controls
