// Reads directory names and address lines into comparable keys (lower-case ASCII words) and
// compares those keys for the self, family and neighbour detectors. Start at parse_address and
// parse_name; everything above them turns arbitrary bytes into words.
#include "privacy/relationships.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdlib>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace ward::privacy {
namespace {

using Words = std::vector<std::string>;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return c >= 'a' && c <= 'z'; }

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

std::string join(std::span<const std::string> words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// ---- Any bytes to lower-case ASCII words ----

// Reads the code point at s[i] and advances i. A byte that does not start valid UTF-8 is read as
// Latin-1 (Windows-1252), which is how older HR exports spell "José".
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const std::size_t len = lead < 0x80   ? 1
                          : lead < 0xC2 ? 0
                          : lead < 0xE0 ? 2
                          : lead < 0xF0 ? 3
                          : lead < 0xF5 ? 4
                                        : 0;
  if (len > 1 && i + len <= s.size()) {
    char32_t c = lead & (0x7Fu >> len);
    bool ok = true;
    for (std::size_t k = 1; k < len && ok; ++k) {
      const auto cont = static_cast<unsigned char>(s[i + k]);
      ok = (cont & 0xC0) == 0x80;
      c = (c << 6) | (cont & 0x3Fu);
    }
    const bool overlong = (len == 3 && c < 0x800) || (len == 4 && c < 0x10000);
    if (ok && !overlong && c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF)) {
      i += len;
      return c;
    }
  }
  ++i;
  return lead;
}

// Base letters of U+00C0..U+00FF and U+0100..U+017F; '*' marks a letter written as two (handled
// in fold_code_point) or a symbol that is dropped (×, ÷).
constexpr std::string_view kLatin1 = "aaaaaa*ceeeeiiiidnooooo*ouuuuy**aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**rrrrrr"
    "ssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatin1.size() == 0x40 && kLatinExtendedA.size() == 0x80);

std::string_view fold_code_point(char32_t c) {
  switch (c) {
    case 0xC6: case 0xE6: return "ae";
    case 0xDE: case 0xFE: return "th";
    case 0xDF: return "ss";
    case 0x132: case 0x133: return "ij";
    case 0x152: case 0x153: return "oe";
    case 0x91: case 0x92: case 0x2BC: case 0x2018: case 0x2019: return "'";  // O’Brien
    case 0x96: case 0x97: case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
      return "-";
    default: break;
  }
  std::string_view letter;
  if (c >= 0xC0 && c < 0x100) letter = kLatin1.substr(c - 0xC0, 1);
  if (c >= 0x100 && c < 0x180) letter = kLatinExtendedA.substr(c - 0x100, 1);
  if (!letter.empty()) return letter == "*" ? "" : letter;
  if (c >= 0x300 && c < 0x370) return "";  // a combining accent: "e\u0301" is "é"
  return " ";                              // other scripts and symbols separate words
}

// Lower-case ASCII with accents removed.
std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = next_code_point(s, i);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += fold_code_point(c);
    }
  }
  return out;
}

// Splits text into comma-separated parts of words. Letters and digits make words; "'" and "."
// vanish ("O'Brien" → "obrien", "St." → "st"); a hyphen joins the words beside it, also across
// spaces ("Smith - Jones" → "smith-jones"); "#" is a word of its own; all else separates words.
std::vector<Words> split_parts(std::string_view text) {
  std::vector<Words> parts(1);
  std::string word;
  auto end_word = [&] {
    while (!word.empty() && word.back() == '-') word.pop_back();
    if (!word.empty()) parts.back().push_back(std::move(word));
    word.clear();
  };
  for (const char c : fold(text)) {
    if (is_letter(c) || is_digit(c)) {
      word += c;
    } else if (c == '-') {
      if (word.empty() && !parts.back().empty() && parts.back().back() != "#") {
        word = std::move(parts.back().back());
        parts.back().pop_back();
      }
      if (!word.empty() && word.back() != '-') word += '-';
    } else if (c == '\'' || c == '.' || (c == ' ' && !word.empty() && word.back() == '-')) {
      // dropped, or a space after a hyphen that keeps the word open
    } else {
      end_word();
      if (c == '#') parts.back().emplace_back("#");
      if ((c == ',' || c == ';' || c == '\n') && !parts.back().empty()) parts.emplace_back();
    }
  }
  end_word();
  if (parts.back().empty()) parts.pop_back();
  return parts;
}

