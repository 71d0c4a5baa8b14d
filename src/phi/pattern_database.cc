// The Hyperscan database of identifier patterns (pattern_database.h).
#include "phi/pattern_database.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <limits>

#include <fmt/format.h>
#include <hs/hs.h>

#include "phi/patterns.h"
#include "phi/regex_bytes.h"
#include "phi/regex_reversal.h"

namespace ward::phi {
namespace {

// Bumped when the layout of the databases changes, so an old embedded one is not loaded.
constexpr std::string_view kLayout = "forward ends in up to 3 databases + one reversed anchored database per pattern, v4";

// Which forward database a pattern is in. Hyperscan reads the generated clinical notes of
// `ward bench phi-speed` faster with these patterns in databases of their own than with all 41
// in one: the patterns read through their forward forms (Pattern::forward) in one, IBAN in
// another (CPU time of the forward scans on 20 MB of the notes, each grouping in turn: 0.084 s
// against 0.116 s for the earlier grouping without forward forms, 0.15 s for one database).
// Hyperscan's engine choice for the whole set is what changes (adding the forward forms to the
// first database doubles its time), so measure again when the table does (docs/benchmarks.md,
// PHI scanner speed, 2026-12-02).
constexpr std::size_t kForwardDatabases = 3;
std::size_t forward_database_of(PatternKind kind) {
  switch (kind) {
    case PatternKind::email:
    case PatternKind::ipv6:
    case PatternKind::vin:
    case PatternKind::state_zip:
    case PatternKind::payment_card:
      return 1;
    case PatternKind::iban:
      return 2;
    default:
      return 0;
  }
}

// How far back a reverse scan looks for the start of a pattern with no longest match. Most stop
// after a few bytes anyway; a few (street words before a house number) are searched by Hyperscan
// for a literal over all the bytes they are given, so an unlimited scan would cost each match
// the text before it. A match longer than this is looked for again to the text's start, but a
// shorter match ending at the same byte hides a longer one: only then is the start later than
// HS_FLAG_SOM_LEFTMOST's (a 64 KiB URL with another URL in it).
constexpr std::uint64_t kUnboundedReach = 64 * 1024;

std::string_view forward_regex(const Pattern& p) { return p.forward.empty() ? p.regex : p.forward; }

// What a forward scan's callback adds to: the ends, and which patterns' ends run on.
struct ForwardEnds {
  std::vector<Candidate>& out;
  const std::vector<bool>& ends_run_on;
};

int on_end(unsigned int id, unsigned long long, unsigned long long to, unsigned int, void* context) {
  auto& [out, ends_run_on] = *static_cast<ForwardEnds*>(context);
  const auto end = static_cast<std::size_t>(to);
  // The match ending a byte after the last end of the same pattern holds it (Pattern::ends_run_on).
  if (!out.empty() && out.back().pattern == id && out.back().end + 1 == end && ends_run_on[id]) {
    out.back().end = end;
    return 0;
  }
  out.push_back(Candidate{id, 0, end});
  return 0;
}

int on_start(unsigned int, unsigned long long, unsigned long long to, unsigned int, void* context) {
  auto& longest = *static_cast<unsigned long long*>(context);  // not always reported in order
  if (to > longest) longest = to;
  return 0;
}

void put_u64(std::string& out, std::uint64_t v) {
  for (std::size_t i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

bool get_u64(std::string_view& in, std::uint64_t& v) {
  if (in.size() < 8) return false;
  v = 0;
  for (std::size_t i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  in.remove_prefix(8);
  return true;
}

// `ids`: what each expression's matches report (its index in patterns()).
Result<hs_database*> compile_all(const std::vector<std::string>& expressions, const std::vector<unsigned int>& flags,
                                 const std::vector<unsigned int>& ids, const hs_platform_info* platform) {
  std::vector<const char*> pointers;
  for (const std::string& e : expressions) pointers.push_back(e.c_str());
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(pointers.data(), flags.data(), ids.data(), static_cast<unsigned int>(pointers.size()), HS_MODE_BLOCK,
                       platform, &db, &error) != HS_SUCCESS) {
    std::string reason = error != nullptr && error->message != nullptr ? error->message : "unknown error";
    if (error != nullptr && error->expression >= 0)
      reason += fmt::format(" (pattern {})", expressions[static_cast<std::size_t>(error->expression)]);
    hs_free_compile_error(error);
    return fail(ErrorCode::internal, "cannot build the PHI pattern database: " + reason);
  }
  return db;
}

Result<std::string> serialize_one(const hs_database* db) {
  char* bytes = nullptr;
  std::size_t size = 0;
  if (const hs_error_t rc = hs_serialize_database(db, &bytes, &size); rc != HS_SUCCESS)
    return fail(ErrorCode::internal, fmt::format("cannot serialise the pattern database (error {})", rc));
  std::unique_ptr<char, decltype(&std::free)> owned(bytes, &std::free);  // Hyperscan's default allocator
  return std::string(bytes, size);
}

Result<hs_database*> deserialize_one(std::string_view bytes) {
  hs_database_t* db = nullptr;
  const hs_error_t rc = hs_deserialize_database(bytes.data(), bytes.size(), &db);
  if (rc != HS_SUCCESS) {
    const char* why = rc == HS_DB_VERSION_ERROR    ? "made by another Hyperscan version"
                      : rc == HS_DB_PLATFORM_ERROR ? "made for another CPU"
                                                   : "not a serialised Hyperscan database";
    return fail(ErrorCode::unsupported, fmt::format("cannot load the pattern database: {} (error {})", why, rc));
  }
  return db;
}

}  // namespace

void PatternDatabase::FreeDatabase::operator()(hs_database* db) const { hs_free_database(db); }
void PatternScratch::FreeScratch::operator()(hs_scratch* s) const { hs_free_scratch(s); }

Result<PatternDatabase> PatternDatabase::compile(const hs_platform_info* platform) {
  if (hs_valid_platform() != HS_SUCCESS) return fail(ErrorCode::unsupported, "this CPU cannot run Hyperscan (it needs SSSE3)");
  PatternDatabase out;
  for (std::size_t group = 0; group < kForwardDatabases; ++group) {
    std::vector<std::string> expressions;
    std::vector<unsigned int> ids;
    for (std::size_t i = 0; i < patterns().size(); ++i) {
      if (forward_database_of(patterns()[i].kind) != group) continue;
      expressions.emplace_back(forward_regex(patterns()[i]));
      ids.push_back(static_cast<unsigned int>(i));
    }
    if (expressions.empty()) continue;
    auto forward_db = compile_all(expressions, std::vector<unsigned int>(expressions.size(), 0), ids, platform);
    if (!forward_db) return Unexpected(forward_db.error());
    out.forward_.emplace_back(*forward_db);
  }
  for (const Pattern& p : patterns()) {
    auto reversed = reverse_regex(p.regex);
    if (!reversed) return fail(ErrorCode::internal, fmt::format("{} (pattern {})", reversed.error().message, p.regex));
    // Anchored at the byte after the match (a blank for the text's end), so a \b there sees its
    // real neighbour.
    const unsigned int flags = reversed->caseless ? HS_FLAG_CASELESS : 0;
    auto reverse_db = compile_all({"^(?s:.)(?:" + reversed->regex + ")"}, {flags}, {0}, platform);
    if (!reverse_db) return Unexpected(reverse_db.error());
    out.reverse_.emplace_back(*reverse_db);
    // A match no longer than max_width needs the byte after it and the one before it, no more.
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* error = nullptr;
    const std::string regex(p.regex);
    if (hs_expression_info(regex.c_str(), 0, &info, &error) != HS_SUCCESS) {
      hs_free_compile_error(error);
      return fail(ErrorCode::internal, fmt::format("cannot measure the pattern {}", p.regex));
    }
    out.reverse_reach_.push_back(info->max_width == UINT_MAX ? 0 : std::uint64_t{info->max_width} + 2);
    out.match_bytes_.push_back(regex_bytes(p.regex));
    out.ends_run_on_.push_back(p.ends_run_on);
    std::free(info);  // Hyperscan's default allocator
  }
  return out;
}

// Serialised: the number of reverse databases and of forward ones; then for each forward
// database and each reverse one its reach (reverse only) and size as 8 little-endian bytes each,
// and its bytes.
Result<PatternDatabase> PatternDatabase::deserialize(std::string_view bytes) {
  if (hs_valid_platform() != HS_SUCCESS) return fail(ErrorCode::unsupported, "this CPU cannot run Hyperscan (it needs SSSE3)");
  const auto malformed = fail(ErrorCode::unsupported, "cannot load the pattern database: not a serialised set of Hyperscan databases");
  std::uint64_t count = 0, forward_count = 0, size = 0, reach = 0;
  if (!get_u64(bytes, count) || count != patterns().size() || !get_u64(bytes, forward_count) || forward_count == 0 ||
      forward_count > kForwardDatabases)
    return malformed;
  PatternDatabase out;
  for (std::uint64_t i = 0; i < forward_count; ++i) {
    if (!get_u64(bytes, size) || size > bytes.size()) return malformed;
    auto forward_db = deserialize_one(bytes.substr(0, size));
    if (!forward_db) return Unexpected(forward_db.error());
    out.forward_.emplace_back(*forward_db);
    bytes.remove_prefix(size);
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    if (!get_u64(bytes, reach) || !get_u64(bytes, size) || size > bytes.size()) return malformed;
    auto reverse_db = deserialize_one(bytes.substr(0, size));
    if (!reverse_db) return Unexpected(reverse_db.error());
    out.reverse_.emplace_back(*reverse_db);
    out.reverse_reach_.push_back(reach);
    out.match_bytes_.push_back(regex_bytes(patterns()[i].regex));
    out.ends_run_on_.push_back(patterns()[i].ends_run_on);
    bytes.remove_prefix(size);
  }
  if (!bytes.empty()) return malformed;
  return out;
}

Result<std::string> PatternDatabase::serialize() const {
  std::string out;
  put_u64(out, reverse_.size());
  put_u64(out, forward_.size());
  for (const auto& db : forward_) {
    auto forward = serialize_one(db.get());
    if (!forward) return forward;
    put_u64(out, forward->size());
    out += *forward;
  }
  for (std::size_t i = 0; i < reverse_.size(); ++i) {
    auto reverse = serialize_one(reverse_[i].get());
    if (!reverse) return reverse;
    put_u64(out, reverse_reach_[i]);
    put_u64(out, reverse->size());
    out += *reverse;
  }
  return out;
}

std::uint64_t PatternDatabase::fingerprint() {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  auto add = [&hash](std::string_view bytes) {
    for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
  };
  add(fmt::format("{} mode {}\n", kLayout, HS_MODE_BLOCK));
  for (const Pattern& p : patterns()) {
    add(p.regex);
    add(std::string_view("\0", 1));
    add(p.forward);
    add(std::string_view("\0", 1));
  }
  return hash;
}

Result<PatternScratch> PatternScratch::make(const PatternDatabase& database) {
  hs_scratch_t* s = nullptr;
  PatternScratch out;
  auto fit = [&](const auto& db) {  // grows the same scratch (or replaces it)
    if (hs_alloc_scratch(db.get(), &s) != HS_SUCCESS) return false;
    (void)out.scratch_.release();
    out.scratch_.reset(s);
    return true;
  };
  for (const auto& forward : database.forward_)
    if (!fit(forward)) return fail(ErrorCode::internal, "cannot allocate Hyperscan scratch space");
  for (const auto& reverse : database.reverse_)
    if (!fit(reverse)) return fail(ErrorCode::internal, "cannot allocate Hyperscan scratch space");
  return out;
}

namespace {

// `out` gets `in` back to front, 8 bytes a step (a byte at a time costs a tenth of the pass).
void reverse_into(std::string_view in, char* out) {
  const std::size_t n = in.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t v = 0;
    std::memcpy(&v, in.data() + (n - i - 8), 8);
    v = __builtin_bswap64(v);
    std::memcpy(out + i, &v, 8);
  }
  for (; i < n; ++i) out[i] = in[n - 1 - i];
}

unsigned int digits_in(std::string_view s) {
  unsigned int n = 0;
  for (char c : s) n += c >= '0' && c <= '9' ? 1 : 0;
  return n;
}

// `raw` ordered by pattern, then by end from the last, in linear time: Hyperscan reports ends in
// order (almost always), so a counting sort by pattern keeps them sorted and each pattern's run
// is turned around; a run that is not in order is sorted.
void group_by_pattern_last_end_first(std::vector<Candidate>& raw, std::vector<Candidate>& grouped, std::size_t pattern_count) {
  std::vector<std::size_t> first(pattern_count + 1, 0);
  for (const Candidate& c : raw) ++first[c.pattern + 1];
  for (std::size_t p = 0; p < pattern_count; ++p) first[p + 1] += first[p];
  grouped.resize(raw.size());
  std::vector<std::size_t> next(first.begin(), first.end() - 1);
  for (const Candidate& c : raw) grouped[next[c.pattern]++] = c;
  for (std::size_t p = 0; p < pattern_count; ++p) {
    const auto run_begin = grouped.begin() + static_cast<std::ptrdiff_t>(first[p]);
    const auto run_end = grouped.begin() + static_cast<std::ptrdiff_t>(first[p + 1]);
    auto later = [](const Candidate& a, const Candidate& b) { return a.end > b.end; };
    std::reverse(run_begin, run_end);
    if (!std::is_sorted(run_begin, run_end, later)) std::sort(run_begin, run_end, later);
  }
  raw.swap(grouped);
}

}  // namespace

std::size_t PatternDatabase::lowest_start(std::string_view text, const Candidate& c, LookBack& seen) const {
  // Back from the end over bytes a match may hold, no further than its longest match (or 256
  // bytes: then nothing is known). Bytes the last look back read need not be read again.
  constexpr std::size_t kLookBack = 256;
  const std::uint64_t reach = reverse_reach_[c.pattern];
  const std::size_t width = reach != 0 ? static_cast<std::size_t>(reach - 2) : kLookBack;
  const std::size_t limit = c.end > width ? c.end - width : 0;
  const ByteSet& bytes = match_bytes_[c.pattern];
  const bool known = seen.low <= c.end && c.end <= seen.high;
  std::size_t at = known ? std::max(seen.low, limit) : c.end;
  while (at > limit && bytes[static_cast<unsigned char>(text[at - 1])]) --at;
  seen = known ? LookBack{std::min(seen.low, at), seen.high} : LookBack{at, c.end};
  if (at > limit || reach != 0) return at;  // after a byte no match holds, or the longest match's start
  return 0;
}

void keep_longest_matches(std::vector<Candidate>& raw, std::vector<Candidate>& out) {
  out.clear();
  // Per pattern, last end first (each end is reported once per pattern): a match is kept when
  // it starts before every match ending after it, so none of those holds it.
  auto last_end_first = [](const Candidate& a, const Candidate& b) {
    return a.pattern != b.pattern ? a.pattern < b.pattern : a.end > b.end;
  };
  if (!std::is_sorted(raw.begin(), raw.end(), last_end_first)) std::sort(raw.begin(), raw.end(), last_end_first);
  std::size_t earliest = 0;
  std::vector<std::size_t> runs = {0};  // where each pattern's kept matches begin in `out`
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const Candidate& c = raw[i];
    const bool same_pattern = i > 0 && raw[i - 1].pattern == c.pattern;
    if (same_pattern && c.begin >= earliest) continue;
    if (!same_pattern && !out.empty()) runs.push_back(out.size());
    out.push_back(c);
    earliest = c.begin;
  }
  runs.push_back(out.size());
  // Each run's starts fall as its ends do: turned around, it is in order, and the runs merge.
  auto by_start = [](const Candidate& a, const Candidate& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.pattern < b.pattern;
  };
  for (std::size_t r = 0; r + 1 < runs.size(); ++r)
    std::reverse(out.begin() + static_cast<std::ptrdiff_t>(runs[r]), out.begin() + static_cast<std::ptrdiff_t>(runs[r + 1]));
  while (runs.size() > 2) {
    std::vector<std::size_t> merged = {0};
    for (std::size_t r = 0; r + 2 < runs.size(); r += 2) {
      std::inplace_merge(out.begin() + static_cast<std::ptrdiff_t>(runs[r]), out.begin() + static_cast<std::ptrdiff_t>(runs[r + 1]),
                         out.begin() + static_cast<std::ptrdiff_t>(runs[r + 2]), by_start);
      merged.push_back(runs[r + 2]);
    }
    if (merged.back() != runs.back()) merged.push_back(runs.back());
    runs.swap(merged);
  }
}

Result<void> PatternDatabase::scan(std::string_view text, PatternScratch& scratch, std::vector<Candidate>& out) const {
  out.clear();
  if (text.size() > std::numeric_limits<unsigned int>::max())
    return fail(ErrorCode::too_large, "text over 4 GiB cannot be scanned in one block");
  auto& raw = scratch.raw_;
  raw.clear();
  const auto size = static_cast<unsigned int>(text.size());
  hs_error_t rc = HS_SUCCESS;
  ForwardEnds ends{raw, ends_run_on_};
  for (const auto& forward : forward_) {  // each pattern's ends come from one database, in order
    rc = hs_scan(forward.get(), text.data(), size, 0, scratch.scratch_.get(), on_end, &ends);
    if (rc != HS_SUCCESS) return fail(ErrorCode::internal, fmt::format("Hyperscan scan failed (error {})", rc));
  }
  if (raw.empty()) return {};
  // Each match's start: its pattern's reverse database from its end backwards (only as far as
  // the pattern's longest match reaches, or kUnboundedReach).
  std::string& reversed = scratch.reversed_;
  reversed.resize(text.size() + 1);
  reversed[0] = ' ';
  reverse_into(text, reversed.data() + 1);
  // One pattern's ends after another, each pattern's last end first: an end whose match cannot
  // start before the start of a longer match of the same pattern found already lies inside it
  // and would be dropped by keep_longest_matches, so it needs no reverse scan.
  group_by_pattern_last_end_first(raw, scratch.grouped_, reverse_.size());
  const std::span<const Pattern> table = patterns();
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::size_t earliest = kNone;  // of the starts found for the current pattern
  LookBack seen;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    Candidate& c = raw[i];
    if (i > 0 && raw[i - 1].pattern != c.pattern) {
      earliest = kNone;
      seen = {};
    }
    const unsigned int min_digits = table[c.pattern].min_digits;
    const std::size_t lowest = lowest_start(text, c, seen);
    // Inside a longer match, or too few digits for any match ending here: no match is empty, so
    // an end of 0 marks it.
    if (earliest <= lowest || (min_digits != 0 && digits_in(text.substr(lowest, c.end - lowest)) < min_digits)) {
      c.end = 0;
      continue;
    }
    // The reverse scan reads the byte after the end, the match, and the byte before the match (a
    // \b there needs it): from lowest_start when it found a bound (Hyperscan scans blocks of up to
    // 32 bytes faster), else as far as the longest match reaches, or kUnboundedReach.
    const std::uint64_t reach = reverse_reach_[c.pattern] != 0 ? reverse_reach_[c.pattern] : kUnboundedReach;
    const std::size_t whole = c.end + 1;
    const std::size_t length = lowest != 0 ? c.end - lowest + 2 : reach < whole ? static_cast<std::size_t>(reach) : whole;
    const char* from = reversed.data() + (text.size() - c.end);
    unsigned long long longest = 0;
    rc = hs_scan(reverse_[c.pattern].get(), from, static_cast<unsigned int>(length), 0, scratch.scratch_.get(), on_start, &longest);
    if (rc == HS_SUCCESS && longest == 0 && lowest == 0 && length < whole)  // longer than kUnboundedReach
      rc = hs_scan(reverse_[c.pattern].get(), from, static_cast<unsigned int>(whole), 0, scratch.scratch_.get(), on_start, &longest);
    if (rc != HS_SUCCESS) return fail(ErrorCode::internal, fmt::format("Hyperscan scan failed (error {})", rc));
    if (longest == 0) {
      // Only a pattern's forward form ends where no match of the pattern does.
      if (table[c.pattern].forward.empty())
        return fail(ErrorCode::internal, fmt::format("no start found for pattern {} ending at {}", c.pattern, c.end));
      c.end = 0;
      continue;
    }
    c.begin = c.end + 1 - static_cast<std::size_t>(longest);
    earliest = std::min(earliest, c.begin);
  }
  // A match found may still hold fewer digits than its window did.
  std::erase_if(raw, [text, table](const Candidate& c) {
    const unsigned int min_digits = c.end != 0 ? table[c.pattern].min_digits : 0;
    return c.end == 0 || (min_digits != 0 && digits_in(text.substr(c.begin, c.end - c.begin)) < min_digits);
  });
  keep_longest_matches(raw, out);
  return {};
}

}  // namespace ward::phi
