#include "demo/built_in_names.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::demo {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// The first `columns` comma-separated fields of each data line (no quoting in these files).
std::set<std::string> column_keys(const std::string& text, int columns) {
  std::set<std::string> keys;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::size_t end = 0;
    for (int i = 0; i < columns && end != std::string::npos; ++i) end = line.find(',', end + (i > 0 ? 1 : 0));
    keys.insert(line.substr(0, end));
  }
  return keys;
}

TEST(BuiltInNames, ListsHaveTheAdvertisedSizes) {
  EXPECT_EQ(given_names().size(), 100u);
  EXPECT_EQ(surnames().size(), 100u);
  EXPECT_EQ(street_names().size(), 30u);
  EXPECT_EQ(towns().size(), 20u);
  auto female = std::count_if(given_names().begin(), given_names().end(), [](const GivenName& g) { return g.sex == 'F'; });
  EXPECT_EQ(female, 50);
  // population.cc relies on the order: 50 female names, then 50 male.
  for (std::size_t i = 0; i < 100; ++i) EXPECT_EQ(given_names()[i].sex, i < 50 ? 'F' : 'M') << i;
}

TEST(BuiltInNames, NamesAreUnique) {
  std::set<std::string_view> given, family;
  for (const GivenName& g : given_names()) given.insert(g.name);
  for (std::string_view s : surnames()) family.insert(s);
  EXPECT_EQ(given.size(), 100u);
  EXPECT_EQ(family.size(), 100u);
}

TEST(BuiltInNames, GivenNamesComeFromTheSsaListWithTheirSex) {
  const auto keys = column_keys(testing::read_file(testing::shared_data("names/given_names.csv")), 2);
  for (const GivenName& g : given_names())
    EXPECT_TRUE(keys.count(std::string(g.name) + "," + g.sex)) << g.name << " " << g.sex;
}

TEST(BuiltInNames, SurnamesComeFromTheCensusList) {
  const auto keys = column_keys(testing::read_file(testing::shared_data("names/surnames.csv")), 1);
  for (std::string_view s : surnames()) EXPECT_TRUE(keys.count(upper(s))) << s;
}

TEST(BuiltInNames, TownsAreMassachusettsPlacesWithRealZipCodes) {
  const auto places = column_keys(testing::read_file(testing::shared_data("names/places.csv")), 2);
  const std::string zips = testing::read_file(testing::shared_data("names/zip_centroids.csv"));
  for (const Town& t : towns()) {
    EXPECT_TRUE(places.count(std::string(t.name) + "," + std::string(t.state))) << t.name;
    std::size_t at = zips.find("\n" + std::string(t.zip) + ",");
    ASSERT_NE(at, std::string::npos) << t.zip;
    // Latitude and longitude of the ZIP centroid lie in Massachusetts.
    std::istringstream row(zips.substr(at + 7, 40));
    double lat = 0, lon = 0;
    char comma = 0;
    row >> lat >> comma >> lon;
    EXPECT_GT(lat, 41.2) << t.zip;
    EXPECT_LT(lat, 42.9) << t.zip;
    EXPECT_GT(lon, -73.5) << t.zip;
    EXPECT_LT(lon, -69.9) << t.zip;
  }
}

}  // namespace
}  // namespace ward::demo
