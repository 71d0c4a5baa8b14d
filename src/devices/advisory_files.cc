// Advisory files on disk (advisory_files.h).
#include "devices/advisory_files.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/file_reader.h"
#include "core/stable_hash.h"
#include "devices/advisory_json.h"

namespace ward::devices {
namespace fs = std::filesystem;

Result<std::vector<fs::path>> advisory_files(const std::vector<fs::path>& paths) {
  std::vector<fs::path> out;
  for (const fs::path& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".json") found.push_back(it->path());
      }
      if (ec) return Unexpected(Error{ErrorCode::io, fmt::format("cannot list the directory: {}", ec.message()), p.string()});
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      return Unexpected(Error{ErrorCode::io, "no such file or directory", p.string()});
    }
  }
  return out;
}

LoadedAdvisories load_advisory_files(const std::vector<fs::path>& files) {
  LoadedAdvisories out;
  for (const fs::path& file : files) {
    auto bytes = read_input_file(file);
    if (!bytes) {
      out.errors.push_back(bytes.error());
      continue;
    }
    std::string text(bytes->view());
    auto advisory = parse_advisory(text);
    if (!advisory) {
      Error e = advisory.error();
      const auto doc = nlohmann::json::parse(text, nullptr, false);
      if (doc.is_object() && doc.contains("$schema") && doc.contains("properties")) {
        e = Error{ErrorCode::unsupported, "a JSON Schema, not an advisory: skipped"};
      }
      e.source = file.string();
      out.errors.push_back(std::move(e));
      continue;
    }
    out.loaded.push_back({file, std::move(text), std::move(*advisory)});
  }
  return out;
}

std::string content_hash(std::string_view text) { return fmt::format("{:016x}", stable_hash(text)); }

}  // namespace ward::devices
