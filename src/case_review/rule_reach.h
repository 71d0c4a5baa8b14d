// How far a proposed rule reaches, measured with the privacy engine's own Explainer holding only
// that rule: which accesses it explains, and how many cases it explains every access of (those
// a run with the rule accepted would no longer find for lack of an explanation).
#pragma once

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "privacy/directory_index.h"
#include "privacy/explain.h"
#include "store/store.h"

namespace ward::case_review {

// The seqs of `events` that `rule` alone explains.
std::unordered_set<std::int64_t> explained_by_rule(const privacy::ExplanationRule& rule,
                                                   const std::vector<store::EventRow>& events,
                                                   const privacy::DirectoryIndex& directory);

// How many of `cases` have every access among `explained` (a case with no accesses does not
// count).
std::size_t cases_explained(const std::vector<store::CaseRecord>& cases,
                            const std::unordered_set<std::int64_t>& explained);

}  // namespace ward::case_review