// ---- Addresses ----

struct WordAlias {
  std::string_view alias, canonical;
};

// Spellings of street words, each mapped to the USPS abbreviation.
constexpr auto kStreetAliases = std::to_array<WordAlias>({
    {"street", "st"},     {"str", "st"},       {"saint", "st"},     {"avenue", "ave"},
    {"av", "ave"},        {"aven", "ave"},     {"road", "rd"},      {"drive", "dr"},
    {"drv", "dr"},        {"lane", "ln"},      {"court", "ct"},     {"crt", "ct"},
    {"place", "pl"},      {"boulevard", "blvd"}, {"blv", "blvd"},   {"terrace", "ter"},
    {"terr", "ter"},      {"circle", "cir"},   {"circ", "cir"},     {"parkway", "pkwy"},
    {"pky", "pkwy"},      {"highway", "hwy"},  {"wy", "way"},       {"square", "sq"},
    {"trail", "trl"},     {"alley", "aly"},    {"crescent", "cres"}, {"turnpike", "tpke"},
    {"expressway", "expy"}, {"mount", "mt"},   {"fort", "ft"},      {"north", "n"},
    {"south", "s"},       {"east", "e"},       {"west", "w"},       {"northeast", "ne"},
    {"northwest", "nw"},  {"southeast", "se"}, {"southwest", "sw"},
});
constexpr auto kStreetSuffixes = std::to_array<std::string_view>(
    {"st", "ave", "rd", "dr", "ln", "ct", "pl", "blvd", "ter", "cir", "pkwy", "hwy", "way", "sq",
     "trl", "aly", "cres", "tpke", "expy", "row", "walk", "path", "pike"});
constexpr auto kDirections =
    std::to_array<std::string_view>({"n", "s", "e", "w", "ne", "nw", "se", "sw"});
// "fl" is left out: it is Florida more often than floor.
constexpr auto kUnitWords = std::to_array<std::string_view>(
    {"#", "apt", "apartment", "unit", "suite", "ste", "room", "rm", "floor", "flat", "bldg",
     "building", "lot"});
constexpr auto kStates = std::to_array<std::string_view>(
    {"al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga", "hi", "id", "il", "in",
     "ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh",
     "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut",
     "vt", "va", "wa", "wv", "wi", "wy", "pr", "vi", "gu", "as", "mp", "aa", "ae", "ap"});
constexpr auto kCountries = std::to_array<std::string_view>(
    {"us", "usa", "united states", "united states of america"});

std::string_view street_word(std::string_view word) {
  for (const WordAlias& a : kStreetAliases) {
    if (a.alias == word) return a.canonical;
  }
  return word;
}

std::string city_word(std::string_view word) {
  if (word == "saint") return "st";  // "St. Louis", "Mt. Vernon", "Ft. Myers"
  if (word == "mount") return "mt";
  if (word == "fort") return "ft";
  return std::string(word);
}

bool is_unit_word(std::string_view word) { return is_one_of(word, kUnitWords); }

// 5 digits, ZIP+4 ("01608-1234") or 9 digits.
bool is_postal(std::string_view word) {
  const bool digits5 = word.size() >= 5 && std::all_of(word.begin(), word.begin() + 5, is_digit);
  if (!digits5) return false;
  const std::string_view rest = word.substr(5);
  return rest.empty() || (rest.size() == 4 && std::all_of(rest.begin(), rest.end(), is_digit)) ||
         (rest.size() == 5 && rest[0] == '-' && std::all_of(rest.begin() + 1, rest.end(), is_digit));
}

