// A benchmark's scratch folder: the one the user named with --workdir (kept afterwards), or a new
// one in the system temp dir (removed when the benchmark ends).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ward::bench {

class ScratchDir {
 public:
  ScratchDir(const std::string& named, std::string_view prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Whether the folder exists; the error names it when it could not be created.
  Result<void> ready() const;

 private:
  std::filesystem::path path_;
  bool owned_ = false;
  std::error_code error_;
};

}  // namespace ward::bench
