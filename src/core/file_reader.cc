#include "core/file_reader.h"

#include <fstream>

#include <fmt/format.h>
#include <zlib.h>

namespace ward {

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

Result<std::string> read_input_file(const std::filesystem::path& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return Unexpected(Error{ErrorCode::io, ec.message(), path.string(), 0, 0, {}});
  if (size > kMaxInputBytes)
    return Unexpected(Error{ErrorCode::too_large, "file is larger than 8 GiB; split it",
                            path.string(), 0, 0, {}});
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unexpected(Error{ErrorCode::io, "cannot open the file", path.string(), 0, 0, {}});
  std::string data(size, '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size)
    return Unexpected(Error{ErrorCode::io, "short read", path.string(), 0, 0, {}});
  if (is_gzip(data)) return gunzip(data, path.string());
  return data;
}

}  // namespace ward
