// The review operations over the store (see case_review.h). Start at review_case; a dismissal
// goes on to propose_from_dismissal, which measures the rule with rule_reach.h.
#include "case_review/case_review.h"

#include <algorithm>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "case_review/rule_proposal.h"
#include "case_review/rule_reach.h"
#include "case_review/rule_yaml.h"
#include "core/config_yaml.h"
#include "privacy/accepted_rules.h"
#include "privacy/directory_index.h"
#include "privacy/event_access.h"

namespace ward::case_review {
namespace {

constexpr int kEveryRow = std::numeric_limits<int>::max();

Result<store::CaseRecord> find_case(store::Store& store, std::int64_t id) {
  auto found = store.privacy_case(id);
  if (!found) return Unexpected(found.error());
  if (!*found) return fail(ErrorCode::not_found, fmt::format("there is no case {}", id), "case");
  return std::move(**found);
}

// Who opened the records and why, as the proposal needs it.
DismissalFacts facts_of(const store::CaseRecord& c, const store::CaseChange& change,
                        const std::vector<store::EventRow>& events,
                        const privacy::DirectoryIndex& directory) {
  DismissalFacts f;
  f.case_id = c.id;
  f.reason_code = change.reason_code;
  f.dismissed_by = change.actor;
  std::set<std::string> purposes;
  for (const store::EventRow& row : events) {
    const privacy::Access a = privacy::access_from_event(row, directory);
    // The directory says who a person is; the access log's own values are the fallback.
    const std::string& role = a.user != nullptr && !a.user->role.empty() ? a.user->role : a.role;
    const std::string& department =
        a.user != nullptr && !a.user->department.empty() ? a.user->department : a.department;
    if (f.user_role.empty()) f.user_role = role;
    if (f.user_department.empty()) f.user_department = department;
    if (!a.purpose.empty()) purposes.insert(a.purpose);
  }
  f.purposes.assign(purposes.begin(), purposes.end());
  return f;
}

// "<reason>_case_<id>", with _2, _3 … when a proposal or a rule already has that code.
Result<std::string> unused_code(store::Store& store, const std::vector<privacy::ExplanationRule>& rules,
                                const store::CaseChange& change) {
  auto proposals = store.explanation_proposals({.limit = kEveryRow});
  if (!proposals) return Unexpected(proposals.error());
  std::set<std::string> taken;
  for (const auto& p : *proposals) taken.insert(p.code);
  for (const auto& r : rules) taken.insert(r.code);
  const std::string base = fmt::format("{}_case_{}", change.reason_code, change.case_id);
  std::string code = base;
  for (int n = 2; taken.count(code) != 0; ++n) code = fmt::format("{}_{}", base, n);
  return code;
}

// Open cases (new, in_review) but `except`.
Result<std::vector<store::CaseRecord>> open_cases(store::Store& store, std::int64_t except) {
  std::vector<store::CaseRecord> out;
  for (const char* status : {"new", "in_review"}) {
    auto cases = store.privacy_cases({.status = status, .limit = kEveryRow});
    if (!cases) return Unexpected(cases.error());
    for (auto& c : *cases)
      if (c.id != except) out.push_back(std::move(c));
  }
  return out;
}

// What the dismissal `change` of `c` proposes: the proposal to store, or why there is none.
Result<std::optional<store::ProposalRecord>> propose_from_dismissal(
    store::Store& store, const std::vector<privacy::ExplanationRule>& configured,
    const store::CaseRecord& c, const store::CaseChange& change, std::string& why_none) {
  auto rules = privacy::with_accepted_rules(store, configured);
  if (!rules) return Unexpected(rules.error());
  auto snapshot = store.directory_snapshot();
  if (!snapshot) return Unexpected(snapshot.error());
  const privacy::DirectoryIndex directory(std::move(*snapshot));
  auto own = store.events_with_seqs(c.seqs);
  if (!own) return Unexpected(own.error());
  auto code = unused_code(store, *rules, change);
  if (!code) return Unexpected(code.error());

  ProposedRule proposed = propose_rule(facts_of(c, change, *own, directory), *rules, *code);
  if (!proposed.rule) {
    why_none = proposed.why_none;
    return std::optional<store::ProposalRecord>();
  }
  const privacy::ExplanationRule& rule = *proposed.rule;
  if (explained_by_rule(rule, *own, directory).empty()) {
    why_none = fmt::format("the rule it would propose ({}) explains none of the case's {} "
                           "accesses (no encounter of the patient in its window): no rule is "
                           "proposed", rule.description, own->size());
    return std::optional<store::ProposalRecord>();
  }
  auto others = open_cases(store, c.id);
  if (!others) return Unexpected(others.error());
  std::vector<std::int64_t> seqs;
  for (const auto& other : *others) seqs.insert(seqs.end(), other.seqs.begin(), other.seqs.end());
  auto events = store.events_with_seqs(seqs);
  if (!events) return Unexpected(events.error());

  store::ProposalRecord p;
  p.case_id = c.id;
  p.code = rule.code;
  p.description = rule.description;
  p.rule_yaml = rule_to_yaml(rule);
  p.open_cases = static_cast<std::int64_t>(
      cases_explained(*others, explained_by_rule(rule, *events, directory)));
  p.proposed = change.time;
  p.proposed_by = change.actor;
  return std::optional<store::ProposalRecord>(std::move(p));
}

}  // namespace

Result<CaseView> view_case(store::Store& store, std::int64_t case_id) {
  auto c = find_case(store, case_id);
  if (!c) return Unexpected(c.error());
  CaseView view;
  auto accesses = store.events_with_seqs(c->seqs);
  if (!accesses) return Unexpected(accesses.error());
  auto history = store.privacy_case_history(case_id);
  if (!history) return Unexpected(history.error());
  view.record = std::move(*c);
  view.accesses = std::move(*accesses);
  view.history = std::move(*history);
  return view;
}

Result<ReviewResult> review_case(store::Store& store,
                                 const std::vector<privacy::ExplanationRule>& configured,
                                 std::int64_t case_id, const ReviewRequest& request,
                                 std::string_view actor) {
  auto c = find_case(store, case_id);
  if (!c) return Unexpected(c.error());
  auto change = plan_review(*c, request, actor, now_ns());
  if (!change) return Unexpected(change.error());
  ReviewResult result;
  if (change->to_status == "dismissed") {
    auto proposal = propose_from_dismissal(store, configured, *c, *change, result.no_proposal);
    if (!proposal) return Unexpected(proposal.error());
    result.proposal = std::move(*proposal);
  }
  auto proposal_id = store.review_privacy_case(*change, result.proposal ? &*result.proposal : nullptr);
  if (!proposal_id) return Unexpected(proposal_id.error());
  if (result.proposal) {
    result.proposal->id = *proposal_id;
  }
  auto after = find_case(store, case_id);
  if (!after) return Unexpected(after.error());
  result.record = std::move(*after);
  result.change = std::move(*change);
  return result;
}

Result<store::ProposalRecord> decide_proposal(store::Store& store,
                                              const std::vector<privacy::ExplanationRule>& configured,
                                              std::int64_t id, bool accept, std::string_view actor,
                                              std::string_view reason) {
  auto found = store.explanation_proposal(id);
  if (!found) return Unexpected(found.error());
  if (!*found) return fail(ErrorCode::not_found, fmt::format("there is no proposal {}", id), "proposal");
  if ((*found)->status != "proposed")  // the store checks again, atomically
    return fail(ErrorCode::invalid_input, fmt::format("proposal {} is already {} (by {})", id,
                                                      (*found)->status, (*found)->decided_by),
                "proposal");
  if (accept) {
    // What the next run would refuse is refused now: a rule that does not parse, or a code in use.
    auto rules = privacy::with_accepted_rules(store, configured);
    if (!rules) return Unexpected(rules.error());
    auto list = load_yaml_text((*found)->rule_yaml, fmt::format("proposal {}", id));
    if (!list) return Unexpected(list.error());
    auto parsed = privacy::explanation_rules_from_yaml(*list, fmt::format("proposal {}", id));
    if (!parsed) return Unexpected(parsed.error());
    for (const auto& rule : *parsed) {
      auto same = [&](const privacy::ExplanationRule& r) { return r.code == rule.code; };
      if (std::any_of(rules->begin(), rules->end(), same))
        return fail(ErrorCode::invalid_input,
                    fmt::format("proposal {}'s code \"{}\" is already the code of a rule in use",
                                id, rule.code), "proposal");
    }
  }
  store::ProposalDecision d{id, accept ? "accepted" : "rejected", now_ns(), std::string(actor),
                            std::string(reason)};
  if (auto r = store.decide_explanation_proposal(d); !r) return Unexpected(r.error());
  auto decided = store.explanation_proposal(id);
  if (!decided) return Unexpected(decided.error());
  if (!*decided) return fail(ErrorCode::not_found, fmt::format("there is no proposal {}", id), "proposal");
  return std::move(**decided);
}

}  // namespace ward::case_review
