// The version engine (version_range.h): parsing range text into bounds, comparing versions.
#include "devices/version_range.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "core/ascii_case.h"

namespace ward::devices {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Lower case, runs of blanks as one space, trimmed.
std::string normalise(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += ascii_lower(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

struct Segment {
  std::string_view text;
  bool numeric = false;
  bool wildcard = false;
};

// "v1.2b-03" -> 1, 2, b, 3: separators . - _ + space, and each switch between digits and letters.
std::vector<Segment> segments(std::string_view v) {
  if (v.size() > 1 && (v[0] == 'v' || v[0] == 'V') && is_digit(v[1])) v.remove_prefix(1);
  std::vector<Segment> out;
  std::size_t i = 0;
  while (i < v.size()) {
    const char c = v[i];
    const bool alone = (i + 1 == v.size() || !(is_alpha(v[i + 1]) || is_digit(v[i + 1]))) &&
                       (i == 0 || !(is_alpha(v[i - 1]) || is_digit(v[i - 1])));
    if (c == '*' || ((c == 'x' || c == 'X') && alone)) {
      out.push_back({v.substr(i, 1), false, true});
      ++i;
      continue;
    }
    if (is_digit(c) || is_alpha(c)) {
      const bool digits = is_digit(c);
      std::size_t j = i;
      while (j < v.size() && (digits ? is_digit(v[j]) : is_alpha(v[j]))) ++j;
      std::string_view s = v.substr(i, j - i);
      if (digits) {
        while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
      }
      out.push_back({s, digits, false});
      i = j;
      continue;
    }
    ++i;  // a separator
  }
  return out;
}

int compare_segment(const Segment& a, const Segment& b) {
  if (a.numeric && b.numeric) {
    if (a.text.size() != b.text.size()) return a.text.size() < b.text.size() ? -1 : 1;
    const int c = a.text.compare(b.text);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (a.numeric != b.numeric) return kIncomparable;
  const std::string la = ascii_lower(a.text), lb = ascii_lower(b.text);
  const int c = la.compare(lb);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

bool looks_like_version(std::string_view token) {
  if (token.empty() || token.size() > 40) return false;
  if (token == "*") return true;
  bool digit = false;
  for (char c : token) {
    if (is_digit(c)) digit = true;
    else if (!(is_alpha(c) || c == '.' || c == '-' || c == '_' || c == '+' || c == '*')) return false;
  }
  return digit;
}

constexpr std::array<std::string_view, 12> kMonths = {"january", "february", "march", "april", "may", "june",
                                                      "july", "august", "september", "october", "november",
                                                      "december"};

bool mentions_date(std::string_view t) {
  for (std::string_view m : kMonths) {
    if (t.find(m) != std::string_view::npos) return true;
  }
  for (std::string_view w : {"distributed", "shipped", "manufactured", "between"}) {
    if (t.find(w) != std::string_view::npos) return true;
  }
  return false;
}

VersionRange unknown(std::string reason) {
  VersionRange r;
  r.kind = VersionRange::Kind::unknown;
  r.reason = std::move(reason);
  return r;
}

VersionRange constraints(std::vector<std::vector<Bound>> intervals) {
  VersionRange r;
  r.kind = VersionRange::Kind::constraints;
  r.intervals = std::move(intervals);
  return r;
}

bool is_lower(Bound::Op op) { return op == Bound::Op::gt || op == Bound::Op::ge; }
bool is_upper(Bound::Op op) { return op == Bound::Op::lt || op == Bound::Op::le; }

// One item of a "|" list: an optional comparator and a version token.
bool parse_bound(std::string_view item, Bound& out) {
  item = trim_spaces(item);
  static constexpr std::array<std::pair<std::string_view, Bound::Op>, 7> kOps = {{
      {"<=", Bound::Op::le}, {">=", Bound::Op::ge}, {"!=", Bound::Op::ne}, {"<", Bound::Op::lt},
      {">", Bound::Op::gt}, {"==", Bound::Op::eq}, {"=", Bound::Op::eq}}};
  out.op = Bound::Op::eq;
  for (const auto& [text, op] : kOps) {
    if (item.starts_with(text)) {
      out.op = op;
      item = trim_spaces(item.substr(text.size()));
      break;
    }
  }
  if (!looks_like_version(item)) return false;
  out.version = std::string(item);
  return true;
}

// Bounds in order: "=" items stand alone; a lower bound pairs with the upper bound after it; at
// most one bound may stay open-ended (an upper bound first, or a lower bound last).
VersionRange from_bounds(const std::vector<Bound>& bounds, std::string_view text) {
  std::vector<std::vector<Bound>> intervals;
  int open_ended = 0;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    const Bound& b = bounds[i];
    if (b.op == Bound::Op::eq || b.op == Bound::Op::ne) {
      intervals.push_back({b});
    } else if (is_lower(b.op) && i + 1 < bounds.size() && is_upper(bounds[i + 1].op)) {
      intervals.push_back({b, bounds[i + 1]});
      ++i;
    } else {
      intervals.push_back({b});
      ++open_ended;
    }
  }
  if (open_ended > 1) {
    return unknown(fmt::format("\"{}\": several open-ended bounds that do not pair into a range", text));
  }
  return constraints(std::move(intervals));
}

// "X and prior", "prior to X", "X to Y"… as bounds; false when none of these forms.
bool parse_phrase(std::string_view t, std::vector<Bound>& out) {
  static constexpr std::array<std::string_view, 6> kAndBelow = {" and prior", " and below", " and earlier",
                                                                " and before", " and older", " or earlier"};
  for (std::string_view suffix : kAndBelow) {
    if (t.ends_with(suffix)) {
      std::string_view v = trim_spaces(t.substr(0, t.size() - suffix.size()));
      if (!looks_like_version(v)) return false;
      out = {Bound{Bound::Op::le, std::string(v)}};
      return true;
    }
  }
  for (std::string_view suffix : {" and later", " and above", " and newer", " or later"}) {
    if (t.ends_with(suffix)) {
      std::string_view v = trim_spaces(t.substr(0, t.size() - suffix.size()));
      if (!looks_like_version(v)) return false;
      out = {Bound{Bound::Op::ge, std::string(v)}};
      return true;
    }
  }
  for (std::string_view prefix : {"prior to ", "before ", "earlier than ", "versions prior to ", "versions before "}) {
    if (t.starts_with(prefix)) {
      std::string_view v = trim_spaces(t.substr(prefix.size()));
      if (!looks_like_version(v)) return false;
      out = {Bound{Bound::Op::lt, std::string(v)}};
      return true;
    }
  }
  for (std::string_view sep : {" to ", " through ", " - "}) {
    if (const auto at = t.find(sep); at != std::string_view::npos) {
      std::string_view a = trim_spaces(t.substr(0, at)), b = trim_spaces(t.substr(at + sep.size()));
      if (!looks_like_version(a) || !looks_like_version(b)) return false;
      out = {Bound{Bound::Op::ge, std::string(a)}, Bound{Bound::Op::le, std::string(b)}};
      return true;
    }
  }
  return false;
}

Answer test_bound(std::string_view version, const Bound& b, std::string& reason) {
  if (b.version == "*") return Answer::yes;
  const int c = compare_versions(version, b.version);
  if (c == kIncomparable) {
    reason = fmt::format("version \"{}\" cannot be compared with \"{}\"", version, b.version);
    return Answer::unknown;
  }
  bool in = false;
  switch (b.op) {
    case Bound::Op::eq: in = c == 0; break;
    case Bound::Op::ne: in = c != 0; break;
    case Bound::Op::lt: in = c < 0; break;
    case Bound::Op::le: in = c <= 0; break;
    case Bound::Op::gt: in = c > 0; break;
    case Bound::Op::ge: in = c >= 0; break;
  }
  return in ? Answer::yes : Answer::no;
}

}  // namespace

std::string_view to_string(Answer answer) {
  switch (answer) {
    case Answer::yes: return "yes";
    case Answer::no: return "no";
    case Answer::unknown: return "unknown";
  }
  return "unknown";
}

int compare_versions(std::string_view a, std::string_view b) {
  const std::vector<Segment> sa = segments(a), sb = segments(b);
  const std::size_t n = std::max(sa.size(), sb.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (i < sb.size() && sb[i].wildcard) return 0;
    if (i < sa.size() && sa[i].wildcard) return 0;
    if (i >= sa.size()) {
      if (sb[i].numeric && sb[i].text == "0") continue;
      return -1;
    }
    if (i >= sb.size()) {
      if (sa[i].numeric && sa[i].text == "0") continue;
      return 1;
    }
    const int c = compare_segment(sa[i], sb[i]);
    if (c != 0) return c;
  }
  return 0;
}

VersionRange parse_version_range(std::string_view text) {
  const std::string t = normalise(text);
  if (t.empty()) return unknown("empty version range");
  if (t.starts_with("vers:")) {
    const auto slash = t.find('/');
    if (slash == std::string::npos) return unknown(fmt::format("\"{}\": a vers: range without '/'", text));
    std::string_view rest = trim_spaces(std::string_view(t).substr(slash + 1));
    if (rest == "*") {
      VersionRange r;
      r.kind = VersionRange::Kind::all;
      return r;
    }
    std::vector<Bound> bounds;
    std::string_view list = rest;
    while (!list.empty()) {
      const auto bar = list.find('|');
      Bound b;
      if (!parse_bound(list.substr(0, bar), b)) {
        return unknown(fmt::format("\"{}\": \"{}\" is not a version constraint", text, trim_spaces(list.substr(0, bar))));
      }
      bounds.push_back(std::move(b));
      if (bar == std::string_view::npos) break;
      list.remove_prefix(bar + 1);
    }
    return from_bounds(bounds, text);
  }
  if (t == "all versions" || t == "all" || t == "*" || t == "any" || t == "all releases") {
    VersionRange r;
    r.kind = VersionRange::Kind::all;
    return r;
  }
  if (mentions_date(t)) return unknown(fmt::format("\"{}\" is a date of distribution, not a version", text));
  std::vector<Bound> bounds;
  if (parse_phrase(t, bounds)) return from_bounds(bounds, text);
  std::string_view list = t;
  while (true) {
    const auto bar = list.find('|');
    Bound b;
    const std::string_view item = trim_spaces(list.substr(0, bar));
    if (!parse_bound(item, b)) {
      return unknown(fmt::format("\"{}\": \"{}\" is not a version (a model number or prose?)", text, item));
    }
    bounds.push_back(std::move(b));
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return from_bounds(bounds, text);
}

VersionAnswer version_in_range(std::string_view version, const VersionRange& range) {
  if (range.kind == VersionRange::Kind::all) return {Answer::yes, {}};
  if (range.kind == VersionRange::Kind::unknown) return {Answer::unknown, range.reason};
  version = trim_spaces(version);
  if (version.empty()) return {Answer::unknown, "the device's version is not known"};
  if (!looks_like_version(normalise(version)) && segments(version).empty()) {
    return {Answer::unknown, fmt::format("\"{}\" is not a version", version)};
  }
  VersionAnswer result{Answer::no, {}};
  for (const auto& interval : range.intervals) {
    Answer all = Answer::yes;
    std::string reason;
    for (const Bound& b : interval) {
      const Answer a = test_bound(version, b, reason);
      if (a == Answer::no) { all = Answer::no; break; }
      if (a == Answer::unknown) all = Answer::unknown;
    }
    if (all == Answer::yes) return {Answer::yes, {}};
    if (all == Answer::unknown) result = {Answer::unknown, reason};
  }
  return result;
}

}  // namespace ward::devices