struct House {
  std::string text;  // "12", "12a"
  int number = -1;
};

// "12" → 12; "12A" and "12-a" → "12a"; "12-14" → 12 (a range is read as its first number).
// "12th" is a street name, not a house, and so is any number of more than six digits.
std::optional<House> read_house(std::string_view word) {
  std::size_t digits = 0;
  while (digits < word.size() && is_digit(word[digits])) ++digits;
  if (digits == 0 || digits > 6) return std::nullopt;
  std::string_view rest = word.substr(digits);
  if (rest.size() >= 2 && rest[0] == '-' && is_digit(rest[1])) rest = {};
  if (!rest.empty() && rest[0] == '-') rest.remove_prefix(1);
  if (rest.size() > 2 || !std::all_of(rest.begin(), rest.end(), is_letter)) return std::nullopt;
  if (rest == "st" || rest == "nd" || rest == "rd" || rest == "th") return std::nullopt;
  std::string_view number = word.substr(0, digits);
  while (number.size() > 1 && number[0] == '0') number.remove_prefix(1);
  House house;
  house.text = std::string(number) + std::string(rest);
  std::from_chars(number.data(), number.data() + number.size(), house.number);
  return house;
}

// "4-B" → "4b", "04" → "4".
std::string unit_id(std::string_view word) {
  std::string id;
  for (const char c : word) {
    if (c != '-') id += c;
  }
  const std::size_t zeros = std::min(id.find_first_not_of('0'), id.size() - 1);
  return id.substr(zeros);
}

// Reads unit designators and their ids from words[i] on ("apt 4", "# 4", "bldg c apt 4" →
// "c 4"), appending to `unit`. Returns the index after them.
std::size_t read_unit(const Words& words, std::size_t i, std::string& unit) {
  while (i < words.size() && is_unit_word(words[i])) {
    ++i;
    while (i < words.size() && words[i] == "#") ++i;  // "Apt #4"
    if (i < words.size() && !is_unit_word(words[i])) {
      if (!unit.empty()) unit += ' ';
      unit += unit_id(words[i++]);
    }
  }
  return i;
}

// Moves unit designators and their ids out of `words` into `unit`; returns the other words.
Words take_units(const Words& words, std::string& unit) {
  Words rest;
  for (std::size_t i = 0; i < words.size();) {
    if (is_unit_word(words[i])) {
      i = read_unit(words, i, unit);
    } else {
      rest.push_back(words[i++]);
    }
  }
  return rest;
}

// The street is the first part that starts with a house number ("Apt 4, 12 Elm St, …"), or else
// the first part that is not a unit. Returns parts.size() when there is none.
std::size_t find_street_part(const std::vector<Words>& parts) {
  for (std::size_t p = 0; p < parts.size(); ++p) {
    if (parts[p].size() >= 2 && read_house(parts[p][0])) return p;
  }
  for (std::size_t p = 0; p < parts.size(); ++p) {
    if (!is_unit_word(parts[p][0])) return p;
  }
  return parts.size();
}

// Reads house, street words and unit from the street part. The street ends after its suffix
// (and a direction: "Main St N"); words after it (a city written without a comma) go to `tail`.
Words read_street(const Words& words, PostalAddress& out, Words& tail) {
  std::size_t i = 0;
  if (std::optional<House> house = read_house(words[0])) {
    out.house = std::move(house->text);
    out.house_number = house->number;
    i = 1;
  }
  enum class Phase { name, after_suffix, tail } phase = Phase::name;
  Words street;
  while (i < words.size()) {
    if (is_unit_word(words[i])) {
      i = read_unit(words, i, out.unit);
      if (!street.empty()) phase = Phase::tail;
      continue;
    }
    const std::string_view word = street_word(words[i]);
    if (phase == Phase::name) {
      street.emplace_back(word);
      if (street.size() >= 2 && is_one_of(word, kStreetSuffixes)) phase = Phase::after_suffix;
    } else if (phase == Phase::after_suffix && is_one_of(word, kDirections)) {
      street.emplace_back(word);
      phase = Phase::tail;
    } else {
      tail.push_back(words[i]);
      phase = Phase::tail;
    }
    ++i;
  }
  return street;
}

