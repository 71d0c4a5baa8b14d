// Who is who to whom, from names, birth dates and home addresses: the facts behind the self,
// family, neighbour and coworker detectors. Pure functions over directory strings; no I/O.
//
// Address lines come as the directory keeps them: "12 Elm St, Springfield, MA 01101" (roster
// CSV), "6 Spring St, Haverhill, MA 01830, US" (FHIR), also with a unit ("12 Elm St Apt 4, …",
// "12 Elm St, Unit 4, …", "Apt 4, 12 Elm St, …"). Names: "Given Family", "Given Middle Family",
// "Family, Given", with any case, accents, hyphens and apostrophes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ward::privacy {

struct PostalAddress {
  std::string house;   // "12", "12A"; "" when the line has no house number
  int house_number = -1;  // 12 for "12A"; -1 when none
  std::string street;  // normalised: lower case, suffix spelled one way ("elm st")
  std::string unit;    // normalised: "4" for "Apt 4", "Unit 4", "#4"; "" when none
  std::string city;    // normalised: lower case
  std::string postal;  // first five digits of a US ZIP, "" when none
  bool empty() const { return street.empty(); }
};

// Parses one address line. Never fails: what cannot be read stays empty.
PostalAddress parse_address(std::string_view line);

// Same dwelling: same house, street, unit and city (or postal code when a city is missing).
bool same_household(const PostalAddress& a, const PostalAddress& b);
// Same building, another dwelling: same house, street and city, different units.
bool same_building(const PostalAddress& a, const PostalAddress& b);
// |a.house_number - b.house_number| when both are on the same street in the same city (or postal
// code); nullopt otherwise.
std::optional<int> house_distance(const PostalAddress& a, const PostalAddress& b);

struct PersonName {
  std::string given;   // normalised first given name: lower case, ASCII-folded
  std::string family;  // normalised family name: lower case, ASCII-folded, spaces and hyphens kept
  bool empty() const { return family.empty(); }
};

PersonName parse_name(std::string_view display);

// The same person: same family and given name (normalised) and the same birth date (YYYY-MM-DD,
// both non-empty).
bool same_person(const PersonName& a, std::string_view birth_a, const PersonName& b,
                 std::string_view birth_b);

// Shares a family name: equal, or one double-barrelled name contains the other ("smith-jones"
// and "jones").
bool shares_family_name(const PersonName& a, const PersonName& b);

}  // namespace ward::privacy
