// A zero-copy view of one HL7 v2 message: its delimiters (read from MSH-1/MSH-2), its segments,
// and the fields, repetitions, components and subcomponents inside them, all as views into the
// caller's text. decode() turns escape sequences (\F\, \X41\, \.br\ …) into plain text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::ingest {

// The five HL7 v2 delimiters. A message that declares fewer encoding characters in MSH-2 gets
// the field separator for the missing ones, which never occurs inside a field, so splitting on
// it is a no-op.
struct Hl7v2Delimiters {
  char field = '|';
  char component = '^';
  char repetition = '~';
  char escape = '\\';
  char subcomponent = '&';
};

class Hl7v2Message {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // Reads one message: `text` runs from "MSH" to the end of its last segment; segments end with
  // \r, \n or \r\n and blank lines are ignored. `text` must outlive the message. Fails with
  // field "MSH" (does not start with an MSH segment), "MSH-1"/"MSH-2" (missing or clashing
  // delimiters) or "segment N" (a segment without a three-character name); never throws.
  static Result<Hl7v2Message> parse(std::string_view text);

  const Hl7v2Delimiters& delimiters() const { return delimiters_; }
  const std::vector<std::string_view>& segments() const { return segments_; }
  std::string_view text() const { return text_; }

  // "PID" for "PID|1||…".
  static std::string_view segment_name(std::string_view segment) { return segment.substr(0, 3); }
  // Index of the first segment named `name` at or after `from`, or npos.
  std::size_t find(std::string_view name, std::size_t from = 0) const;

  // Field `n` of `segment` in HL7 numbering, where MSH-1 is the field separator itself (so MSH-9
  // is the message type); "" when the segment is shorter. The view is raw (not decoded).
  std::string_view field(std::string_view segment, std::size_t n) const;
  // Field `n` of the first segment named `name`; "" when there is no such segment.
  std::string_view field_of(std::string_view name, std::size_t n) const {
    std::size_t i = find(name);
    return i == npos ? std::string_view{} : field(segments_[i], n);
  }

  // 1-based pieces of a field value; "" when absent. MSH-2 must not be split this way.
  std::string_view repetition(std::string_view field, std::size_t n) const;
  std::string_view component(std::string_view value, std::size_t n) const;
  std::string_view subcomponent(std::string_view value, std::size_t n) const;
  std::size_t repetition_count(std::string_view field) const;

  // The value with escape sequences decoded. Copies the bytes as they are when the value holds no
  // escape character; an unknown or unterminated escape sequence is kept literally.
  std::string decode(std::string_view value) const;
  // The same, appended to `out` (no temporary string).
  void append_decoded(std::string_view value, std::string& out) const;

 private:
  Hl7v2Message() = default;

  std::string_view text_;
  Hl7v2Delimiters delimiters_;
  std::vector<std::string_view> segments_;
};

// The inverse of decode(), for text Ward writes into a message (an ACK's reason): each delimiter
// becomes its escape sequence (\F\ \S\ \T\ \R\ \E\) and line breaks and other control
// characters become spaces, so the text stays inside one field. When the message declares no
// escape character (it is then the field separator), delimiters become spaces instead.
std::string hl7v2_escape(std::string_view text, const Hl7v2Delimiters& delimiters);

// The `n`th (0-based) piece of `s` split on `separator`; "" when there are fewer pieces.
std::string_view hl7v2_piece(std::string_view s, char separator, std::size_t n);

}  // namespace ward::ingest
