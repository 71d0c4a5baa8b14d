// Registry views (system_view.h).
#include "ai_governance/system_view.h"

#include <map>

#include <fmt/format.h>

#include "ai_governance/ai_system_json.h"
#include "ai_governance/catalogues.h"
#include "ai_governance/workflow.h"
#include "core/time.h"

namespace ward::ai_governance {
namespace {

using nlohmann::json;

bool overdue(const SystemRecord& r, const std::string& today) {
  return !r.next_review.empty() && r.next_review < today && (r.status == "approved" || r.status == "rejected");
}

std::string when(std::int64_t ns) { return format_iso8601(ns); }

}  // namespace

Result<json> system_view_json(AiStore& store, const std::string& id) {
  auto record = store.system(id);
  if (!record) return Unexpected(record.error());
  auto reviews = store.reviews(id);
  if (!reviews) return Unexpected(reviews.error());
  auto evidence = store.evidence(id);
  if (!evidence) return Unexpected(evidence.error());
  auto history = store.history(id);
  if (!history) return Unexpected(history.error());
  auto rmf = store.rmf(id);
  if (!rmf) return Unexpected(rmf.error());

  json view = ai_system_json(record->system);
  view["status"] = record->status;
  view["conditions"] = record->conditions;
  view["next_review"] = record->next_review;
  json rv = json::array();
  for (const Review& r : *reviews) rv.push_back({{"area", r.area}, {"outcome", r.outcome}, {"reviewer", r.reviewer}, {"notes", r.notes}, {"at", when(r.at_ns)}});
  view["reviews"] = rv;
  json ev = json::array();
  for (const Evidence& e : *evidence) {
    ev.push_back({{"id", e.id}, {"kind", e.kind}, {"summary", e.summary}, {"added_by", e.added_by}, {"at", when(e.at_ns)}});
  }
  view["evidence"] = ev;
  json required = json::array();
  for (const RequiredEvidence& r : required_evidence(record->system)) required.push_back({{"kind", r.kind}, {"why", r.why}});
  view["required_evidence"] = required;
  const ApprovalGaps gaps = approval_gaps(record->system, *evidence, *reviews);
  json missing = json::array();
  for (const RequiredEvidence& r : gaps.missing_evidence) missing.push_back({{"kind", r.kind}, {"why", r.why}});
  json attributes = json::array();
  for (const TransparencyField* f : missing_source_attributes(record->system))
    attributes.push_back({{"key", f->key}, {"reference", f->reference}, {"description", f->description}});
  view["approval_blocked_by"] = {{"missing_evidence", missing}, {"unreviewed_areas", gaps.unreviewed_areas},
                                 {"failed_areas", gaps.failed_areas}, {"missing_source_attributes", attributes},
                                 {"summary", gaps.describe()}};
  json hist = json::array();
  for (const Decision& d : *history) hist.push_back({{"action", d.action}, {"by", d.by}, {"reason", d.reason}, {"at", when(d.at_ns)}});
  view["history"] = hist;
  std::map<std::string, const RmfAnswer*> answers;
  for (const RmfAnswer& a : *rmf) answers[a.subcategory] = &a;
  json checklist = json::array();
  std::size_t met = 0;
  for (const RmfSubcategory& s : rmf_subcategories()) {
    auto it = answers.find(std::string(s.id));
    json item = {{"id", s.id}, {"text", s.text}};
    if (it == answers.end()) item["met"] = nullptr;
    else {
      item["met"] = it->second->met;
      item["evidence"] = it->second->evidence;
      item["by"] = it->second->by;
      met += it->second->met ? 1 : 0;
    }
    checklist.push_back(item);
  }
  view["ai_rmf"] = {{"met", met}, {"answered", answers.size()}, {"total", rmf_subcategories().size()}, {"subcategories", checklist}};
  return view;
}

json registry_json(const std::vector<SystemRecord>& records, const std::string& today) {
  json out = json::array();
  for (const SystemRecord& r : records) {
    out.push_back({{"id", r.system.id}, {"name", r.system.name}, {"vendor", r.system.vendor}, {"status", r.status},
                   {"risk_tier", to_string(assess_risk(r.system).tier)}, {"next_review", r.next_review},
                   {"review_overdue", overdue(r, today)}, {"domains", r.system.domains}});
  }
  return out;
}

json registry_summary_json(const std::vector<SystemRecord>& records, const std::string& today) {
  std::map<std::string, std::size_t> by_status, by_tier;
  std::size_t overdue_count = 0;
  for (const SystemRecord& r : records) {
    ++by_status[r.status];
    ++by_tier[std::string(to_string(assess_risk(r.system).tier))];
    overdue_count += overdue(r, today) ? 1 : 0;
  }
  return {{"systems", records.size()}, {"by_status", by_status}, {"by_risk_tier", by_tier}, {"reviews_overdue", overdue_count}};
}

std::string registry_text(const json& registry) {
  if (registry.empty()) return "no AI systems in the registry (ward ai add FILE.json)\n";
  std::string out = fmt::format("{:<24} {:<10} {:<9} {:<11} {}\n", "ID", "STATUS", "TIER", "RE-REVIEW", "NAME");
  for (const json& r : registry) {
    out += fmt::format("{:<24} {:<10} {:<9} {:<11} {}{}\n", r["id"].get<std::string>(), r["status"].get<std::string>(),
                       r["risk_tier"].get<std::string>(), r["next_review"].get<std::string>().empty() ? "-" : r["next_review"].get<std::string>(),
                       r["name"].get<std::string>(), r["review_overdue"].get<bool>() ? "  (re-review overdue)" : "");
  }
  return out;
}

std::string system_view_text(const json& v) {
  auto s = [&](const char* k) { return v[k].get<std::string>(); };
  std::string out = fmt::format("{} ({}) — {}\n", s("name"), s("id"), s("status"));
  out += fmt::format("vendor {} version {}; {} use; deployment {}; owner {}\n", s("vendor"), s("version"), s("use"), s("deployment"), s("owner"));
  out += fmt::format("purpose: {}\n", s("purpose"));
  std::string reasons;
  for (const json& r : v["risk"]["reasons"]) reasons += (reasons.empty() ? "" : "; ") + r.get<std::string>();
  out += fmt::format("risk tier: {} ({})\n", v["risk"]["tier"].get<std::string>(), reasons);
  if (!s("conditions").empty()) out += fmt::format("conditions: {}\n", s("conditions"));
  if (!s("next_review").empty()) out += fmt::format("re-review by: {}\n", s("next_review"));
  out += "required evidence:";
  for (const json& r : v["required_evidence"]) out += fmt::format(" {} ({});", r["kind"].get<std::string>(), r["why"].get<std::string>());
  out += "\n";
  const std::string blocked = v["approval_blocked_by"]["summary"];
  out += blocked.empty() ? "approval: nothing missing\n" : "approval blocked: " + blocked + "\n";
  out += "reviews:\n";
  for (const json& r : v["reviews"]) {
    out += fmt::format("  {} {} by {} at {}{}\n", r["area"].get<std::string>(), r["outcome"].get<std::string>(), r["reviewer"].get<std::string>(),
                       r["at"].get<std::string>(), r["notes"].get<std::string>().empty() ? "" : ": " + r["notes"].get<std::string>());
  }
  out += "evidence:\n";
  for (const json& e : v["evidence"]) {
    out += fmt::format("  #{} {} by {} at {}: {}\n", e["id"].get<std::int64_t>(), e["kind"].get<std::string>(), e["added_by"].get<std::string>(),
                       e["at"].get<std::string>(), e["summary"].get<std::string>());
  }
  out += fmt::format("AI RMF: {} of {} subcategories met ({} answered)\n", v["ai_rmf"]["met"].get<std::size_t>(),
                     v["ai_rmf"]["total"].get<std::size_t>(), v["ai_rmf"]["answered"].get<std::size_t>());
  out += "history:\n";
  for (const json& h : v["history"]) {
    out += fmt::format("  {} {} by {}: {}\n", h["at"].get<std::string>(), h["action"].get<std::string>(), h["by"].get<std::string>(), h["reason"].get<std::string>());
  }
  return out;
}

}  // namespace ward::ai_governance
