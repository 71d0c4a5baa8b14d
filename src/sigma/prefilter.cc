#include "sigma/prefilter.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <hs/hs.h>


namespace ward::sigma {
namespace {

struct ScanState {
  const std::vector<std::vector<std::uint32_t>>* literal_rules;
  std::vector<std::uint32_t>* seen;
  std::uint32_t scan;
  std::vector<std::uint32_t>* out;
};

int on_literal(unsigned int id, unsigned long long, unsigned long long, unsigned int, void* context) {
  auto& s = *static_cast<ScanState*>(context);
  for (std::uint32_t rule : (*s.literal_rules)[id]) {
    if ((*s.seen)[rule] == s.scan) continue;
    (*s.seen)[rule] = s.scan;
    s.out->push_back(rule);
  }
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
  std::map<std::string, std::uint32_t, std::less<>> ids;
  for (std::uint32_t r = 0; r < needs.size(); ++r) {
    const auto& needed = needs[r];
    // A rule that needs only one of some very short literals ("." or "\\") is a candidate on
    // nearly every event, and short literals slow the scan down: evaluate it always instead.
    const bool too_short = needed && std::any_of(needed->any.begin(), needed->any.end(), [](const std::string& l) {
      return !l.empty() && l.size() < kMinLiteralLength;
    });
    if (!needed || needed->any.empty() || too_short) { filter.always_.push_back(r); continue; }
    for (const std::string& literal : needed->any) {
      if (literal.empty())
        return fail(ErrorCode::internal, fmt::format("cannot build the prefilter: rule {} has an empty literal", r));
      auto [it, added] = ids.emplace(literal, static_cast<std::uint32_t>(filter.literal_rules_.size()));
      if (added) filter.literal_rules_.emplace_back();
      auto& owners = filter.literal_rules_[it->second];
      if (owners.empty() || owners.back() != r) owners.push_back(r);
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
  ScanState state{&literal_rules_, &scratch.seen_, scratch.scan_, &out};
  const hs_error_t rc = hs_scan(database_.get(), buffer.data(), static_cast<unsigned int>(buffer.size()), 0,
                                scratch.scratch_.get(), on_literal, &state);
  if (rc != HS_SUCCESS) return fail(ErrorCode::internal, fmt::format("Hyperscan scan failed (error {})", rc));
  std::sort(out.begin(), out.end());
  return {};
}

}  // namespace ward::sigma
