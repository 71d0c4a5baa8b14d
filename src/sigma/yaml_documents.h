// Every YAML document of a rule file, for the rule and correlation loaders: a YAML syntax error
// comes back as an Error naming the file and the line.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/error.h"

namespace ward::sigma {

Result<std::vector<YAML::Node>> load_yaml_documents(std::string_view text, const std::filesystem::path& source);

}  // namespace ward::sigma
