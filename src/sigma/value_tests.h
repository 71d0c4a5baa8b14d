// The non-string predicates a field condition can hold: numeric comparison (gt, gte, lt, lte),
// CIDR ranges (IPv4 and IPv6), date parts (minute..year) and field references. Each is plain
// data with a `matches` that reads the field value without allocating.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "sigma/string_predicate.h"

namespace ward::sigma {

enum class Comparison : std::uint8_t { equal, less, less_equal, greater, greater_equal };

// The field value read as a number ("7", "-0.5", "1e3"); other text never matches.
struct NumberTest {
  Comparison op = Comparison::equal;
  double value = 0;
  static Result<NumberTest> parse(std::string_view rule_value, Comparison op);
  bool matches(std::string_view text) const;
};

// `10.0.0.0/8`, `fe80::/10`; a bare address is a /32 or /128.
struct CidrTest {
  bool v6 = false;
  std::array<std::uint8_t, 16> network{};
  unsigned prefix = 0;
  static Result<CidrTest> parse(std::string_view rule_value);
  bool matches(std::string_view text) const;
};

// minute, hour, day, week (ISO), month, year of a date such as "2025-11-27T07:40:10Z" or
// "2025-11-27 07:40:10.132", compared as numbers with the value.
struct DatePartTest {
  enum class Part : std::uint8_t { minute, hour, day, week, month, year } part = Part::year;
  NumberTest number;
  static std::optional<Part> part_named(std::string_view modifier);
  bool matches(std::string_view text) const;
};

// `fieldref`: the value names another field of the same event; compares with that field's
// values using `how` (equals unless contains/startswith/endswith came first).
struct FieldRefTest {
  std::string other_field;
  StringMatch how = StringMatch::equals;
  bool cased = false;
  bool matches(std::string_view text, std::string_view other) const;
};

}  // namespace ward::sigma
