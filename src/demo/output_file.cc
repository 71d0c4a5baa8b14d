#include "demo/output_file.h"

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace ward::demo {
namespace {

Unexpected io_error(const std::filesystem::path& path, const char* what, int err) {
  Error e{ErrorCode::io, fmt::format("{}: {}", what, std::strerror(err)), path.string(), 0, 0, {}};
  return Unexpected(std::move(e));
}

}  // namespace

Result<OutputFile> OutputFile::create(const std::filesystem::path& path) {
  OutputFile f;
  f.path_ = path;
  f.file_.reset(std::fopen(path.c_str(), "wb"));
  if (!f.file_) return io_error(path, "cannot create the file", errno);
  f.buffer_.reserve(kFlushBytes + (64 << 10));
  return f;
}

void OutputFile::flush() {
  if (error_ == 0 && !buffer_.empty() && file_ &&
      std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size())
    error_ = errno != 0 ? errno : EIO;
  buffer_.clear();
}

Result<void> OutputFile::close() {
  if (!file_) return io_error(path_, "the file is already closed", EBADF);
  flush();
  std::FILE* f = file_.release();
  if (std::fclose(f) != 0 && error_ == 0) error_ = errno != 0 ? errno : EIO;
  if (error_ != 0) return io_error(path_, "cannot write the file", error_);
  return {};
}

}  // namespace ward::demo
