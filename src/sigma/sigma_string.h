// A rule value after Sigma's escape rules: literal bytes and `*` / `?` wildcards, kept apart so
// that encodings (utf16, base64) and wrappers (contains, startswith) can be applied in the order
// the modifiers name them. Start with SigmaString::parse; string_predicate.h turns the result into a
// matcher.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::sigma {

class SigmaString {
 public:
  enum class Wildcard : char { none = 0, any = '*', one = '?' };

  // Sigma escapes: `\*`, `\?` and `\\` are the plain character; a backslash before anything else
  // is a plain backslash; unescaped `*` and `?` are wildcards.
  static SigmaString parse(std::string_view rule_value);
  // Every byte literal, no wildcard (values of `re`, `cased` placeholders, encodings' output).
  static SigmaString literal(std::string_view bytes);

  void append_literal(std::string_view bytes);
  void append_wildcard(Wildcard w);
  void append(const SigmaString& other);

  std::size_t size() const { return bytes_.size(); }
  char byte(std::size_t i) const { return bytes_[i]; }
  Wildcard wildcard(std::size_t i) const { return static_cast<Wildcard>(wild_[i]); }
  bool has_wildcards() const;
  const std::string& bytes() const { return bytes_; }  // wildcards appear as '*' and '?'

  // `contains`, `startswith`, `endswith`: an `*` at the open end(s) unless one is there.
  SigmaString with_leading_any() const;
  SigmaString with_trailing_any() const;

  bool operator==(const SigmaString&) const = default;

 private:
  std::string bytes_;
  std::string wild_;  // one Wildcard per byte of bytes_
};

// Encodings, each from the modifier appendix. Wildcards survive utf16 and windash; base64 needs a
// plain value (an Error otherwise).
SigmaString utf16(const SigmaString& value, bool big_endian, bool byte_order_mark);
Result<SigmaString> base64(const SigmaString& value);
// The three shifts of a value inside a longer base64 text (pySigma's base64offset).
Result<std::vector<SigmaString>> base64_offsets(const SigmaString& value);
// `-` or `/` opening a word becomes each of - / – — ―: every combination, at most `limit`.
Result<std::vector<SigmaString>> windash_variants(const SigmaString& value, std::size_t limit = 4096);

}  // namespace ward::sigma
