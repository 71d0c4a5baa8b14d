// Recovery objectives and backup intervals written the way continuity plans write them: "4h",
// "30m", "2d", "1h30m". Kept in whole minutes.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace ward::resilience {

// "15m", "4h", "2d", "1w", or several joined ("1h30m"), or a bare number of minutes ("90").
// Anything else, zero, or more than 366 days is ErrorCode::invalid_input naming `field`
// ("rto: expected a duration such as 4h, 30m or 2d, got \"abc\"").
Result<int> parse_duration(std::string_view text, std::string_view field);

// Minutes as the shortest text parse_duration reads back: 90 -> "1h30m", 2880 -> "2d", 0 -> "0m".
std::string format_duration(int minutes);

}  // namespace ward::resilience
