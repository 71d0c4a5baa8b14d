// House numbers and postal codes next to a place or street found (address_parts.h).
#include "phi/address_parts.h"

#include <algorithm>

#include "phi/context.h"
#include "phi/found_spans.h"

namespace ward::phi {
namespace {

// A place found with less ("Aetna", a US place name alone: 0.5) anchors no address part.
constexpr double kSurePlace = 0.7;

bool digit(char c) { return c >= '0' && c <= '9'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }

std::size_t digits_at(std::string_view text, std::size_t at) {
  std::size_t n = 0;
  while (at + n < text.size() && digit(text[at + n])) ++n;
  return n;
}

// Length of a postal code starting at `at` (0 if none), and whether it is a short or year-like
// number that needs the end of a line to count.
std::size_t postal_code_at(std::string_view text, std::size_t at, bool& needs_line_end) {
  needs_line_end = false;
  auto is = [&](std::size_t i, auto pred) { return at + i < text.size() && pred(text[at + i]); };
  if (is(0, upper) && is(1, digit) && is(2, upper) && is(3, [](char c) { return c == ' '; }) && is(4, digit) && is(5, upper) &&
      is(6, digit))
    return 7;  // Canada: B0J 2H0
  const std::size_t d = digits_at(text, at);
  const char sep = at + d < text.size() ? text[at + d] : '\0';
  const std::size_t tail = at + d + 1 < text.size() ? digits_at(text, at + d + 1) : 0;
  if (d == 3 && sep == ' ' && tail == 2) return 6;                     // Sweden, Czechia: 753 10
  if ((d == 4 || d == 2) && sep == '-' && tail == 3) return d + 4;     // Portugal 3000-123, Poland 00-950
  if (d < 3 || d > 6) return 0;
  if (d == 3) needs_line_end = true;
  if (d == 4) {
    const int n = (text[at] - '0') * 1000 + (text[at + 1] - '0') * 100 + (text[at + 2] - '0') * 10 + (text[at + 3] - '0');
    needs_line_end = n >= 1900 && n <= 2099;
  }
  return d;
}

// Whether the code ending at `end` stands alone: no letter, digit, or "-7", ".5", "/", ":" after it.
bool code_ends(std::string_view text, std::size_t end) {
  if (end >= text.size()) return true;
  const char c = text[end];
  if (is_word_byte(c) || c == '/' || c == ':' || c == '%') return false;
  if ((c == '-' || c == '.' || c == ',') && end + 1 < text.size() && digit(text[end + 1])) return false;
  return true;
}

// "5000 mg", "250 ml": a measurement, not a postal code.
bool unit_after(std::string_view text, std::size_t end) {
  const std::string_view next = next_word(text, end);
  for (std::string_view unit : {"mg", "mcg", "g", "kg", "ml", "l", "mmol", "mmhg", "iu", "units", "km", "mi", "m", "cm", "mm", "kcal"})
    if (equals_folded(next, unit)) return true;
  return false;
}

bool at_line_end(std::string_view text, std::size_t end) {
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t' || text[end] == '\r')) ++end;
  return end == text.size() || text[end] == '\n';
}

// The postal code after a place ending at `pos`: [begin, end), or begin == end if none.
std::pair<std::size_t, std::size_t> postal_code_after(std::string_view text, std::size_t pos) {
  std::size_t p = pos, lines = 0;
  auto skip_space = [&] {
    while (p < text.size() && is_one_of(text[p], " \t\r,\n")) {
      if (text[p] == '\n' && ++lines > 2) return;
      if (text[p] == ',' && (p != pos || p + 1 >= text.size() || text[p + 1] != ' ')) return;  // only ", " right after
      ++p;
    }
  };
  skip_space();
  if (p == pos || lines > 2) return {0, 0};
  // A region code before it: "Aalborg NO 9100", "Mill Village\n NS\n B0J 2H0".
  if (p + 2 < text.size() && upper(text[p]) && upper(text[p + 1]) && (text[p + 2] == ' ' || text[p + 2] == '\n')) {
    p += 2;
    skip_space();
    if (lines > 2) return {0, 0};
  }
  bool needs_line_end = false;
  const std::size_t n = postal_code_at(text, p, needs_line_end);
  if (n == 0 || !code_ends(text, p + n) || unit_after(text, p + n)) return {0, 0};
  if ((needs_line_end || lines > 0) && !at_line_end(text, p + n)) return {0, 0};
  return {p, p + n};
}

// Start of a house number of 1-6 digits ending one space before `pos`, or `pos` if none.
std::size_t house_number_before(std::string_view text, std::size_t pos) {
  if (pos < 2 || text[pos - 1] != ' ' || !digit(text[pos - 2]) || digit(text[pos])) return pos;
  std::size_t b = pos - 1;
  while (b > 0 && digit(text[b - 1]) && pos - 1 - b < 6) --b;
  if (b > 0 && (is_word_byte(text[b - 1]) || text[b - 1] == '-' || text[b - 1] == '.' || text[b - 1] == '/')) return pos;
  bool year_like = false;
  postal_code_at(text, b, year_like);  // "a 1972 Canadian film": a year, not a house number
  return year_like && pos - 1 - b == 4 ? pos : b;
}

// The postal code that ends the last line of an address block ("Sisimiut\n Greenlander 26364",
// "FAUSKE nan 8200"): a line ending in a code, with no digit or label (":") before it, within three
// lines after a line with a place or street found. Appends it when nothing found covers it.
void add_block_postal_codes(std::string_view text, std::vector<Finding>& findings) {
  const FoundSpans places(findings, [](const Finding& f) { return f.type == PhiType::geography && f.confidence >= kSurePlace; });
  const FoundSpans found(findings);
  std::size_t since_place = 4;  // lines since one with a place found
  for (std::size_t b = 0; b < text.size();) {
    const std::size_t e = std::min(text.find('\n', b), text.size());
    std::string_view line = text.substr(b, e - b);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '.')) line.remove_suffix(1);
    const auto last_word = [&](std::size_t end) {
      std::size_t w = end;
      while (w > 0 && line[w - 1] != ' ') --w;
      return w;
    };
    std::size_t s = last_word(line.size());
    if (line.size() - s == 2 && s >= 4 && line[s - 1] == ' ' && s - 1 - last_word(s - 1) == 3) s = last_word(s - 1);  // "340 12"
    bool needs_line_end = false;
    const std::size_t n = postal_code_at(text, b + s, needs_line_end);
    // The head of the line is read only for a code that ends it near a place.
    auto plain_head = [&] { return line.substr(0, s).find_first_of("0123456789:") == std::string_view::npos; };
    if (since_place <= 3 && n > 0 && b + s + n == b + line.size() && plain_head()) {
      const std::size_t cb = b + s, ce = cb + n;
      if (!found.overlaps(cb, ce)) findings.push_back(Finding{PhiType::geography, cb, ce, 0.75, "postal code ending an address block"});
    }
    const bool blank = line.find_first_not_of(" \t\r>") == std::string_view::npos;
    if (places.overlaps(b, e)) since_place = 0;
    else if (!blank) ++since_place;
    b = e + 1;
  }
}

}  // namespace

void add_address_parts(std::string_view text, std::vector<Finding>& findings) {
  const std::size_t found = findings.size();
  for (std::size_t i = 0; i < found; ++i) {
    if (findings[i].type != PhiType::geography || findings[i].confidence < kSurePlace) continue;
    findings[i].begin = house_number_before(text, findings[i].begin);
    const auto [begin, end] = postal_code_after(text, findings[i].end);
    if (begin < end) findings.push_back(Finding{PhiType::geography, begin, end, 0.8, "postal code after a place"});
  }
  add_block_postal_codes(text, findings);
}

}  // namespace ward::phi
