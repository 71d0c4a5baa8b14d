// Reading and rewriting dates in their own layout (date_text.h).
#include "deid/date_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>

#include <fmt/format.h>

#include "core/ascii_case.h"

namespace ward::deid {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"january", "february", "march",     "april",   "may",      "june",
                                                      "july",    "august",   "september", "october", "november", "december"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// 1..12 for a month name or its abbreviation ("Sept" too), 0 otherwise.
int month_from_name(std::string_view word) {
  const std::string w = ascii_lower(word);
  if (w.size() < 3) return 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (w == kMonths[i] || w == kMonths[i].substr(0, 3) || (i == 8 && w == "sept")) return static_cast<int>(i) + 1;
  }
  return 0;
}

int number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

bool is_ordinal(std::string_view word) {
  const std::string w = ascii_lower(word);
  return w == "st" || w == "nd" || w == "rd" || w == "th";
}

std::string ordinal(int day) {
  if (day % 100 >= 11 && day % 100 <= 13) return "th";
  switch (day % 10) {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
  }
}

// The month's name written as `like` (a month name) was: in full or in three letters; upper,
// lower or title case.
std::string month_like(int month, std::string_view like) {
  const std::string_view full = kMonths[static_cast<std::size_t>(month - 1)];
  const bool was_full = std::any_of(kMonths.begin(), kMonths.end(), [&](std::string_view m) { return ascii_lower(like) == m; });
  std::string name(was_full ? full : full.substr(0, 3));
  const bool upper = like.size() > 1 && std::isupper(static_cast<unsigned char>(like[0])) &&
                     std::isupper(static_cast<unsigned char>(like[1]));
  const bool title = !like.empty() && std::isupper(static_cast<unsigned char>(like[0]));
  for (std::size_t i = 0; i < name.size(); ++i)
    if (upper || (title && i == 0)) name[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[i])));
  return name;
}

bool valid(int year, int month, int day) {
  using namespace std::chrono;
  return year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                        std::chrono::day{static_cast<unsigned>(day)}}
      .ok();
}

}  // namespace

std::optional<DateText> DateText::parse(std::string_view text) {
  if (auto compact = parse_compact(text)) return compact;
  DateText d;
  // A month written as a word anywhere makes the numbers days and years.
  bool month_named = false;
  for (std::size_t k = 0; k < text.size() && !month_named;) {
    if (!is_alpha(text[k])) { ++k; continue; }
    std::size_t e = k;
    while (e < text.size() && is_alpha(text[e])) ++e;
    month_named = month_from_name(text.substr(k, e - k)) != 0;
    k = e;
  }
  // Runs of digits, of letters, and of anything else; a time of day ends the date.
  std::size_t i = 0;
  bool in_time = false;
  while (i < text.size()) {
    std::size_t j = i + 1;
    const bool digit = is_digit(text[i]), alpha = is_alpha(text[i]);
    while (j < text.size() && ((digit && is_digit(text[j])) || (alpha && is_alpha(text[j])) ||
                               (!digit && !alpha && !is_digit(text[j]) && !is_alpha(text[j]))))
      ++j;
    Token t{Part::text, std::string(text.substr(i, j - i)), ""};
    if (!in_time && j < text.size() && digit && text[j] == ':') in_time = true;  // "10:30"
    if (!in_time) {
      if (alpha) {
        if (const int m = month_from_name(t.text); m != 0 && d.month_ == 0) {
          t.part = Part::month_name;
          d.month_ = m;
        } else if (is_ordinal(t.text) && !d.tokens_.empty() && d.tokens_.back().part == Part::day) {
          d.tokens_.back().suffix = t.text;
          i = j;
          continue;
        }
      } else if (digit) {
        const std::size_t len = j - i;
        const int n = number(t.text);
        const bool iso = !d.tokens_.empty() && d.tokens_.front().part == Part::year4;
        if (len == 4 && d.year_ == 0) {
          t.part = Part::year4;
          d.year_ = n;
        } else if (len <= 2 && (iso || !month_named)) {
          // Numeric: year-month-day after a four-digit year, else month/day/year.
          if (d.month_ == 0) {
            t.part = Part::month_number;
            d.month_ = n;
          } else if (d.day_ == 0) {
            t.part = Part::day;
            d.day_ = n;
          } else if (!iso && d.year_ == 0 && len == 2) {
            t.part = Part::year2;
            d.year_ = n < 50 ? 2000 + n : 1900 + n;
          }
        } else if (len <= 2 && d.day_ == 0) {  // "March 14", "14 March"
          t.part = Part::day;
          d.day_ = n;
        }
      }
    }
    d.tokens_.push_back(std::move(t));
    i = j;
  }
  // Zero padding: as written ("03"); numeric dates whose month and day both have two digits
  // ("12/31/2019", ISO) are taken as padded, a day after a month name ("March 29") is not.
  bool all_two = true;
  for (const Token& t : d.tokens_)
    if ((t.part == Part::month_number || t.part == Part::day) && t.text.size() != 2) all_two = false;
  for (Token& t : d.tokens_)
    if (t.part == Part::month_number || t.part == Part::day) t.padded = t.text[0] == '0' || (!month_named && all_two);
  if (d.month_ < 1 || d.month_ > 12) return std::nullopt;
  if (d.day_ == 0 && d.year_ == 0) return std::nullopt;
  if (!valid(d.year_ != 0 ? d.year_ : 2001, d.month_, d.day_ != 0 ? d.day_ : 1)) {
    if (!(d.year_ == 0 && d.month_ == 2 && d.day_ == 29)) return std::nullopt;
  }
  return d;
}

