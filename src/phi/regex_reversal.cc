// Reversing a regular expression (regex_reversal.h): a recursive descent over the pattern text
// that writes each alternative's items in reverse order, groups reversed inside.
#include "phi/regex_reversal.h"

#include <cctype>
#include <vector>

#include <fmt/format.h>

namespace ward::phi {
namespace {

class Reverser {
 public:
  explicit Reverser(std::string_view regex) : in_(regex) {}

  // Reverses alternatives up to an unmatched ')' or the end.
  Result<std::string> alternatives() {
    std::string out;
    while (true) {
      auto seq = sequence();
      if (!seq) return seq;
      out += *seq;
      if (at_ >= in_.size() || in_[at_] != '|') return out;
      out += '|';
      ++at_;
    }
  }

  bool done() const { return at_ >= in_.size(); }
  std::size_t at() const { return at_; }

 private:
  Unexpected unsupported(std::string_view what) const {
    return fail(ErrorCode::unsupported, fmt::format("cannot reverse the pattern: {} at offset {}", what, at_));
  }

  // Items up to '|', ')' or the end, written last first.
  Result<std::string> sequence() {
    std::vector<std::string> items;
    while (at_ < in_.size() && in_[at_] != '|' && in_[at_] != ')') {
      auto atom = this->atom();
      if (!atom) return atom;
      auto quantifier = this->quantifier();
      if (!quantifier) return Unexpected(quantifier.error());
      items.push_back(*atom + *quantifier);
    }
    std::string out;
    for (auto it = items.rbegin(); it != items.rend(); ++it) out += *it;
    return out;
  }

  Result<std::string> atom() {
    const char c = in_[at_];
    if (c == '(') return group();
    if (c == '[') return char_class();
    if (c == '\\') return escape();
    if (c == '^' || c == '$') return unsupported("an anchor");
    if (c == '*' || c == '+' || c == '?') return unsupported("a quantifier without an atom");
    ++at_;
    return std::string(1, c);
  }

  Result<std::string> group() {
    std::string open = "(";
    ++at_;
    if (at_ < in_.size() && in_[at_] == '?') {
      // (?: and (?flags: only; look-around, named groups and inline flags are not reversed.
      std::size_t end = at_ + 1;
      while (end < in_.size() && std::isalpha(static_cast<unsigned char>(in_[end]))) ++end;
      if (end >= in_.size() || in_[end] != ':') return unsupported("a group kind");
      open += in_.substr(at_, end + 1 - at_);
      at_ = end + 1;
    }
    auto inner = alternatives();
    if (!inner) return inner;
    if (at_ >= in_.size() || in_[at_] != ')') return unsupported("an unclosed group");
    ++at_;
    return open + *inner + ")";
  }

  Result<std::string> char_class() {
    const std::size_t start = at_++;
    if (at_ < in_.size() && in_[at_] == '^') ++at_;
    if (at_ < in_.size() && in_[at_] == ']') ++at_;  // a ']' first is a member
    while (at_ < in_.size() && in_[at_] != ']') {
      if (in_[at_] == '[' && at_ + 1 < in_.size() && in_[at_ + 1] == ':') return unsupported("a POSIX class");
      at_ += in_[at_] == '\\' ? 2 : 1;
    }
    if (at_ >= in_.size()) return unsupported("an unclosed class");
    ++at_;
    return std::string(in_.substr(start, at_ - start));
  }

  Result<std::string> escape() {
    if (at_ + 1 >= in_.size()) return unsupported("a trailing backslash");
    const char c = in_[at_ + 1];
    if (c == 'x') {
      if (at_ + 3 >= in_.size() || in_[at_ + 2] == '{') return unsupported("a \\x escape");
      at_ += 4;
      return std::string(in_.substr(at_ - 4, 4));
    }
    // \b is symmetric; \d \s \w \D \S \W and escaped punctuation are single characters.
    if (std::isdigit(static_cast<unsigned char>(c)) || c == 'B' || c == 'A' || c == 'z' || c == 'Z' || c == 'G' ||
        c == 'Q' || c == 'E' || c == 'p' || c == 'P' || c == 'k' || c == 'g')
      return unsupported("an escape");
    at_ += 2;
    return std::string(in_.substr(at_ - 2, 2));
  }

  Result<std::string> quantifier() {
    if (at_ >= in_.size()) return std::string();
    const std::size_t start = at_;
    const char c = in_[at_];
    if (c == '?' || c == '*' || c == '+') {
      ++at_;
    } else if (c == '{') {
      std::size_t end = at_ + 1;
      while (end < in_.size() && (std::isdigit(static_cast<unsigned char>(in_[end])) || in_[end] == ',')) ++end;
      if (end >= in_.size() || in_[end] != '}' || end == at_ + 1) return std::string();  // a literal '{'
      at_ = end + 1;
    } else {
      return std::string();
    }
    if (at_ < in_.size() && (in_[at_] == '?' || in_[at_] == '+')) return unsupported("a lazy or possessive quantifier");
    return std::string(in_.substr(start, at_ - start));
  }

  std::string_view in_;
  std::size_t at_ = 0;
};

}  // namespace

Result<ReversedRegex> reverse_regex(std::string_view regex) {
  ReversedRegex out;
  if (regex.starts_with("(?i)")) {
    out.caseless = true;
    regex.remove_prefix(4);
  }
  Reverser reverser(regex);
  auto reversed = reverser.alternatives();
  if (!reversed) return Unexpected(reversed.error());
  if (!reverser.done()) return fail(ErrorCode::unsupported, fmt::format("cannot reverse the pattern: an unmatched ')' at offset {}", reverser.at()));
  out.regex = std::move(*reversed);
  return out;
}

}  // namespace ward::phi
