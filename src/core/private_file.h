// Files that hold secrets (a pseudonym key, the de-identification vault): created with mode
// 0600, and refused when an existing one can be read by anyone but its owner — a secret that
// leaked through its permissions is no secret. Paths appear in errors; contents never do.
#pragma once

#include <filesystem>
#include <string>

#include "core/error.h"

namespace ward {

// Creates `path` empty with mode 0600 when it does not exist (true), or checks that the
// existing file has no group or other permissions (false). Parent folders must exist.
Result<bool> ensure_private_file(const std::filesystem::path& path);

// Replaces the (private) file's contents with `bytes`.
Result<void> write_private_file(const std::filesystem::path& path, std::string_view bytes);

// The contents of an existing private file; an error when it is missing or open to others.
Result<std::string> read_private_file(const std::filesystem::path& path);

}  // namespace ward
