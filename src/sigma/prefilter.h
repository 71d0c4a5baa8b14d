// The Hyperscan prefilter for hunting with many rules: every rule's required literals
// (prefilter_literals.h) in databases of case-insensitive literals, one per field the literals
// are tested in (and one for keywords, tested in any value). An event's values of each such
// field are scanned in that field's database, all its values in the keywords' one; a rule
// is a candidate when a literal of each of its literal sets occurred. Fields no literal is
// about are not scanned, and a common literal (`.exe` at a value's end) wakes only the rules
// testing it in that field.
// Only candidates — plus the rules that need no literal — are evaluated. It never changes
// results, only skips rules that cannot match. A rule that needs no literal but reads one field
// only, and cannot match an event without it (a regex on CommandLine with no literal to look
// for), is judged with that field's scan: evaluated there, its verdict remembered with the
// literals found in the field's text (literal_memo.h), so a text seen before costs no evaluation.
// A rule with literals that reads one field only is judged the same way once its literals are
// found in that field's scan: a candidate only when it matches, its verdict remembered too.
//
//   auto filter = Prefilter::build(rules);            // Result: Hyperscan may refuse; rules outlive it
//   auto scratch = PrefilterScratch::make(*filter);   // one per thread
//   filter->candidates(event, *scratch, picked);      // indices into `rules`, ascending
//
//   PrefilterScope routed = filter->scope(routed_rules);       // one per rule list and thread
//   filter->candidates(event, *scratch, routed, picked);       // only routed rules, fewer scans
//
// A Prefilter is immutable after build and may be shared by threads; a PrefilterScratch and a
// PrefilterScope are for one thread at a time. `rules` must outlive neither: only indices are kept.
// The scan reads EventView::named() (fields' values) and all_values() (keywords).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "sigma/compiled_rule.h"
#include "sigma/hex_literals.h"
#include "sigma/literal_memo.h"
#include "sigma/prefilter_literals.h"

struct hs_database;
struct hs_scratch;

namespace ward::sigma {

class PrefilterScratch;
class PrefilterScope;

// Rules whose required literals include a shorter one are always evaluated (a separator
// anchor counts: `EventID: 1` needs "\xFF1\xFF", three bytes). Two bytes are worth scanning
// for since each field has its own table: `^^` in CommandLine wakes only CommandLine's rules;
// one byte (`.`, `\`) would wake its rules on nearly every event and slow the whole table.
inline constexpr std::size_t kMinLiteralLength = 2;
// A table of at most this many literals (besides hashes, hex_literals.h) is searched without
// Hyperscan (a folded search for each): a Hyperscan call costs ~200 cycles before it reads a
// byte, more than a few memchr.
inline constexpr std::size_t kDirectLiterals = 8;

class Prefilter {
 public:
  // A literal found is one of this set of this rule (RequiredLiterals::sets).
  struct Need {
    std::uint32_t rule;
    std::uint32_t set;
    bool operator==(const Need&) const = default;
  };

  // Fails (never aborts) when this CPU cannot run Hyperscan or the database does not compile.
  // `rules` must outlive the prefilter: the rules it judges in a field's scan are evaluated there.
  static Result<Prefilter> build(const std::vector<CompiledRule>& rules);
  // The same from each rule's required literals (nullopt: always evaluate), as
  // required_literals() gives them. An empty literal is an error (Hyperscan crashes on one).
  static Result<Prefilter> from_literals(const std::vector<std::optional<RequiredLiterals>>& needs);

  std::size_t rules() const { return rule_count_; }
  std::size_t literals() const { return literal_count_; }
  // Literal databases: one per field some literal is tested in, plus one for keywords.
  std::size_t tables() const { return fields_.size() + (keywords_ ? 1 : 0); }
  // Rules evaluated on every event because they need no literal.
  std::size_t always_evaluated() const { return always_.size(); }
  // Rules that need no literal judged in the scan of the one field they read (see above).
  std::size_t judged() const { return judged_count_; }
  // Rules with literals that read one field only, judged in its scan once their literals are found.
  std::size_t judged_with_literals() const { return judged_with_literals_; }

  // The indices of the rules that may match `event`, ascending, into `out` (cleared first).
  // Fails only if Hyperscan reports an error while scanning.
  Result<void> candidates(const EventView& event, PrefilterScratch& scratch, std::vector<std::uint32_t>& out) const;

