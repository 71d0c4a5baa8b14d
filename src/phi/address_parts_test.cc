// House numbers and postal codes beside places found: international postal code shapes, and
// numbers that are years, doses or phone numbers left alone.
#include "phi/address_parts.h"

#include <gtest/gtest.h>

namespace ward::phi {
namespace {

using Values = std::vector<std::string>;

// The geography spans after add_address_parts, given one found over `place`.
Values parts(std::string_view text, std::string_view place) {
  const std::size_t at = text.find(place);
  std::vector<Finding> findings = {Finding{PhiType::geography, at, at + place.size(), 0.85, "test"}};
  add_address_parts(text, findings);
  Values out;
  for (const Finding& f : findings) out.emplace_back(text.substr(f.begin, f.end - f.begin));
  return out;
}

TEST(AddressParts, StartsAStreetAtItsHouseNumber) {
  EXPECT_EQ(parts("3565 Πλατεία Συντάγματος 204", "Πλατεία Συντάγματος 204"), Values{"3565 Πλατεία Συντάγματος 204"});
  EXPECT_EQ(parts("Room B-12 Glyn St", "Glyn St"), Values{"Glyn St"});  // not a house number
  EXPECT_EQ(parts("a 1972 Canadian action film", "Canadian"), Values{"Canadian"});  // a year
}

TEST(AddressParts, FindsPostalCodesInManyShapesAfterAPlace) {
  EXPECT_EQ(parts("Looking to support them in ARENDAL 4844 in its growth", "ARENDAL"), (Values{"ARENDAL", "4844"}));
  EXPECT_EQ(parts("Aalborg NO 9100", "Aalborg"), (Values{"Aalborg", "9100"}));
  EXPECT_EQ(parts("Coimbra 3000-123, Portugal", "Coimbra"), (Values{"Coimbra", "3000-123"}));
  EXPECT_EQ(parts("Uppsala 753 10", "Uppsala"), (Values{"Uppsala", "753 10"}));
  EXPECT_EQ(parts("Mill Village\n NS\n B0J 2H0", "Mill Village"), (Values{"Mill Village", "B0J 2H0"}));
  EXPECT_EQ(parts("Egilsstaðir\n    700", "Egilsstaðir"), (Values{"Egilsstaðir", "700"}));
}

TEST(AddressParts, LeavesYearsDosesAndPhoneNumbersAlone) {
  EXPECT_EQ(parts("the Olympics in Paris 2024 were busy", "Paris"), Values{"Paris"});
  EXPECT_EQ(parts("moved to Denver 250 patients ago", "Denver"), Values{"Denver"});
  EXPECT_EQ(parts("Boston 617-555-0134", "Boston"), Values{"Boston"});
  EXPECT_EQ(parts("seen in Boston 5000 mg", "Boston"), Values{"Boston"});
  EXPECT_EQ(parts("Boston 12.5 km", "Boston"), Values{"Boston"});
}

TEST(AddressParts, FindsThePostalCodeEndingAnAddressBlock) {
  EXPECT_EQ(parts("07960 Aqqusinersuaq 111\n Sisimiut\n\n Greenlander 26364", "07960 Aqqusinersuaq 111"),
            (Values{"07960 Aqqusinersuaq 111", "26364"}));
  // Not a labelled number, nor one far below the address.
  EXPECT_EQ(parts("12 Main St\nFax: 55512", "12 Main St"), Values{"12 Main St"});
  EXPECT_EQ(parts("12 Main St\na\nb\nc\nd\nTotal 55512", "12 Main St"), Values{"12 Main St"});
}

}  // namespace
}  // namespace ward::phi
