// The part blobs of explanation_parts.h: little-endian, whatever the host.
#include "store/explanation_parts.h"

namespace ward::store::explanation_parts {

std::uint32_t value_at(std::string_view blob, std::size_t slot) {
  if (slot >= blob.size() / 4) return 0;  // (not 4 * (slot + 1), which a huge slot wraps)
  const auto* p = reinterpret_cast<const unsigned char*>(blob.data()) + 4 * slot;
  return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[3]} << 24);
}

void encode(char* at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) at[i] = static_cast<char>((value >> (8 * i)) & 0xffu);
}

void put(std::string& blob, std::size_t slot, std::uint32_t value) {
  if (blob.size() < 4 * (slot + 1)) blob.resize(4 * (slot + 1), '\0');
  encode(blob.data() + 4 * slot, value);
}

}  // namespace ward::store::explanation_parts
