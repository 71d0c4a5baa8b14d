// HexLiterals (hex_literals.h): the table of literals by the first digits of their hexadecimal
// run, and the check of a literal where a run of the text starts.
#include "sigma/hex_literals.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sigma/string_predicate.h"

namespace ward::sigma {
namespace {

bool is_hex(char c) {
  const unsigned u = static_cast<unsigned char>(c);
  return u - '0' < 10u || (u | 0x20u) - 'a' < 6u;
}

// Where a run of at least kMinRun digits starts after a byte that is not one; npos if none.
std::size_t run_after_other(std::string_view folded, std::size_t& run_length) {
  for (std::size_t i = 1; i < folded.size(); ++i) {
    if (!is_hex(folded[i]) || is_hex(folded[i - 1])) continue;
    std::size_t end = i;
    while (end < folded.size() && is_hex(folded[end])) ++end;
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

std::uint64_t HexLiterals::hex_mask(const char* text, std::size_t length) {
  std::uint64_t mask = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  // 16 bytes at a time: signed compares, so bytes from 0x80 on (negative) are never digits.
  const __m128i below_zero = _mm_set1_epi8('0' - 1), above_nine = _mm_set1_epi8('9' + 1);
  const __m128i below_a = _mm_set1_epi8('a' - 1), above_f = _mm_set1_epi8('f' + 1), lower = _mm_set1_epi8(0x20);
  for (; i + 16 <= length; i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(bytes, below_zero), _mm_cmplt_epi8(bytes, above_nine));
    const __m128i folded = _mm_or_si128(bytes, lower);
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, below_a), _mm_cmplt_epi8(folded, above_f));
    const auto bits = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(digit, letter)));
    mask |= std::uint64_t{bits} << i;
  }
#endif
  for (; i < length; ++i)
    if (is_hex(text[i])) mask |= std::uint64_t{1} << i;
  return mask;
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
