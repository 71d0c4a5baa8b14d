// The literals a regex or glob needs (regex_literals.h): a walk over the pattern that keeps
// the longest run of plain characters, giving up wherever a run would not be certain.
#include "sigma/regex_literals.h"

#include <cstring>

namespace ward::sigma {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

bool regex_has_ignore_case(std::string_view pattern) {
  for (std::size_t p = pattern.find("(?"); p != std::string_view::npos; p = pattern.find("(?", p + 2)) {
    for (std::size_t i = p + 2; i < pattern.size() && pattern[i] != ')' && pattern[i] != ':'; ++i) {
      if (pattern[i] == '-') break;  // flags after '-' are turned off
      if (pattern[i] == 'i') return true;
    }
  }
  return false;
}

std::string regex_required_literal(std::string_view re, bool caseless) {
  LongestRun runs(caseless);
  int depth = 0;
  for (std::size_t i = 0; i < re.size(); ++i) {
    const char c = re[i];
    if (static_cast<unsigned char>(c) >= 0x80) return {};
    switch (c) {
      case '\\': {
        if (i + 1 >= re.size()) return {};
        const char next = re[++i];
        if (is_ascii_alnum(next)) {
          if (std::strchr("dwsDWSbBAz", next) == nullptr) return {};  // \x41, \Q, \p{…}, \n: not worth it
          runs.end();
        } else if (depth == 0) {
          runs.add(next);
        }
        break;
      }
      case '|':
        if (depth == 0) return {};  // alternatives: see regex_required_literals
        break;
      case '(': runs.end(); ++depth; break;
      case ')': runs.end(); if (--depth < 0) return {}; break;
      case '[': {
        runs.end();
        std::size_t j = i + 1;
        if (j < re.size() && re[j] == '^') ++j;
        if (j < re.size() && re[j] == ']') ++j;
        for (; j < re.size() && re[j] != ']'; ++j) {
          if (re[j] == '\\') ++j;
          else if (re[j] == '[' && j + 1 < re.size() && re[j + 1] == ':') return {};
        }
        if (j >= re.size()) return {};
        i = j;
        break;
      }
      case '*':
      case '?': runs.drop_last(); runs.end(); break;
      case '{': {
        runs.drop_last();
        runs.end();
        const std::size_t close = re.find('}', i);
        if (close == std::string_view::npos) return {};
        i = close;
        break;
      }
      case '+':
      case '.':
      case '^':
      case '$': runs.end(); break;
      default:
        if (depth == 0) runs.add(c);
        else runs.end();
    }
  }
  if (depth != 0) return {};
  return runs.take();
}

std::vector<std::string> regex_required_literals(std::string_view re, bool caseless) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  int depth = 0;
  auto branch = [&](std::size_t end) {
    std::string literal = regex_required_literal(re.substr(begin, end - begin), caseless);
    if (literal.empty()) return false;
    out.push_back(std::move(literal));
    return true;
  };
  for (std::size_t i = 0; i < re.size(); ++i) {
    const char c = re[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {  // a class: skip to its end (a ']' first in it is literal)
      std::size_t j = i + 1;
      if (j < re.size() && re[j] == '^') ++j;
      if (j < re.size() && re[j] == ']') ++j;
      while (j < re.size() && re[j] != ']') j += re[j] == '\\' ? 2 : 1;
      i = j;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      if (!branch(i)) return {};
      begin = i + 1;
    }
  }
  if (!branch(re.size())) return {};
  return out;
}

std::string glob_required_literal(std::string_view re, bool caseless) {
  // compile_rule writes globs as (?s)^ or (?si)^, literal runs quoted by RE2::QuoteMeta,
  // `.*` and `.` for the wildcards, and $.
  for (std::string_view prefix : {"(?si)^", "(?s)^"}) {
    if (re.starts_with(prefix)) { re.remove_prefix(prefix.size()); break; }
  }
  if (re.ends_with('$')) re.remove_suffix(1);
  LongestRun runs(caseless);
  for (std::size_t i = 0; i < re.size(); ++i) {
    const char c = re[i];
    if (c == '\\' && i + 1 < re.size()) {
      if (re.substr(i + 1, 3) == "x00") { runs.add('\0'); i += 3; }
      else runs.add(re[++i]);
    } else if (c == '.') {
      runs.end();
      if (i + 1 < re.size() && re[i + 1] == '*') ++i;
    } else if (is_ascii_alnum(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
      runs.add(c);
    } else {
      return {};  // not the form compile_rule writes: require nothing
    }
  }
  return runs.take();
}

}  // namespace ward::sigma
