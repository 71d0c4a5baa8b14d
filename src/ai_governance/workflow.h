// The approval workflow of an AI system: intake → reviews (security, privacy, clinical, legal,
// fairness) → approved (with conditions) or rejected, with the evidence its risk tier requires.
// Every step goes through here so the rules hold for the CLI and the API alike; the store keeps
// who did what and why (ai_store.h).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "ai_governance/ai_store.h"
#include "core/error.h"

namespace ward::ai_governance {

inline constexpr std::array<std::string_view, 5> kReviewAreas = {"security", "privacy", "clinical", "legal", "fairness"};
inline constexpr std::array<std::string_view, 4> kReviewOutcomes = {"pass", "concerns", "fail", "not_applicable"};
inline constexpr std::array<std::string_view, 6> kEvidenceKinds = {"baa", "local_validation", "bias_test",
                                                                   "monitoring_plan", "incident_contact", "other"};

// The evidence kinds a system needs before approval, with why:
//   baa               the vendor receives PHI (vendor_receives_phi)
//   incident_contact  every system (met also by the record's incident_contact)
//   monitoring_plan   moderate and high tiers
//   local_validation  high tier, or moderate with a clinical decision
//   bias_test         high tier, or a predictive DSI (`ward ai fairness --system`)
struct RequiredEvidence {
  std::string kind, why;
};
std::vector<RequiredEvidence> required_evidence(const AiSystem& system);

// What stands between a system and approval: missing evidence (with why), review areas with no
// review, areas whose latest review failed, and for a predictive DSI the HTI-1 source attributes
// its record lacks (keys, catalogues.h: missing_source_attributes). Empty when it may be approved.
struct ApprovalGaps {
  std::vector<RequiredEvidence> missing_evidence;
  std::vector<std::string> unreviewed_areas, failed_areas;
  std::vector<std::string> missing_source_attributes;
  bool empty() const {
    return missing_evidence.empty() && unreviewed_areas.empty() && failed_areas.empty() && missing_source_attributes.empty();
  }
  std::string describe() const;  // one sentence per kind of gap
};
ApprovalGaps approval_gaps(const AiSystem& system, const std::vector<Evidence>& evidence, const std::vector<Review>& reviews);

// Records a review; fails on an unknown area or outcome (listing the allowed ones), an empty
// reviewer, or an unknown system.
Result<void> record_review(AiStore& store, const std::string& id, const Review& review);
// Records evidence; fails on an unknown kind, an empty summary or person.
Result<std::int64_t> record_evidence(AiStore& store, const std::string& id, const Evidence& evidence);

struct DecisionRequest {
  bool approve = false;
  std::string by, reason, conditions;
  std::string next_review;  // YYYY-MM-DD; "" = by tier from today: high 6, moderate 12, low 24 months
  // Why a predictive DSI is approved without all its HTI-1 source attributes ("" = no exception);
  // recorded in the decision's history line with the attributes it covers.
  std::string source_attribute_exception;
};
// Approves or rejects. Both need a person and a reason. Approval is refused (invalid_input,
// saying what is missing) while approval_gaps() is not empty — except missing source attributes
// when the request gives source_attribute_exception. Returns the next review date set.
Result<std::string> decide(AiStore& store, const std::string& id, const DecisionRequest& request, std::int64_t now_ns);

// YYYY-MM-DD `months` after the day of `now_ns` (the day clamped to the month's length).
std::string months_after(std::int64_t now_ns, int months);

}  // namespace ward::ai_governance
