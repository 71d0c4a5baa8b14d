// The bytes a match may hold (regex_bytes.h): one pass over the pattern text.
#include "phi/regex_bytes.h"

#include <cctype>

#include "core/hex_digit.h"

namespace ward::phi {
namespace {

void add_range(ByteSet& set, int from, int to) {
  for (int b = from; b <= to; ++b) set.set(static_cast<std::size_t>(b));
}

// The escape at text[at] ('\\' first): adds what it stands for, returns the byte it names (for a
// class range) or -1, and moves `at` past it.
int escape(std::string_view text, std::size_t& at, ByteSet& set) {
  if (at + 1 >= text.size()) {
    set.set();
    at = text.size();
    return -1;
  }
  const char c = text[at + 1];
  at += 2;
  switch (c) {
    case 'd': add_range(set, '0', '9'); return -1;
    case 's': for (char w : std::string_view(" \t\n\v\f\r")) set.set(static_cast<unsigned char>(w)); return -1;
    case 'w': add_range(set, '0', '9'); add_range(set, 'A', 'Z'); add_range(set, 'a', 'z'); set.set('_'); return -1;
    case 'b': case 'B': return -1;
    case 'x':
      if (at + 1 < text.size() && hex_digit(text[at]) >= 0 && hex_digit(text[at + 1]) >= 0) {
        const int b = hex_digit(text[at]) * 16 + hex_digit(text[at + 1]);
        at += 2;
        set.set(static_cast<std::size_t>(b));
        return b;
      }
      set.set();
      return -1;
    case 't': set.set('\t'); return '\t';
    case 'n': set.set('\n'); return '\n';
    case 'r': set.set('\r'); return '\r';
    default:
      if (std::isalnum(static_cast<unsigned char>(c))) {  // \D \S \W and the like: anything
        set.set();
        return -1;
      }
      set.set(static_cast<unsigned char>(c));
      return static_cast<unsigned char>(c);
  }
}

// The class at text[at] ('[' first); moves `at` past its ']'.
void char_class(std::string_view text, std::size_t& at, ByteSet& set) {
  ++at;
  if (at < text.size() && text[at] == '^') {  // negated: anything (a superset)
    set.set();
    while (at < text.size() && text[at] != ']') at += text[at] == '\\' ? 2 : 1;
    ++at;
    return;
  }
  bool first = true;
  int previous = -1;
  while (at < text.size() && (text[at] != ']' || first)) {
    first = false;
    if (text[at] == '-' && previous >= 0 && at + 1 < text.size() && text[at + 1] != ']') {
      ++at;
      ByteSet ignored;
      const int to = text[at] == '\\' ? escape(text, at, ignored) : static_cast<unsigned char>(text[at++]);
      if (to < 0) set.set();
      else add_range(set, previous, to);
      previous = -1;
      continue;
    }
    previous = text[at] == '\\' ? escape(text, at, set) : static_cast<unsigned char>(text[at++]);
    if (previous >= 0) set.set(static_cast<std::size_t>(previous));
  }
  ++at;
}

}  // namespace

ByteSet regex_bytes(std::string_view regex) {
  ByteSet set;
  for (std::size_t at = 0; at < regex.size();) {
    const char c = regex[at];
    if (c == '\\') {
      escape(regex, at, set);
    } else if (c == '[') {
      char_class(regex, at, set);
    } else if (c == '(' && at + 1 < regex.size() && regex[at + 1] == '?') {
      while (at < regex.size() && regex[at] != ':' && regex[at] != ')') ++at;  // (?: (?i: (?i)
      ++at;
    } else if (c == '{' && regex.find_first_not_of("0123456789,", at + 1) != std::string_view::npos &&
               regex[regex.find_first_not_of("0123456789,", at + 1)] == '}') {  // a quantifier
      at = regex.find('}', at) + 1;
    } else if (c == '.') {
      set.set();
      ++at;
    } else {
      if (c != '(' && c != ')' && c != '|' && c != '?' && c != '*' && c != '+') set.set(static_cast<unsigned char>(c));
      ++at;
    }
  }
  if (regex.find("(?i") != std::string_view::npos)
    for (int b = 'a'; b <= 'z'; ++b)
      if (set.test(static_cast<std::size_t>(b)) || set.test(static_cast<std::size_t>(b - 'a' + 'A'))) {
        set.set(static_cast<std::size_t>(b));
        set.set(static_cast<std::size_t>(b - 'a' + 'A'));
      }
  return set;
}

}  // namespace ward::phi
