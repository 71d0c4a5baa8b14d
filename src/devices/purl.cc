// Package URLs (purl.h).
#include "devices/purl.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/hex_digit.h"

namespace ward::devices {

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

namespace {

void lower(std::string& s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool case_insensitive_type(std::string_view type) {
  static constexpr std::string_view kTypes[] = {"apk", "bitbucket", "composer", "deb", "github", "golang", "hex", "npm", "pypi", "generic"};
  return std::find(std::begin(kTypes), std::end(kTypes), type) != std::end(kTypes);
}

}  // namespace

Result<Purl> parse_purl(std::string_view text) {
  if (!text.starts_with("pkg:")) return fail(ErrorCode::invalid_input, "not a purl: expected pkg:type/name", "purl");
  std::string_view rest = text.substr(4);
  while (rest.starts_with('/')) rest.remove_prefix(1);
  if (const auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  if (const auto q = rest.find('?'); q != std::string_view::npos) rest = rest.substr(0, q);
  Purl p;
  const auto at = rest.rfind('@');
  if (at != std::string_view::npos && rest.find('/', at) == std::string_view::npos) {
    p.version = percent_decode(rest.substr(at + 1));
    rest = rest.substr(0, at);
  }
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return fail(ErrorCode::invalid_input, "purl without a type/name", "purl");
  p.type = std::string(rest.substr(0, slash));
  lower(p.type);
  std::string_view path = rest.substr(slash + 1);
  while (path.ends_with('/')) path.remove_suffix(1);
  const auto last = path.rfind('/');
  p.name = percent_decode(last == std::string_view::npos ? path : path.substr(last + 1));
  if (last != std::string_view::npos) p.namespace_ = percent_decode(path.substr(0, last));
  if (p.name.empty()) return fail(ErrorCode::invalid_input, "purl without a name", "purl");
  if (case_insensitive_type(p.type)) {
    lower(p.namespace_);
    lower(p.name);
  }
  if (p.type == "pypi") std::replace(p.name.begin(), p.name.end(), '_', '-');
  return p;
}

bool same_package(const Purl& a, const Purl& b) {
  return a.type == b.type && a.namespace_ == b.namespace_ && a.name == b.name;
}

}  // namespace ward::devices
