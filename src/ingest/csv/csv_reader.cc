#include "ingest/csv/csv_reader.h"

#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>

namespace ward::ingest {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::uint64_t count_newlines(const char* from, const char* to) {
  return static_cast<std::uint64_t>(std::count(from, to, '\n'));
}

}  // namespace

CsvReader::CsvReader(std::string_view input, CsvOptions options)
    : input_(input), options_(options) {
  if (input_.starts_with(kUtf8Bom)) pos_ = kUtf8Bom.size();
}

// Reads the quoted field whose opening quote is at p; leaves p on the delimiter, line end or
// end of input that follows it. False when the closing quote is missing.
bool CsvReader::read_quoted(const char*& p) {
  const char* const base = input_.data();
  const char* const end = base + input_.size();
  const char delim = options_.delimiter;
  const char* seg = p + 1;  // content not yet copied to buffer_
  bool buffered = false;
  std::size_t buf_begin = 0;
  for (;;) {
    const auto* q = static_cast<const char*>(std::memchr(seg, '"', static_cast<std::size_t>(end - seg)));
    if (q == nullptr) return false;
    if (q + 1 < end && q[1] == '"') {  // "" stands for one quote
      if (!buffered) { buffered = true; buf_begin = buffer_.size(); }
      buffer_.append(seg, q + 1);
      seg = q + 2;
      continue;
    }
    // q closes the field. Like Python's csv, text between it and the delimiter is kept.
    const char* after = q + 1;
    const char* stop = after;
    while (stop < end && *stop != delim && *stop != '\n') ++stop;
    p = stop;
    const char* tail_end = stop;
    if (tail_end > after && tail_end[-1] == '\r' && (stop == end || *stop == '\n')) --tail_end;
    if (tail_end > after && !buffered) { buffered = true; buf_begin = buffer_.size(); }
    if (buffered) {
      buffer_.append(seg, q);
      buffer_.append(after, tail_end);
      spans_.push_back({buf_begin, buffer_.size() - buf_begin, true});
    } else {
      spans_.push_back({static_cast<std::size_t>(seg - base), static_cast<std::size_t>(q - seg), false});
    }
    return true;
  }
}

Result<bool> CsvReader::next(CsvRow& row) {
  const char* const base = input_.data();
  const char* const end = base + input_.size();
  const char delim = options_.delimiter;
  const char* p = base + pos_;
  // Blank lines carry no row.
  for (;;) {
    if (p < end && *p == '\n') { ++p; ++line_; continue; }
    if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') { p += 2; ++line_; continue; }
    break;
  }
  pos_ = static_cast<std::size_t>(p - base);
  if (p >= end) return false;

  spans_.clear();
  fields_.clear();
  buffer_.clear();
  const char* const row_start = p;
  row.fields = {};
  row.line = line_;
  row.offset = pos_;
  bool quoted = false;
  for (;;) {
    if (p < end && *p == '"') {
      quoted = true;
      const char* quote = p;
      if (!read_quoted(p)) {
        row.raw = std::string_view(row_start, static_cast<std::size_t>(end - row_start));
        const std::uint64_t quote_line = line_ + count_newlines(row_start, quote);
        line_ += count_newlines(row_start, end);
        pos_ = input_.size();
        return Unexpected(Error{
            ErrorCode::invalid_input,
            fmt::format("unterminated quoted field: the quote opened on line {} is never closed",
                        quote_line),
            {}, row.line, row.offset, fmt::format("column {}", spans_.size() + 1)});
      }
    } else {
      const char* start = p;
      while (p < end && *p != delim && *p != '\n') ++p;
      const char* stop = p;
      if (stop > start && stop[-1] == '\r' && (p == end || *p == '\n')) --stop;
      spans_.push_back({static_cast<std::size_t>(start - base), static_cast<std::size_t>(stop - start), false});
    }
    if (p < end && *p == delim) { ++p; continue; }
    break;  // at the line end or the end of the input
  }
  const char* content_end = p;
  if (content_end > row_start && content_end[-1] == '\r') --content_end;
  if (p < end) ++p;  // the '\n'
  line_ += quoted ? count_newlines(row_start, p) : (p[-1] == '\n' ? 1 : 0);
  pos_ = static_cast<std::size_t>(p - base);
  row.raw = std::string_view(row_start, static_cast<std::size_t>(content_end - row_start));

  if (row.raw.size() > options_.max_row_bytes) {
    return Unexpected(Error{ErrorCode::too_large,
                            fmt::format("row is {} bytes, over the limit of {} bytes",
                                        row.raw.size(), options_.max_row_bytes),
                            {}, row.line, row.offset, "row"});
  }
  fields_.reserve(spans_.size());
  for (const Span& s : spans_) {
    fields_.push_back(s.buffered ? std::string_view(buffer_).substr(s.begin, s.size)
                                 : input_.substr(s.begin, s.size));
  }
  row.fields = fields_;
  return true;
}

char sniff_delimiter(std::string_view head) {
  if (head.starts_with(kUtf8Bom)) head.remove_prefix(kUtf8Bom.size());
  constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
  std::array<std::size_t, 4> counts{};
  bool in_quotes = false;
  for (char c : head) {
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (c == '\n') break;
    for (std::size_t i = 0; i < kCandidates.size(); ++i)
      if (c == kCandidates[i]) ++counts[i];
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < kCandidates.size(); ++i)
    if (counts[i] > counts[best]) best = i;
  return kCandidates[best];
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace ward::ingest
