// The pattern database serialised at build time: it is for this pattern table, it loads, it
// finds exactly what a database compiled now finds, and bytes that are not a database are
// refused with a reason (the scanner then compiles at start). The starts read backwards from
// each end are those Hyperscan's own start-of-match tracking reports, on the public samples.
#include "phi/pattern_database.h"

#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>
#include <hs/hs.h>

#include "phi/embedded_pattern_database.h"
#include "phi/pattern_database_loader.h"
#include "phi/patterns.h"
#include "testing/shared_data.h"

namespace ward::phi {
namespace {

constexpr std::string_view kNote =
    "Patient: Jonathan Whitfield, MRN: 00123456, DOB 02/08/1935.\n"
    "Lives at 1668 Glyn St, Boston, MA 02115. Call (617) 555-0134 or write to jw@example.org.\n"
    "SSN 460-89-9847. Card 4111 1111 1111 1111. VIN 1M8GDM9AXKP042788.";

std::vector<Candidate> candidates(const PatternDatabase& db) {
  auto scratch = PatternScratch::make(db);
  EXPECT_TRUE(scratch);
  std::vector<Candidate> out;
  EXPECT_TRUE(db.scan(kNote, *scratch, out));
  return out;
}

bool same(const std::vector<Candidate>& a, const std::vector<Candidate>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].pattern != b[i].pattern || a[i].begin != b[i].begin || a[i].end != b[i].end) return false;
  return true;
}

// What the scanner found before the reverse databases: every pattern compiled with
// HS_FLAG_SOM_LEFTMOST in one database, each match with Hyperscan's leftmost start, the longest
// matches kept, less those with fewer digits than their pattern's min_digits.
class SomReference {
 public:
  SomReference() {
    std::vector<std::string> regexes;
    for (const Pattern& p : patterns()) regexes.emplace_back(p.regex);
    std::vector<const char*> pointers;
    std::vector<unsigned int> flags, ids;
    for (std::size_t i = 0; i < regexes.size(); ++i) {
      pointers.push_back(regexes[i].c_str());
      flags.push_back(HS_FLAG_SOM_LEFTMOST);
      ids.push_back(static_cast<unsigned int>(i));
    }
    hs_compile_error_t* error = nullptr;
    EXPECT_EQ(hs_compile_multi(pointers.data(), flags.data(), ids.data(), static_cast<unsigned int>(ids.size()), HS_MODE_BLOCK,
                               nullptr, &db_, &error),
              HS_SUCCESS);
    hs_free_compile_error(error);
    EXPECT_EQ(hs_alloc_scratch(db_, &scratch_), HS_SUCCESS);
  }
  ~SomReference() {
    hs_free_scratch(scratch_);
    hs_free_database(db_);
  }
  SomReference(const SomReference&) = delete;
  SomReference& operator=(const SomReference&) = delete;

  std::vector<Candidate> scan(std::string_view text) {
    std::vector<Candidate> raw, out;
    auto on_match = [](unsigned int id, unsigned long long from, unsigned long long to, unsigned int, void* context) {
      static_cast<std::vector<Candidate>*>(context)->push_back(Candidate{id, static_cast<std::size_t>(from), static_cast<std::size_t>(to)});
      return 0;
    };
    EXPECT_EQ(hs_scan(db_, text.data(), static_cast<unsigned int>(text.size()), 0, scratch_, on_match, &raw), HS_SUCCESS);
    keep_longest_matches(raw, out);
    // A longest match with fewer digits than its pattern's min_digits cannot pass its check.
    std::erase_if(out, [&](const Candidate& c) {
      const auto match = text.substr(c.begin, c.end - c.begin);
      return std::count_if(match.begin(), match.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) <
             static_cast<std::ptrdiff_t>(patterns()[c.pattern].min_digits);
    });
    return out;
  }

 private:
  hs_database_t* db_ = nullptr;
  hs_scratch_t* scratch_ = nullptr;
};

