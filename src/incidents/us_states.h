// The two-letter codes of the US states, DC and the territories, for per-state resident counts:
// a code outside this list is refused ("residents.XX: not a US state or territory code").
#pragma once

#include <string_view>

namespace ward::incidents {

// True for "CA", "DC", "PR"…; upper case only.
bool is_us_state_code(std::string_view code);

}  // namespace ward::incidents
