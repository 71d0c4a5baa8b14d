// Names and places for synthetic people, embedded so the demo runs without ../shared/data. The
// lists are the most common US given names (SSA) and surnames (2010 Census) and Massachusetts
// towns with a real ZIP code; every person built from them is made up.
#pragma once

#include <span>
#include <string_view>

namespace ward::demo {

struct GivenName {
  std::string_view name;
  char sex;  // 'F' or 'M', the sex the name is most given to
};

struct Town {
  std::string_view name;
  std::string_view state;      // USPS code
  std::string_view zip;        // a ZIP code of the town
  std::string_view area_code;  // telephone area code
};

std::span<const GivenName> given_names();      // 100: 50 F, 50 M
std::span<const std::string_view> surnames();  // 100, title case
std::span<const std::string_view> street_names();  // 30, "Elm St"
std::span<const Town> towns();                  // 20

}  // namespace ward::demo
