#include "sigma/string_predicate.h"

#include <cstring>

#include <re2/re2.h>

#include "sigma/regex_literals.h"

namespace ward::sigma {
namespace {

using Wildcard = SigmaString::Wildcard;

Result<std::shared_ptr<const re2::RE2>> compile_re2(const std::string& pattern, bool latin1) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(latin1 ? re2::RE2::Options::EncodingLatin1 : re2::RE2::Options::EncodingUTF8);
  auto re = std::make_shared<const re2::RE2>(pattern, options);
  if (!re->ok()) return fail(ErrorCode::unsupported, "regular expression not supported by RE2: " + re->error());
  return re;
}

bool starts_with_folded(std::string_view text, std::string_view needle) {
  return text.size() >= needle.size() && equals_folded(text.substr(0, needle.size()), needle);
}

bool ends_with_folded(std::string_view text, std::string_view needle) {
  return text.size() >= needle.size() && equals_folded(text.substr(text.size() - needle.size()), needle);
}

}  // namespace

std::string_view to_string(StringMatch kind) {
  switch (kind) {
    case StringMatch::equals: return "equals";
    case StringMatch::starts_with: return "startswith";
    case StringMatch::ends_with: return "endswith";
    case StringMatch::contains: return "contains";
    case StringMatch::glob: return "glob";
    case StringMatch::regex: return "re";
  }
  return "equals";
}

std::string fold_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = fold_ascii(c);
  return out;
}

