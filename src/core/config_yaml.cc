#include "core/config_yaml.h"

#include <algorithm>

namespace ward {

Result<YAML::Node> load_yaml_text(std::string_view text, std::string_view source) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    Error err{ErrorCode::config, e.msg, std::string(source),
              static_cast<std::uint64_t>(e.mark.line + 1), 0, {}};
    return Unexpected(std::move(err));
  }
}

Result<YAML::Node> load_yaml_file(const std::filesystem::path& path) {
  try {
    return YAML::LoadFile(path.string());
  } catch (const YAML::BadFile&) {
    return Unexpected(Error{ErrorCode::io, "cannot read the file", path.string(), 0, 0, {}});
  } catch (const YAML::Exception& e) {
    return Unexpected(Error{ErrorCode::config, e.msg, path.string(),
                            static_cast<std::uint64_t>(e.mark.line + 1), 0, {}});
  }
}

Result<void> check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                        std::string_view path) {
  if (!map || map.IsNull()) return {};
  if (!map.IsMap()) return fail(ErrorCode::config, fmt::format("{}: expected a mapping", path));
  for (const auto& kv : map) {
    std::string key = kv.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return fail(ErrorCode::config, fmt::format("{}.{}: unknown key", path, key));
  }
  return {};
}

}  // namespace ward
