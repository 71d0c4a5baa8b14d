// Measuring a proposed rule over accesses and cases (see rule_reach.h).
#include "case_review/rule_reach.h"

#include <algorithm>

#include "privacy/event_access.h"

namespace ward::case_review {

std::unordered_set<std::int64_t> explained_by_rule(const privacy::ExplanationRule& rule,
                                                   const std::vector<store::EventRow>& events,
                                                   const privacy::DirectoryIndex& directory) {
  const privacy::Explainer explainer({rule});
  std::unordered_set<std::int64_t> out;
  for (const store::EventRow& row : events) {
    const privacy::Access a = privacy::access_from_event(row, directory);
    if (explainer.explain(a, privacy::encounters_for(a, directory))) out.insert(row.seq);
  }
  return out;
}

std::size_t cases_explained(const std::vector<store::CaseRecord>& cases,
                            const std::unordered_set<std::int64_t>& explained) {
  return static_cast<std::size_t>(std::count_if(cases.begin(), cases.end(), [&](const store::CaseRecord& c) {
    return !c.seqs.empty() && std::all_of(c.seqs.begin(), c.seqs.end(), [&](std::int64_t seq) {
      return explained.count(seq) != 0;
    });
  }));
}

}  // namespace ward::case_review
