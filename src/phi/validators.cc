// Validators for identifier candidates (validators.h).
#include "phi/validators.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace ward::phi {
namespace {

std::string digits_of(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

bool luhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

}  // namespace

bool valid_ssn(std::string_view text) {
  for (char c : text)
    if (!(c >= '0' && c <= '9') && c != '-' && c != ' ') return false;
  const std::string d = digits_of(text);
  if (d.size() != 9) return false;
  const std::string_view area(d.data(), 3), group(d.data() + 3, 2), serial(d.data() + 5, 4);
  if (area == "000" || area == "666" || area[0] == '9') return false;
  if (group == "00" || serial == "0000") return false;
  return d != "078051120" && d != "219099999";
}

bool valid_luhn(std::string_view text) {
  const std::string d = digits_of(text);
  return d.size() >= 12 && d.size() <= 19 && luhn(d);
}

bool valid_npi(std::string_view text) {
  const std::string d = digits_of(text);
  if (d.size() != 10 || (d[0] != '1' && d[0] != '2')) return false;
  return luhn("80840" + d);
}

bool valid_dea(std::string_view text) {
  if (text.size() != 9 || !std::isalpha(static_cast<unsigned char>(text[0])) ||
      !std::isalpha(static_cast<unsigned char>(text[1])))
    return false;
  std::array<int, 7> d{};
  for (int i = 0; i < 7; ++i) {
    const char c = text[static_cast<std::size_t>(i) + 2];
    if (c < '0' || c > '9') return false;
    d[static_cast<std::size_t>(i)] = c - '0';
  }
  const int sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
  return sum % 10 == d[6];
}

bool valid_iban(std::string_view text) {
  std::string s;
  for (char c : text)
    if (c != ' ') s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (s.size() < 15 || s.size() > 34) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0])) || !std::isalpha(static_cast<unsigned char>(s[1])) ||
      !std::isdigit(static_cast<unsigned char>(s[2])) || !std::isdigit(static_cast<unsigned char>(s[3])))
    return false;
  const std::string moved = s.substr(4) + s.substr(0, 4);
  int rem = 0;
  for (char c : moved) {
    if (std::isdigit(static_cast<unsigned char>(c))) rem = (rem * 10 + (c - '0')) % 97;
    else if (c >= 'A' && c <= 'Z') rem = (rem * 100 + (c - 'A' + 10)) % 97;
    else return false;
  }
  return rem == 1;
}

bool valid_vin(std::string_view text) {
  if (text.size() != 17) return false;
  static constexpr std::array<int, 17> kWeights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
  // Transliteration of A..Z (I, O, Q are not allowed).
  static constexpr std::string_view kLetters = "12345678-12345-7-923456789";
  int sum = 0;
  bool has_digit = false, has_letter = false;
  for (std::size_t i = 0; i < 17; ++i) {
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    int v = 0;
    if (c >= '0' && c <= '9') { v = c - '0'; has_digit = true; }
    else if (c >= 'A' && c <= 'Z') {
      if (kLetters[static_cast<std::size_t>(c - 'A')] == '-') return false;
      v = kLetters[static_cast<std::size_t>(c - 'A')] - '0';
      has_letter = true;
    } else return false;
    sum += v * kWeights[i];
  }
  const int check = sum % 11;
  const char expected = check == 10 ? 'X' : static_cast<char>('0' + check);
  return has_digit && has_letter && std::toupper(static_cast<unsigned char>(text[8])) == expected;
}

bool valid_date(int year, int month, int day) {
  if (year < 1800 || year > 2199 || month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
  return day <= days;
}

bool valid_ip(std::string_view text) {
  if (text.size() > 45) return false;
  const std::string s(text);
  unsigned char buffer[16];
  if (s.find(':') != std::string::npos) return inet_pton(AF_INET6, s.c_str(), buffer) == 1;
  // inet_pton rejects leading zeros on some systems and accepts them on others: check by hand.
  int parts = 0, value = -1, digits = 0;
  for (char c : s + '.') {
    if (c == '.') {
      if (value < 0 || value > 255 || digits > 3) return false;
      ++parts; value = -1; digits = 0;
    } else if (c >= '0' && c <= '9') {
      if (++digits > 3) return false;
      value = (value < 0 ? 0 : value) * 10 + (c - '0');
    } else {
      return false;
    }
  }
  return parts == 4;
}

bool is_state_code(std::string_view text) {
  static constexpr std::array<std::string_view, 56> kCodes = {
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
      "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
      "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
      "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP"};
  return std::find(kCodes.begin(), kCodes.end(), text) != kCodes.end();
}

bool valid_zip(std::string_view text) {
  if (text.size() != 5 && text.size() != 10) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 5) { if (text[i] != '-') return false; continue; }
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return text.substr(0, 5) != "00000";
}

}  // namespace ward::phi
