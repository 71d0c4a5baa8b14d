// Surrogate names, shapes and example addresses (surrogates.h).
#include "deid/surrogates.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "phi/dictionaries.h"
#include "phi/embedded_dictionaries.h"

namespace ward::deid {
namespace {

// The list's entries that are neither eponyms nor common words, made once (immutable after).
std::vector<std::string_view> usable_words(std::string_view lines) {
  const phi::Dictionaries& d = phi::Dictionaries::embedded();
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < lines.size()) {
    std::size_t end = lines.find('\n', at);
    if (end == std::string_view::npos) end = lines.size();
    std::string_view w = lines.substr(at, end - at);
    if (!w.empty() && w.back() == '\r') w.remove_suffix(1);
    at = end + 1;
    if (w.size() < 3 || d.words.lookup(w).any(phi::WordKinds::kEponym | phi::WordKinds::kCommonWord)) continue;
    if (w.find(' ') != std::string_view::npos) continue;
    out.push_back(w);
  }
  return out;
}

const std::vector<std::string_view>& words_for(NameRole role) {
  static const std::vector<std::string_view> given = usable_words(phi::embedded::k_given_names);
  static const std::vector<std::string_view> family = usable_words(phi::embedded::k_surnames);
  static const std::vector<std::string_view> places = usable_words(phi::embedded::k_places);
  switch (role) {
    case NameRole::given: return given;
    case NameRole::family: return family;
    case NameRole::place: return places;
  }
  return family;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::uint64_t NumberStream::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::string surrogate_word(NameRole role, std::uint64_t number, std::string_view like) {
  const auto& words = words_for(role);
  std::size_t pick = NumberStream(number).next() % words.size();
  if (ascii_lower(words[pick]) == ascii_lower(like)) pick = (pick + 1) % words.size();  // never the name itself
  std::string w(words[pick]);
  const bool all_upper = like.size() > 1 && std::all_of(like.begin(), like.end(), [](char c) { return !is_lower(c); });
  const bool all_lower = !like.empty() && std::all_of(like.begin(), like.end(), [](char c) { return !is_upper(c); });
  for (std::size_t i = 0; i < w.size(); ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    if (all_upper) w[i] = static_cast<char>(std::toupper(c));
    else if (all_lower) w[i] = static_cast<char>(std::tolower(c));
  }
  return w;
}

std::string surrogate_shape(phi::PhiType type, std::string_view value, std::uint64_t number) {
  NumberStream stream(number);
  std::string out(value);
  bool first_digit = true;
  for (char& c : out) {
    if (is_digit(c)) {
      c = static_cast<char>('0' + stream.next() % 10);
      if (first_digit && type == phi::PhiType::ssn) c = '9';
      first_digit = false;
    } else if (is_upper(c)) {
      c = static_cast<char>('A' + stream.next() % 26);
    } else if (is_lower(c)) {
      c = static_cast<char>('a' + stream.next() % 26);
    }
  }
  return out;
}

std::string surrogate_email(std::uint64_t number) {
  std::string user = surrogate_word(NameRole::family, number, "x");
  return fmt::format("{}{}@example.org", user, NumberStream(number ^ 0x5bd1e995ull).next() % 100);
}

std::string surrogate_url(std::uint64_t number) {
  return fmt::format("https://example.org/{:08x}", static_cast<std::uint32_t>(NumberStream(number).next()));
}

std::string surrogate_ip(std::string_view value, std::uint64_t number) {
  const std::uint64_t n = NumberStream(number).next();
  if (value.find(':') != std::string_view::npos) return fmt::format("2001:db8::{:x}", static_cast<std::uint16_t>(n));
  return fmt::format("192.0.2.{}", 1 + n % 254);
}

}  // namespace ward::deid
