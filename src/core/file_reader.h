// Gives parsers an input file's bytes: mapped read-only into memory (no copy), or inflated when
// the file is gzip (.gz, or by magic bytes). A file too large is refused with a message rather
// than half-read. Parsers that read a few bytes past the end (simdjson) ask for padding. Parts
// already read can be released, so memory stays bounded; or a file opened to be read in parts
// gives each part copied into a reused buffer (InputBytes::read), which touches no page of the
// map at all.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/error.h"

namespace ward {

inline constexpr std::uint64_t kMaxInputBytes = 8ULL * 1024 * 1024 * 1024;  // 8 GiB inflated

// How the caller will read a file: all of it through view() (small files are then mapped with
// their pages loaded up front), or mostly in parts through InputBytes::read (the map is left
// to fault in the few pages view() touches).
enum class InputUse { whole, parts };

// The bytes of an input: a read-only memory map of the file, or an owned buffer. Move-only.
class InputBytes {
 public:
  explicit InputBytes(std::string owned) : owned_(std::move(owned)), view_(owned_) {}
  // The first `size` bytes of `owned` (the rest is padding).
  InputBytes(std::string owned, std::size_t size) : owned_(std::move(owned)), view_(std::string_view(owned_).substr(0, size)) {}
  InputBytes(InputBytes&& other) noexcept;
  InputBytes& operator=(InputBytes&&) = delete;
  InputBytes(const InputBytes&) = delete;
  InputBytes& operator=(const InputBytes&) = delete;
  ~InputBytes();

  std::string_view view() const { return view_; }
  std::size_t size() const { return view_.size(); }

  // The reader is done with `range` (a part of view()): a mapped file's whole pages inside it
  // leave the process's memory (read again from the file if touched), so a multi-gigabyte input
  // is not resident all at once. Safe from any thread; does nothing for an owned buffer.
  void release(std::string_view range) const;

  // The bytes [begin, begin + size) of view(), followed by at least the padding asked of
  // read_input_file (readable, not necessarily zero). A file opened with InputUse::parts is
  // read from the file into `buffer` (kept by the caller and reused: once it has grown, no page
  // fault and no page of the map touched; on this project's VMs reading a map cost 2-3 times
  // the parse); otherwise a view into view(). Safe from any thread with its own buffer.
  Result<std::string_view> read(std::size_t begin, std::size_t size, std::string& buffer) const;

 private:
  friend Result<InputBytes> read_input_file(const std::filesystem::path& path, std::size_t padding, InputUse use);
  InputBytes(void* map, std::size_t mapped, std::size_t size);

  std::string owned_;
  void* map_ = nullptr;
  std::size_t mapped_ = 0;  // bytes of map_, the padding pages included
  std::string_view view_;
  int fd_ = -1;  // the file, kept open for read() when opened with InputUse::parts
  std::size_t padding_ = 0;
  std::string path_;  // for read()'s errors
};

// The file's contents, gunzipped when it is gzip. Errors name the file. At least `padding`
// readable bytes follow view() (zeros), so a parser may read past the end without a copy of
// the file (simdjson needs SIMDJSON_PADDING).
Result<InputBytes> read_input_file(const std::filesystem::path& path, std::size_t padding = 0,
                                   InputUse use = InputUse::whole);

// Inflates a gzip buffer (several members allowed); errors name `source`.
Result<std::string> gunzip(std::string_view compressed, std::string_view source);

bool is_gzip(std::string_view bytes);

}  // namespace ward
