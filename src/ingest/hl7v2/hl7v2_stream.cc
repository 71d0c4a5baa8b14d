#include "ingest/hl7v2/hl7v2_stream.h"

#include "core/blanks.h"

namespace ward::ingest {
namespace {

constexpr char kStartBlock = '\x0b';
constexpr char kEndBlock = '\x1c';
constexpr std::string_view kBom = "\xef\xbb\xbf";

// "PID|…", "ZPD^…" or a bare "PV1": a name of three capitals or digits, then a separator.
bool looks_like_segment(std::string_view s) {
  auto name_char = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (s.size() < 3 || !name_char(s[0]) || !name_char(s[1]) || !name_char(s[2])) return false;
  if (s.size() == 3) return true;
  char sep = s[3];
  return !name_char(sep) && !(sep >= 'a' && sep <= 'z') && sep != ' ' && sep != '\t';
}

}  // namespace

bool Hl7v2Splitter::read_line(Line& line) {
  if (pos_ >= data_.size()) return false;
  std::size_t start = pos_;
  std::size_t end = start;
  while (end < data_.size() && data_[end] != '\r' && data_[end] != '\n') ++end;
  pos_ = end;
  if (pos_ < data_.size() && data_[pos_] == '\r') ++pos_;
  if (pos_ < data_.size() && data_[pos_] == '\n') ++pos_;
  line = Line{};
  line.number = ++line_number_;
  std::string_view text = data_.substr(start, end - start);
  std::size_t offset = start;
  // Framing and the byte-order mark only ever sit at the edges of a line.
  for (;;) {
    if (!text.empty() && text.front() == kStartBlock) {
      line.opens = true;
    } else if (!text.empty() && text.front() == kEndBlock) {
      line.closes_before = true;
    } else if (text.starts_with(kBom)) {
      text.remove_prefix(kBom.size());
      offset += kBom.size();
      continue;
    } else {
      break;
    }
    text.remove_prefix(1);
    ++offset;
  }
  while (!text.empty() && (text.back() == kEndBlock || text.back() == kStartBlock)) {
    if (text.back() == kEndBlock) line.closes_after = true;
    text.remove_suffix(1);
  }
  line.text = text;
  line.offset = offset;
  return true;
}

bool Hl7v2Splitter::next(Hl7v2Chunk& chunk) {
  Line line;
  // The first non-blank line starts the chunk.
  for (;;) {
    if (has_pending_) {
      line = pending_;
      has_pending_ = false;
    } else if (!read_line(line)) {
      return false;
    }
    if (!is_blank(line.text)) break;
  }
  chunk = Hl7v2Chunk{};
  chunk.line = line.number;
  chunk.offset = line.offset;
  chunk.is_message = line.text.starts_with("MSH");
  std::size_t end = line.offset + line.text.size();
  bool done = line.closes_after;
  bool after_blank = false;
  while (!done) {
    Line more;
    if (!read_line(more)) break;
    // A block boundary or a new MSH ends this chunk; the rest of the line starts the next one.
    if (more.closes_before || more.opens || more.text.starts_with("MSH")) {
      if (!is_blank(more.text)) {
        pending_ = more;
        has_pending_ = true;
      }
      break;
    }
    if (is_blank(more.text)) {
      after_blank = true;
    } else if (after_blank && chunk.is_message && !looks_like_segment(more.text)) {
      // Text after a blank line that is not a segment does not belong to the message.
      pending_ = more;
      has_pending_ = true;
      break;
    } else {
      end = more.offset + more.text.size();
      after_blank = false;
    }
    done = more.closes_after;
  }
  chunk.text = data_.substr(chunk.offset, end - chunk.offset);
  return true;
}

}  // namespace ward::ingest