// Reads country, ZIP and state right to left from the parts after the street; places[0] holds
// the words that followed the street without a comma. The city is the first later part left
// ("Haverhill" in "Haverhill, Essex, MA"); places[0] is the city only when no later part is,
// otherwise its words belong to the street ("12 Main St Ext, Worcester") and are returned.
Words read_place(std::vector<Words>& places, PostalAddress& out) {
  auto last = [&]() -> Words* {
    for (auto it = places.rbegin(); it != places.rend(); ++it) {
      if (!it->empty()) return &*it;
    }
    return nullptr;
  };
  if (Words* w = last(); w && is_one_of(join(*w), kCountries)) {
    w->clear();
  } else if (w && w->size() >= 2 && (w->back() == "us" || w->back() == "usa")) {
    const std::string& before = (*w)[w->size() - 2];
    if (is_postal(before) || is_one_of(before, kStates)) w->pop_back();
  }
  if (Words* w = last(); w && is_postal(w->back())) {
    out.postal = w->back().substr(0, 5);
    w->pop_back();
  }
  if (Words* w = last(); w && is_one_of(w->back(), kStates)) w->pop_back();
  auto city = std::find_if(places.begin() + 1, places.end(), [](const Words& w) { return !w.empty(); });
  Words street_rest;
  if (city == places.end()) {
    city = places.begin();
  } else {
    street_rest = std::move(places[0]);
  }
  for (const std::string& word : *city) {
    if (!out.city.empty()) out.city += ' ';
    out.city += city_word(word);
  }
  return street_rest;
}

// ---- Names ----

constexpr auto kTitles = std::to_array<std::string_view>(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame"});
// "do" and "v" are left out: they are also a surname and an initial.
constexpr auto kNameSuffixes = std::to_array<std::string_view>(
    {"jr", "sr", "ii", "iii", "iv", "2nd", "3rd", "md", "phd", "rn", "np", "dds", "dmd", "esq"});
// Words that belong to the family name they precede ("van der Berg", "de la Cruz").
constexpr auto kParticles = std::to_array<std::string_view>(
    {"van", "von", "der", "den", "de", "del", "della", "da", "das", "dos", "du", "di", "la", "le",
     "ter", "ten", "bin", "ibn", "al", "el", "st", "saint"});

// Drops "#", leading titles and trailing suffixes ("Dr. John Smith Jr." → john smith).
void trim_name_part(Words& part) {
  std::erase(part, "#");
  auto first = std::find_if(part.begin(), part.end(),
                            [](const std::string& w) { return !is_one_of(w, kTitles); });
  part.erase(part.begin(), first);
  while (!part.empty() && is_one_of(part.back(), kNameSuffixes)) part.pop_back();
}

// Where the family name starts in "Given [Middle] [particles] Family".
std::size_t family_start(const Words& words) {
  std::size_t start = words.size() - 1;
  while (start > 1 && is_one_of(words[start - 1], kParticles)) --start;
  return start;
}

// "smith-jones" → {smith, jones}; "van der berg" → {van der berg}.
std::vector<std::string> family_parts(std::string_view family) {
  std::vector<std::string> parts;
  std::string current;
  std::size_t i = 0;
  while (i < family.size()) {
    const std::size_t stop = std::min(family.find_first_of(" -", i), family.size());
    const std::string_view word = family.substr(i, stop - i);
    i = stop + 1;
    if (word.empty()) continue;
    if (!current.empty()) current += ' ';
    current += word;
    if (!is_one_of(word, kParticles)) {
      parts.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) parts.push_back(std::move(current));
  return parts;
}

bool contains_all(const std::vector<std::string>& big, const std::vector<std::string>& small) {
  return std::all_of(small.begin(), small.end(), [&](const std::string& part) {
    return std::find(big.begin(), big.end(), part) != big.end();
  });
}

// YYYY-MM-DD, as the directory writes birth dates; anything else cannot prove identity.
bool is_birth_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(d[i])) return false;
  }
  return true;
}