bool equals_folded(std::string_view text, std::string_view needle) {
  if (text.size() != needle.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (fold_ascii(text[i]) != needle[i]) return false;
  return true;
}

namespace {

bool is_folded_letter(char c) { return c >= 'a' && c <= 'z'; }

// How seldom a byte that folding leaves alone occurs in Windows paths and command lines, the
// texts `contains` tests read most: higher is rarer.
int rarity(char c) {
  switch (c) {
    case '\\': return 1;
    case ' ': return 2;
    case '.': return 3;
    case '-': case '/': case ':': case '_': return 4;
    default: return c >= '0' && c <= '9' ? 5 : 6;
  }
}

}  // namespace

std::size_t contains_anchor(std::string_view needle) {
  std::size_t best = needle.size();
  for (std::size_t i = 0; i < needle.size(); ++i)
    if (!is_folded_letter(needle[i]) && (best == needle.size() || rarity(needle[i]) > rarity(needle[best]))) best = i;
  return best;
}

bool contains_folded(std::string_view text, std::string_view needle, std::size_t anchor) {
  if (needle.empty()) return true;
  if (text.size() < needle.size()) return false;
  const char* const begin = text.data();
  const char* const last = begin + (text.size() - needle.size());  // last possible start
  // A byte that folding leaves alone (`\`, `.`, a digit) is found by one memchr; most needles
  // hold one. Then the needle is compared around each place it occurs.
  if (anchor < needle.size()) {
    const char byte = needle[anchor];
    for (const char* p = begin; p <= last;) {
      const char* at = static_cast<const char*>(std::memchr(p + anchor, byte, static_cast<std::size_t>(last - p) + 1));
      if (at == nullptr) return false;
      const char* start = at - anchor;
      if (equals_folded(std::string_view(start, needle.size()), needle)) return true;
      p = start + 1;
    }
    return false;
  }
  // Only letters: candidates by memchr on the first byte in both cases, then a folded compare.
  const char lower = needle[0];
  const char upper = static_cast<char>(lower - ('a' - 'A'));
  const char* p = begin;
  while (p <= last) {
    const auto span = static_cast<std::size_t>(last - p) + 1;
    const char* a = static_cast<const char*>(std::memchr(p, lower, span));
    const char* b = static_cast<const char*>(std::memchr(p, upper, a ? static_cast<std::size_t>(a - p) : span));
    const char* at = b != nullptr ? b : a;
    if (at == nullptr) return false;
    if (equals_folded(std::string_view(at + 1, needle.size() - 1), needle.substr(1))) return true;
    p = at + 1;
  }
  return false;
}

Result<StringPredicate> StringPredicate::from_value(const SigmaString& value, bool cased) {
  StringPredicate t;
  t.cased_ = cased;
  std::size_t begin = 0, end = value.size();
  const bool leading = end > 0 && value.wildcard(0) == Wildcard::any;
  const bool trailing = end > 0 && value.wildcard(end - 1) == Wildcard::any && !(leading && end == 1);
  if (leading) ++begin;
  if (trailing) --end;
  bool inner_wildcard = false;
  for (std::size_t i = begin; i < end; ++i) inner_wildcard |= value.wildcard(i) != Wildcard::none;
  if (!inner_wildcard) {
    const std::string_view literal = std::string_view(value.bytes()).substr(begin, end - begin);
    t.pattern_ = cased ? std::string(literal) : fold_ascii(literal);
    t.anchor_ = contains_anchor(t.pattern_);
    t.kind_ = leading && trailing ? StringMatch::contains
              : leading           ? StringMatch::ends_with
              : trailing          ? StringMatch::starts_with
                                  : StringMatch::equals;
    if (leading && end <= begin) t.kind_ = StringMatch::contains;  // a lone `*`: anything
    return t;
  }
  // A glob: anchored RE2 with the literal runs quoted.
  t.kind_ = StringMatch::glob;
  std::string re = cased ? "(?s)^" : "(?si)^";
  bool latin1 = false;
  for (std::size_t i = 0; i < value.size();) {
    if (value.wildcard(i) == Wildcard::any) { re += ".*"; ++i; continue; }
    if (value.wildcard(i) == Wildcard::one) { re += "."; ++i; continue; }
    std::size_t run_end = i;
    while (run_end < value.size() && value.wildcard(run_end) == Wildcard::none) ++run_end;
    const std::string_view run = std::string_view(value.bytes()).substr(i, run_end - i);
    for (char c : run) latin1 |= static_cast<unsigned char>(c) >= 0x80 || c == '\0';
    re += re2::RE2::QuoteMeta(run);
    i = run_end;
  }
  re += "$";
  t.pattern_ = std::move(re);
  auto compiled = compile_re2(t.pattern_, false);
  if (!compiled && latin1) compiled = compile_re2(t.pattern_, true);
  if (!compiled) return Unexpected(compiled.error());
  t.regex_ = std::move(*compiled);
  if (std::string literal = glob_required_literal(t.pattern_, !cased); !literal.empty()) t.required_.push_back(std::move(literal));
  return t;
}

Result<StringPredicate> StringPredicate::from_regex(std::string_view pattern, RegexFlags flags) {
  StringPredicate t;
  t.kind_ = StringMatch::regex;
  t.cased_ = !flags.ignore_case;
  std::string prefix;
  if (flags.ignore_case) prefix += 'i';
  if (flags.multi_line) prefix += 'm';
  if (flags.dot_all) prefix += 's';
  t.pattern_ = prefix.empty() ? std::string(pattern) : "(?" + prefix + ")" + std::string(pattern);
  auto compiled = compile_re2(t.pattern_, false);
  if (!compiled) return Unexpected(compiled.error());
  t.regex_ = std::move(*compiled);
  t.required_ = regex_required_literals(t.pattern_, flags.ignore_case || regex_has_ignore_case(t.pattern_));
  return t;
}

bool StringPredicate::holds_required(std::string_view text) const {
  if (required_.empty()) return true;
  for (const std::string& literal : required_)
    if (contains_folded(text, literal)) return true;
  return false;
}

bool StringPredicate::matches(std::string_view text) const {
  switch (kind_) {
    case StringMatch::equals: return cased_ ? text == pattern_ : equals_folded(text, pattern_);
    case StringMatch::starts_with: return cased_ ? text.starts_with(pattern_) : starts_with_folded(text, pattern_);
    case StringMatch::ends_with: return cased_ ? text.ends_with(pattern_) : ends_with_folded(text, pattern_);
    case StringMatch::contains:
      return cased_ ? text.find(pattern_) != std::string_view::npos : contains_folded(text, pattern_, anchor_);
    case StringMatch::glob: return holds_required(text) && re2::RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *regex_);
    case StringMatch::regex: return holds_required(text) && re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *regex_);
  }
  return false;
}

}  // namespace ward::sigma
