// Package URLs (github.com/package-url/purl-spec): "pkg:type/namespace/name@version?qualifiers
// #subpath". Parsed with percent-decoding; the type, and for the types whose names are not
// case-sensitive (github, npm, pypi, deb, golang…) the namespace and name, lower-cased; pypi
// names with `_` read as `-`. A string that is not one is an Error naming what is missing.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace ward::devices {

struct Purl {
  std::string type, namespace_, name, version;  // version empty when the purl names none
};

Result<Purl> parse_purl(std::string_view text);

// Same package: type, namespace and name equal after normalisation; versions are not compared.
bool same_package(const Purl& a, const Purl& b);

// %XX sequences decoded; a malformed one is kept as written. (Also used for CPE URIs.)
std::string percent_decode(std::string_view s);

}  // namespace ward::devices
