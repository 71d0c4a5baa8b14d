#include "sigma/sigma_string.h"

#include <algorithm>
#include <array>

#include "core/base64.h"

namespace ward::sigma {
namespace {

constexpr char kNoWildcard = static_cast<char>(SigmaString::Wildcard::none);

// Next code point of UTF-8 text; a byte that does not start valid UTF-8 stands for itself.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto continuation = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  auto bits = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
  char32_t cp = b0;
  std::size_t len = 1;
  if (b0 >= 0xF0 && b0 < 0xF8 && continuation(1) && continuation(2) && continuation(3)) {
    cp = ((b0 & 0x07u) << 18) | (bits(1) << 12) | (bits(2) << 6) | bits(3);
    len = 4;
  } else if (b0 >= 0xE0 && b0 < 0xF0 && continuation(1) && continuation(2)) {
    cp = ((b0 & 0x0Fu) << 12) | (bits(1) << 6) | bits(2);
    len = 3;
  } else if (b0 >= 0xC0 && b0 < 0xE0 && continuation(1)) {
    cp = ((b0 & 0x1Fu) << 6) | bits(1);
    len = 2;
  }
  i += len;
  return cp;
}

void append_utf16_unit(std::string& out, char16_t unit, bool big_endian) {
  const char hi = static_cast<char>(unit >> 8), lo = static_cast<char>(unit & 0xFF);
  out += big_endian ? hi : lo;
  out += big_endian ? lo : hi;
}

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

SigmaString SigmaString::parse(std::string_view v) {
  SigmaString s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (c == '\\' && i + 1 < v.size() && (v[i + 1] == '*' || v[i + 1] == '?' || v[i + 1] == '\\')) {
      s.append_literal(v.substr(++i, 1));
    } else if (c == '*') {
      s.append_wildcard(Wildcard::any);
    } else if (c == '?') {
      s.append_wildcard(Wildcard::one);
    } else {
      s.append_literal(v.substr(i, 1));
    }
  }
  return s;
}

SigmaString SigmaString::literal(std::string_view bytes) {
  SigmaString s;
  s.append_literal(bytes);
  return s;
}

void SigmaString::append_literal(std::string_view bytes) {
  bytes_ += bytes;
  wild_.append(bytes.size(), kNoWildcard);
}

void SigmaString::append_wildcard(Wildcard w) {
  bytes_ += static_cast<char>(w);
  wild_ += static_cast<char>(w);
}

void SigmaString::append(const SigmaString& other) {
  bytes_ += other.bytes_;
  wild_ += other.wild_;
}

bool SigmaString::has_wildcards() const {
  return std::any_of(wild_.begin(), wild_.end(), [](char w) { return w != kNoWildcard; });
}

SigmaString SigmaString::with_leading_any() const {
  if (!wild_.empty() && wildcard(0) == Wildcard::any) return *this;
  SigmaString s;
  s.append_wildcard(Wildcard::any);
  s.append(*this);
  return s;
}

SigmaString SigmaString::with_trailing_any() const {
  if (!wild_.empty() && wildcard(size() - 1) == Wildcard::any) return *this;
  SigmaString s = *this;
  s.append_wildcard(Wildcard::any);
  return s;
}

SigmaString utf16(const SigmaString& value, bool big_endian, bool byte_order_mark) {
  SigmaString out;
  if (byte_order_mark) out.append_literal(big_endian ? std::string_view("\xFE\xFF", 2) : std::string_view("\xFF\xFE", 2));
  std::size_t i = 0;
  while (i < value.size()) {
    if (value.wildcard(i) != SigmaString::Wildcard::none) {
      out.append_wildcard(value.wildcard(i++));
      continue;
    }
    std::size_t end = i;
    while (end < value.size() && value.wildcard(end) == SigmaString::Wildcard::none) ++end;
    const std::string_view run = std::string_view(value.bytes()).substr(i, end - i);
    std::string encoded;
    for (std::size_t k = 0; k < run.size();) {
      const char32_t cp = next_code_point(run, k);
      if (cp >= 0x10000) {
        append_utf16_unit(encoded, static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)), big_endian);
        append_utf16_unit(encoded, static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)), big_endian);
      } else {
        append_utf16_unit(encoded, static_cast<char16_t>(cp), big_endian);
      }
    }
    out.append_literal(encoded);
    i = end;
  }
  return out;
}

Result<SigmaString> base64(const SigmaString& value) {
  if (value.has_wildcards())
    return fail(ErrorCode::unsupported, "base64 of a value with wildcards (escape * and ? with \\)");
  return SigmaString::literal(encode_base64(value.bytes()));
}

Result<std::vector<SigmaString>> base64_offsets(const SigmaString& value) {
  if (value.has_wildcards())
    return fail(ErrorCode::unsupported, "base64offset of a value with wildcards (escape * and ? with \\)");
  // Shifting the value by 0, 1 or 2 bytes inside the encoded text; the first and last
  // characters depend on the neighbouring bytes and are cut off.
  static constexpr std::array<std::size_t, 3> kStart = {0, 2, 3};
  static constexpr std::array<std::size_t, 3> kCutAtEnd = {0, 3, 2};
  std::vector<SigmaString> out;
  const std::string& bytes = value.bytes();
  for (std::size_t shift = 0; shift < 3; ++shift) {
    const std::string encoded = encode_base64(std::string(shift, ' ') + bytes);
    const std::size_t cut = kCutAtEnd[(bytes.size() + shift) % 3];
    if (encoded.size() < kStart[shift] + cut) continue;
    out.push_back(SigmaString::literal(
        std::string_view(encoded).substr(kStart[shift], encoded.size() - kStart[shift] - cut)));
  }
  return out;
}

Result<std::vector<SigmaString>> windash_variants(const SigmaString& value, std::size_t limit) {
  static constexpr std::array<std::string_view, 5> kDashes = {"-", "/", "\u2013", "\u2014", "\u2015"};
  // A dash or slash opening a word: not after a word character, and before one (pySigma's
  // \B[-/]\b).
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.wildcard(i) != SigmaString::Wildcard::none) continue;
    const char c = value.byte(i);
    if (c != '-' && c != '/') continue;
    const bool after_word = i > 0 && value.wildcard(i - 1) == SigmaString::Wildcard::none && is_word_byte(value.byte(i - 1));
    const bool before_word = i + 1 < value.size() && value.wildcard(i + 1) == SigmaString::Wildcard::none &&
                             is_word_byte(value.byte(i + 1));
    if (!after_word && before_word) positions.push_back(i);
  }
  std::size_t total = 1;
  for (std::size_t k = 0; k < positions.size(); ++k) {
    total *= kDashes.size();
    if (total > limit)
      return fail(ErrorCode::too_large, "windash: too many dashes in one value (over " + std::to_string(limit) + " variants)");
  }
  std::vector<SigmaString> out;
  out.reserve(total);
  for (std::size_t combination = 0; combination < total; ++combination) {
    SigmaString v;
    std::size_t rest = combination, next = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (next < positions.size() && positions[next] == i) {
        v.append_literal(kDashes[rest % kDashes.size()]);
        rest /= kDashes.size();
        ++next;
      } else if (value.wildcard(i) != SigmaString::Wildcard::none) {
        v.append_wildcard(value.wildcard(i));
      } else {
        v.append_literal(std::string_view(&value.bytes()[i], 1));
      }
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace ward::sigma
