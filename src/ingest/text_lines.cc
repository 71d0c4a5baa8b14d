#include "ingest/text_lines.h"

#include <simdjson.h>

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

bool is_valid_utf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace ward::ingest
