#include "bench/scratch_dir.h"

#include <random>

#include <fmt/format.h>

namespace ward::bench {

ScratchDir::ScratchDir(const std::string& named, std::string_view prefix) : path_(named) {
  owned_ = path_.empty();
  if (owned_) path_ = std::filesystem::temp_directory_path() / fmt::format("{}-{}", prefix, std::random_device{}());
  std::filesystem::create_directories(path_, error_);
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  if (owned_) std::filesystem::remove_all(path_, ignored);
}

Result<void> ScratchDir::ready() const {
  if (error_) return fail(ErrorCode::io, fmt::format("cannot create {}: {}", path_.string(), error_.message()));
  return {};
}

}  // namespace ward::bench
