// Context words around a candidate (context.h).
#include "phi/context.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace ward::phi {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool matches_at(std::string_view text, std::size_t at, std::string_view word) {
  if (at + word.size() > text.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (lower(text[at + i]) != word[i]) return false;
  const bool start_ok = at == 0 || !is_word_byte(text[at - 1]) || !is_word_byte(word.front());
  const bool end_ok = at + word.size() == text.size() || !is_word_byte(text[at + word.size()]) || !is_word_byte(word.back());
  return start_ok && end_ok;
}

bool any_in(std::string_view text, std::size_t from, std::size_t to, std::initializer_list<std::string_view> words) {
  std::array<std::uint64_t, 4> firsts{};  // the words' first bytes: most positions start none of them
  for (std::string_view w : words) firsts[static_cast<unsigned char>(w.front()) >> 6] |= std::uint64_t{1} << (w.front() & 63);
  for (std::size_t at = from; at < to; ++at) {
    // What matches_at would find first, asked once per position: the first byte, and whether a
    // word starting with a letter may start here.
    const char first = lower(text[at]);
    if (((firsts[static_cast<unsigned char>(first) >> 6] >> (first & 63)) & 1) == 0) continue;
    const bool word_starts = at == 0 || !is_word_byte(text[at - 1]);
    for (std::string_view w : words)
      if (w.front() == first && (word_starts || !is_word_byte(first)) && at + w.size() <= to && matches_at(text, at, w))
        return true;
  }
  return false;
}

}  // namespace

std::size_t word_end(std::string_view text, std::size_t begin) {
  std::size_t j = begin;
  while (j < text.size()) {
    if (is_word_byte(text[j])) { ++j; continue; }
    const bool joiner = (text[j] == '-' || text[j] == '\'') && j + 1 < text.size() && is_word_byte(text[j + 1]);
    if (!joiner) break;
    if (text[j] == '\'' && text[j + 1] == 's' && (j + 2 >= text.size() || !is_word_byte(text[j + 2]))) break;  // possessive
    ++j;
  }
  return j;
}

std::vector<TextWord> words_of(std::string_view text) {
  std::vector<TextWord> out;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_word_byte(text[i])) { ++i; continue; }
    const std::size_t j = word_end(text, i);
    out.push_back(TextWord{i, j, text.substr(i, j - i)});
    i = j;
  }
  return out;
}

bool word_before(std::string_view text, std::size_t pos, std::initializer_list<std::string_view> words,
                 std::size_t window) {
  pos = pos > text.size() ? text.size() : pos;
  return any_in(text, pos > window ? pos - window : 0, pos, words);
}

bool word_after(std::string_view text, std::size_t pos, std::initializer_list<std::string_view> words,
                std::size_t window) {
  pos = pos > text.size() ? text.size() : pos;
  return any_in(text, pos, pos + window < text.size() ? pos + window : text.size(), words);
}

bool cue_before(std::string_view text, std::size_t pos, std::initializer_list<std::string_view> cues) {
  std::size_t end = pos > text.size() ? text.size() : pos;
  while (end > 0 && is_one_of(text[end - 1], " \t:,?\"")) --end;
  if (end == 0) return false;
  const char last = lower(text[end - 1]);  // most cues end in another byte: not compared further
  for (std::string_view cue : cues)
    if (cue.size() <= end && cue.back() == last && matches_at(text, end - cue.size(), cue)) return true;
  return false;
}

bool cue_after(std::string_view text, std::size_t pos, std::initializer_list<std::string_view> cues) {
  if (pos + 1 < text.size() && text[pos] == '\'' && text[pos + 1] == 's') pos += 2;
  if (pos < text.size() && text[pos] == ',') ++pos;
  if (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos >= text.size()) return false;
  const char first = lower(text[pos]);  // most cues start with another byte: not compared further
  for (std::string_view cue : cues)
    if (cue.front() == first && matches_at(text, pos, cue)) return true;
  return false;
}

// Vital signs, labs and exam labels (context.h).
constexpr WordList kMeasureLabels{{
    "temp", "pulse", "sat", "sats", "spo2", "wt", "ht", "hb", "hgb", "hct", "plt", "na", "cr", "glu", "alb",
    "bun", "ast", "alt", "inr", "ldl", "hdl", "trop", "lac", "pain", "cl", "co2", "bnp", "crp", "esr", "tsh",
    "ca", "mg", "phos", "lactate", "ferritin", "ck", "ldh", "ptt", "fio2", "peep", "cvp", "uop", "hr", "rr",
    "bp", "gcs", "wbc", "rbc", "bmi", "cn", "map"}};

bool is_measure_label(std::string_view word) { return kMeasureLabels.contains(word); }

bool names_a_measure(std::string_view value) {
  for (std::size_t i = 0; i < value.size();) {
    if (!is_word_byte(value[i]) || std::isdigit(static_cast<unsigned char>(value[i]))) { ++i; continue; }
    std::size_t j = i;
    while (j < value.size() && is_word_byte(value[j])) ++j;
    const std::string_view w = value.substr(i, j - i);
    // Two to four ASCII capitals (and digits): "HR", "GCS", "SPO2"; not "K" of "København K".
    const bool capitals = std::all_of(w.begin(), w.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
    if (capitals && w.size() >= 2 && w.size() <= 4) return true;
    if (is_measure_label(w)) return true;
    i = j;
  }
  return false;
}

std::string_view previous_word(std::string_view text, std::size_t pos) {
  std::size_t end = pos > text.size() ? text.size() : pos;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == ':')) --end;
  std::size_t begin = end;
  while (begin > 0 && (is_word_byte(text[begin - 1]) || text[begin - 1] == '\'' || text[begin - 1] == '.')) --begin;
  while (begin < end && text[begin] == '.') ++begin;
  return text.substr(begin, end - begin);
}

std::string_view next_word(std::string_view text, std::size_t pos) {
  std::size_t begin = pos;
  while (begin < text.size() && (text[begin] == ' ' || text[begin] == '\t' || text[begin] == '"')) ++begin;
  std::size_t end = begin;
  while (end < text.size() && (is_word_byte(text[end]) || text[end] == '\'')) ++end;
  return text.substr(begin, end - begin);
}

}  // namespace ward::phi