// Same town: the cities when both have one, else the ZIP codes when both have one.
bool same_place(const PostalAddress& a, const PostalAddress& b) {
  if (!a.city.empty() && !b.city.empty()) return a.city == b.city;
  if (!a.postal.empty() && !b.postal.empty()) return a.postal == b.postal;
  return false;
}

bool same_street(const PostalAddress& a, const PostalAddress& b) {
  return !a.street.empty() && a.street == b.street && same_place(a, b);
}

bool same_house(const PostalAddress& a, const PostalAddress& b) {
  return !a.house.empty() && a.house == b.house && same_street(a, b);
}

}  // namespace

PostalAddress parse_address(std::string_view line) {
  std::vector<Words> parts = split_parts(line);
  const std::size_t street_at = find_street_part(parts);
  if (street_at == parts.size()) return {};
  PostalAddress out;
  std::vector<Words> places(1);
  Words street = read_street(parts[street_at], out, places[0]);
  for (std::size_t p = 0; p < parts.size(); ++p) {
    if (p == street_at) continue;
    Words rest = take_units(parts[p], out.unit);  // "Apt 4, 12 Elm St", "12 Elm St, Unit 4"
    if (p > street_at && !rest.empty()) places.push_back(std::move(rest));
  }
  for (std::string& word : read_place(places, out)) street.push_back(std::move(word));
  out.street = join(street);
  return out;
}

bool same_household(const PostalAddress& a, const PostalAddress& b) {
  return same_house(a, b) && a.unit == b.unit;
}

bool same_building(const PostalAddress& a, const PostalAddress& b) {
  return same_house(a, b) && a.unit != b.unit;
}

std::optional<int> house_distance(const PostalAddress& a, const PostalAddress& b) {
  if (a.house_number < 0 || b.house_number < 0 || !same_street(a, b)) return std::nullopt;
  return std::abs(a.house_number - b.house_number);
}

PersonName parse_name(std::string_view display) {
  std::vector<Words> parts = split_parts(display);
  for (Words& part : parts) trim_name_part(part);
  std::erase_if(parts, [](const Words& part) { return part.empty(); });
  PersonName out;
  if (parts.empty()) return out;
  if (parts.size() >= 2) {  // "Family, Given Middle"
    out.family = join(parts[0]);
    out.given = parts[1][0];
    return out;
  }
  const Words& words = parts[0];
  if (words.size() == 1) {  // "Madonna": a family name with no given name
    out.family = words[0];
    return out;
  }
  out.given = words[0];
  out.family = join(std::span<const std::string>(words).subspan(family_start(words)));
  return out;
}

bool same_person(const PersonName& a, std::string_view birth_a, const PersonName& b,
                 std::string_view birth_b) {
  return is_birth_date(birth_a) && birth_a == birth_b && !a.family.empty() &&
         a.family == b.family && !a.given.empty() && a.given == b.given;
}

bool shares_family_name(const PersonName& a, const PersonName& b) {
  if (a.family.empty() || b.family.empty()) return false;
  if (a.family == b.family) return true;
  const std::vector<std::string> pa = family_parts(a.family), pb = family_parts(b.family);
  if (pa.empty() || pb.empty()) return false;
  return contains_all(pa, pb) || contains_all(pb, pa);
}

}  // namespace ward::privacy
