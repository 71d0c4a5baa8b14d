// Deriving the literals a rule needs (prefilter_literals.h) from its compiled selections and
// condition; conservative wherever a literal would not be certain.
#include "sigma/prefilter_literals.h"

#include <algorithm>
#include <cstring>

namespace ward::sigma {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Bytes no literal may hold: the value separator always; for Unicode case folding (RE2 with
// `i`) also k, s and every non-ASCII byte.
bool cut_here(char c, bool unicode_caseless) {
  if (c == kValueSeparator) return true;
  if (!unicode_caseless) return false;
  const char f = fold_ascii(c);
  return f == 'k' || f == 's' || static_cast<unsigned char>(c) >= 0x80;
}

// Tracks the longest of a series of runs; each run is cut at the bytes above.
class LongestRun {
 public:
  explicit LongestRun(bool unicode_caseless) : caseless_(unicode_caseless) {}
  void add(char c) {
    if (cut_here(c, caseless_)) { end(); return; }
    run_ += fold_ascii(c);
  }
  void drop_last() { if (!run_.empty()) run_.pop_back(); }
  void end() {
    if (run_.size() > best_.size()) best_ = run_;
    run_.clear();
  }
  std::string take() { end(); return std::move(best_); }

 private:
  bool caseless_;
  std::string run_, best_;
};

// Whether an `re` pattern asks for case-insensitive matching anywhere: a `(?flags)` or
// `(?flags:` group holding `i`.
bool regex_has_ignore_case(std::string_view pattern) {
  for (std::size_t p = pattern.find("(?"); p != std::string_view::npos; p = pattern.find("(?", p + 2)) {
    for (std::size_t i = p + 2; i < pattern.size() && pattern[i] != ')' && pattern[i] != ':'; ++i) {
      if (pattern[i] == '-') break;  // flags after '-' are turned off
      if (pattern[i] == 'i') return true;
    }
  }
  return false;
}

using Literals = std::optional<RequiredLiterals>;

// Smaller is worse: the shortest literal, then fewer literals.
bool better(const RequiredLiterals& a, const RequiredLiterals& b) {
  auto shortest = [](const RequiredLiterals& s) {
    std::size_t n = SIZE_MAX;
    for (const auto& l : s.any) n = std::min(n, l.size());
    return n;
  };
  const std::size_t sa = shortest(a), sb = shortest(b);
  return sa != sb ? sa > sb : a.any.size() < b.any.size();
}

void keep_better(Literals& best, Literals candidate) {
  if (candidate && (!best || better(*candidate, *best))) best = std::move(candidate);
}

// Union: nullopt as soon as one part needs nothing.
class Union {
 public:
  void add(const Literals& part) {
    if (!part) { open_ = true; return; }
    for (std::size_t i = 0; i < part->any.size(); ++i) add_pair(part->any[i], part->fields[i]);
  }
  void add_one(const std::string& literal, const std::string& field) {
    if (literal.empty()) { open_ = true; return; }
    add_pair(literal, field);
  }
  Literals result() && {
    if (open_ || all_.any.empty()) return std::nullopt;
    return std::move(all_);
  }

 private:
  void add_pair(const std::string& literal, const std::string& field) {
    for (std::size_t i = 0; i < all_.any.size(); ++i)
      if (all_.any[i] == literal && all_.fields[i] == field) return;
    all_.any.push_back(literal);
    all_.fields.push_back(field);
  }

  bool open_ = false;
  RequiredLiterals all_;
};

// String tests [begin, end) of `c`: one of their literals (nullopt if one has none).
Literals of_strings(const FieldCondition& c, std::size_t begin, std::size_t end) {
  Union u;
  for (std::size_t t = begin; t < end; ++t) {
    const std::vector<std::string> literals = literals_of(c.strings[t]);
    if (literals.empty()) return std::nullopt;
    for (const std::string& literal : literals) u.add_one(literal, c.field);
  }
  return std::move(u).result();
}

Literals of_condition(const FieldCondition& c) {
  if (c.check != FieldCheck::values || c.negate || c.strings.empty()) return std::nullopt;
  const bool others = !c.numbers.empty() || !c.cidrs.empty() || !c.dates.empty() || !c.refs.empty();
  if (!c.all) return others ? std::nullopt : of_strings(c, 0, c.strings.size());
  Literals best;
  for (std::size_t begin = 0; begin < c.strings.size();) {
    std::size_t end = begin + 1;
    while (end < c.strings.size() && c.string_groups[end] == c.string_groups[begin]) ++end;
    keep_better(best, of_strings(c, begin, end));
    begin = end;
  }
  return best;
}

Literals of_selection(const CompiledSelection& s) {
  Union u;
  if (s.any_of.empty()) return std::nullopt;
  for (const auto& alternative : s.any_of) {
    Literals best;
    for (const FieldCondition& c : alternative) keep_better(best, of_condition(c));
    u.add(best);
  }
  return std::move(u).result();
}

Literals of_node(const ConditionNode& node, const std::vector<CompiledSelection>& selections) {
  using Kind = ConditionNode::Kind;
  auto selection = [&](int i) { return of_selection(selections[static_cast<std::size_t>(i)]); };
  switch (node.kind) {
    case Kind::selection: return selection(node.selection);
    case Kind::not_: return std::nullopt;
    case Kind::and_: {
      Literals best;
      for (const auto& child : node.children) keep_better(best, of_node(child, selections));
      return best;
    }
    case Kind::or_: {
      Union u;
      for (const auto& child : node.children) u.add(of_node(child, selections));
      return std::move(u).result();
    }
    case Kind::all_of: {
      Literals best;
      for (int s : node.selections) keep_better(best, selection(s));
      return best;
    }
    case Kind::any_of:
    case Kind::at_least: {
      if (node.kind == Kind::at_least && node.count == 0) return std::nullopt;
      Union u;
      for (int s : node.selections) u.add(selection(s));
      return std::move(u).result();
    }
  }
  return std::nullopt;
}

}  // namespace

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

std::vector<std::string> literals_of(const StringPredicate& test) {
  auto one = [](std::string literal) {
    return literal.empty() ? std::vector<std::string>{} : std::vector<std::string>{std::move(literal)};
  };
  switch (test.kind()) {
    case StringMatch::equals:
    case StringMatch::starts_with:
    case StringMatch::ends_with:
    case StringMatch::contains: {
      const std::string& pattern = test.pattern();
      if (pattern.empty()) return {};
      if (pattern.find(kValueSeparator) == std::string::npos) {
        // The test is on a whole value, and every value stands between separators in the
        // scanned text: anchor the literal there, which makes short ones (EventID: 1) selective.
        const bool at_start = test.kind() == StringMatch::equals || test.kind() == StringMatch::starts_with;
        const bool at_end = test.kind() == StringMatch::equals || test.kind() == StringMatch::ends_with;
        return one((at_start ? std::string(1, kValueSeparator) : std::string()) + fold_ascii(pattern) +
                   (at_end ? std::string(1, kValueSeparator) : std::string()));
      }
      LongestRun runs(false);
      for (char c : pattern) runs.add(c);
      return one(runs.take());
    }
    case StringMatch::glob: return one(glob_required_literal(test.pattern(), !test.cased()));
    case StringMatch::regex:
      return regex_required_literals(test.pattern(), !test.cased() || regex_has_ignore_case(test.pattern()));
  }
  return {};
}

std::optional<RequiredLiterals> required_literals(const CompiledRule& rule) {
  return of_node(rule.rule().condition, rule.selections());
}

}  // namespace ward::sigma
