// Where a benchmark finds its inputs: the source tree (bench/data), the shared public data
// (../shared/data or WARD_SHARED_DATA), and reading a whole file.
#pragma once

#include <filesystem>
#include <string>

#include "core/error.h"

namespace ward::bench {

std::filesystem::path source_tree();  // the checkout Ward was built from, else the current folder
std::filesystem::path shared_data();  // WARD_SHARED_DATA, else ../shared/data beside the source tree
Result<std::string> read_all(const std::filesystem::path& path);

}  // namespace ward::bench
