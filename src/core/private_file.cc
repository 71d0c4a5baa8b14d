// Secret files with owner-only permissions (private_file.h).
#include "core/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace ward {
namespace {

Error io_error(const std::filesystem::path& path, std::string_view what) {
  return Error{ErrorCode::io, fmt::format("{}: {}", what, std::strerror(errno)), path.string()};
}

}  // namespace

Result<bool> ensure_private_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return true;
  }
  if (errno != EEXIST) return Unexpected(io_error(path, "cannot create"));
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Unexpected(io_error(path, "cannot read"));
  if (!S_ISREG(st.st_mode)) return Unexpected(Error{ErrorCode::io, "not a regular file", path.string()});
  if ((st.st_mode & 077) != 0)
    return Unexpected(Error{ErrorCode::forbidden,
                            fmt::format("holds a secret but others may read it (mode {:04o}); run chmod 600 on it",
                                        st.st_mode & 07777),
                            path.string()});
  return false;
}

Result<void> write_private_file(const std::filesystem::path& path, std::string_view bytes) {
  if (auto ok = ensure_private_file(path); !ok) return Unexpected(ok.error());
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return Unexpected(io_error(path, "cannot write"));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return Unexpected(io_error(path, "cannot write"));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return Unexpected(io_error(path, "cannot write"));
  return {};
}

Result<std::string> read_private_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return Unexpected(Error{ErrorCode::not_found, "no such file", path.string()});
  if (auto ok = ensure_private_file(path); !ok) return Unexpected(ok.error());
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unexpected(io_error(path, "cannot read"));
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str();
}

}  // namespace ward
