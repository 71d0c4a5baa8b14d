// Gives parsers an input file's bytes: mapped read-only into memory (no copy), or inflated when
// the file is gzip (.gz, or by magic bytes). A file too large is refused with a message rather
// than half-read. Parsers that read a few bytes past the end (simdjson) ask for padding. Parts
// already read can be released, so memory stays bounded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/error.h"

namespace ward {

inline constexpr std::uint64_t kMaxInputBytes = 8ULL * 1024 * 1024 * 1024;  // 8 GiB inflated

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

 private:
  friend Result<InputBytes> read_input_file(const std::filesystem::path& path, std::size_t padding);
  InputBytes(void* map, std::size_t mapped, std::size_t size);

  std::string owned_;
  void* map_ = nullptr;
  std::size_t mapped_ = 0;  // bytes of map_, the padding pages included
  std::string_view view_;
};

// The file's contents, gunzipped when it is gzip. Errors name the file. At least `padding`
// readable bytes follow view() (zeros), so a parser may read past the end without a copy of
// the file (simdjson needs SIMDJSON_PADDING).
Result<InputBytes> read_input_file(const std::filesystem::path& path, std::size_t padding = 0);

// Inflates a gzip buffer (several members allowed); errors name `source`.
Result<std::string> gunzip(std::string_view compressed, std::string_view source);

bool is_gzip(std::string_view bytes);

}  // namespace ward
