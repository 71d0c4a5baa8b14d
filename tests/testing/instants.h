// Test helper: the instant an ISO 8601 text names, as Ward keeps times (TimeNs), so tests can
// write their times readably. A text that does not parse fails the calling test.
#pragma once

#include <string_view>

#include <gtest/gtest.h>

#include "core/time.h"

namespace ward::testing {

// 2026-12-01T00:00:00Z, the day the program tests take as today.
inline constexpr TimeNs kDec1 = 1'796'083'200'000'000'000;

inline TimeNs at(std::string_view iso) {
  Result<TimeNs> t = parse_iso8601(iso);
  EXPECT_TRUE(t) << "not an ISO 8601 time: " << iso;
  return t ? *t : 0;
}

}  // namespace ward::testing
