// The Hyperscan prefilter (prefilter.h): building the literal database, scanning an event,
// checking each hit in its rule's field.
#include "sigma/prefilter.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <hs/hs.h>

namespace ward::sigma {
namespace {

// The scan only collects literal ids (each once: HS_FLAG_SINGLEMATCH); candidates() checks
// their fields afterwards.
int on_literal(unsigned int id, unsigned long long, unsigned long long, unsigned int, void* context) {
  static_cast<std::vector<std::uint32_t>*>(context)->push_back(id);
  return 0;  // keep scanning
}

}  // namespace

void Prefilter::FreeDatabase::operator()(hs_database* db) const { hs_free_database(db); }
void PrefilterScratch::FreeScratch::operator()(hs_scratch* s) const { hs_free_scratch(s); }

Result<Prefilter> Prefilter::build(const std::vector<CompiledRule>& rules) {
  std::vector<std::optional<RequiredLiterals>> needs;
  needs.reserve(rules.size());
  for (const CompiledRule& rule : rules) needs.push_back(required_literals(rule));
  return from_literals(needs);
}

Result<Prefilter> Prefilter::from_literals(const std::vector<std::optional<RequiredLiterals>>& needs) {
  Prefilter filter;
  filter.rule_count_ = needs.size();
  filter.fields_.emplace_back();
  std::map<std::string, std::uint32_t, std::less<>> ids, field_ids{{"", 0}};
  for (std::uint32_t r = 0; r < needs.size(); ++r) {
    const auto& needed = needs[r];
    // A rule that needs only one of some very short literals ("." or "\\") is a candidate on
    // nearly every event, and short literals slow the scan down: evaluate it always instead.
    const bool too_short = needed && std::any_of(needed->any.begin(), needed->any.end(), [](const std::string& l) {
      return !l.empty() && l.size() < kMinLiteralLength;
    });
    if (!needed || needed->any.empty() || too_short) { filter.always_.push_back(r); continue; }
    for (std::size_t i = 0; i < needed->any.size(); ++i) {
      const std::string literal = fold_ascii(needed->any[i]);
      if (literal.empty())
        return fail(ErrorCode::internal, fmt::format("cannot build the prefilter: rule {} has an empty literal", r));
      const std::string field = i < needed->fields.size() ? needed->fields[i] : std::string();
      auto [f, new_field] = field_ids.emplace(field, static_cast<std::uint32_t>(filter.fields_.size()));
      if (new_field) filter.fields_.push_back(field);
      auto [it, added] = ids.emplace(literal, static_cast<std::uint32_t>(filter.literal_rules_.size()));
      if (added) {
        filter.literal_rules_.emplace_back();
        filter.literals_.push_back(literal);
      }
      auto& owners = filter.literal_rules_[it->second];
      const Owner owner{r, f->second};
      if (owners.empty() || owners.back().rule != r || owners.back().field != owner.field) owners.push_back(owner);
    }
  }
  if (ids.empty()) return filter;
  if (hs_valid_platform() != HS_SUCCESS)
    return fail(ErrorCode::unsupported, "this CPU cannot run Hyperscan (it needs SSSE3)");
  std::vector<const char*> patterns(ids.size());
  std::vector<std::size_t> lengths(ids.size());
  std::vector<unsigned int> flags(ids.size(), HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH), hs_ids(ids.size());
  for (const auto& [literal, id] : ids) {
    patterns[id] = literal.data();
    lengths[id] = literal.size();
    hs_ids[id] = id;
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(patterns.data(), flags.data(), hs_ids.data(), lengths.data(),
                           static_cast<unsigned int>(patterns.size()), HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
    std::string reason = error != nullptr && error->message != nullptr ? error->message : "unknown error";
    if (error != nullptr && error->expression >= 0 && static_cast<std::size_t>(error->expression) < patterns.size())
      reason += fmt::format(" (literal \"{}\")", std::string_view(patterns[static_cast<std::size_t>(error->expression)],
                                                               lengths[static_cast<std::size_t>(error->expression)]));
    hs_free_compile_error(error);
    return fail(ErrorCode::internal, "cannot build the Hyperscan prefilter: " + reason);
  }
  filter.database_.reset(db);
  return filter;
}

// Whether the literal, with its separator anchors read as "at the value's start/end", is in
// a value of the field (ASCII case-insensitively, as the scan found it).
bool Prefilter::literal_in_field(const EventView& event, std::uint32_t literal, std::uint32_t field) const {
  std::string_view needle = literals_[literal];
  const bool at_start = needle.front() == kValueSeparator;
  if (at_start) needle.remove_prefix(1);
  const bool at_end = !needle.empty() && needle.back() == kValueSeparator;
  if (at_end) needle.remove_suffix(1);
  for (const FieldValue& v : event.values_of(fields_[field])) {
    const std::string_view text = v.text;
    if (at_start && at_end) {
      if (equals_folded(text, needle)) return true;
    } else if (at_start) {
      if (text.size() >= needle.size() && equals_folded(text.substr(0, needle.size()), needle)) return true;
    } else if (at_end) {
      if (text.size() >= needle.size() && equals_folded(text.substr(text.size() - needle.size()), needle)) return true;
    } else if (contains_folded(text, needle)) {
      return true;
    }
  }
  return false;
}

Result<PrefilterScratch> PrefilterScratch::make(const Prefilter& filter) {
  PrefilterScratch scratch;
  scratch.seen_.assign(filter.rule_count_, 0);
  if (filter.database_) {
    hs_scratch_t* s = nullptr;
    if (hs_alloc_scratch(filter.database_.get(), &s) != HS_SUCCESS)
      return fail(ErrorCode::internal, "cannot allocate Hyperscan scratch space");
    scratch.scratch_.reset(s);
  }
  return scratch;
}

Result<void> Prefilter::candidates(const EventView& event, PrefilterScratch& scratch, std::vector<std::uint32_t>& out) const {
  out.clear();
  out.insert(out.end(), always_.begin(), always_.end());
  if (!database_) return {};
  if (scratch.seen_.size() != rule_count_ || !scratch.scratch_)
    return fail(ErrorCode::internal, "prefilter scratch made for another prefilter");
  if (++scratch.scan_ == 0) {  // wrapped: forget old marks
    std::fill(scratch.seen_.begin(), scratch.seen_.end(), 0);
    scratch.scan_ = 1;
  }
  std::string& buffer = scratch.buffer_;
  buffer.assign(1, kValueSeparator);
  for (const FieldValue& v : event.all_values()) {
    buffer += v.text;
    buffer += kValueSeparator;
  }
  scratch.hits_.clear();
  const hs_error_t rc = hs_scan(database_.get(), buffer.data(), static_cast<unsigned int>(buffer.size()), 0,
                                scratch.scratch_.get(), on_literal, &scratch.hits_);
  if (rc != HS_SUCCESS) return fail(ErrorCode::internal, fmt::format("Hyperscan scan failed (error {})", rc));
  for (std::uint32_t literal : scratch.hits_) {
    for (const Owner& owner : literal_rules_[literal]) {
      if (scratch.seen_[owner.rule] == scratch.scan_) continue;
      if (owner.field != 0 && !literal_in_field(event, literal, owner.field)) continue;
      scratch.seen_[owner.rule] = scratch.scan_;
      out.push_back(owner.rule);
    }
  }
  std::sort(out.begin(), out.end());
  return {};
}

}  // namespace ward::sigma
