// Finding and reading the text files of a command (text_files.h).
#include "cli/text_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <simdjson.h>

namespace ward::cli {

namespace fs = std::filesystem;

std::vector<InputFile> input_files(const std::vector<std::string>& inputs) {
  std::vector<InputFile> out;
  for (const std::string& input : inputs) {
    std::error_code ec;
    const fs::path root(input);
    if (!fs::is_directory(root, ec)) {
      out.push_back({root, root.filename()});
      continue;
    }
    const fs::path base = root.filename().empty() ? root.parent_path().filename() : root.filename();
    std::vector<InputFile> found;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name.front() == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) found.push_back({it->path(), base / it->path().lexically_relative(root)});
    }
    std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

Result<std::string> read_file_bytes(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return Unexpected(Error{ErrorCode::io, "cannot read: " + ec.message(), path.string()});
  if (size > kMaxTextFileBytes)
    return Unexpected(Error{ErrorCode::too_large, fmt::format("larger than {} MiB; split it first", kMaxTextFileBytes >> 20), path.string()});
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unexpected(Error{ErrorCode::io, "cannot read (permission or not a file)", path.string()});
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return Unexpected(Error{ErrorCode::io, "read failed", path.string()});
  return std::move(s).str();
}

Result<std::string> read_text_file(const fs::path& path, bool& binary) {
  binary = false;
  auto bytes = read_file_bytes(path);
  if (!bytes) return Unexpected(bytes.error());
  std::string text = std::move(*bytes);
  if (text.find('\0') != std::string::npos) {
    binary = true;
    return std::string();
  }
  if (!simdjson::validate_utf8(text.data(), text.size()))
    return Unexpected(Error{ErrorCode::invalid_input, "not UTF-8 text (convert it, e.g. with iconv, and try again)", path.string()});
  return text;
}

std::string file_head(const fs::path& path, std::size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes(n, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  return bytes;
}

Result<void> write_text_file(const std::filesystem::path& path, std::string_view text) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return Unexpected(Error{ErrorCode::io, "cannot create folder: " + ec.message(), path.parent_path().string()});
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) return Unexpected(Error{ErrorCode::io, "cannot write", path.string()});
  return {};
}

}  // namespace ward::cli