  // The part of the prefilter that can pick one of `rules` (indices, e.g. the rules routed to a
  // logsource): the tables holding one of their literals, and which of them need none.
  PrefilterScope scope(std::span<const std::uint32_t> rules) const;
  // The candidates above that are in `scope`, ascending: only the scope's tables are scanned (a
  // Windows event is not scanned for the keywords of Linux rules) and, for an event whose
  // EventView::shape_id() is known, the fields to scan are worked out once per shape (scope
  // keeps them), not looked up name by name.
  Result<void> candidates(const EventView& event, PrefilterScratch& scratch, PrefilterScope& scope,
                          std::vector<std::uint32_t>& out) const;

 private:
  friend class PrefilterScratch;
  friend class PrefilterScope;
  struct FreeDatabase { void operator()(hs_database* db) const; };

  // The literals tested in one field (keywords: in any value): those holding a hash looked up
  // in `hex`, the others in one database or, when few, searched one by one.
  struct FieldTable {
    std::string field;
    std::unique_ptr<hs_database, FreeDatabase> database;  // null: the others are searched directly
    std::vector<std::vector<Need>> rules;  // by pattern id: the rules (and their sets) needing it here
    std::vector<std::string> literals;     // by pattern id (folded)
    HexLiterals hex;                       // the literals HexLiterals::takes
    std::vector<std::uint32_t> direct;     // without a database: the pattern ids not in `hex`
    // Rules that need no literal, read only this field and cannot match without it: evaluated
    // in the scan. In a memo, the verdict of judged[j] is remembered as the id literals.size() + j.
    std::vector<std::uint32_t> judged;
    // Whether a rule of judged_in_scan_ needs one of its literals: its verdicts are remembered
    // as the ids literals.size() + judged.size() + rule.
    bool judges_with_literals = false;
  };
  // The literals of `table` some member needs, in a database of their own, when they are few
  // (a Windows event's keywords: about 20 of the corpus's thousands); null otherwise, or when
  // Hyperscan does not build it (then the whole table is scanned).
  std::unique_ptr<FieldTable> narrowed(const FieldTable& table, const std::vector<std::uint8_t>& members) const;
  // Whether a rule of judged_in_scan_ needs a literal of `table`.
  bool judges_with_literals(const FieldTable& table) const;
  // A table's literals (folded) → the rules needing each; hashes into its HexLiterals, the
  // others into its database, or none when there are at most kDirectLiterals. Fails when
  // Hyperscan does not build it.
  static Result<void> fill_table(FieldTable& table, const std::map<std::string, std::vector<Need>>& literals);
  // from_literals, with `sole_fields`: per rule, the one field it reads when it can be judged in
  // that field's scan (empty: it cannot); `rules` (may be null when none can) must outlive it.
  static Result<Prefilter> from_needs(const std::vector<std::optional<RequiredLiterals>>& needs,
                                      const std::vector<std::string>& sole_fields, const std::vector<CompiledRule>* rules);
  // The table of a field of the event, or null when no literal is about it.
  const FieldTable* table_for(const NamedValues& field) const;
  // Where a scan may remember what it found: the scope's memo, and the trial of the field.
  struct MemoUse {
    LiteralMemo& memo;
    MemoTrial& trial;
    std::uint64_t& hits;
  };
  // Scans `values` (of `event`) joined with kValueSeparator (one before each, one after the last)
  // in the table's database; the rules of each literal found have that set found, and become
  // candidates (once per event) when it was the last of their sets; the table's judged rules
  // that match `event` become candidates. With `memo`, the literals found in the same text
  // before, and the verdicts, are taken from it instead, when its trial says so. Returns 0, or
  // Hyperscan's error code: not a Result, whose Error (128 bytes) was cleared on every return of
  // the ~16 scans an event (a `rep stos` each).
  int scan(const FieldTable& table, const EventView& event, std::span<const FieldValue> values,
           PrefilterScratch& scratch, std::vector<std::uint32_t>& out,
           const std::vector<std::uint8_t>* members = nullptr, const MemoUse* memo = nullptr) const;
  // Starts an event's scan: `out` cleared, the scratch's marks moved on. Fails on a scratch
  // made for another prefilter.
  Result<void> start(PrefilterScratch& scratch, std::vector<std::uint32_t>& out) const;

