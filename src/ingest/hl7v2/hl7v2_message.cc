#include "ingest/hl7v2/hl7v2_message.h"

#include <fmt/format.h>

#include "core/blanks.h"

namespace ward::ingest {
namespace {

bool is_line_end(char c) { return c == '\r' || c == '\n'; }

bool is_segment_name_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// A delimiter may be any byte but letters, digits, line ends and the blank.
bool usable_delimiter(char c) {
  auto u = static_cast<unsigned char>(c);
  return !(c == '\r' || c == '\n' || c == ' ' || c == '\0' || (u >= '0' && u <= '9') ||
           (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z'));
}

Result<Hl7v2Delimiters> read_delimiters(std::string_view msh) {
  if (msh.size() < 4)
    return fail(ErrorCode::invalid_input, "MSH segment ends before the field separator", "MSH-1");
  Hl7v2Delimiters d;
  d.field = msh[3];
  if (!usable_delimiter(d.field))
    return fail(ErrorCode::invalid_input, "field separator is a letter, digit or blank", "MSH-1");
  std::string_view enc = msh.substr(4);
  enc = enc.substr(0, enc.find(d.field));
  if (enc.empty())
    return fail(ErrorCode::invalid_input, "no encoding characters after the field separator",
                "MSH-2");
  // 2.7+ may add a fifth (truncation) character; more than that is not an encoding field.
  if (enc.size() > 5)
    return fail(ErrorCode::invalid_input, "more than five encoding characters", "MSH-2");
  char* slots[] = {&d.component, &d.repetition, &d.escape, &d.subcomponent};
  for (char* slot : slots) *slot = d.field;
  for (std::size_t i = 0; i < enc.size(); ++i) {
    if (!usable_delimiter(enc[i]) || enc[i] == d.field)
      return fail(ErrorCode::invalid_input,
                  fmt::format("encoding character {} is a letter, digit, blank or the field "
                              "separator", i + 1),
                  "MSH-2");
    for (std::size_t j = 0; j < i; ++j)
      if (enc[j] == enc[i])
        return fail(ErrorCode::invalid_input,
                    fmt::format("encoding characters {} and {} are the same", j + 1, i + 1),
                    "MSH-2");
    if (i < 4) *slots[i] = enc[i];
  }
  return d;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Appends what the escape sequence `seq` (the text between the escape characters) stands for;
// false when it is not one we know, so the caller keeps it literally.
bool append_escape(std::string_view seq, const Hl7v2Delimiters& d, std::string& out) {
  if (seq.size() == 1) {
    switch (seq[0]) {
      case 'F': out += d.field; return true;
      case 'S': out += d.component; return true;
      case 'T': out += d.subcomponent; return true;
      case 'R': out += d.repetition; return true;
      case 'E': out += d.escape; return true;
      case 'P': out += '#'; return true;  // truncation character (2.7+)
      case 'H': case 'N': return true;    // highlighting on/off: no text
      default: return false;
    }
  }
  if (seq.empty()) return false;
  switch (seq[0]) {
    case 'X': {
      std::string_view hex = seq.substr(1);
      if (hex.empty() || hex.size() % 2 != 0) return false;
      for (char c : hex)
        if (hex_value(c) < 0) return false;
      for (std::size_t i = 0; i < hex.size(); i += 2)
        out += static_cast<char>(hex_value(hex[i]) * 16 + hex_value(hex[i + 1]));
      return true;
    }
    case '.':  // formatted text: line breaks become \n, other layout commands vanish
      if (seq == ".br" || seq.starts_with(".sp")) out += '\n';
      return true;
    case 'C': case 'M': case 'Z':  // character set switches and local escapes: no text
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string_view hl7v2_piece(std::string_view s, char separator, std::size_t n) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t next = s.find(separator, start);
    if (next == std::string_view::npos) return {};
    start = next + 1;
  }
  std::size_t end = s.find(separator, start);
  return s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

Result<Hl7v2Message> Hl7v2Message::parse(std::string_view text) {
  Hl7v2Message m;
  m.text_ = text;
  std::size_t pos = 0;
  std::size_t segment_number = 0;
  while (pos < text.size()) {
    std::size_t end = pos;
    while (end < text.size() && !is_line_end(text[end])) ++end;
    std::string_view line = text.substr(pos, end - pos);
    pos = end;
    if (pos < text.size() && text[pos] == '\r') ++pos;
    if (pos < text.size() && text[pos] == '\n') ++pos;
    if (is_blank(line)) continue;
    ++segment_number;
    if (segment_number == 1) {
      if (!line.starts_with("MSH"))
        return fail(ErrorCode::invalid_input, "message does not start with an MSH segment", "MSH");
      auto d = read_delimiters(line);
      if (!d) return tl::unexpected(std::move(d.error()));
      m.delimiters_ = *d;
    } else if (line.size() < 3 || !is_segment_name_char(line[0]) ||
               !is_segment_name_char(line[1]) || !is_segment_name_char(line[2]) ||
               (line.size() > 3 && line[3] != m.delimiters_.field)) {
      return fail(ErrorCode::invalid_input,
                  "segment does not start with a three-character name and the field separator",
                  fmt::format("segment {}", segment_number));
    }
    m.segments_.push_back(line);
  }
  if (m.segments_.empty())
    return fail(ErrorCode::invalid_input, "message does not start with an MSH segment", "MSH");
  return m;
}

std::size_t Hl7v2Message::find(std::string_view name, std::size_t from) const {
  for (std::size_t i = from; i < segments_.size(); ++i)
    if (segment_name(segments_[i]) == name) return i;
  return npos;
}

std::string_view Hl7v2Message::field(std::string_view segment, std::size_t n) const {
  if (n == 0) return {};
  if (segment_name(segment) == "MSH") {
    if (n == 1) return segment.size() > 3 ? segment.substr(3, 1) : std::string_view{};
    --n;  // MSH-1 is the separator itself, so MSH-2 is the first piece after the name
  }
  return hl7v2_piece(segment, delimiters_.field, n);
}

std::string_view Hl7v2Message::repetition(std::string_view field, std::size_t n) const {
  return n == 0 ? std::string_view{} : hl7v2_piece(field, delimiters_.repetition, n - 1);
}

std::string_view Hl7v2Message::component(std::string_view value, std::size_t n) const {
  return n == 0 ? std::string_view{} : hl7v2_piece(value, delimiters_.component, n - 1);
}

std::string_view Hl7v2Message::subcomponent(std::string_view value, std::size_t n) const {
  return n == 0 ? std::string_view{} : hl7v2_piece(value, delimiters_.subcomponent, n - 1);
}

std::size_t Hl7v2Message::repetition_count(std::string_view field) const {
  if (field.empty()) return 0;
  std::size_t n = 1;
  for (char c : field)
    if (c == delimiters_.repetition) ++n;
  return n;
}

std::string Hl7v2Message::decode(std::string_view value) const {
  std::string out;
  append_decoded(value, out);
  return out;
}

void Hl7v2Message::append_decoded(std::string_view value, std::string& out) const {
  const char esc = delimiters_.escape;
  if (esc == delimiters_.field || value.find(esc) == std::string_view::npos) {
    out.append(value);
    return;
  }
  std::size_t i = 0;
  while (i < value.size()) {
    char c = value[i];
    if (c != esc) { out += c; ++i; continue; }
    std::size_t close = value.find(esc, i + 1);
    if (close == std::string_view::npos) {  // unterminated: keep the rest as it is
      out.append(value.substr(i));
      break;
    }
    if (!append_escape(value.substr(i + 1, close - i - 1), delimiters_, out)) {
      out.append(value.substr(i, close - i + 1));
    }
    i = close + 1;
  }
}

std::string hl7v2_escape(std::string_view text, const Hl7v2Delimiters& d) {
  const bool can_escape = d.escape != d.field;
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    char code = c == d.field          ? 'F'
                : c == d.component    ? 'S'
                : c == d.subcomponent ? 'T'
                : c == d.repetition   ? 'R'
                : c == d.escape       ? 'E'
                                      : '\0';
    if (code != '\0') {
      if (can_escape) {
        out += d.escape;
        out += code;
        out += d.escape;
      } else {
        out += ' ';
      }
    } else if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace ward::ingest
