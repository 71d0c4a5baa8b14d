// The pattern database serialised at build time: it is for this pattern table, it loads, it
// finds exactly what a database compiled now finds, and bytes that are not a database are
// refused with a reason (the scanner then compiles at start).
#include "phi/pattern_database.h"

#include <gtest/gtest.h>

#include "phi/embedded_pattern_database.h"
#include "phi/pattern_database_loader.h"

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
