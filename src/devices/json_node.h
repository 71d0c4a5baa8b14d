// Reading JSON documents with paths in the errors: a Node is a nlohmann value with its JSON
// path from the document's root ("/vulnerabilities/3/cve"), and the helpers read a string, an
// array or a list of strings under it, returning an Error that names the path and the field
// when the value is missing or of the wrong type. Used by the advisory, SBOM and VEX readers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace ward::devices {

struct Node {
  const nlohmann::json& value;
  std::string path;

  Node at(std::string_view key) const { return {value.at(std::string(key)), path + "/" + std::string(key)}; }
  Node at(std::size_t i) const { return {value.at(i), fmt::format("{}/{}", path, i)}; }
  bool has(std::string_view key) const { return value.is_object() && value.contains(std::string(key)); }
  // The node a missing key would have, for errors about it.
  Node missing(std::string_view key) const { return {value, path + "/" + std::string(key)}; }
};

// "<path>: expected <what>", the field being the path's last part.
Unexpected bad(const Node& node, std::string_view expected);

// parent[key] as a string; "" when absent and not required.
Result<std::string> text(const Node& parent, std::string_view key, bool required);

// parent[key] as a list of strings; empty when absent.
Result<std::vector<std::string>> strings(const Node& parent, std::string_view key);

// Calls f(child) for each element of parent[key] when present (it must be an array); stops at
// the first error f returns.
template <class F>
Result<void> each(const Node& parent, std::string_view key, F f) {
  if (!parent.has(key)) return {};
  Node list = parent.at(key);
  if (!list.value.is_array()) return bad(list, "an array");
  for (std::size_t i = 0; i < list.value.size(); ++i) {
    if (auto r = f(list.at(i)); !r) return r;
  }
  return {};
}

// The text parsed as JSON, or an Error "not JSON: …" with the byte offset.
Result<nlohmann::json> parse_json(std::string_view json_text);

}  // namespace ward::devices
