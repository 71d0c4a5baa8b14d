// Reads an input file whole into memory, inflating gzip (.gz, or by magic bytes) so parsers see
// plain bytes. Inputs are read once and parsed from the buffer; a file too large for memory is
// refused with a message rather than half-read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/error.h"

namespace ward {

inline constexpr std::uint64_t kMaxInputBytes = 8ULL * 1024 * 1024 * 1024;  // 8 GiB inflated

// The file's contents, gunzipped when it is gzip. Errors name the file.
Result<std::string> read_input_file(const std::filesystem::path& path);

// Inflates a gzip buffer (several members allowed); errors name `source`.
Result<std::string> gunzip(std::string_view compressed, std::string_view source);

bool is_gzip(std::string_view bytes);

}  // namespace ward
