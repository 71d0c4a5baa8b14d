// Splits a buffer (a whole .hl7 file or bytes received over MLLP) into HL7 v2 messages, with the
// line and byte offset where each starts, without copying. Start with Hl7v2Splitter::next().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ward::ingest {

// One message, or one run of lines that is not a message (is_message false).
struct Hl7v2Chunk {
  std::string_view text;   // first byte of the first segment to the end of the last one
  std::uint64_t line = 0;  // 1-based line of the first segment (\r, \n and \r\n end a line)
  std::uint64_t offset = 0;  // byte offset of text in the buffer
  bool is_message = false;   // text starts with "MSH"
};

// Messages start at a line beginning with "MSH" and run to the next such line, an MLLP block
// boundary (0x0B starts a block, 0x1C ends one), a blank line followed by text that is not a
// segment, or the end of the buffer. Blank lines between segments stay in the message; a UTF-8
// byte-order mark and MLLP framing bytes at line edges are skipped. Lines outside any message
// (before the first MSH, after a block start without MSH, or not-a-segment text after a blank
// line) come back as one chunk per run with is_message false. The buffer must outlive the
// splitter and its chunks. Not thread-safe.
class Hl7v2Splitter {
 public:
  explicit Hl7v2Splitter(std::string_view data) : data_(data) {}

  // Fills `chunk` with the next message or non-message run; false at the end of the buffer.
  bool next(Hl7v2Chunk& chunk);

 private:
  // One line with framing bytes and the byte-order mark trimmed off its edges.
  struct Line {
    std::string_view text;
    std::uint64_t number = 0;
    std::size_t offset = 0;
    bool closes_before = false;  // 0x1C before the text: the previous block ended
    bool opens = false;          // 0x0B before the text: a block starts here
    bool closes_after = false;   // 0x1C after the text: the block ends with this line
  };
  bool read_line(Line& line);

  std::string_view data_;
  std::size_t pos_ = 0;
  std::uint64_t line_number_ = 0;
  bool has_pending_ = false;  // a line read ahead that starts the next chunk
  Line pending_;
};

}  // namespace ward::ingest
