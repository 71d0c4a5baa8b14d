// Test helper for the ATNA input: where the fixtures of tests/golden/atna are. Used by the
// *_test.cc files of this folder.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace ward::ingest::atna_testing {

// tests/golden/atna/<name> of this checkout: ctest runs in the source folder; by hand, the
// folder is found walking up from the working directory.
inline std::filesystem::path golden(std::string_view name) {
  const std::filesystem::path folder = std::filesystem::path("tests") / "golden" / "atna";
  std::filesystem::path dir = std::filesystem::current_path();
  while (!std::filesystem::exists(dir / folder) && dir.has_relative_path()) dir = dir.parent_path();
  return dir / folder / std::string(name);
}

}  // namespace ward::ingest::atna_testing
