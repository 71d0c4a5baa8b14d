// The text files a command reads (`ward scan`, `ward deid`): files as given, folders walked,
// and each file read as UTF-8 text with a clear reason when it cannot be.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::cli {

struct InputFile {
  std::filesystem::path path;      // as found
  std::filesystem::path relative;  // its name for output: the file name, or folder name/path under it
};

// Files as given; folders by every regular file under them but hidden ones, sorted.
std::vector<InputFile> input_files(const std::vector<std::string>& inputs);

inline constexpr std::uintmax_t kMaxTextFileBytes = 256ull << 20;

// The file's text; an error says why it cannot be read (unreadable, too large, not UTF-8).
// `binary` is set (and the text left empty) for a file with NUL bytes.
Result<std::string> read_text_file(const std::filesystem::path& path, bool& binary);

// The whole file as bytes (a PDF), with read_text_file's errors but no test of its content.
Result<std::string> read_file_bytes(const std::filesystem::path& path);

// The first `n` bytes of a file (fewer when it is shorter; none when it cannot be read): enough to
// tell DICOM ("DICM" at byte 128) and image files before reading them whole.
std::string file_head(const std::filesystem::path& path, std::size_t n = 132);

// Writes `text` to `path` (replacing it), creating its folder; an error names the path.
Result<void> write_text_file(const std::filesystem::path& path, std::string_view text);

}  // namespace ward::cli
