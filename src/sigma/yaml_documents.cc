#include "sigma/yaml_documents.h"

#include <fstream>
#include <sstream>
#include <string>

namespace ward::sigma {

Result<std::string> read_rule_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Unexpected(Error{ErrorCode::io, "cannot open the rule file", file.string()});
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::vector<YAML::Node>> load_yaml_documents(std::string_view text, const std::filesystem::path& source) {
  try {
    return YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    Error err{ErrorCode::invalid_input, "YAML: " + e.msg};
    err.source = source.string();
    err.line = e.mark.is_null() ? 0 : static_cast<std::uint64_t>(e.mark.line) + 1;
    return Unexpected(std::move(err));
  }
}

}  // namespace ward::sigma
