// CPE 2.3 formatted strings and URIs (cpe.h).
#include "devices/cpe.h"

#include <cctype>
#include <vector>

#include <fmt/format.h>

#include "devices/purl.h"

namespace ward::devices {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Splits on unescaped ':' (a backslash quotes the next character), keeping the escapes.
std::vector<std::string_view> split_formatted(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') { ++i; continue; }
    if (s[i] == ':') { parts.push_back(s.substr(start, i - start)); start = i + 1; }
  }
  parts.push_back(s.substr(start));
  return parts;
}

Result<CpeAttribute> formatted_attribute(std::string_view raw, std::string_view name) {
  CpeAttribute a;
  if (raw.empty()) return fail(ErrorCode::invalid_input, fmt::format("CPE {} is empty (use * or -)", name), std::string(name));
  if (raw == "*") return CpeAttribute{"*", true};
  if (raw == "-") return CpeAttribute{"-", false};
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\\') {
      if (i + 1 == raw.size()) return fail(ErrorCode::invalid_input, fmt::format("CPE {} ends in a lone backslash", name), std::string(name));
      a.value += raw[++i];
    } else if (c == '*' || c == '?') {
      a.pattern = true;
      a.value += c;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      return fail(ErrorCode::invalid_input, fmt::format("CPE {} holds a space; escape it or use _", name), std::string(name));
    } else {
      a.value += c;
    }
  }
  a.value = lower(a.value);
  return a;
}

constexpr std::string_view kNames[] = {"vendor", "product", "version", "update", "edition", "language",
                                       "sw_edition", "target_sw", "target_hw", "other"};

Result<char> part_of(std::string_view raw) {
  if (raw == "a" || raw == "o" || raw == "h" || raw == "*") return raw[0];
  return fail(ErrorCode::invalid_input, fmt::format("unknown CPE part \"{}\" (a, o or h)", raw), "part");
}

Result<Cpe> parse_uri(std::string_view body) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= body.size(); ++i) {
    if (i == body.size() || body[i] == ':') { parts.push_back(body.substr(start, i - start)); start = i + 1; }
  }
  if (parts.size() > 7) return fail(ErrorCode::invalid_input, fmt::format("CPE URI with {} parts (at most 7)", parts.size()), "cpe");
  Cpe cpe;
  auto part = part_of(parts[0].empty() ? "*" : parts[0]);
  if (!part) return Unexpected(part.error());
  cpe.part = *part;
  for (std::size_t i = 0; i < cpe.attributes.size(); ++i) {
    const std::string_view raw = i + 1 < parts.size() ? parts[i + 1] : std::string_view();
    if (raw.empty()) cpe.attributes[i] = {"*", true};
    else if (raw == "-") cpe.attributes[i] = {"-", false};
    else {
      for (char c : raw) {
        if (std::isspace(static_cast<unsigned char>(c))) {
          return fail(ErrorCode::invalid_input, fmt::format("CPE URI {} holds a space", kNames[i]), std::string(kNames[i]));
        }
      }
      cpe.attributes[i] = {lower(percent_decode(raw)), false};
    }
  }
  return cpe;
}

}  // namespace

Result<Cpe> parse_cpe(std::string_view text) {
  if (text.starts_with("cpe:/")) return parse_uri(text.substr(5));
  if (!text.starts_with("cpe:2.3:")) return fail(ErrorCode::invalid_input, "not a CPE: expected cpe:2.3:… or cpe:/…", "cpe");
  const std::vector<std::string_view> parts = split_formatted(text.substr(8));
  if (parts.size() != 11) {
    return fail(ErrorCode::invalid_input, fmt::format("CPE 2.3 with {} parts after cpe:2.3: (expected 11)", parts.size()), "cpe");
  }
  Cpe cpe;
  auto part = part_of(parts[0]);
  if (!part) return Unexpected(part.error());
  cpe.part = *part;
  for (std::size_t i = 0; i < cpe.attributes.size(); ++i) {
    auto a = formatted_attribute(parts[i + 1], kNames[i]);
    if (!a) return Unexpected(a.error());
    cpe.attributes[i] = std::move(*a);
  }
  return cpe;
}

bool same_cpe_product(const Cpe& a, const Cpe& b) {
  if (!a.vendor().concrete() || !b.vendor().concrete() || !a.product().concrete() || !b.product().concrete()) return false;
  if (a.part != '*' && b.part != '*' && a.part != b.part) return false;
  if (a.vendor().value != b.vendor().value || a.product().value != b.product().value) return false;
  return !(a.update().concrete() && b.update().concrete() && a.update().value != b.update().value);
}

}  // namespace ward::devices
