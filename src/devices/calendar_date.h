// Dates written YYYY-MM-DD, as the devices capability keeps them (due dates, expiries, CVD
// steps, end of support). Defined in remediation.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ward::devices {

// Days since 1970-01-01 of a date written exactly YYYY-MM-DD; nullopt for anything else.
std::optional<std::int64_t> day_number(std::string_view date);

}  // namespace ward::devices
