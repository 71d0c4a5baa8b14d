// JSON paths in errors (json_node.h).
#include "devices/json_node.h"

namespace ward::devices {

Unexpected bad(const Node& node, std::string_view expected) {
  const auto slash = node.path.rfind('/');
  return fail(ErrorCode::invalid_input, fmt::format("{}: expected {}", node.path.empty() ? "/" : node.path, expected),
              slash == std::string::npos ? node.path : node.path.substr(slash + 1));
}

Result<std::string> text(const Node& parent, std::string_view key, bool required) {
  if (!parent.has(key)) {
    if (!required) return std::string();
    return bad(parent.missing(key), "a string (the field is missing)");
  }
  Node n = parent.at(key);
  if (!n.value.is_string()) return bad(n, "a string");
  return n.value.get<std::string>();
}

Result<std::vector<std::string>> strings(const Node& parent, std::string_view key) {
  std::vector<std::string> out;
  auto r = each(parent, key, [&](const Node& n) -> Result<void> {
    if (!n.value.is_string()) return bad(n, "a string");
    out.push_back(n.value.get<std::string>());
    return {};
  });
  if (!r) return Unexpected(r.error());
  return out;
}

Result<nlohmann::json> parse_json(std::string_view json_text) {
  try {
    return nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    Error error{ErrorCode::invalid_input, fmt::format("not JSON: {}", e.what()), {}, 0, e.byte, {}};
    return Unexpected(std::move(error));
  }
}

}  // namespace ward::devices
