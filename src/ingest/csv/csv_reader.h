// RFC 4180 CSV read row by row over bytes already in memory, for the access-log and roster
// parsers. Fields are views into the input (quoted ones too); only a field holding "" escapes
// or text after its closing quote is copied, into a buffer the reader reuses. Start at next().
// Not thread-safe; one reader per input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::ingest {

struct CsvOptions {
  char delimiter = ',';                          // ',', ';', '\t' or '|'
  std::size_t max_row_bytes = 16 * 1024 * 1024;  // a longer row is reported and skipped
};

// One row. Views stay valid until the next call to CsvReader::next().
struct CsvRow {
  std::span<const std::string_view> fields;
  std::string_view raw;      // the row's bytes as in the input, without its line end
  std::uint64_t line = 0;    // 1-based line on which the row starts
  std::uint64_t offset = 0;  // byte offset of the row's first byte in the input
};

class CsvReader {
 public:
  // `input` must outlive the reader and the rows it yields. A leading UTF-8 BOM is skipped;
  // offsets still count from the first byte of `input`.
  explicit CsvReader(std::string_view input, CsvOptions options = {});

  // Reads the next row into `row`: true when there is one, false at the end of the input.
  // Blank lines are skipped. Lines end in \n or \r\n; quoted fields may hold both.
  // Errors (row.raw, line and offset are set for the quarantine):
  //  - too_large: the row is longer than max_row_bytes; reading goes on with the next row;
  //  - invalid_input: a quote is never closed; the rest of the input was that row, so the next
  //    call returns false.
  Result<bool> next(CsvRow& row);

 private:
  struct Span {
    std::size_t begin;  // in input_, or in buffer_ when buffered
    std::size_t size;
    bool buffered;
  };
  bool read_quoted(const char*& p);

  std::string_view input_;
  CsvOptions options_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
  std::vector<Span> spans_;
  std::vector<std::string_view> fields_;
  std::string buffer_;  // unescaped quoted fields of the current row
};

// The delimiter a header line most likely uses: the most frequent of , ; \t | outside quotes
// on the first line of `head`; ',' when none occurs.
char sniff_delimiter(std::string_view head);

// `s` without leading and trailing spaces and tabs (exports often pad values).
std::string_view trim_blanks(std::string_view s);

}  // namespace ward::ingest
