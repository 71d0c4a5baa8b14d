// HexLiterals (hex_literals.h): the table of literals by the first digits of their hexadecimal
// run, and the check of a literal where a run of the text starts.
#include "sigma/hex_literals.h"

#include <algorithm>
#include <cstring>

#include "sigma/string_predicate.h"

namespace ward::sigma {
namespace {

// Where a run of at least kMinRun digits starts after a byte that is not one; npos if none.
std::size_t run_after_other(std::string_view folded, std::size_t& run_length) {
  auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
  for (std::size_t i = 1; i < folded.size(); ++i) {
    if (!hex(folded[i]) || hex(folded[i - 1])) continue;
    std::size_t end = i;
    while (end < folded.size() && hex(folded[end])) ++end;
    if (end - i >= HexLiterals::kMinRun) {
      run_length = end - i;
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

bool HexLiterals::takes(std::string_view folded) {
  std::size_t length = 0;
  return run_after_other(folded, length) != std::string_view::npos;
}

std::uint64_t HexLiterals::key_at(const char* run) {
  constexpr std::uint64_t kFold = 0x2020202020202020ull;  // upper-case hex letters to lower; digits keep it
  std::uint64_t a = 0, b = 0;
  std::memcpy(&a, run, 8);
  std::memcpy(&b, run + 8, 8);
  const std::uint64_t k = (a | kFold) * 0x9E3779B97F4A7C15ull ^ (b | kFold) * 0xC2B2AE3D27D4EB4Full;
  return k ^ (k >> 29);
}

bool HexLiterals::matches_at(const Entry& e, std::string_view text, std::size_t at) {
  return at + e.literal.size() <= text.size() && equals_folded(text.substr(at, e.literal.size()), e.literal);
}

void HexLiterals::add(std::string_view folded, std::uint32_t id) {
  std::size_t length = 0;
  const std::size_t at = run_after_other(folded, length);
  if (at == std::string_view::npos) return;
  entries_.push_back({key_at(folded.data() + at), std::string(folded), static_cast<std::uint32_t>(at), id});
  min_run_ = std::min(min_run_, length);
}

void HexLiterals::finish() {
  std::size_t capacity = 16;
  while (capacity < 2 * entries_.size()) capacity *= 2;
  slots_.assign(capacity, 0);
  for (std::size_t e = 0; e < entries_.size(); ++e) {
    std::size_t at = slot_of(entries_[e].key);
    while (slots_[at] != 0) at = (at + 1) & (capacity - 1);
    slots_[at] = static_cast<std::uint32_t>(e + 1);
  }
  std::size_t bit_count = 64;
  while (bit_count < 16 * entries_.size()) bit_count *= 2;
  bits_.assign(bit_count / 64, 0);
  bit_mask_ = bit_count - 1;
  for (const Entry& e : entries_) bits_[(e.key & bit_mask_) >> 6] |= std::uint64_t{1} << (e.key & 63);
}

}  // namespace ward::sigma
