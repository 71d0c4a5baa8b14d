// Line-at-a-time reading for the text log formats (Zeek, squid, DNS query logs, syslog files):
// each line as a view into the input with its 1-based number and byte offset, "\n" or "\r\n"
// ended, a leading UTF-8 BOM skipped. Start with TextLines::next().
#pragma once

#include <cstdint>
#include <string_view>

#include "ingest/parse_context.h"

namespace ward::ingest {

struct TextLine {
  std::string_view text;    // without the line end
  std::uint64_t number = 0;  // 1-based
  std::uint64_t offset = 0;  // of the line's first byte in the input
};

// `input` must outlive the reader and the lines it yields. Not thread-safe.
class TextLines {
 public:
  explicit TextLines(std::string_view input);
  // The next line, blank ones included; false at the end of the input.
  bool next(TextLine& line);

 private:
  std::string_view input_;
  std::size_t pos_ = 0;
  std::uint64_t number_ = 0;
};

// Gives each line of `data` to `reader.read(const TextLine&)`, handing full batches to the
// context's sink between lines, and flushes at the end: the loop of every line-based parser.
template <class LineReader>
Result<void> read_lines(std::string_view data, ParseContext& ctx, LineReader& reader) {
  TextLines lines(data);
  TextLine line;
  while (lines.next(line)) {
    reader.read(line);
    if (auto flushed = ctx.maybe_flush(); !flushed) return flushed;
  }
  return ctx.flush();
}

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF; simdjson's validator). Text that is not is rejected by the log parsers: it could not
// be shown or exported.
bool is_valid_utf8(std::string_view s);

// `s` without leading and trailing spaces and tabs.
std::string_view trim_spaces(std::string_view s);

}  // namespace ward::ingest
