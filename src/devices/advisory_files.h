// Advisory files on disk: the JSON files named or found under directories, each parsed into an
// Advisory (CSAF or KEV) or an Error naming the file. A JSON Schema file (the KEV catalogue ships
// its schema beside it) is `unsupported`, reported and skipped. Used by `ward vulns import`, the
// tests and the bench.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "devices/advisory.h"

namespace ward::devices {

// Files as given and every *.json under the directories given, sorted; a missing path is an error.
Result<std::vector<std::filesystem::path>> advisory_files(const std::vector<std::filesystem::path>& paths);

struct LoadedAdvisory {
  std::filesystem::path file;
  std::string text;  // the file's JSON
  Advisory advisory;
};

struct LoadedAdvisories {
  std::vector<LoadedAdvisory> loaded;
  std::vector<Error> errors;  // one per file that is not an advisory; source is the file
};

LoadedAdvisories load_advisory_files(const std::vector<std::filesystem::path>& files);

// The text's hash as 16 hex digits: a re-import compares it to tell unchanged documents.
std::string content_hash(std::string_view text);

}  // namespace ward::devices
