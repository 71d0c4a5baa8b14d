// All identifier patterns (patterns.h) in one Hyperscan block-mode database, and the scan that
// reads a text once and returns every candidate: pattern, leftmost start, longest end.
// The database is compiled at build time and embedded (pattern_database_loader.h loads it);
// compile() is the fallback and the build-time tool's entry point. The database is immutable and
// shared between threads; each thread needs its own PatternScratch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

struct hs_database;
struct hs_scratch;
struct hs_platform_info;

namespace ward::phi {

struct Candidate {
  std::uint32_t pattern = 0;  // index into patterns()
  std::size_t begin = 0, end = 0;
};

class PatternScratch;

class PatternDatabase {
 public:
  // Compiles every pattern of patterns() for `platform` (null: the CPU this runs on); fails
  // (ErrorCode::internal or unsupported) when Hyperscan cannot, naming the pattern.
  static Result<PatternDatabase> compile(const hs_platform_info* platform = nullptr);
  // A database from serialize()'s bytes; fails (ErrorCode::unsupported) when they were made by
  // another Hyperscan version or for a CPU this one is not.
  static Result<PatternDatabase> deserialize(std::string_view bytes);
  // The bytes hs_deserialize_database reads back.
  Result<std::string> serialize() const;
  // A hash of every pattern's regex and flags: a serialised database is for this table only when
  // it was stored with the same fingerprint.
  static std::uint64_t fingerprint();

  // Candidates in `text` sorted by begin; for each pattern and start only the longest match.
  Result<void> scan(std::string_view text, PatternScratch& scratch, std::vector<Candidate>& out) const;

 private:
  friend class PatternScratch;
  struct FreeDatabase { void operator()(hs_database* db) const; };
  std::unique_ptr<hs_database, FreeDatabase> database_;
};

class PatternScratch {
 public:
  static Result<PatternScratch> make(const PatternDatabase& database);

 private:
  friend class PatternDatabase;
  struct FreeScratch { void operator()(hs_scratch* s) const; };
  std::unique_ptr<hs_scratch, FreeScratch> scratch_;
  std::vector<Candidate> raw_;
};

}  // namespace ward::phi
