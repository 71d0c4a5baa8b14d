// A file written through a large buffer: callers append to buffer() and call maybe_flush();
// close() reports the first failure with the file named. Not thread-safe.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "core/error.h"

namespace ward::demo {

class OutputFile {
 public:
  // Creates or truncates `path`. The error names the file.
  static Result<OutputFile> create(const std::filesystem::path& path);

  std::string& buffer() { return buffer_; }
  void maybe_flush() { if (buffer_.size() >= kFlushBytes) flush(); }
  // Writes what is buffered and closes; the error names the file.
  Result<void> close();

 private:
  static constexpr std::size_t kFlushBytes = 1 << 20;
  struct Closer { void operator()(std::FILE* f) const { std::fclose(f); } };
  void flush();

  std::unique_ptr<std::FILE, Closer> file_;
  std::filesystem::path path_;
  std::string buffer_;
  int error_ = 0;  // errno of the first failed write
};

}  // namespace ward::demo
