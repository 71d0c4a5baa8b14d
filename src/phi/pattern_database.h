// All identifier patterns (patterns.h) in Hyperscan block-mode databases, and the scan that
// reads a text once per database and returns every candidate: pattern, leftmost start, longest
// end. The forward databases (three: a few patterns Hyperscan runs faster apart, see
// forward_database_of in pattern_database.cc) report match ends only (start-of-match tracking,
// HS_FLAG_SOM_LEFTMOST, would cost Hyperscan its fast literal paths: 23 against 137 MB/s on
// clinical notes); the start
// of each match is then read from its pattern reversed (regex_reversal.h), anchored at the end
// and run backwards over the text from there: Hyperscan stops once no match can go on, mostly
// after a few bytes (and never goes further than the pattern's longest match, when it has one,
// or 64 KiB, unless no start is found there). The longest reverse match is the leftmost start, as
// HS_FLAG_SOM_LEFTMOST reports it (pattern_database.cc, kUnboundedReach: the one exception).
// A pattern may be read forward through its forward form (Pattern::forward: a regex ending
// wherever the pattern's matches end, which Hyperscan reads faster); an end of that form where
// the pattern's reverse scan finds no start is dropped. The reverse scan reads back only as far
// as a match can start (lowest_start), which is often within the 32 bytes Hyperscan scans fastest.
// An end inside a longer match of the same pattern, which the scan drops anyway, gets no reverse
// scan: its match cannot start before a byte the pattern's matches cannot hold (regex_bytes.h).
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
#include "phi/regex_bytes.h"

struct hs_database;
struct hs_scratch;
struct hs_platform_info;

namespace ward::phi {

struct Candidate {
  std::uint32_t pattern = 0;  // index into patterns()
  std::size_t begin = 0, end = 0;
};

class PatternScratch;

// Of every (pattern, start, end) a scan reports, `out` gets the longest end per pattern and
// start, without a match inside a longer one of the same pattern, sorted by start then pattern.
// `raw` holds at most one match per pattern and end, as Hyperscan reports them; it is reordered.
void keep_longest_matches(std::vector<Candidate>& raw, std::vector<Candidate>& out);

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
  std::vector<std::unique_ptr<hs_database, FreeDatabase>> forward_;  // every pattern in one of them, ends only
  std::vector<std::unique_ptr<hs_database, FreeDatabase>> reverse_;  // per pattern: reversed, anchored at the end
  std::vector<std::uint64_t> reverse_reach_;  // per pattern: bytes a reverse scan needs; 0: to the text's start
  std::vector<ByteSet> match_bytes_;          // per pattern: the bytes its matches may hold
  std::vector<bool> ends_run_on_;             // per pattern: Pattern::ends_run_on
  // Bytes [low, high) of the text all lie in the current pattern's match_bytes_: what the last
  // look back found, reused by the next end of the same pattern (ends are taken last first).
  struct LookBack {
    std::size_t low = 0, high = 0;
  };
  // No match of `c`'s pattern ending where c ends starts before the returned offset.
  std::size_t lowest_start(std::string_view text, const Candidate& c, LookBack& seen) const;
};

class PatternScratch {
 public:
  static Result<PatternScratch> make(const PatternDatabase& database);

 private:
  friend class PatternDatabase;
  struct FreeScratch { void operator()(hs_scratch* s) const; };
  std::unique_ptr<hs_scratch, FreeScratch> scratch_;  // fits every database
  std::vector<Candidate> raw_;
  std::vector<Candidate> grouped_;         // raw_ ordered by pattern
  std::string reversed_;                   // a blank (the end of the text), then the text back to front
};

}  // namespace ward::phi
