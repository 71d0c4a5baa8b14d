// Realistic replacements made from a value's consistent number (linker.h): the same number
// always gives the same surrogate. Names come from the embedded word lists (data/phi: given
// names, surnames, places; never a medical eponym or a common English word); identifiers keep
// their shape (digits stay digits, letters letters, separators as they were); addresses and
// hosts use the ranges reserved for examples (example.org, 192.0.2.0/24, 2001:db8::/32) and
// SSNs start with 9, which the SSA never issues.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "phi/finding.h"

namespace ward::deid {

enum class NameRole { given, family, place };

// One word of a name or place, in the case style of `like` ("SMITH" → "JONES").
std::string surrogate_word(NameRole role, std::uint64_t number, std::string_view like);

// The same shape with other digits and letters; the first digit of an SSN becomes 9.
std::string surrogate_shape(phi::PhiType type, std::string_view value, std::uint64_t number);

// E-mail, URL or IP address surrogates in the reserved example ranges.
std::string surrogate_email(std::uint64_t number);
std::string surrogate_url(std::uint64_t number);
std::string surrogate_ip(std::string_view value, std::uint64_t number);

// A well-mixed stream of numbers from one (splitmix64).
class NumberStream {
 public:
  explicit NumberStream(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();

 private:
  std::uint64_t state_;
};

}  // namespace ward::deid