// The public samples as text: labelled de-identification sentences, HL7 v2 messages, FHIR
// resources (Synthea patients too), and the PHI-free clinical sentences.
std::vector<std::filesystem::path> sample_files() {
  std::vector<std::filesystem::path> out = {testing::shared_data("deid_gold/synth_dataset_v2.public.json"),
                                            testing::shared_data("deid_gold/templates.txt"),
                                            "bench/data/phi_free_clinical.txt"};
  for (std::string_view dir : {"hl7v2", "fhir/samples", "synthea"})
    for (const auto& entry : std::filesystem::directory_iterator(testing::shared_data(dir)))
      if (entry.is_regular_file() && entry.path().extension() != ".gz") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// The first candidate where `got` and `expected` differ, for a failure message.
std::string first_difference(const std::vector<Candidate>& got, const std::vector<Candidate>& expected, std::string_view text) {
  for (std::size_t i = 0; i < std::max(got.size(), expected.size()); ++i) {
    auto show = [&](const std::vector<Candidate>& v) {
      if (i >= v.size()) return std::string("none");
      const Candidate& c = v[i];
      return "pattern " + std::to_string(c.pattern) + " [" + std::to_string(c.begin) + ", " + std::to_string(c.end) + ") \"" +
             std::string(text.substr(c.begin, std::min<std::size_t>(c.end - c.begin, 80))) + "\"";
    };
    if (i >= got.size() || i >= expected.size() || got[i].pattern != expected[i].pattern || got[i].begin != expected[i].begin ||
        got[i].end != expected[i].end)
      return "now " + show(got) + ", before " + show(expected);
  }
  return "none";
}

TEST(PatternDatabase, StartsReadBackwardsAreThoseOfStartOfMatchTracking) {
  SomReference reference;
  auto db = load_pattern_database();
  ASSERT_TRUE(db) << db.error().message;
  auto scratch = PatternScratch::make(*db);
  ASSERT_TRUE(scratch);
  std::size_t files = 0, found = 0;
  std::string all;
  for (const auto& path : sample_files()) {
    const std::string text = testing::read_file(path);
    all += text;
    std::vector<Candidate> got;
    ASSERT_TRUE(db->scan(text, *scratch, got));
    const auto expected = reference.scan(text);
    EXPECT_TRUE(same(got, expected)) << path << ": " << got.size() << " candidates, " << expected.size() << " before; "
                                     << first_difference(got, expected, text);
    ++files;
    found += got.size();
  }
  EXPECT_GE(files, 40u);
  EXPECT_GE(found, 5000u);
  // All of them as one text, and a text cut just after a match (the end of the text as context).
  std::vector<Candidate> got;
  ASSERT_TRUE(db->scan(all, *scratch, got));
  const auto expected = reference.scan(all);
  EXPECT_TRUE(same(got, expected)) << first_difference(got, expected, all);
  ASSERT_TRUE(db->scan(kNote.substr(0, kNote.size() - 1), *scratch, got));
  EXPECT_TRUE(same(got, reference.scan(kNote.substr(0, kNote.size() - 1))));
}

// The phone pattern matches any number; only those long enough to hold a phone number's
// digits become candidates (its min_digits), so vital signs and doses cost no start to find.
TEST(PatternDatabase, PhoneCandidatesAreNumbersLongEnoughForAPhoneNumber) {
  auto db = load_pattern_database();
  ASSERT_TRUE(db) << db.error().message;
  auto scratch = PatternScratch::make(*db);
  ASSERT_TRUE(scratch);
  constexpr std::string_view kText = "BP 120/80, pulse 72, 5 mg at 08 30. Call 555-0134 or (617) 555-0134; ext 12 34.";
  std::vector<Candidate> got;
  ASSERT_TRUE(db->scan(kText, *scratch, got));
  std::vector<std::string> phones;
  for (const Candidate& c : got)
    if (patterns()[c.pattern].kind == PatternKind::phone) phones.emplace_back(kText.substr(c.begin, c.end - c.begin));
  EXPECT_EQ(phones, (std::vector<std::string>{"555-0134", "(617) 555-0134"}));
}

// Every end of `regex` in `text`, with its leftmost start (Hyperscan's start-of-match tracking).
std::vector<Candidate> ends_of(std::string_view regex, std::string_view text, unsigned int flags = HS_FLAG_SOM_LEFTMOST) {
  const std::string expression(regex);
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  EXPECT_EQ(hs_compile(expression.c_str(), flags, HS_MODE_BLOCK, nullptr, &db, &error), HS_SUCCESS) << expression;
  hs_free_compile_error(error);
  hs_scratch_t* scratch = nullptr;
  EXPECT_EQ(hs_alloc_scratch(db, &scratch), HS_SUCCESS);
  std::vector<Candidate> out;
  auto on_match = [](unsigned int, unsigned long long from, unsigned long long to, unsigned int, void* context) {
    static_cast<std::vector<Candidate>*>(context)->push_back(Candidate{0, static_cast<std::size_t>(from), static_cast<std::size_t>(to)});
    return 0;
  };
  EXPECT_EQ(hs_scan(db, text.data(), static_cast<unsigned int>(text.size()), 0, scratch, on_match, &out), HS_SUCCESS);
  hs_free_scratch(scratch);
  hs_free_database(db);
  return out;
}

// The matches of `p` in `text` that can pass its check: with min_digits digits at least.
std::vector<Candidate> checked_matches(const Pattern& p, std::string_view text) {
  auto out = ends_of(p.regex, text);
  std::erase_if(out, [&](const Candidate& c) {
    const auto match = text.substr(c.begin, c.end - c.begin);
    return std::count_if(match.begin(), match.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) <
           static_cast<std::ptrdiff_t>(p.min_digits);
  });
  return out;
}

// Forward forms: each ends where its pattern's matches end (those with min_digits digits at
// least), on the public samples and on a text of every kind they stand for.
TEST(PatternDatabase, ForwardFormsEndWhereverTheirPatternsMatchesEnd) {
  std::string text(kNote);
  text += "\nfe80::1ff:fe23:4567:890a and ::1, 2001:db8::8a2e:370:7334; +44 (0) 20 7946 0958 ext. 12, +1 () 555 0134 x 7;"
          " 4111-1111-1111-1111; Springfield, IL  62704-1234; a.b-c@mail.example.co.uk.\n";
  for (const auto& path : sample_files()) text += testing::read_file(path);
  std::size_t forms = 0;
  for (const Pattern& p : patterns()) {
    if (p.forward.empty()) continue;
    ++forms;
    std::vector<std::size_t> forward_ends;
    for (const Candidate& c : ends_of(p.forward, text, 0)) forward_ends.push_back(c.end);
    std::sort(forward_ends.begin(), forward_ends.end());
    const auto matches = checked_matches(p, text);
    for (const Candidate& c : matches)
      EXPECT_TRUE(std::binary_search(forward_ends.begin(), forward_ends.end(), c.end))
          << p.regex << ": \"" << text.substr(c.begin, c.end - c.begin) << "\"";
    EXPECT_GE(matches.size(), 2u) << p.regex;
  }
  EXPECT_GE(forms, 6u);
}

// Where a forward form ends but its pattern does not, no start is found and nothing is reported.
TEST(PatternDatabase, ForwardEndsWithoutAMatchAreDropped) {
  constexpr std::string_view kText = "write to +@example.org; ABCDEFGH123456789X; room 12345; x411111111111; x_5550134.";
  std::size_t without_match = 0;
  for (const Pattern& p : patterns()) {
    if (p.forward.empty()) continue;
    EXPECT_TRUE(checked_matches(p, kText).empty()) << p.regex;
    without_match += ends_of(p.forward, kText, 0).size();
  }
  EXPECT_GE(without_match, 5u);
  auto db = load_pattern_database();
  ASSERT_TRUE(db) << db.error().message;
  auto scratch = PatternScratch::make(*db);
  ASSERT_TRUE(scratch);
  std::vector<Candidate> got;
  ASSERT_TRUE(db->scan(kText, *scratch, got));
  for (const Candidate& c : got)
    EXPECT_TRUE(patterns()[c.pattern].forward.empty()) << patterns()[c.pattern].regex << " at " << c.begin;
}

// The state + ZIP form ends after a blank and five digits (and a +4), as every match does: the
// 5-digit tail of a longer number (an MRN) is no end, so it costs no reverse scan.
TEST(PatternDatabase, StateZipFormEndsOnlyWhereAZipAfterABlankEnds) {
  constexpr std::string_view kText = "MRN: 1234567, acct 55512345; Boston, MA 02115 or Springfield, IL  62704-1234.";
  const auto state_zip = std::find_if(patterns().begin(), patterns().end(), [](const Pattern& p) { return p.kind == PatternKind::state_zip; });
  ASSERT_NE(state_zip, patterns().end());
  std::vector<std::size_t> form_ends, match_ends;
  for (const Candidate& c : ends_of(state_zip->forward, kText, 0)) form_ends.push_back(c.end);
  for (const Candidate& c : ends_of(state_zip->regex, kText)) match_ends.push_back(c.end);
  std::sort(match_ends.begin(), match_ends.end());
  match_ends.erase(std::unique(match_ends.begin(), match_ends.end()), match_ends.end());
  EXPECT_EQ(form_ends, match_ends);
  EXPECT_EQ(match_ends.size(), 3u);  // 02115, 62704, 62704-1234
}

// A pattern whose ends run on (Pattern::ends_run_on): wherever it ends at two neighbouring
// bytes, the later match starts no later, so keeping only the last end of a run loses nothing;
// the scan finds what start-of-match tracking finds on streets that end in a digit, '_', '.',
// a letter outside ASCII or the text's end.
TEST(PatternDatabase, EndsOneByteApartOfAPatternWhoseEndsRunOnAreOneMatch) {
  const std::string edges =
      "Lives at 12 Main2 St.Louis; lives on 5 \xc3\x89lan Caf\xc3\xa9_x, address: 7 A.B. Oak.. Meet me at 9 Rue "
      "\xc3\x91" "and\xc3\xba. Sent to 4 5 Elm Way Apt Four Five\nreturn to 8 Ash";
  std::string text = edges;
  for (const auto& path : sample_files()) text += testing::read_file(path);
  std::size_t runs_on = 0, pairs = 0;
  for (const Pattern& p : patterns()) {
    if (!p.ends_run_on) continue;
    ++runs_on;
    auto ends = ends_of(p.regex, text);
    std::sort(ends.begin(), ends.end(), [](const Candidate& a, const Candidate& b) { return a.end < b.end; });
    for (std::size_t i = 1; i < ends.size(); ++i) {
      if (ends[i].end != ends[i - 1].end + 1) continue;
      ++pairs;
      EXPECT_LE(ends[i].begin, ends[i - 1].begin) << p.regex << ": \"" << text.substr(ends[i - 1].begin, ends[i - 1].end - ends[i - 1].begin) << "\"";
    }
  }
  EXPECT_GE(runs_on, 1u);
  EXPECT_GE(pairs, 20u);
  SomReference reference;
  auto db = load_pattern_database();
  ASSERT_TRUE(db) << db.error().message;
  auto scratch = PatternScratch::make(*db);
  ASSERT_TRUE(scratch);
  std::vector<Candidate> got;
  ASSERT_TRUE(db->scan(edges, *scratch, got));
  const auto expected = reference.scan(edges);
  EXPECT_TRUE(same(got, expected)) << first_difference(got, expected, edges);
  EXPECT_GE(std::count_if(got.begin(), got.end(), [](const Candidate& c) { return patterns()[c.pattern].ends_run_on; }), 5);
}

TEST(PatternDatabase, EmbeddedDatabaseIsForThisPatternTableAndLoads) {
  EXPECT_EQ(embedded::k_pattern_fingerprint, PatternDatabase::fingerprint());
  auto loaded = PatternDatabase::deserialize(embedded::k_pattern_database);
  ASSERT_TRUE(loaded) << loaded.error().message;
}

TEST(PatternDatabase, EmbeddedDatabaseFindsWhatACompiledOneFinds) {
  auto loaded = PatternDatabase::deserialize(embedded::k_pattern_database);
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto compiled = PatternDatabase::compile();
  ASSERT_TRUE(compiled) << compiled.error().message;
  const auto expected = candidates(*compiled);
  EXPECT_GE(expected.size(), 10u);
  EXPECT_TRUE(same(candidates(*loaded), expected));
  auto startup = load_pattern_database();
  ASSERT_TRUE(startup);
  EXPECT_TRUE(same(candidates(*startup), expected));
}

TEST(PatternDatabase, SerialisedBytesRoundTrip) {
  auto compiled = PatternDatabase::compile();
  ASSERT_TRUE(compiled);
  auto bytes = compiled->serialize();
  ASSERT_TRUE(bytes) << bytes.error().message;
  auto again = PatternDatabase::deserialize(*bytes);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(same(candidates(*again), candidates(*compiled)));
}

TEST(PatternDatabase, BytesThatAreNoDatabaseAreRefusedWithAReason) {
  auto bad = PatternDatabase::deserialize("not a Hyperscan database at all");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::unsupported);
  EXPECT_NE(bad.error().message.find("cannot load the pattern database"), std::string::npos) << bad.error().message;
  std::string truncated(embedded::k_pattern_database.substr(0, embedded::k_pattern_database.size() / 2));
  EXPECT_FALSE(PatternDatabase::deserialize(truncated));
}

}  // namespace
}  // namespace ward::phi
