// Reading rule files for the rule and correlation loaders: the file's text, and every YAML
// document in it (a YAML syntax error comes back as an Error naming the file and the line).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/error.h"

namespace ward::sigma {

Result<std::string> read_rule_text(const std::filesystem::path& file);

Result<std::vector<YAML::Node>> load_yaml_documents(std::string_view text, const std::filesystem::path& source);

}  // namespace ward::sigma
