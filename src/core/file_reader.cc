#include "core/file_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>
#include <zlib.h>

namespace ward {
namespace {

// Files up to this size are mapped whole up front (MAP_POPULATE).
constexpr std::uint64_t kPopulateBytes = 256ULL * 1024 * 1024;

}  // namespace

bool is_gzip(std::string_view b) {
  return b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0x1f &&
         static_cast<unsigned char>(b[1]) == 0x8b;
}

Result<std::string> gunzip(std::string_view in, std::string_view source) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK)
    return Unexpected(Error{ErrorCode::internal, "zlib init failed", std::string(source), 0, 0, {}});
  std::string out;
  out.resize(std::max<std::size_t>(in.size() * 4, 4096));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  std::size_t produced = 0;
  int rc = Z_OK;
  while (true) {
    if (produced == out.size()) {
      if (out.size() * 2 > kMaxInputBytes) { rc = Z_MEM_ERROR; break; }
      out.resize(out.size() * 2);
    }
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(std::min<std::size_t>(out.size() - produced, 1u << 30));
    uInt before = zs.avail_out;
    rc = inflate(&zs, Z_NO_FLUSH);
    produced += before - zs.avail_out;
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0) break;
      inflateReset(&zs);  // another gzip member follows
      continue;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // truncated
  }
  std::uint64_t at = zs.total_in;
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) {
    return Unexpected(Error{ErrorCode::invalid_input,
                            rc == Z_MEM_ERROR ? "gzip data inflates past the 8 GiB input limit"
                                              : "gzip data is truncated or corrupt",
                            std::string(source), 0, at, {}});
  }
  out.resize(produced);
  return out;
}

InputBytes::InputBytes(void* map, std::size_t mapped, std::size_t size)
    : map_(map), mapped_(mapped), view_(static_cast<const char*>(map), size) {}

InputBytes::InputBytes(InputBytes&& other) noexcept
    : owned_(std::move(other.owned_)),
      map_(other.map_),
      mapped_(other.mapped_),
      fd_(other.fd_),
      padding_(other.padding_),
      path_(std::move(other.path_)) {
  view_ = map_ != nullptr ? other.view_ : std::string_view(owned_).substr(0, other.view_.size());
  other.map_ = nullptr;
  other.mapped_ = 0;
  other.view_ = {};
  other.fd_ = -1;
}

Result<std::string_view> InputBytes::read(std::size_t begin, std::size_t size, std::string& buffer) const {
  begin = std::min(begin, view_.size());
  size = std::min(size, view_.size() - begin);
  if (fd_ < 0) return view_.substr(begin, size);
  if (buffer.size() < size + padding_) buffer.resize(size + padding_);  // grows only: no fresh pages per part
  for (std::size_t done = 0; done < size;) {
    const ssize_t n = ::pread(fd_, buffer.data() + done, size - done, static_cast<off_t>(begin + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      return Unexpected(Error{ErrorCode::io, n < 0 ? fmt::format("cannot read the file: {}", std::strerror(errno))
                                                   : std::string("the file became shorter while it was read"),
                              path_, 0, begin + done, {}});
    done += static_cast<std::size_t>(n);
  }
  return std::string_view(buffer.data(), size);
}

void InputBytes::release(std::string_view range) const {
  if (map_ == nullptr || range.empty()) return;
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto base = reinterpret_cast<std::uintptr_t>(view_.data());
  auto from = reinterpret_cast<std::uintptr_t>(range.data());
  auto to = from + range.size();
  from = std::max(from, base);
  to = std::min(to, base + view_.size());
  from = (from + page - 1) / page * page;  // whole pages only: the ends are still being read
  to = to / page * page;
  if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED);
}

InputBytes::~InputBytes() {
  if (map_ != nullptr) munmap(map_, mapped_);
  if (fd_ >= 0) ::close(fd_);
}

namespace {

// Maps `size` bytes of `fd` followed by at least `padding` readable zero bytes. The kernel
// zero-fills the last page after the file's end; when that tail is shorter than `padding`,
// anonymous (zero) pages are reserved first and the file is mapped over their start.
// Returns MAP_FAILED on failure; `mapped` is the length to unmap.
void* map_padded(int fd, std::size_t size, std::size_t padding, InputUse use, std::size_t& mapped) {
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t tail = size % page == 0 ? 0 : page - size % page;
  // MAP_POPULATE maps every page up front: far cheaper than one fault per 4 KiB page later, but
  // a large file would then be resident whole; those are read ahead instead and released behind
  // the parser (InputBytes::release). A file read in parts touches few pages of its map.
  const int populate = use == InputUse::whole && size <= kPopulateBytes ? MAP_POPULATE : 0;
  if (tail >= padding) {
    mapped = size;
    return ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | populate, fd, 0);
  }
  mapped = (size + padding + page - 1) / page * page;
  void* area = ::mmap(nullptr, mapped, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (area == MAP_FAILED) return area;
  void* map = ::mmap(area, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | populate, fd, 0);
  if (map == MAP_FAILED) ::munmap(area, mapped);
  return map;
}

}  // namespace

Result<InputBytes> read_input_file(const std::filesystem::path& path, std::size_t padding, InputUse use) {
  auto io_error = [&](std::string what) {
    return Unexpected(Error{ErrorCode::io, what + ": " + std::strerror(errno), path.string(), 0, 0, {}});
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("cannot open the file");
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return io_error("cannot stat the file");
  }
  auto size = static_cast<std::uint64_t>(st.st_size);
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Unexpected(Error{ErrorCode::io, "not a regular file", path.string(), 0, 0, {}});
  }
  if (size > kMaxInputBytes) {
    ::close(fd);
    return Unexpected(Error{ErrorCode::too_large, "file is larger than 8 GiB; split it",
                            path.string(), 0, 0, {}});
  }
  if (size == 0) {
    ::close(fd);
    return InputBytes(std::string(padding, '\0'), 0);
  }
  std::size_t mapped = 0;
  void* map = map_padded(fd, size, padding, use, mapped);
  if (map == MAP_FAILED) {
    const int error = errno;
    ::close(fd);
    errno = error;
    return io_error("cannot map the file");
  }
  ::madvise(map, size, MADV_SEQUENTIAL);
  InputBytes bytes(map, mapped, size);
  bytes.padding_ = padding;
  if (is_gzip(bytes.view())) {
    ::close(fd);
    auto inflated = gunzip(bytes.view(), path.string());
    if (!inflated) return Unexpected(inflated.error());
    const std::size_t inflated_size = inflated->size();
    inflated->append(padding, '\0');
    return InputBytes(std::move(*inflated), inflated_size);
  }
  if (use == InputUse::parts) {
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);  // read ahead of read()'s parts
    bytes.fd_ = fd;
    bytes.path_ = path.string();
  } else {
    ::close(fd);
  }
  return bytes;
}

}  // namespace ward
