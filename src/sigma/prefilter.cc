// The Hyperscan prefilter (prefilter.h): building one literal database per field (and one for
// keywords), scanning an event's values field by field.
#include "sigma/prefilter.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include <fmt/format.h>
#include <hs/hs.h>

#include "sigma/field_name.h"

namespace ward::sigma {
namespace {

// Set in PrefilterScratch::Found::sets once the rule is a candidate of the event.
constexpr std::uint32_t kPicked = 1u << 31;
// Set once a rule judged in the scan has all its sets found (it is judged once per scan).
constexpr std::uint32_t kJudging = 1u << 30;
static_assert(kMaxLiteralSets < 30);

// What a memo slot holds of a field's scan (LiteralMemo's ids): each set of a scope member that a
// literal found gave, as rule << kSetShift | set — not those of rules judged in the scan, which
// their verdicts tell — and each rule the scan picked as a matching judged rule, as kPickBit | rule.
// Members' sets, not literal ids: a hit then marks them without going through every rule that
// needs a common literal (".exe" in Image) to find the scope's.
constexpr std::uint32_t kPickBit = 1u << 31;
constexpr std::uint32_t kSetShift = 5;
constexpr std::size_t kMostRules = std::size_t{1} << (31 - kSetShift);
static_assert(kMaxLiteralSets <= (1u << kSetShift));

// What a scan's callback needs to make the rules of a literal found candidates.
struct ScanContext {
  const std::vector<std::vector<Prefilter::Need>>& rules;  // by pattern id
  const std::vector<std::uint32_t>& all_sets;              // per rule
  std::vector<PrefilterScratch::Found>& found;
  std::uint32_t scan;
  std::vector<std::uint32_t>& out;
  const std::vector<std::uint8_t>* members;  // per rule: may be picked; null: every rule
  std::vector<std::uint32_t>* found_ids = nullptr;  // where the literals found are listed, if anywhere
  const std::uint8_t* judged_in_scan = nullptr;      // per rule (Prefilter::judged_in_scan_); null: none
  // Where the rules judged in the scan whose sets are all found go, to be evaluated; null when
  // their verdicts come from the memo.
  std::vector<std::uint32_t>* to_judge = nullptr;
};

// Hyperscan reports each literal once per scan (HS_FLAG_SINGLEMATCH), HexLiterals perhaps
// more often: marking a set again changes nothing, and a rule is picked once (kPicked).
int on_literal(unsigned int id, unsigned long long, unsigned long long, unsigned int, void* context) {
  auto& c = *static_cast<ScanContext*>(context);
  if (c.found_ids != nullptr) c.found_ids->push_back(id);
  for (const Prefilter::Need need : c.rules[id]) {
    if (c.members != nullptr && (*c.members)[need.rule] == 0) continue;
    PrefilterScratch::Found& found = c.found[need.rule];
    if (found.scan != c.scan) found = {c.scan, 0};
    found.sets |= 1u << need.set;
    if (found.sets == c.all_sets[need.rule]) {
      if (c.judged_in_scan != nullptr && c.judged_in_scan[need.rule] != 0) {
        found.sets |= kJudging;
        if (c.to_judge != nullptr) c.to_judge->push_back(need.rule);
        continue;
      }
      found.sets |= kPicked;
      c.out.push_back(need.rule);
    }
  }
  return 0;  // keep scanning
}

// `values` joined in `buffer`, kValueSeparator before each and after the last: sized once and
// copied in place (two std::string appends per value, each a call, were a tenth of the scan).
std::string_view join_values(std::span<const FieldValue> values, std::string& buffer) {
  std::size_t size = 1;
  for (const FieldValue& v : values) size += v.text.size() + 1;
  if (buffer.size() < size) buffer.resize(std::max(size, 2 * buffer.size()));
  char* out = buffer.data();
  *out++ = kValueSeparator;
  for (const FieldValue& v : values) {
    if (!v.text.empty()) std::memcpy(out, v.text.data(), v.text.size());
    out += v.text.size();
    *out++ = kValueSeparator;
  }
  return {buffer.data(), size};
}

// Makes `rule` a candidate of the event (once): a judged rule that matched.
void pick(ScanContext& c, std::uint32_t rule) {
  PrefilterScratch::Found& found = c.found[rule];
  if (found.scan != c.scan) found = {c.scan, 0};
  if ((found.sets & kPicked) != 0) return;
  found.sets |= kPicked;
  c.out.push_back(rule);
}

// Whether verdicts on `values` may be remembered by their joined text: no null among them (its
// text, "", is an empty string's) and no separator inside one (the text splits into the same
// values). memchr: a byte loop counting the separators of the joined text cost ~1.5% of a hunt.
bool text_tells_values(std::span<const FieldValue> values) {
  for (const FieldValue& v : values)
    if (v.kind == ValueKind::null || (!v.text.empty() && std::memchr(v.text.data(), kValueSeparator, v.text.size()) != nullptr))
      return false;
  return true;
}

// An event without fields: what a rule reading one field sees of an event that lacks it.
class NoFields final : public EventView {
 public:
  std::span<const FieldValue> values_of(std::string_view, std::uint32_t) const override { return {}; }
  std::span<const FieldValue> all_values() const override { return {}; }
  std::size_t name_count() const override { return 0; }
  NamedValues named(std::size_t) const override { return {}; }
};

// The one field `rule` reads when it can be judged in that field's scan: every condition names
// it (no keywords, no field references) and the rule does not match an event without it.
// Empty otherwise.
std::string sole_field(const CompiledRule& rule) {
  std::string field;
  for (const CompiledSelection& selection : rule.selections())
    for (const auto& alternative : selection.any_of)
      for (const FieldCondition& c : alternative) {
        if (c.field.empty() || !c.refs.empty()) return {};
        if (field.empty()) field = c.field;
        else if (!same_field_name(field, c.field)) return {};
      }
  if (field.empty() || rule.matches(NoFields())) return {};
  return field;
}

// Whether every literal of `needed` is tested in `field` (none in any value).
bool reads_only(const RequiredLiterals& needed, const std::string& field) {
  for (std::size_t i = 0; i < needed.any.size(); ++i)
    if (i >= needed.fields.size() || !same_field_name(needed.fields[i], field)) return false;
  return true;
}

// What a failed scan (Prefilter::scan's Hyperscan error code) tells the caller.
Result<void> scan_failed(int rc) { return fail(ErrorCode::internal, fmt::format("Hyperscan scan failed (error {})", rc)); }

// Field names compared as events compare them (field_name.h).
struct FieldNameLess {
  bool operator()(const std::string& a, const std::string& b) const { return compare_field_names(a, b) < 0; }
};

// A field's literals (folded) → the rules needing each, as they are collected.
using LiteralRules = std::map<std::string, std::vector<Prefilter::Need>>;

}  // namespace

void Prefilter::FreeDatabase::operator()(hs_database* db) const { hs_free_database(db); }
void PrefilterScratch::FreeScratch::operator()(hs_scratch* s) const { hs_free_scratch(s); }

Result<Prefilter> Prefilter::build(const std::vector<CompiledRule>& rules) {
  std::vector<std::optional<RequiredLiterals>> needs;
  std::vector<std::string> sole_fields;
  needs.reserve(rules.size());
  sole_fields.reserve(rules.size());
  for (const CompiledRule& rule : rules) {
    needs.push_back(required_literals(rule));
    sole_fields.push_back(sole_field(rule));
  }
  return from_needs(needs, sole_fields, &rules);
}

namespace {

// The literals `ids` of a table in one Hyperscan database; pattern ids are the literals' ids.
Result<hs_database_t*> compile_literals(const std::vector<std::string>& literals, const std::vector<std::uint32_t>& ids) {
  if (ids.empty()) return fail(ErrorCode::internal, "cannot build the Hyperscan prefilter: a table without literals");
  std::vector<const char*> patterns;
  std::vector<std::size_t> lengths;
  for (std::uint32_t id : ids) {
    patterns.push_back(literals[id].data());
    lengths.push_back(literals[id].size());
  }
  std::vector<unsigned int> flags(patterns.size(), HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH);
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(patterns.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned int>(patterns.size()), HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
    std::string reason = error != nullptr && error->message != nullptr ? error->message : "unknown error";
    if (error != nullptr && error->expression >= 0 && static_cast<std::size_t>(error->expression) < patterns.size())
      reason += fmt::format(" (literal \"{}\")", std::string_view(patterns[static_cast<std::size_t>(error->expression)],
                                                               lengths[static_cast<std::size_t>(error->expression)]));
    hs_free_compile_error(error);
    return fail(ErrorCode::internal, "cannot build the Hyperscan prefilter: " + reason);
  }
  return db;
}

}  // namespace

Result<Prefilter> Prefilter::from_literals(const std::vector<std::optional<RequiredLiterals>>& needs) {
  return from_needs(needs, {}, nullptr);
}

Result<Prefilter> Prefilter::from_needs(const std::vector<std::optional<RequiredLiterals>>& needs,
                                        const std::vector<std::string>& sole_fields, const std::vector<CompiledRule>* rules) {
  if (needs.size() >= kMostRules) return fail(ErrorCode::unsupported, fmt::format("the prefilter takes at most {} rules", kMostRules - 1));
  Prefilter filter;
  filter.rule_count_ = needs.size();
  LiteralRules keywords;
  std::map<std::string, LiteralRules, FieldNameLess> by_field;
  std::set<std::string> distinct;
  std::map<std::string, std::vector<std::uint32_t>, FieldNameLess> judged;  // by field
  // A rule that needs no literal: judged in its field's scan, or evaluated on every event.
  auto always = [&](std::uint32_t r) {
    if (rules != nullptr && r < sole_fields.size() && !sole_fields[r].empty()) judged[sole_fields[r]].push_back(r);
    else filter.always_.push_back(r);
  };
  filter.all_sets_.assign(needs.size(), 0);
  for (std::uint32_t r = 0; r < needs.size(); ++r) {
    const auto& needed = needs[r];
    if (!needed) { always(r); continue; }
    // A set holding a one-byte literal ("." or "\\") is found on nearly every event, and such
    // literals slow the scan down: the set is left out (a rule left with none is always evaluated).
    const std::size_t set_count = std::min(needed->set_count(), kMaxLiteralSets);
    std::vector<std::int32_t> kept_as(set_count, 0);
    for (std::size_t i = 0; i < needed->any.size(); ++i)
      if (const std::uint8_t set = needed->set_of(i); set < set_count && !needed->any[i].empty() &&
                                                      needed->any[i].size() < kMinLiteralLength)
        kept_as[set] = -1;
    std::int32_t kept = 0;
    for (std::int32_t& k : kept_as)
      if (k == 0) k = kept++;
    if (kept == 0) { always(r); continue; }
    filter.all_sets_[r] = (1u << kept) - 1;
    if (rules != nullptr && r < sole_fields.size() && !sole_fields[r].empty() &&
        reads_only(*needed, sole_fields[r])) {
      if (filter.judged_in_scan_.empty()) filter.judged_in_scan_.assign(needs.size(), 0);
      filter.judged_in_scan_[r] = 1;
      ++filter.judged_with_literals_;
    }
    for (std::size_t i = 0; i < needed->any.size(); ++i) {
      const std::uint8_t set = needed->set_of(i);
      if (set >= set_count || kept_as[set] < 0) continue;
      std::string literal = fold_ascii(needed->any[i]);
      if (literal.empty())
        return fail(ErrorCode::internal, fmt::format("cannot build the prefilter: rule {} has an empty literal", r));
      const std::string field = i < needed->fields.size() ? needed->fields[i] : std::string();
      distinct.insert(literal);
      auto& rules = (field.empty() ? keywords : by_field[field])[std::move(literal)];
      const Need need{r, static_cast<std::uint32_t>(kept_as[set])};
      if (std::find(rules.begin(), rules.end(), need) == rules.end()) rules.push_back(need);
    }
  }
  filter.literal_count_ = distinct.size();
  if (distinct.empty() && judged.empty()) return filter;
  for (const auto& [field, judged_rules] : judged) {
    by_field[field];  // a table for the field, perhaps without literals
    filter.judged_count_ += judged_rules.size();
  }
  if (!judged.empty() || filter.judged_with_literals_ != 0) filter.judged_rules_ = rules;
  if (hs_valid_platform() != HS_SUCCESS)
    return fail(ErrorCode::unsupported, "this CPU cannot run Hyperscan (it needs SSSE3)");
  auto make_table = [](std::string field, const LiteralRules& literals) -> Result<FieldTable> {
    FieldTable table{std::move(field), nullptr, {}, {}};
    if (auto made = fill_table(table, literals); !made) return Unexpected(made.error());
    return table;
  };
  if (!keywords.empty()) {
    auto table = make_table("", keywords);
    if (!table) return Unexpected(table.error());
    filter.keywords_ = std::move(*table);
    filter.keywords_->judges_with_literals = filter.judges_with_literals(*filter.keywords_);
  }
  for (const auto& [field, literals] : by_field) {
    auto table = make_table(field, literals);
    if (!table) return Unexpected(table.error());
    if (auto j = judged.find(field); j != judged.end()) table->judged = j->second;
    table->judges_with_literals = filter.judges_with_literals(*table);
    filter.fields_.push_back(std::move(*table));
    filter.field_hashes_.push_back(hash_field_name(field));
  }
  std::size_t capacity = 16;
  while (capacity < 2 * filter.fields_.size()) capacity *= 2;
  filter.field_slots_.assign(capacity, 0);
  for (std::size_t f = 0; f < filter.fields_.size(); ++f) {
    std::size_t at = filter.field_hashes_[f] & (capacity - 1);
    while (filter.field_slots_[at] != 0) at = (at + 1) & (capacity - 1);
    filter.field_slots_[at] = static_cast<std::uint32_t>(f + 1);
  }
  return filter;
}

const Prefilter::FieldTable* Prefilter::table_for(const NamedValues& field) const {
  if (field_slots_.empty()) return nullptr;
  const std::size_t mask = field_slots_.size() - 1;
  for (std::size_t at = field.name_hash & mask; field_slots_[at] != 0; at = (at + 1) & mask) {
    const std::size_t f = field_slots_[at] - 1;
    if (field_hashes_[f] == field.name_hash && same_field_name(fields_[f].field, field.name)) return &fields_[f];
  }
  return nullptr;
}

bool PrefilterScratch::grow_for(const hs_database* database) {
  if (database == nullptr) return true;  // a table searched directly
  hs_scratch_t* s = scratch_.release();
  const bool ok = hs_alloc_scratch(database, &s) == HS_SUCCESS;  // grows s to fit
  scratch_.reset(s);
  return ok;
}

Result<PrefilterScratch> PrefilterScratch::make(const Prefilter& filter) {
  PrefilterScratch scratch;
  scratch.found_.assign(filter.rule_count_, {});
  bool ok = !filter.keywords_ || scratch.grow_for(filter.keywords_->database.get());
  for (const auto& table : filter.fields_) ok = ok && scratch.grow_for(table.database.get());
  if (!ok) return fail(ErrorCode::internal, "cannot allocate Hyperscan scratch space");
  return scratch;
}

int Prefilter::scan(const FieldTable& table, const EventView& event, std::span<const FieldValue> values,
                   PrefilterScratch& scratch, std::vector<std::uint32_t>& out,
                   const std::vector<std::uint8_t>* members, const MemoUse* memo) const {
  // With the memo, a field of one value (most) is looked up by that value, under the table's
  // address + 1 (apart from joined texts): it is copied and joined only when it is scanned.
  const bool by_value = memo != nullptr && values.size() == 1;
  const std::string_view text = by_value ? values[0].text : join_values(values, scratch.buffer_);
  const void* const memo_key = by_value ? static_cast<const void*>(reinterpret_cast<const char*>(&table) + 1) : &table;
  ScanContext context{table.rules, all_sets_, scratch.found_, scratch.scan_, out, members};
  if (table.judges_with_literals) context.judged_in_scan = judged_in_scan_.data();
  std::uint64_t hash = 0;
  const std::size_t literal_ids = table.rules.size();  // ids from here on: verdicts of judged rules
  const std::size_t verdict_ids = literal_ids + table.judged.size();  // from here on: of rules with literals
  if (memo != nullptr && text.size() <= LiteralMemo::kLongestText &&
      ((table.judged.empty() && !table.judges_with_literals) || text_tells_values(values)) &&
      memo->trial.worth_trying()) {
    hash = LiteralMemo::hash(text);
    const auto remembered = memo->memo.find(memo_key, text, hash);
    memo->trial.tried(remembered.has_value());
    if (remembered) {
      ++memo->hits;
      for (const std::uint32_t noted : *remembered) {
        if ((noted & kPickBit) != 0) {
          pick(context, noted & ~kPickBit);
          continue;
        }
        const std::uint32_t rule = noted >> kSetShift;
        PrefilterScratch::Found& found = scratch.found_[rule];
        if (found.scan != scratch.scan_) found = {scratch.scan_, 0};
        found.sets |= 1u << (noted & ((1u << kSetShift) - 1));
        if (found.sets == all_sets_[rule]) {
          found.sets |= kPicked;
          out.push_back(rule);
        }
      }
      return 0;
    }
    scratch.found_ids_.clear();
    context.found_ids = &scratch.found_ids_;
  }
  const std::string_view buffer = by_value ? join_values(values, scratch.buffer_) : text;
  scratch.to_judge_.clear();
  context.to_judge = &scratch.to_judge_;
  table.hex.find(buffer, [&](std::uint32_t id) { on_literal(id, 0, 0, 0, &context); });
  if (!table.database) {
    for (std::uint32_t id : table.direct)
      if (contains_folded(buffer, table.literals[id])) on_literal(id, 0, 0, 0, &context);
  } else {
    const hs_error_t rc = hs_scan(table.database.get(), buffer.data(), static_cast<unsigned int>(buffer.size()), 0,
                                  scratch.scratch_.get(), on_literal, &context);
    if (rc != HS_SUCCESS) return rc;
  }
  for (std::size_t j = 0; j < table.judged.size(); ++j) {
    const std::uint32_t rule = table.judged[j];
    if ((members != nullptr && (*members)[rule] == 0) || !(*judged_rules_)[rule].matches(event)) continue;
    pick(context, rule);
    if (context.found_ids != nullptr) context.found_ids->push_back(static_cast<std::uint32_t>(literal_ids + j));
  }
  for (const std::uint32_t rule : scratch.to_judge_) {
    if (!(*judged_rules_)[rule].matches(event)) continue;
    pick(context, rule);
    if (context.found_ids != nullptr) context.found_ids->push_back(static_cast<std::uint32_t>(verdict_ids + rule));
  }
  if (context.found_ids != nullptr) {
    std::vector<std::uint32_t>& noted = scratch.noted_;
    noted.clear();
    for (const std::uint32_t id : scratch.found_ids_) {
      if (id >= verdict_ids) {
        noted.push_back(kPickBit | static_cast<std::uint32_t>(id - verdict_ids));
      } else if (id >= literal_ids) {
        noted.push_back(kPickBit | table.judged[id - literal_ids]);
      } else {
        for (const Need need : table.rules[id])
          if ((members == nullptr || (*members)[need.rule] != 0) &&
              (context.judged_in_scan == nullptr || context.judged_in_scan[need.rule] == 0))
            noted.push_back(need.rule << kSetShift | need.set);
      }
    }
    memo->memo.remember(memo_key, text, hash, noted);
  }
  return 0;
}

Result<void> Prefilter::start(PrefilterScratch& scratch, std::vector<std::uint32_t>& out) const {
  out.clear();
  if (scratch.found_.size() != rule_count_)
    return fail(ErrorCode::internal, "prefilter scratch made for another prefilter");
  if (++scratch.scan_ == 0) {  // wrapped: forget old marks
    std::fill(scratch.found_.begin(), scratch.found_.end(), PrefilterScratch::Found{});
    scratch.scan_ = 1;
  }
  return {};
}

Result<void> Prefilter::candidates(const EventView& event, PrefilterScratch& scratch, std::vector<std::uint32_t>& out) const {
  if (!keywords_ && fields_.empty()) {
    out.assign(always_.begin(), always_.end());
    return {};
  }
  if (auto started = start(scratch, out); !started) return started;
  out.insert(out.end(), always_.begin(), always_.end());
  if (keywords_)
    if (const int rc = scan(*keywords_, event, event.all_values(), scratch, out); rc != 0) return scan_failed(rc);
  for (std::size_t i = 0, n = event.name_count(); i < n; ++i) {
    const NamedValues field = event.named(i);
    if (const FieldTable* table = table_for(field))
      if (const int rc = scan(*table, event, field.values, scratch, out); rc != 0) return scan_failed(rc);
  }
  std::sort(out.begin(), out.end());
  return {};
}

Result<void> Prefilter::fill_table(FieldTable& table, const std::map<std::string, std::vector<Need>>& literals) {
  std::vector<std::uint32_t> others;
  for (const auto& [literal, needing] : literals) {
    const auto id = static_cast<std::uint32_t>(table.literals.size());
    table.literals.push_back(literal);
    table.rules.push_back(needing);
    if (HexLiterals::takes(literal)) table.hex.add(literal, id);
    else others.push_back(id);
  }
  table.hex.finish();
  if (others.size() <= kDirectLiterals) {
    table.direct = std::move(others);
    return {};
  }
  auto db = compile_literals(table.literals, others);
  if (!db) return Unexpected(db.error());
  table.database.reset(*db);
  return {};
}

bool Prefilter::judges_with_literals(const FieldTable& table) const {
  if (judged_in_scan_.empty()) return false;
  for (const auto& needing : table.rules)
    for (const Need need : needing)
      if (judged_in_scan_[need.rule] != 0) return true;
  return false;
}

std::unique_ptr<Prefilter::FieldTable> Prefilter::narrowed(const FieldTable& table,
                                                           const std::vector<std::uint8_t>& members) const {
  // Counted first: most tables of a large scope keep too many literals to be rebuilt, and
  // collecting them all in a map took most of a scope's making (~0.1 G instructions a logsource).
  std::size_t count = 0;
  for (const auto& needing : table.rules) {
    count += std::any_of(needing.begin(), needing.end(), [&](const Need need) { return members[need.rule] != 0; });
    if (count > PrefilterScope::kNarrowedLiterals) return nullptr;
  }
  if (2 * count >= table.literals.size()) return nullptr;
  LiteralRules needed;
  for (std::size_t id = 0; id < table.rules.size(); ++id)
    for (const Need need : table.rules[id])
      if (members[need.rule] != 0) needed[table.literals[id]].push_back(need);
  auto own = std::make_unique<FieldTable>(FieldTable{table.field, nullptr, {}, {}});
  if (!fill_table(*own, needed)) return nullptr;
  for (std::uint32_t rule : table.judged)
    if (members[rule] != 0) own->judged.push_back(rule);
  own->judges_with_literals = judges_with_literals(*own);
  return own;
}

PrefilterScope Prefilter::scope(std::span<const std::uint32_t> rules) const {
  PrefilterScope scope;
  scope.members_.assign(rule_count_, 0);
  for (std::uint32_t r : rules)
    if (r < rule_count_) scope.members_[r] = 1;
  for (std::uint32_t r : always_)
    if (scope.members_[r] != 0) scope.always_.push_back(r);
  auto table_to_scan = [&](const FieldTable& table) -> const FieldTable* {
    bool holds_member = false;
    for (std::uint32_t rule : table.judged) holds_member = holds_member || scope.members_[rule] != 0;
    for (const auto& needing : table.rules)
      for (const Need need : needing) holds_member = holds_member || scope.members_[need.rule] != 0;
    if (!holds_member) return nullptr;
    if (auto own = narrowed(table, scope.members_)) return scope.own_.emplace_back(std::move(own)).get();
    return &table;
  };
  if (keywords_) scope.keywords_ = table_to_scan(*keywords_);
  for (const FieldTable& table : fields_) scope.tables_.push_back(table_to_scan(table));
  return scope;
}

Result<void> Prefilter::candidates(const EventView& event, PrefilterScratch& scratch, PrefilterScope& scope,
                                   std::vector<std::uint32_t>& out) const {
  if (scope.members_.size() != rule_count_) return fail(ErrorCode::internal, "prefilter scope made for another prefilter");
  if (!keywords_ && fields_.empty()) {
    out.assign(scope.always_.begin(), scope.always_.end());
    return {};
  }
  if (auto started = start(scratch, out); !started) return started;
  if (scope.grown_for_ != &scratch) {
    for (const auto& own : scope.own_)
      if (!scratch.grow_for(own->database.get())) return fail(ErrorCode::internal, "cannot allocate Hyperscan scratch space");
    scope.grown_for_ = &scratch;
  }
  out.insert(out.end(), scope.always_.begin(), scope.always_.end());
  if (scope.keywords_)
    if (const int rc = scan(*scope.keywords_, event, event.all_values(), scratch, out, &scope.members_); rc != 0)
      return scan_failed(rc);
  // The fields to scan: the plan of the event's shape, made on its first event.
  const std::uint64_t shape = event.shape_id();
  const std::size_t names = event.name_count();
  PrefilterScope::Plan* plan = &scope.unshaped_;
  bool known = false;
  if (shape != 0) {
    if (scope.plans_.size() >= PrefilterScope::kShapes && !scope.plans_.contains(shape)) scope.plans_.clear();
    auto [it, added] = scope.plans_.try_emplace(shape);
    plan = &it->second;
    known = !added && plan->name_count == names;
  }
  if (!known) {
    plan->name_count = names;
    plan->steps.clear();
    for (std::size_t i = 0; i < names; ++i)
      if (const FieldTable* table = table_for(event.named(i)))
        if (const FieldTable* to_scan = scope.tables_[static_cast<std::size_t>(table - fields_.data())])
          plan->steps.push_back({static_cast<std::uint32_t>(i), to_scan, {}});
  }
  for (PrefilterScope::ScanStep& step : plan->steps) {
    const MemoUse memo{scope.memo_, step.memo_trial, scope.remembered_scans_};
    if (const int rc = scan(*step.table, event, event.named(step.named).values, scratch, out, &scope.members_, &memo);
        rc != 0)
      return scan_failed(rc);
  }
  std::sort(out.begin(), out.end());
  return {};
}

}  // namespace ward::sigma
