// Helpers of the discovery tests (*_test.cc of this folder): a file's bytes, a host by key.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/file_reader.h"
#include "discovery/discovered_asset.h"

namespace ward::discovery::testing_support {

// The bytes of `path` (gunzipped when it is gzip); "" and a test failure when unreadable.
inline std::string read_bytes(const std::filesystem::path& path) {
  auto bytes = read_input_file(path);
  EXPECT_TRUE(bytes) << path;
  return bytes ? std::string(bytes->view()) : std::string();
}

// The host kept under `key`, or nullptr.
inline const DiscoveredAsset* find(const std::vector<DiscoveredAsset>& assets, std::string_view key) {
  for (const DiscoveredAsset& a : assets)
    if (a.key == key) return &a;
  return nullptr;
}

}  // namespace ward::discovery::testing_support
