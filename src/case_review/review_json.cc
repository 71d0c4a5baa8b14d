// JSON of cases, timelines, history and proposals (see review_json.h).
#include "case_review/review_json.h"

namespace ward::case_review {
namespace {

using nlohmann::json;

// null for "", so clients can tell "not set" from a value.
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json time_or_null(TimeNs t) { return t == 0 ? json(nullptr) : json(format_iso8601(t)); }

}  // namespace

json case_json(const store::CaseRecord& c) {
  json events = json::array();
  for (std::size_t i = 0; i < c.seqs.size(); ++i)
    events.push_back({{"seq", c.seqs[i]}, {"event_id", i < c.event_ids.size() ? c.event_ids[i] : ""}});
  return {{"case_id", c.id}, {"user_id", c.user_id}, {"patient_id", c.patient_id},
          {"score", c.score}, {"categories", c.categories}, {"reason", c.reason},
          {"status", c.status}, {"outcome", text_or_null(c.outcome)},
          {"reason_code", text_or_null(c.reason_code)},
          {"status_reason", text_or_null(c.status_reason)}, {"assignee", text_or_null(c.assignee)},
          {"first", format_iso8601(c.first)}, {"last", format_iso8601(c.last)},
          {"events", std::move(events)}};
}

json timeline_json(const store::EventRow& a) {
  json out = {{"seq", a.seq}, {"event_id", a.event_id}, {"time", format_iso8601(a.time)},
              {"action", to_string(a.action)}, {"object", a.object}, {"user_id", a.user_id},
              {"patient_id", !a.patient_id.empty() ? a.patient_id : a.patient_mrn},
              {"purpose", a.purpose}};
  const bool explained = a.explained == store::EventRow::Explained::yes;
  out["explained"] = explained;
  out["code"] = explained ? json(a.explanation_code) : json(nullptr);
  out["evidence"] = a.explanation_evidence;
  return out;
}

json change_json(const store::CaseChange& c) {
  return {{"time", format_iso8601(c.time)}, {"actor", c.actor}, {"from", c.from_status},
          {"to", c.to_status}, {"outcome", text_or_null(c.outcome)},
          {"reason_code", text_or_null(c.reason_code)}, {"reason", text_or_null(c.reason)},
          {"assignee", text_or_null(c.assignee)}};
}

json case_view_json(const CaseView& view) {
  json out = case_json(view.record);
  json timeline = json::array();
  for (const auto& a : view.accesses) timeline.push_back(timeline_json(a));
  json history = json::array();
  for (const auto& c : view.history) history.push_back(change_json(c));
  out["timeline"] = std::move(timeline);
  out["history"] = std::move(history);
  return out;
}

json proposal_json(const store::ProposalRecord& p) {
  return {{"proposal_id", p.id}, {"case_id", p.case_id}, {"code", p.code},
          {"description", p.description}, {"rule_yaml", p.rule_yaml},
          {"open_cases", p.open_cases}, {"status", p.status},
          {"proposed", format_iso8601(p.proposed)}, {"proposed_by", p.proposed_by},
          {"decided", time_or_null(p.decided)}, {"decided_by", text_or_null(p.decided_by)},
          {"decision_reason", text_or_null(p.decision_reason)}};
}

json review_json(const ReviewResult& r) {
  return {{"case", case_json(r.record)}, {"change", change_json(r.change)},
          {"proposal", r.proposal ? proposal_json(*r.proposal) : json(nullptr)},
          {"no_proposal", text_or_null(r.no_proposal)}};
}

}  // namespace ward::case_review
