#include "ingest/zeek/zeek_header.h"

#include <fmt/format.h>

#include "core/hex_digit.h"

namespace ward::ingest::zeek {
namespace {

// Splits a header line into its directive and values. Zeek separates them with the column
// separator, except #separator itself which is followed by a space.
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (;;) {
    std::size_t at = s.find(sep);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

}  // namespace

Result<std::string> decode_header_escapes(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size() && value[i + 1] == 'x') {
      if (i + 3 >= value.size())
        return fail(ErrorCode::invalid_input, "a \\x escape needs two hex digits");
      const int hi = hex_digit(value[i + 2]), lo = hex_digit(value[i + 3]);
      if (hi < 0 || lo < 0)
        return fail(ErrorCode::invalid_input, "a \\x escape needs two hex digits");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 3;
    } else {
      out.push_back(value[i]);
    }
  }
  return out;
}

Result<void> TsvHeader::apply(std::string_view line) {
  if (line.starts_with("#separator")) {
    std::string_view value = line.substr(10);
    if (value.empty() || (value[0] != ' ' && value[0] != '\t'))
      return fail(ErrorCode::invalid_input, "#separator needs a value (e.g. \\x09)", "#separator");
    auto decoded = decode_header_escapes(value.substr(1));
    if (!decoded) return fail(ErrorCode::invalid_input, decoded.error().message, "#separator");
    if (decoded->size() != 1)
      return fail(ErrorCode::invalid_input, "the separator must be one byte", "#separator");
    separator = (*decoded)[0];
    return {};
  }
  std::vector<std::string_view> parts = split(line, separator);
  const std::string_view directive = parts[0];
  auto single = [&](std::string& into) -> Result<void> {
    if (parts.size() != 2)
      return fail(ErrorCode::invalid_input, fmt::format("{} takes one value", directive),
                  std::string(directive));
    auto decoded = decode_header_escapes(parts[1]);
    if (!decoded)
      return fail(ErrorCode::invalid_input, decoded.error().message, std::string(directive));
    into = std::move(*decoded);
    return {};
  };
  if (directive == "#set_separator") return single(set_separator);
  if (directive == "#empty_field") return single(empty_field);
  if (directive == "#unset_field") return single(unset_field);
  if (directive == "#path") return single(path);
  if (directive == "#open") {
    // Zeek's own files write "#open" followed by the separator; btest masks it with a space.
    open = parts.size() == 2 ? std::string(parts[1]) : std::string();
    return {};
  }
  if (directive == "#fields") {
    fields.assign(parts.begin() + 1, parts.end());
    container.assign(fields.size(), false);
    return {};
  }
  if (directive == "#types") {
    if (parts.size() - 1 != fields.size()) {
      container.assign(fields.size(), false);
      return fail(ErrorCode::invalid_input,
                  fmt::format("#types names {} types for {} #fields", parts.size() - 1,
                              fields.size()),
                  "#types");
    }
    for (std::size_t i = 1; i < parts.size(); ++i)
      container[i - 1] = parts[i].starts_with("set[") || parts[i].starts_with("vector[");
    return {};
  }
  return {};
}

}  // namespace ward::ingest::zeek