  std::size_t rule_count_ = 0;
  std::size_t literal_count_ = 0;               // distinct literals over all tables
  std::size_t judged_count_ = 0;                // rules in some table's `judged`
  const std::vector<CompiledRule>* judged_rules_ = nullptr;  // build()'s rules, for the judged ones
  std::optional<FieldTable> keywords_;          // literals tested in any value
  std::vector<FieldTable> fields_;              // one per field name (compared without case)
  std::vector<std::uint32_t> field_slots_;      // open addressing by hash_field_name: index + 1
  std::vector<std::uint32_t> field_hashes_;     // parallel to fields_
  std::vector<std::uint32_t> always_;
  std::vector<std::uint32_t> all_sets_;         // per rule: a bit for each of its sets
  // Per rule: 1 when it has literals, reads one field only and cannot match without it: once its
  // literals are found in that field's scan it is evaluated there, a candidate only if it
  // matches, and its verdict is remembered in the memo with the literals found.
  std::vector<std::uint8_t> judged_in_scan_;
  std::size_t judged_with_literals_ = 0;
};

// A Prefilter narrowed to some rules (Prefilter::scope): the tables that hold a literal of one
// of them — a table of which they need only a few literals (at most kNarrowedLiterals, and less
// than half of it) rebuilt with just those — and the fields to scan for each event shape seen
// (at most kShapes of them; all are forgotten when one more comes), with a memo of the
// literals found in each field's recent texts (literal_memo.h). One thread.
class PrefilterScope {
 public:
  static constexpr std::size_t kShapes = 256;
  static constexpr std::size_t kNarrowedLiterals = 64;
  // Tables rebuilt with only the scope's literals (for tests).
  std::size_t narrowed_tables() const { return own_.size(); }
  // Scans answered by the memo (for tests).
  std::uint64_t remembered_scans() const { return remembered_scans_; }

 private:
  friend class Prefilter;
  // For one event shape: the named() index of each field to scan, and the table to scan it in.
  struct ScanStep {
    std::uint32_t named;
    const Prefilter::FieldTable* table;
    MemoTrial memo_trial;  // whether this field's texts come again
  };
  struct Plan {
    std::size_t name_count = 0;
    std::vector<ScanStep> steps;
  };
  std::vector<std::uint8_t> members_;  // per rule: in the scope
  // Per field table of the prefilter: the table to scan (it, or one of own_), null when it holds
  // no literal of a member; the same for the keywords' table.
  std::vector<const Prefilter::FieldTable*> tables_;
  const Prefilter::FieldTable* keywords_ = nullptr;
  std::vector<std::unique_ptr<Prefilter::FieldTable>> own_;  // the narrowed tables
  const PrefilterScratch* grown_for_ = nullptr;              // the scratch made large enough for own_
  std::vector<std::uint32_t> always_;  // members evaluated always
  std::unordered_map<std::uint64_t, Plan> plans_;  // by EventView::shape_id()
  Plan unshaped_;                                  // the plan of an event of no known shape
  LiteralMemo memo_;                               // the fields' texts (not the keywords')
  std::uint64_t remembered_scans_ = 0;
};

// Hyperscan scratch space and the per-event buffers of one scanning thread.
class PrefilterScratch {
 public:
  // Per rule: the sets found in the event being scanned (when scan is the scratch's event; a high bit once a candidate).
  struct Found {
    std::uint32_t scan = 0;
    std::uint32_t sets = 0;
  };
  static Result<PrefilterScratch> make(const Prefilter& filter);

 private:
  friend class Prefilter;
  struct FreeScratch { void operator()(hs_scratch* s) const; };

  // Makes the scratch large enough for `database` too.
  bool grow_for(const hs_database* database);

  std::unique_ptr<hs_scratch, FreeScratch> scratch_;
  std::string buffer_;                 // the values being scanned, each after and before kValueSeparator
  std::vector<std::uint32_t> found_ids_;  // the literals a scan found (and verdict ids)
  std::vector<std::uint32_t> noted_;      // what LiteralMemo remembers of them (prefilter.cc)
  std::vector<std::uint32_t> to_judge_;   // rules of judged_in_scan_ whose literals a scan found
  std::vector<Found> found_;
  std::uint32_t scan_ = 0;             // the event being scanned
};

}  // namespace ward::sigma
