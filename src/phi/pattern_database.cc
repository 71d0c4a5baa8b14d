// The Hyperscan database of identifier patterns (pattern_database.h).
#include "phi/pattern_database.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include <fmt/format.h>
#include <hs/hs.h>

#include "phi/patterns.h"

namespace ward::phi {
namespace {

// Every pattern reports its leftmost start: a finding needs its span.
constexpr unsigned int kFlags = HS_FLAG_SOM_LEFTMOST;

int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int, void* context) {
  auto& out = *static_cast<std::vector<Candidate>*>(context);
  out.push_back(Candidate{id, static_cast<std::size_t>(from), static_cast<std::size_t>(to)});
  return 0;
}

}  // namespace

void PatternDatabase::FreeDatabase::operator()(hs_database* db) const { hs_free_database(db); }
void PatternScratch::FreeScratch::operator()(hs_scratch* s) const { hs_free_scratch(s); }

Result<PatternDatabase> PatternDatabase::compile(const hs_platform_info* platform) {
  if (hs_valid_platform() != HS_SUCCESS) return fail(ErrorCode::unsupported, "this CPU cannot run Hyperscan (it needs SSSE3)");
  const auto all = patterns();
  std::vector<std::string> expressions;
  std::vector<const char*> pointers;
  std::vector<unsigned int> flags, ids;
  for (std::size_t i = 0; i < all.size(); ++i) {
    expressions.emplace_back(all[i].regex);
    flags.push_back(kFlags);
    ids.push_back(static_cast<unsigned int>(i));
  }
  for (const auto& e : expressions) pointers.push_back(e.c_str());
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(pointers.data(), flags.data(), ids.data(), static_cast<unsigned int>(pointers.size()), HS_MODE_BLOCK,
                       platform, &db, &error) != HS_SUCCESS) {
    std::string reason = error != nullptr && error->message != nullptr ? error->message : "unknown error";
    if (error != nullptr && error->expression >= 0)
      reason += fmt::format(" (pattern {})", all[static_cast<std::size_t>(error->expression)].regex);
    hs_free_compile_error(error);
    return fail(ErrorCode::internal, "cannot build the PHI pattern database: " + reason);
  }
  PatternDatabase out;
  out.database_.reset(db);
  return out;
}

Result<PatternDatabase> PatternDatabase::deserialize(std::string_view bytes) {
  if (hs_valid_platform() != HS_SUCCESS) return fail(ErrorCode::unsupported, "this CPU cannot run Hyperscan (it needs SSSE3)");
  hs_database_t* db = nullptr;
  const hs_error_t rc = hs_deserialize_database(bytes.data(), bytes.size(), &db);
  if (rc != HS_SUCCESS) {
    const char* why = rc == HS_DB_VERSION_ERROR    ? "made by another Hyperscan version"
                      : rc == HS_DB_PLATFORM_ERROR ? "made for another CPU"
                                                   : "not a serialised Hyperscan database";
    return fail(ErrorCode::unsupported, fmt::format("cannot load the pattern database: {} (error {})", why, rc));
  }
  PatternDatabase out;
  out.database_.reset(db);
  return out;
}

Result<std::string> PatternDatabase::serialize() const {
  char* bytes = nullptr;
  std::size_t size = 0;
  if (const hs_error_t rc = hs_serialize_database(database_.get(), &bytes, &size); rc != HS_SUCCESS)
    return fail(ErrorCode::internal, fmt::format("cannot serialise the pattern database (error {})", rc));
  std::unique_ptr<char, decltype(&std::free)> owned(bytes, &std::free);  // Hyperscan's default allocator
  return std::string(bytes, size);
}

std::uint64_t PatternDatabase::fingerprint() {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  auto add = [&hash](std::string_view bytes) {
    for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
  };
  add(fmt::format("flags {} mode {}\n", kFlags, HS_MODE_BLOCK));
  for (const Pattern& p : patterns()) {
    add(p.regex);
    add(std::string_view("\0", 1));
  }
  return hash;
}

Result<PatternScratch> PatternScratch::make(const PatternDatabase& database) {
  hs_scratch_t* s = nullptr;
  if (hs_alloc_scratch(database.database_.get(), &s) != HS_SUCCESS)
    return fail(ErrorCode::internal, "cannot allocate Hyperscan scratch space");
  PatternScratch out;
  out.scratch_.reset(s);
  return out;
}

Result<void> PatternDatabase::scan(std::string_view text, PatternScratch& scratch, std::vector<Candidate>& out) const {
  out.clear();
  if (text.size() > std::numeric_limits<unsigned int>::max())
    return fail(ErrorCode::too_large, "text over 4 GiB cannot be scanned in one block");
  auto& raw = scratch.raw_;
  raw.clear();
  const hs_error_t rc = hs_scan(database_.get(), text.data(), static_cast<unsigned int>(text.size()), 0,
                                scratch.scratch_.get(), on_match, &raw);
  if (rc != HS_SUCCESS) return fail(ErrorCode::internal, fmt::format("Hyperscan scan failed (error {})", rc));
  // Hyperscan reports each end; keep the longest end per (pattern, start), then drop a match
  // inside a longer one of the same pattern.
  std::sort(raw.begin(), raw.end(), [](const Candidate& a, const Candidate& b) {
    if (a.pattern != b.pattern) return a.pattern < b.pattern;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
  std::size_t reach = 0;
  std::uint32_t pattern = std::numeric_limits<std::uint32_t>::max();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const Candidate& c = raw[i];
    if (c.pattern != pattern) { pattern = c.pattern; reach = 0; }
    if (i > 0 && raw[i - 1].pattern == c.pattern && raw[i - 1].begin == c.begin) continue;
    if (c.end <= reach) continue;
    out.push_back(c);
    reach = c.end;
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.pattern < b.pattern;
  });
  return {};
}

}  // namespace ward::phi
