#include "ingest/text_lines.h"

namespace ward::ingest {

TextLines::TextLines(std::string_view input) : input_(input) {
  if (input_.starts_with("\xef\xbb\xbf")) pos_ = 3;
}

bool TextLines::next(TextLine& line) {
  if (pos_ >= input_.size()) return false;
  std::size_t end = input_.find('\n', pos_);
  if (end == std::string_view::npos) end = input_.size();
  std::string_view text = input_.substr(pos_, end - pos_);
  if (text.ends_with('\r')) text.remove_suffix(1);
  line.text = text;
  line.number = ++number_;
  line.offset = pos_;
  pos_ = end + 1;
  return true;
}

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    int n = 0;
    std::uint32_t cp = 0;
    if ((*p & 0xE0) == 0xC0) {
      n = 1;
      cp = *p & 0x1F;
    } else if ((*p & 0xF0) == 0xE0) {
      n = 2;
      cp = *p & 0x0F;
    } else if ((*p & 0xF8) == 0xF0) {
      n = 3;
      cp = *p & 0x07;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace ward::ingest
