// CPE 2.3 names (NISTIR 7695): the formatted string "cpe:2.3:part:vendor:product:version:update:
// edition:language:sw_edition:target_sw:target_hw:other", with `\`-escaping, and the older URI
// form "cpe:/a:vendor:product:version". Parsed into attributes with the escapes removed; an
// attribute that is ANY (`*`), holds an unquoted wildcard (`*`, `?`) or is NA (`-`) says so.
// A string with the wrong number of parts or a part other than a/o/h is an Error naming what
// is wrong. Pure functions, thread-safe.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ward::devices {

struct CpeAttribute {
  std::string value;      // unescaped; "*" for ANY, "-" for NA
  bool pattern = false;   // ANY, or an unquoted * or ? inside: matches many values
  bool na() const { return !pattern && value == "-"; }
  bool concrete() const { return !pattern && !na() && !value.empty(); }
};

struct Cpe {
  char part = '*';  // 'a' application, 'o' operating system, 'h' hardware, '*' any
  // vendor, product, version, update, edition, language, sw_edition, target_sw, target_hw, other
  std::array<CpeAttribute, 10> attributes;
  const CpeAttribute& vendor() const { return attributes[0]; }
  const CpeAttribute& product() const { return attributes[1]; }
  const CpeAttribute& version() const { return attributes[2]; }
  const CpeAttribute& update() const { return attributes[3]; }
};

Result<Cpe> parse_cpe(std::string_view text);

// The two names the identifier tier may match: both vendors and both products concrete and
// equal (case-insensitively), the parts equal unless one is ANY, and concrete updates equal.
// A wildcard vendor or product never matches anything.
bool same_cpe_product(const Cpe& a, const Cpe& b);

}  // namespace ward::devices
