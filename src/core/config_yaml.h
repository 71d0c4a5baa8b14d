// Reading Ward's YAML configuration: each capability keeps its own struct with defaults in code
// and reads its section with these helpers, so every problem names the key (e.g.
// "ingest.csv_access.columns.time: expected a string") and an unknown key is an error at start.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/error.h"

namespace ward {

// Parses a YAML file; a missing file or a syntax error is an Error naming the file and line.
Result<YAML::Node> load_yaml_file(const std::filesystem::path& path);
Result<YAML::Node> load_yaml_text(std::string_view text, std::string_view source);

// Fails on the first key of `map` not in `allowed`, naming it as "<path>.<key>".
Result<void> check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                        std::string_view path);

// Reads map[key] into out when present (leaves the default otherwise).
template <class T>
Result<void> read_key(const YAML::Node& map, std::string_view key, T& out, std::string_view path) {
  const YAML::Node node = map[std::string(key)];
  if (!node) return {};
  try {
    out = node.as<T>();
    return {};
  } catch (const YAML::Exception&) {
    return fail(ErrorCode::config, fmt::format("{}.{}: wrong type of value", path, key));
  }
}

}  // namespace ward
