// Approval workflow rules (workflow.h).
#include "ai_governance/workflow.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "ai_governance/catalogues.h"
#include "core/time.h"

namespace ward::ai_governance {
namespace {

template <std::size_t N>
Result<void> one_of(const std::array<std::string_view, N>& allowed, const std::string& value, std::string_view what) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return {};
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return fail(ErrorCode::invalid_input, fmt::format("'{}' is not a {}; use one of: {}", value, what, list), std::string(what));
}

bool valid_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
  const int month = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

std::vector<RequiredEvidence> required_evidence(const AiSystem& s) {
  const RiskTier tier = assess_risk(s).tier;
  std::vector<RequiredEvidence> out;
  if (vendor_receives_phi(s)) out.push_back({"baa", "the vendor receives PHI"});
  if (tier == RiskTier::high || (tier == RiskTier::moderate && s.clinical_decision)) {
    out.push_back({"local_validation", tier == RiskTier::high ? "high risk tier" : "it informs clinical decisions"});
  }
  if (tier == RiskTier::high || s.predictive_dsi) {
    out.push_back({"bias_test", tier == RiskTier::high ? "high risk tier" : "it is a predictive DSI"});
  }
  if (tier != RiskTier::low) out.push_back({"monitoring_plan", fmt::format("{} risk tier", to_string(tier))});
  out.push_back({"incident_contact", "every AI system"});
  return out;
}

ApprovalGaps approval_gaps(const AiSystem& s, const std::vector<Evidence>& evidence, const std::vector<Review>& reviews) {
  ApprovalGaps gaps;
  for (const RequiredEvidence& r : required_evidence(s)) {
    const bool have = std::any_of(evidence.begin(), evidence.end(), [&](const Evidence& e) { return e.kind == r.kind; }) ||
                      (r.kind == "incident_contact" && !s.incident_contact.empty());
    if (!have) gaps.missing_evidence.push_back(r);
  }
  for (const TransparencyField* f : missing_source_attributes(s)) gaps.missing_source_attributes.emplace_back(f->key);
  std::map<std::string, std::string> latest;  // area -> outcome of its latest review
  for (const Review& r : reviews) latest[r.area] = r.outcome;
  for (std::string_view area : kReviewAreas) {
    auto it = latest.find(std::string(area));
    if (it == latest.end()) gaps.unreviewed_areas.emplace_back(area);
    else if (it->second == "fail") gaps.failed_areas.emplace_back(area);
  }
  return gaps;
}

std::string ApprovalGaps::describe() const {
  std::vector<std::string> parts;
  if (!missing_evidence.empty()) {
    std::string list;
    for (const RequiredEvidence& r : missing_evidence) list += fmt::format("{}{} ({})", list.empty() ? "" : ", ", r.kind, r.why);
    parts.push_back("missing evidence: " + list);
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  };
  if (!unreviewed_areas.empty()) parts.push_back("no review yet: " + join(unreviewed_areas));
  if (!failed_areas.empty()) parts.push_back("failed review: " + join(failed_areas));
  if (!missing_source_attributes.empty())
    parts.push_back(fmt::format("predictive DSI without HTI-1 source attributes ({} of {}): {}", missing_source_attributes.size(),
                                std::count_if(transparency_fields().begin(), transparency_fields().end(),
                                              [](const TransparencyField& f) { return f.scheme == "hti1"; }),
                                join(missing_source_attributes)));
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

Result<void> record_review(AiStore& store, const std::string& id, const Review& review) {
  if (auto r = one_of(kReviewAreas, review.area, "review area"); !r) return r;
  if (auto r = one_of(kReviewOutcomes, review.outcome, "review outcome"); !r) return r;
  if (review.reviewer.empty()) return fail(ErrorCode::invalid_input, "say who reviewed (--by)", "by");
  return store.add_review(id, review);
}

Result<std::int64_t> record_evidence(AiStore& store, const std::string& id, const Evidence& evidence) {
  if (auto r = one_of(kEvidenceKinds, evidence.kind, "evidence kind"); !r) return Unexpected(r.error());
  if (evidence.summary.empty()) return fail(ErrorCode::invalid_input, "describe the evidence (--summary)", "summary");
  if (evidence.added_by.empty()) return fail(ErrorCode::invalid_input, "say who adds it (--by)", "by");
  return store.add_evidence(id, evidence);
}

std::string months_after(std::int64_t now, int months) {
  const std::int64_t day = now / 86'400'000'000'000LL;
  const std::string today = format_day(day);
  int y = std::stoi(today.substr(0, 4));
  int m = std::stoi(today.substr(5, 2)) + months;
  int d = std::stoi(today.substr(8, 2));
  y += (m - 1) / 12;
  m = (m - 1) % 12 + 1;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  d = std::min(d, kDays[m - 1] + (m == 2 && leap ? 1 : 0));
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

Result<std::string> decide(AiStore& store, const std::string& id, const DecisionRequest& req, std::int64_t now) {
  if (req.by.empty()) return fail(ErrorCode::invalid_input, "say who decides (--by)", "by");
  if (req.reason.empty()) return fail(ErrorCode::invalid_input, "say why (--reason)", "reason");
  if (!req.next_review.empty() && !valid_date(req.next_review)) {
    return fail(ErrorCode::invalid_input, "the re-review date must be YYYY-MM-DD", "next_review");
  }
  auto record = store.system(id);
  if (!record) return Unexpected(record.error());
  const RiskTier tier = assess_risk(record->system).tier;
  std::string next = req.next_review;
  std::vector<std::string> excepted;  // missing source attributes the decision accepts
  if (next.empty()) next = months_after(now, tier == RiskTier::high ? 6 : tier == RiskTier::moderate ? 12 : 24);
  if (req.approve) {
    auto evidence = store.evidence(id);
    if (!evidence) return Unexpected(evidence.error());
    auto reviews = store.reviews(id);
    if (!reviews) return Unexpected(reviews.error());
    ApprovalGaps gaps = approval_gaps(record->system, *evidence, *reviews);
    if (!gaps.missing_source_attributes.empty() && !req.source_attribute_exception.empty()) {
      excepted = std::move(gaps.missing_source_attributes);
      gaps.missing_source_attributes.clear();
    }
    if (!gaps.empty()) {
      return fail(ErrorCode::invalid_input, fmt::format("'{}' cannot be approved yet: {}{}", id, gaps.describe(),
                                                        gaps.missing_source_attributes.empty() ? "" : " (or record an exception with a reason)"));
    }
  }
  std::string reason = req.reason;
  if (!excepted.empty()) {
    std::string keys;
    for (const std::string& k : excepted) keys += (keys.empty() ? "" : ", ") + k;
    reason += fmt::format(" — exception: HTI-1 source attributes missing ({}): {}", keys, req.source_attribute_exception);
  }
  if (req.approve && !req.conditions.empty()) reason += " — conditions: " + req.conditions;
  reason += "; re-review by " + next;
  const std::string status = req.approve ? "approved" : "rejected";
  if (auto r = store.decide(id, status, req.approve ? req.conditions : "", next, {status, req.by, reason, now}); !r) {
    return Unexpected(r.error());
  }
  return next;
}

}  // namespace ward::ai_governance