// HL7 v2 DTM: YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ]; the time and zone are kept as text.
std::optional<DateText> DateText::parse_compact(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && is_digit(text[digits])) ++digits;
  if (digits < 6 || digits == 7) return std::nullopt;
  for (char c : text.substr(digits))
    if (!is_digit(c) && c != '.' && c != '+' && c != '-') return std::nullopt;
  DateText d;
  d.year_ = number(text.substr(0, 4));
  d.month_ = number(text.substr(4, 2));
  d.tokens_.push_back(Token{Part::year4, std::string(text.substr(0, 4)), ""});
  d.tokens_.push_back(Token{Part::month_number, std::string(text.substr(4, 2)), "", true});
  if (digits >= 8) {
    d.day_ = number(text.substr(6, 2));
    d.tokens_.push_back(Token{Part::day, std::string(text.substr(6, 2)), "", true});
  }
  const std::size_t used = digits >= 8 ? 8 : 6;
  if (used < text.size()) d.tokens_.push_back(Token{Part::text, std::string(text.substr(used)), ""});
  if (d.month_ < 1 || d.month_ > 12 || !valid(d.year_, d.month_, d.day_ != 0 ? d.day_ : 1)) return std::nullopt;
  return d;
}

std::string DateText::render(int year, int month, int day) const {
  std::string out;
  for (const Token& t : tokens_) {
    switch (t.part) {
      case Part::text: out += t.text; break;
      case Part::year4: out += fmt::format("{:04}", year); break;
      case Part::year2: out += fmt::format("{:02}", year % 100); break;
      case Part::month_number: out += t.padded ? fmt::format("{:02}", month) : std::to_string(month); break;
      case Part::month_name: out += month_like(month, t.text); break;
      case Part::day:
        out += t.padded ? fmt::format("{:02}", day) : std::to_string(day);
        if (!t.suffix.empty()) {
          std::string s = ordinal(day);
          if (std::isupper(static_cast<unsigned char>(t.suffix[0])))
            for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
          out += s;
        }
        break;
    }
  }
  return out;
}

std::string DateText::shifted(int days) const {
  using namespace std::chrono;
  // A date without a year moves within a common year (2001), or a leap one for 29 February.
  const int base_year = year_ != 0 ? year_ : (month_ == 2 && day_ == 29 ? 2000 : 2001);
  const int base_day = day_ != 0 ? day_ : 15;
  const sys_days from{year_month_day{std::chrono::year{base_year}, std::chrono::month{static_cast<unsigned>(month_)},
                                     std::chrono::day{static_cast<unsigned>(base_day)}}};
  const year_month_day to{from + std::chrono::days{days}};
  return render(static_cast<int>(to.year()), static_cast<int>(static_cast<unsigned>(to.month())),
                static_cast<int>(static_cast<unsigned>(to.day())));
}

std::optional<std::string> DateText::year_only() const {
  if (year_ == 0) return std::nullopt;
  return std::to_string(year_);
}

}  // namespace ward::deid
