// The JSON that the API answers and `ward privacy … --format json` prints for cases, their
// timelines and history, and proposals: one shape for both (docs/openapi.yaml, Case* and
// Proposal schemas).
#pragma once

#include <nlohmann/json.hpp>

#include "case_review/case_review.h"
#include "store/store.h"

namespace ward::case_review {

// A case as listed: ids, score, categories, reason, state and review fields, its accesses' ids.
nlohmann::json case_json(const store::CaseRecord& c);
// One access of a case's timeline: time, action, object, and its explanation or "unexplained".
nlohmann::json timeline_json(const store::EventRow& access);
nlohmann::json change_json(const store::CaseChange& change);
// A case with its timeline and history.
nlohmann::json case_view_json(const CaseView& view);
nlohmann::json proposal_json(const store::ProposalRecord& p);
// A review's answer: the case after the change, the change, and the proposal (or why none).
nlohmann::json review_json(const ReviewResult& result);

}  // namespace ward::case_review
