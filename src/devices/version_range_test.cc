// The version engine on range strings taken from the ICSMA advisories in
// ../shared/data/vuln_feeds/csaf/icsma, and on every range there (none may crash or guess).
#include "devices/version_range.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/shared_data.h"

namespace ward::devices {
namespace {

Answer in(std::string_view version, std::string_view range) {
  return version_in_range(version, parse_version_range(range)).answer;
}

TEST(VersionRange, AllVersionsInEveryForm) {
  EXPECT_EQ(in("1.0", "vers:all/*"), Answer::yes);
  EXPECT_EQ(in("", "vers:all/*"), Answer::yes);
  EXPECT_EQ(in("9.9", "All Versions"), Answer::yes);
}

TEST(VersionRange, SimpleBoundsFromIcsma) {
  EXPECT_EQ(in("2.3.6", "<= 2.3.6"), Answer::yes);   // Alaris TIVA
  EXPECT_EQ(in("2.3.7", "<= 2.3.6"), Answer::no);
  EXPECT_EQ(in("2.3.5", "<=2.3.5"), Answer::yes);    // Brilliance CT Big Bore
  EXPECT_EQ(in("1.11.00", "< 1.11.00"), Answer::no);  // Welch Allyn Spot 4400
  EXPECT_EQ(in("1.10.99", "< 1.11.00"), Answer::yes);
  EXPECT_EQ(in("B.06.17", "< B.06.18"), Answer::yes);  // IntelliVue MX40
  EXPECT_EQ(in("B.06.18", "< B.06.18"), Answer::no);
  EXPECT_EQ(in("12.2.8.409", "<12.2.8.410"), Answer::yes);  // Vue PACS
  EXPECT_EQ(in("12.2.8.410", "<12.2.8.410"), Answer::no);
  EXPECT_EQ(in("012U000039", "< 012U000040"), Answer::yes);  // SpaceStation
}

TEST(VersionRange, WildcardSegments) {
  EXPECT_EQ(in("11.4", "<= 11.x"), Answer::yes);  // Horizon Cardiology
  EXPECT_EQ(in("12.0", "<= 11.x"), Answer::no);
  EXPECT_EQ(in("12.2.4.1", "<= 12.2.x.x"), Answer::yes);
  EXPECT_EQ(in("12.3", "<= 12.2.x.x"), Answer::no);
  EXPECT_EQ(in("5.2.1", "5.x.x"), Answer::yes);
  EXPECT_EQ(in("4.2.1", "5.x.x"), Answer::no);
  EXPECT_EQ(in("4.1", "4.X | 5.X"), Answer::yes);
}

TEST(VersionRange, IntervalsAndLists) {
  EXPECT_EQ(in("4.8", ">= 4.4 | <= 4.12"), Answer::yes);  // Pyxis Enterprise Server
  EXPECT_EQ(in("4.13", ">= 4.4 | <= 4.12"), Answer::no);
  EXPECT_EQ(in("4.3", ">= 4.4 | <= 4.12"), Answer::no);
  EXPECT_EQ(in("1.4", "1.1 | 1.2 | 1.4 | 1.5"), Answer::yes);  // ExactaMix EM1200
  EXPECT_EQ(in("1.3", "1.1 | 1.2 | 1.4 | 1.5"), Answer::no);
  EXPECT_EQ(in("5.1", "5.0|5.1"), Answer::yes);
  EXPECT_EQ(in("BT04", ">=BT02 | <= BT06"), Answer::yes);
  EXPECT_EQ(in("BT07", ">=BT02 | <= BT06"), Answer::no);
  EXPECT_EQ(in("4.1", ">= 4.0.1"), Answer::yes);
  EXPECT_EQ(in("4.0.0", ">= 4.0.1"), Answer::no);
  EXPECT_EQ(in("1.5", "vers:generic/>=1.0|<2.0"), Answer::yes);
  EXPECT_EQ(in("2.0", "vers:generic/>=1.0|<2.0"), Answer::no);
}

TEST(VersionRange, Phrases) {
  EXPECT_EQ(in("2.3.6", "2.3.6 and  below"), Answer::yes);
  EXPECT_EQ(in("2.3.7", "2.3.6 and  below"), Answer::no);
  EXPECT_EQ(in("4.0", "prior to 4.1"), Answer::yes);
  EXPECT_EQ(in("4.1", "prior to 4.1"), Answer::no);
  EXPECT_EQ(in("4.5", "4.0 to 4.6"), Answer::yes);
  EXPECT_EQ(in("4.7", "4.0 to 4.6"), Answer::no);
  EXPECT_EQ(in("3.0", "2.2 and prior"), Answer::no);
}

TEST(VersionRange, UnknownWithAReasonNeverAGuess) {
  const VersionRange date = parse_version_range("distributed  < april 1, 2018");
  EXPECT_EQ(date.kind, VersionRange::Kind::unknown);
  EXPECT_NE(date.reason.find("date"), std::string::npos);
  EXPECT_EQ(in("1.0", "distributed  < april 1, 2018"), Answer::unknown);
  const VersionRange model = parse_version_range("MMT-512 / MMT-712 Paradigm x12");
  EXPECT_EQ(model.kind, VersionRange::Kind::unknown);
  EXPECT_NE(model.reason.find("not a version"), std::string::npos);
  EXPECT_EQ(in("1.0", "882390 Gemini GXL 6 Slice"), Answer::unknown);
  EXPECT_EQ(in("1.0", "2nd Edition"), Answer::unknown);
  EXPECT_EQ(in("1.0", "<= U61 |<= L81"), Answer::unknown);  // two upper bounds, two lineages
  EXPECT_EQ(in("A.01", "< 4.0"), Answer::unknown);          // letters against numbers
  EXPECT_EQ(in("", "<= 2.3"), Answer::unknown);             // device version not known
  EXPECT_EQ(in("1.0", "< august 28"), Answer::unknown);
}

TEST(VersionRange, ComparesSegmentwise) {
  EXPECT_EQ(compare_versions("4.0", "4.0.0"), 0);
  EXPECT_EQ(compare_versions("4.0", "4.0.0.1"), -1);
  EXPECT_EQ(compare_versions("1.10", "1.9"), 1);
  EXPECT_EQ(compare_versions("v20D32", "20D29"), 1);
  EXPECT_EQ(compare_versions("1.2", "1.2a"), -1);
  EXPECT_EQ(compare_versions("A.01", "4"), kIncomparable);
}

void collect(const nlohmann::json& branches, std::vector<std::string>& out) {
  for (const auto& b : branches) {
    const std::string category = b.value("category", "");
    if (category == "product_version" || category == "product_version_range") out.push_back(b.value("name", ""));
    if (b.contains("branches")) collect(b["branches"], out);
  }
}

// Every version slot of the 144 advisories parses; the shares match what issue 8 measured
// (~42% all versions, ~23% bounds, the rest free text) and none is silently taken as "all".
TEST(VersionRange, EveryIcsmaVersionSlot) {
  std::vector<std::string> ranges;
  for (const auto& entry : std::filesystem::directory_iterator(testing::shared_data("vuln_feeds/csaf/icsma"))) {
    std::ifstream in(entry.path());
    collect(nlohmann::json::parse(in)["product_tree"]["branches"], ranges);
  }
  ASSERT_GT(ranges.size(), 600u);
  std::size_t all = 0, bounded = 0, unknown = 0;
  for (const std::string& r : ranges) {
    const VersionRange parsed = parse_version_range(r);
    if (parsed.kind == VersionRange::Kind::all) {
      ++all;
      EXPECT_TRUE(r == "vers:all/*" || r == "All versions" || r == "all versions") << r;
    } else if (parsed.kind == VersionRange::Kind::unknown) {
      ++unknown;
      EXPECT_FALSE(parsed.reason.empty()) << r;
    } else {
      ++bounded;
    }
  }
  std::cout << ranges.size() << " version slots: " << all << " all versions, " << bounded << " bounded, " << unknown
            << " unknown\n";
  EXPECT_NEAR(static_cast<double>(all) / ranges.size(), 0.42, 0.05);
  EXPECT_GT(bounded, unknown);
}

}  // namespace
}  // namespace ward::devices
