// us_states.h: the 50 states, DC, and the five inhabited territories.
#include "incidents/us_states.h"

#include <algorithm>
#include <array>

namespace ward::incidents {

bool is_us_state_code(std::string_view code) {
  static constexpr std::array<std::string_view, 56> kCodes = {
      "AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "GU", "HI", "IA", "ID", "IL", "IN", "KS",
      "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY",
      "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VI", "VT", "WA", "WI", "WV", "WY"};
  return std::binary_search(kCodes.begin(), kCodes.end(), code);
}

}  // namespace ward::incidents
