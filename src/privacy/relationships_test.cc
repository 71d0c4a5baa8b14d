#include "privacy/relationships.h"

#include <cstddef>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include <gtest/gtest.h>

namespace ward::privacy {
namespace {

// "house|number|street|unit|city|postal": one string, so a failure shows every field at once.
std::string fields(std::string_view line) {
  const PostalAddress a = parse_address(line);
  return a.house + "|" + std::to_string(a.house_number) + "|" + a.street + "|" + a.unit + "|" +
         a.city + "|" + a.postal;
}

// "given|family".
std::string name_of(std::string_view display) {
  const PersonName n = parse_name(display);
  return n.given + "|" + n.family;
}

bool household(std::string_view a, std::string_view b) {
  return same_household(parse_address(a), parse_address(b));
}
bool building(std::string_view a, std::string_view b) {
  return same_building(parse_address(a), parse_address(b));
}
std::optional<int> distance(std::string_view a, std::string_view b) {
  return house_distance(parse_address(a), parse_address(b));
}
bool shares(std::string_view a, std::string_view b) {
  return shares_family_name(parse_name(a), parse_name(b));
}

// ---- Parsing addresses ----

TEST(AddressParse, ReadsRosterLine) {
  EXPECT_EQ(fields("293 Forest Ave, New Bedford, MA 02740"), "293|293|forest ave||new bedford|02740");
}

TEST(AddressParse, ReadsFhirLineAndDropsCountry) {
  EXPECT_EQ(fields("6 Spring St, Haverhill, MA 01830, US"), "6|6|spring st||haverhill|01830");
  EXPECT_EQ(fields("6 Spring St, Haverhill, MA 01830, United States"), "6|6|spring st||haverhill|01830");
  EXPECT_EQ(fields("6 Spring St, Haverhill, MA 01830 USA"), "6|6|spring st||haverhill|01830");
}

TEST(AddressParse, SpellsStreetSuffixesOneWay) {
  const std::pair<std::string_view, std::string_view> spellings[] = {
      {"Street", "st"},  {"St.", "st"},       {"Avenue", "ave"},  {"Road", "rd"},
      {"Drive", "dr"},   {"Lane", "ln"},      {"Court", "ct"},    {"Place", "pl"},
      {"Boulevard", "blvd"}, {"Terrace", "ter"}, {"Circle", "cir"}, {"Parkway", "pkwy"},
      {"Highway", "hwy"}, {"Way", "way"},
  };
  for (const auto& [spelled, canonical] : spellings) {
    const PostalAddress a = parse_address("12 Elm " + std::string(spelled) + ", Worcester");
    EXPECT_EQ(a.street, "elm " + std::string(canonical)) << spelled;
    EXPECT_EQ(a.city, "worcester") << spelled;
  }
  EXPECT_EQ(parse_address("12 Court Street, Worcester").street, "ct st");
  EXPECT_EQ(parse_address("12 Court St, Worcester").street, "ct st");
}

TEST(AddressParse, SpellsDirectionsOneWay) {
  EXPECT_EQ(parse_address("12 North Main Street, Worcester").street, "n main st");
  EXPECT_EQ(parse_address("12 N. Main St., Worcester").street, "n main st");
  EXPECT_EQ(parse_address("12 Main Street Northwest, Worcester").street, "main st nw");
  EXPECT_EQ(parse_address("12 Main St NW, Worcester").street, "main st nw");
}

TEST(AddressParse, ReadsUnitAfterStreet) {
  EXPECT_EQ(fields("12 Elm St Apt 4, Worcester, MA 01608"), "12|12|elm st|4|worcester|01608");
  EXPECT_EQ(fields("12 Elm St #4, Worcester, MA 01608"), "12|12|elm st|4|worcester|01608");
  EXPECT_EQ(fields("12 Elm St Apt. #04, Worcester, MA 01608"), "12|12|elm st|4|worcester|01608");
  EXPECT_EQ(fields("200 Main St Suite 200, Boston, MA 02108"), "200|200|main st|200|boston|02108");
}

TEST(AddressParse, ReadsUnitAsItsOwnPart) {
  EXPECT_EQ(fields("12 Elm Street, Unit 4B, Worcester, MA"), "12|12|elm st|4b|worcester|");
  EXPECT_EQ(fields("12 Elm St, # 4, Worcester, MA 01608"), "12|12|elm st|4|worcester|01608");
  EXPECT_EQ(fields("12 Elm St, Bldg C Apt 4, Worcester"), "12|12|elm st|c 4|worcester|");
}

TEST(AddressParse, ReadsUnitBeforeStreet) {
  EXPECT_EQ(fields("Apt 4, 12 Elm St, Worcester MA 01608"), "12|12|elm st|4|worcester|01608");
  EXPECT_EQ(fields("#4, 12 Elm St, Worcester, MA 01608"), "12|12|elm st|4|worcester|01608");
}

TEST(AddressParse, ReadsHouseRangesLettersAndNumberedStreets) {
  EXPECT_EQ(fields("12-14 Main St, Worcester"), "12|12|main st||worcester|");
  EXPECT_EQ(fields("12A Elm St, Worcester"), "12a|12|elm st||worcester|");
  EXPECT_EQ(fields("12-a Elm St, Worcester"), "12a|12|elm st||worcester|");
  EXPECT_EQ(fields("100 12th St, Worcester"), "100|100|12th st||worcester|");
  EXPECT_EQ(fields("1st Street, Worcester"), "|-1|1st st||worcester|");
}

TEST(AddressParse, IgnoresCaseAndSpacing) {
  EXPECT_EQ(fields("  12   ELM   street ,  WORCESTER ,ma   01608 "), fields("12 Elm St, Worcester, MA 01608"));
  EXPECT_EQ(fields("12 elm st, worcester, ma 01608"), "12|12|elm st||worcester|01608");
}

TEST(AddressParse, KeepsFirstFiveDigitsOfZip) {
  EXPECT_EQ(parse_address("12 Elm St, Worcester, MA 01608-1234").postal, "01608");
  EXPECT_EQ(parse_address("12 Elm St, Worcester, MA 016081234").postal, "01608");
}

TEST(AddressParse, KeepsStateOutOfCity) {
  EXPECT_EQ(fields("12 Elm Ct, Hartford, CT 06103"), "12|12|elm ct||hartford|06103");
  EXPECT_EQ(fields("12 Elm St, Worcester, MA"), "12|12|elm st||worcester|");
  EXPECT_EQ(fields("12 Elm St, Miami, FL 33101"), "12|12|elm st||miami|33101");
  EXPECT_EQ(fields("12 Elm St, Worcester MA 01608"), "12|12|elm st||worcester|01608");
}

TEST(AddressParse, ReadsLinesMissingCityOrZip) {
  EXPECT_EQ(fields("12 Elm St, MA 01608"), "12|12|elm st|||01608");
  EXPECT_EQ(fields("12 Elm St, 01608"), "12|12|elm st|||01608");
  EXPECT_EQ(fields("12 Elm St, Worcester"), "12|12|elm st||worcester|");
  EXPECT_EQ(fields("12 Elm St"), "12|12|elm st|||");
  EXPECT_EQ(fields("Elm St, Worcester"), "|-1|elm st||worcester|");
}

TEST(AddressParse, ReadsLinesWithoutCommas) {
  EXPECT_EQ(fields("12 Elm St Apt 4 Worcester MA 01608"), "12|12|elm st|4|worcester|01608");
  EXPECT_EQ(fields("12 Elm St Worcester, MA 01608"), "12|12|elm st||worcester|01608");
}

TEST(AddressParse, KeepsWordsAfterSuffixInStreetWhenCityFollows) {
  EXPECT_EQ(fields("12 Main St Ext, Worcester"), "12|12|main st ext||worcester|");
}

TEST(AddressParse, FoldsAccents) {
  const std::string expected = "12|12|emile zola blvd||montreal|";
  EXPECT_EQ(fields("12 Émile Zola Boulevard, Montréal"), expected);
  EXPECT_EQ(fields("12 \xC9mile Zola Blvd, Montr\xE9" "al"), expected);  // Latin-1 bytes
  EXPECT_EQ(fields("12 E\xCC\x81mile Zola Blvd, Montre\xCC\x81" "al"), expected);  // combining
}

TEST(AddressParse, ReadsNothingFromLinesWithoutStreet) {
  for (std::string_view line : {"", "   ", ",,, ;", "Apt 4", "#", "\x01\x02\x7f"}) {
    const PostalAddress a = parse_address(line);
    EXPECT_TRUE(a.empty()) << line;
    EXPECT_EQ(a.house, "") << line;
    EXPECT_EQ(a.house_number, -1) << line;
  }
}

// ---- Households, buildings, neighbours ----

TEST(RelationshipsAddress, SameHouseholdAcrossDirectoryFormats) {
  const std::string_view roster = "12 Elm Street Apt 4, Worcester, MA 01608";
  EXPECT_TRUE(household(roster, "12 Elm St, #4, Worcester, MA 01608-1234, US"));
  EXPECT_TRUE(household(roster, "Apt 4, 12 ELM ST., Worcester MA 01608"));
  EXPECT_FALSE(building(roster, "12 Elm St, #4, Worcester, MA 01608-1234, US"));
  EXPECT_EQ(distance(roster, "12 Elm St, #4, Worcester"), 0);
}

TEST(RelationshipsAddress, OtherUnitIsSameBuildingNotHousehold) {
  const std::string_view a = "12 Elm St Apt 4, Worcester, MA 01608";
  EXPECT_FALSE(household(a, "12 Elm St Apt 5, Worcester, MA 01608"));
  EXPECT_TRUE(building(a, "12 Elm St Apt 5, Worcester, MA 01608"));
  // A line without a unit names the building, not the flat.
  EXPECT_FALSE(household(a, "12 Elm St, Worcester, MA 01608"));
  EXPECT_TRUE(building(a, "12 Elm St, Worcester, MA 01608"));
  // 12A is another house than 12.
  EXPECT_FALSE(household("12A Elm St, Worcester", "12 Elm St, Worcester"));
  EXPECT_FALSE(building("12A Elm St, Worcester", "12 Elm St, Worcester"));
}

TEST(RelationshipsAddress, SameNumberOnOtherStreetIsNothing) {
  const std::string_view a = "12 Elm St, Worcester, MA 01608";
  const std::string_view b = "12 Oak St, Worcester, MA 01608";
  EXPECT_FALSE(household(a, b));
  EXPECT_FALSE(building(a, b));
  EXPECT_EQ(distance(a, b), std::nullopt);
  EXPECT_FALSE(household("12 Elm St, Worcester", "12 Elm Ave, Worcester"));
}

TEST(RelationshipsAddress, SameStreetInOtherCityIsNothing) {
  const std::string_view a = "12 Elm St, Worcester, MA 01608";
  const std::string_view b = "12 Elm St, Springfield, MA 01103";
  EXPECT_FALSE(household(a, b));
  EXPECT_FALSE(building(a, b));
  EXPECT_EQ(distance(a, b), std::nullopt);
  EXPECT_EQ(distance(a, "14 Elm St, Springfield, MA 01103"), std::nullopt);
}

TEST(RelationshipsAddress, MeasuresHouseDistanceOnOneStreet) {
  EXPECT_EQ(distance("12 Elm St, Worcester", "20 Elm Street, Worcester, MA 01608"), 8);
  EXPECT_EQ(distance("20 Elm St, Worcester", "12 Elm St, Worcester"), 8);
  EXPECT_EQ(distance("12A Elm St, Worcester", "12 Elm St Apt 2, Worcester"), 0);
  EXPECT_EQ(distance("12-14 Main St, Worcester", "16 Main St, Worcester"), 4);
  EXPECT_EQ(distance("Elm St, Worcester", "12 Elm St, Worcester"), std::nullopt);
}

TEST(RelationshipsAddress, FallsBackToZipWhenCityIsMissing) {
  EXPECT_TRUE(household("12 Elm St, MA 01608", "12 Elm St, Worcester, MA 01608"));
  EXPECT_FALSE(household("12 Elm St, MA 01608", "12 Elm St, Worcester, MA 01609"));
  EXPECT_EQ(distance("12 Elm St, 01608", "15 Elm St, Worcester, MA 01608"), 3);
  // Two cities decide even when the ZIP codes differ (one city has several).
  EXPECT_TRUE(household("12 Elm St, Worcester, MA 01608", "12 Elm St, Worcester, MA 01609"));
}

TEST(RelationshipsAddress, CannotCompareWithoutCityOrZip) {
  EXPECT_FALSE(household("12 Elm St", "12 Elm St"));
  EXPECT_FALSE(building("12 Elm St Apt 1", "12 Elm St Apt 2"));
  EXPECT_EQ(distance("12 Elm St", "14 Elm St"), std::nullopt);
  // One side has only a city, the other only a ZIP: still not comparable.
  EXPECT_FALSE(household("12 Elm St, Worcester", "12 Elm St, MA 01608"));
  EXPECT_FALSE(household("", ""));
  EXPECT_EQ(distance("", ""), std::nullopt);
}

// ---- Parsing names ----

TEST(NameParse, ReadsGivenFamily) {
  EXPECT_EQ(name_of("John Smith"), "john|smith");
  EXPECT_EQ(name_of("John Paul Smith"), "john|smith");
}

TEST(NameParse, ReadsFamilyCommaGiven) {
  EXPECT_EQ(name_of("Smith, John"), "john|smith");
  EXPECT_EQ(name_of("SMITH, John Paul"), "john|smith");
  EXPECT_EQ(name_of("Smith,John"), "john|smith");
}

TEST(NameParse, KeepsHyphens) {
  EXPECT_EQ(name_of("Mary Smith-Jones"), "mary|smith-jones");
  EXPECT_EQ(name_of("Mary Smith - Jones"), "mary|smith-jones");
  EXPECT_EQ(name_of("Jean-Luc Picard"), "jean-luc|picard");
  EXPECT_EQ(name_of("SMITH-JONES, Mary"), "mary|smith-jones");
}

TEST(NameParse, StripsApostrophes) {
  EXPECT_EQ(name_of("Conor O'Brien"), "conor|obrien");
  EXPECT_EQ(name_of("Conor OBrien"), "conor|obrien");
  EXPECT_EQ(name_of("Conor O\xE2\x80\x99" "Brien"), "conor|obrien");  // U+2019
  EXPECT_EQ(name_of("O'BRIEN, Conor"), "conor|obrien");
}

TEST(NameParse, FoldsAccents) {
  EXPECT_EQ(name_of("José Núñez"), "jose|nunez");
  EXPECT_EQ(name_of("Jos\xE9 N\xFA\xF1" "ez"), "jose|nunez");  // Latin-1 bytes
  EXPECT_EQ(name_of("Søren Łukasz Straße"), "soren|strasse");
}

TEST(NameParse, KeepsParticlesWithFamilyName) {
  EXPECT_EQ(name_of("Anna van der Berg"), "anna|van der berg");
  EXPECT_EQ(name_of("Anna Maria van der Berg"), "anna|van der berg");
  EXPECT_EQ(name_of("van der Berg, Anna"), "anna|van der berg");
  EXPECT_EQ(name_of("Juan de la Cruz"), "juan|de la cruz");
  EXPECT_EQ(name_of("Mary Le"), "mary|le");  // a particle that is the whole family name
}

TEST(NameParse, DropsTitlesAndSuffixes) {
  EXPECT_EQ(name_of("John Smith Jr."), "john|smith");
  EXPECT_EQ(name_of("John Smith, Jr."), "john|smith");
  EXPECT_EQ(name_of("Smith, John, MD"), "john|smith");
  EXPECT_EQ(name_of("Dr. John Smith III"), "john|smith");
}

TEST(NameParse, EmptyNameIsEmpty) {
  EXPECT_TRUE(parse_name("").empty());
  EXPECT_TRUE(parse_name("  , . ").empty());
  EXPECT_EQ(name_of(""), "|");
  EXPECT_EQ(name_of("Madonna"), "|madonna");
}

// ---- Same person, shared family name ----

TEST(RelationshipsPerson, SamePersonAcrossFormats) {
  EXPECT_TRUE(same_person(parse_name("Smith, John"), "1980-04-02", parse_name("JOHN P. SMITH"),
                          "1980-04-02"));
  EXPECT_TRUE(same_person(parse_name("José Núñez"), "1975-12-31", parse_name("NUNEZ, Jose"),
                          "1975-12-31"));
}

TEST(RelationshipsPerson, OtherGivenNameIsNotSamePerson) {
  EXPECT_FALSE(same_person(parse_name("John Smith"), "1980-04-02", parse_name("Jane Smith"),
                           "1980-04-02"));
  EXPECT_FALSE(same_person(parse_name("Smith"), "1980-04-02", parse_name("Smith"), "1980-04-02"));
}

TEST(RelationshipsPerson, OtherBirthDateIsNotSamePerson) {
  EXPECT_FALSE(same_person(parse_name("John Smith"), "1980-04-02", parse_name("John Smith"),
                           "1980-04-03"));
}

TEST(RelationshipsPerson, MissingBirthDatesNeverMatch) {
  const PersonName john = parse_name("John Smith");
  EXPECT_FALSE(same_person(john, "", john, ""));
  EXPECT_FALSE(same_person(john, "1980-04-02", john, ""));
  EXPECT_FALSE(same_person(john, "unknown", john, "unknown"));
}

TEST(RelationshipsPerson, SharesFamilyName) {
  EXPECT_TRUE(shares("Mary Smith", "SMITH, John"));
  EXPECT_TRUE(shares("Mary Smith-Jones", "Tom Jones"));
  EXPECT_TRUE(shares("Tom Jones", "Mary Smith-Jones"));
  EXPECT_TRUE(shares("Mary Smith-Jones", "Tom Jones-Smith"));
  EXPECT_TRUE(shares("Conor O'Brien", "Aoife OBrien"));
  EXPECT_FALSE(shares("Mary Smith", "Tom Jones"));
  EXPECT_FALSE(shares("Mary Smithson", "Tom Smith"));
  EXPECT_FALSE(shares("Anna van der Berg", "Tom Berg"));  // "van der Berg" is one name
  EXPECT_FALSE(shares("", ""));
}

// ---- Robustness ----

bool only(std::string_view s, std::string_view allowed) {
  return s.find_first_not_of(allowed) == std::string_view::npos;
}
constexpr std::string_view kKeyChars = "abcdefghijklmnopqrstuvwxyz0123456789 -";

// Random bytes, or random pieces of real lines so that the parsers get past their first word.
std::string random_line(std::mt19937& rng) {
  static constexpr std::string_view kPieces[] = {
      "12", "12-14", "4B", "Elm", "St.", "Street", "North", "Apt", "#", "Unit", ",", ", ", " ",
      "-", "'", "MA", "01608-1234", "US", "Worcester", "van", "der", "Jr.", "Smith", "José",
      "\xC3", "\xE2\x80\x99", "\xF0\x9F\x98\x80", "\xFF"};
  std::uniform_int_distribution<int> length(0, 40);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> piece(0, std::size(kPieces) - 1);
  std::string line;
  const int n = length(rng);
  const bool bytes = rng() % 2 == 0;
  for (int i = 0; i < n; ++i) {
    if (bytes) {
      line += static_cast<char>(byte(rng));
    } else {
      line += kPieces[piece(rng)];
    }
  }
  return line;
}

TEST(RelationshipsRobustness, RandomInputGivesOnlyNormalisedKeys) {
  std::mt19937 rng(20240611);
  for (int i = 0; i < 10'000; ++i) {
    const std::string line = random_line(rng);
    const PostalAddress a = parse_address(line);
    ASSERT_TRUE(only(a.street, kKeyChars)) << line;
    ASSERT_TRUE(only(a.city, kKeyChars)) << line;
    ASSERT_TRUE(only(a.unit, "abcdefghijklmnopqrstuvwxyz0123456789 ")) << line;
    ASSERT_TRUE(a.postal.empty() || (a.postal.size() == 5 && only(a.postal, "0123456789"))) << line;
    if (a.house.empty()) {
      ASSERT_EQ(a.house_number, -1) << line;
    } else {
      ASSERT_EQ(a.house.rfind(std::to_string(a.house_number), 0), 0u) << line;
    }
    // An address is its own household exactly when it has a house, a street and a place.
    const bool complete =
        !a.house.empty() && !a.street.empty() && (!a.city.empty() || !a.postal.empty());
    ASSERT_EQ(same_household(a, a), complete) << line;

    const PersonName n = parse_name(line);
    ASSERT_TRUE(only(n.given, kKeyChars)) << line;
    ASSERT_TRUE(only(n.family, kKeyChars)) << line;
    ASSERT_TRUE(n.given.empty() || !n.family.empty()) << line;
    ASSERT_EQ(shares_family_name(n, n), !n.family.empty()) << line;
  }
}

TEST(RelationshipsRobustness, SurvivesHugeLines) {
  const std::string spaces(1 << 20, ' ');
  EXPECT_TRUE(parse_address(spaces).empty());
  EXPECT_TRUE(parse_name(spaces).empty());
  std::string addresses, names;
  for (int i = 0; i < 100'000; ++i) {
    addresses += "12 Elm St, ";
    names += "Smith, John ";
  }
  EXPECT_EQ(parse_address(addresses).street, "elm st");
  EXPECT_EQ(name_of(names), "john|smith");
  EXPECT_EQ(parse_address(std::string(1 << 20, '\xFF')).house, "");
}

}  // namespace
}  // namespace ward::privacy
