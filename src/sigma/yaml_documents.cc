#include "sigma/yaml_documents.h"

#include <string>

namespace ward::sigma {

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
