// The Hyperscan prefilter for hunting with many rules: every rule's required literals
// (prefilter_literals.h) in one database of case-insensitive literals; an event's values are
// scanned once; a rule whose literal occurred is a candidate if the literal is also in a value
// of the field its test reads (a keyword's: any value). Only candidates — plus the rules that
// need no literal — are evaluated. It never changes results, only skips rules that cannot match.
//
//   auto filter = Prefilter::build(rules);            // Result: Hyperscan may refuse
//   auto scratch = PrefilterScratch::make(*filter);   // one per thread
//   filter->candidates(event, *scratch, picked);      // indices into `rules`, ascending
//
// A Prefilter is immutable after build and may be shared by threads; a PrefilterScratch is
// for one thread at a time. `rules` must outlive neither: only indices are kept.
// The scan reads EventView::all_values(), which must hold the text of every value that
// values_of() can return (FlatEvent's does).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "sigma/compiled_rule.h"
#include "sigma/prefilter_literals.h"

struct hs_database;
struct hs_scratch;

namespace ward::sigma {

class PrefilterScratch;

// Rules whose required literals include a shorter one are always evaluated (a separator
// anchor counts: `EventID: 1` needs "\xFF1\xFF", three bytes).
inline constexpr std::size_t kMinLiteralLength = 3;

class Prefilter {
 public:
  // Fails (never aborts) when this CPU cannot run Hyperscan or the database does not compile.
  static Result<Prefilter> build(const std::vector<CompiledRule>& rules);
  // The same from each rule's required literals (nullopt: always evaluate), as
  // required_literals() gives them. An empty literal is an error (Hyperscan crashes on one).
  static Result<Prefilter> from_literals(const std::vector<std::optional<RequiredLiterals>>& needs);

  std::size_t rules() const { return rule_count_; }
  std::size_t literals() const { return literal_rules_.size(); }
  // Rules evaluated on every event because they need no literal.
  std::size_t always_evaluated() const { return always_.size(); }

  // The indices of the rules that may match `event`, ascending, into `out` (cleared first).
  // Fails only if Hyperscan reports an error while scanning.
  Result<void> candidates(const EventView& event, PrefilterScratch& scratch, std::vector<std::uint32_t>& out) const;

 private:
  friend class PrefilterScratch;
  struct FreeDatabase { void operator()(hs_database* db) const; };

  // A rule that needs a literal in the values of one field (0: in any value).
  struct Owner {
    std::uint32_t rule, field;
  };
  bool literal_in_field(const EventView& event, std::uint32_t literal, std::uint32_t field) const;

  std::size_t rule_count_ = 0;
  std::unique_ptr<hs_database, FreeDatabase> database_;  // null when no rule has a literal
  std::vector<std::string> literals_;                     // by literal id
  std::vector<std::vector<Owner>> literal_rules_;         // literal id → rules needing it
  std::vector<std::string> fields_;                       // field id → name; 0 is ""
  std::vector<std::uint32_t> always_;
};

// Hyperscan scratch space and the per-event buffers of one scanning thread.
class PrefilterScratch {
 public:
  static Result<PrefilterScratch> make(const Prefilter& filter);

 private:
  friend class Prefilter;
  struct FreeScratch { void operator()(hs_scratch* s) const; };

  std::unique_ptr<hs_scratch, FreeScratch> scratch_;
  std::string buffer_;                 // the event's values, each after and before kValueSeparator
  std::vector<std::uint32_t> seen_;    // per rule: the scan that last picked it
  std::vector<std::uint32_t> hits_;    // literal ids the scan found
  std::uint32_t scan_ = 0;
};

}  // namespace ward::sigma
