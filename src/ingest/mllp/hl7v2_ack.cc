#include "ingest/mllp/hl7v2_ack.h"

#include <ctime>

#include <fmt/format.h>

#include "core/blanks.h"

namespace ward::ingest {
namespace {

constexpr std::string_view kDefaultVersion = "2.5";
constexpr std::size_t kMsa3Length = 80;  // MSA-3 is ST(80) in HL7 2.3–2.5

// The first segment: after blanks, a byte-order mark and MLLP bytes, up to the first line end.
std::string_view first_segment(std::string_view message) {
  constexpr std::string_view kBom = "\xef\xbb\xbf";
  for (;;) {
    if (message.starts_with(kBom)) {
      message.remove_prefix(kBom.size());
    } else if (!message.empty() && std::string_view(" \t\r\n\x0b\x1c").find(message.front()) !=
                                       std::string_view::npos) {
      message.remove_prefix(1);
    } else {
      break;
    }
  }
  return message.substr(0, message.find_first_of("\r\n"));
}

// "20240301101500+0000".
std::string hl7_utc_time(TimeNs t) {
  std::time_t seconds = static_cast<std::time_t>(t / kNsPerSecond);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}{:02}{:02}{:02}{:02}{:02}+0000", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

// At most `n` bytes of `s`, not cutting a UTF-8 character in two.
std::string_view utf8_prefix(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// "PID-7" → {"PID", 7}; "MSH" → {"MSH", 0}; "segment 5" or "message" → {"", 0}.
struct Location {
  std::string_view segment;
  int field = 0;
};

Location parse_location(std::string_view field) {
  auto is_name_char = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (field.size() < 3 || !is_name_char(field[0]) || !is_name_char(field[1]) || !is_name_char(field[2]))
    return {};
  Location l{field.substr(0, 3), 0};
  if (field.size() == 3) return l;
  if (field[3] != '-') return {};
  for (std::size_t i = 4; i < field.size() && field[i] >= '0' && field[i] <= '9'; ++i)
    l.field = l.field * 10 + (field[i] - '0');
  return l;
}

// 1 when `name` occurs once in the message (always for MSH), else 0: which occurrence a parser
// error is about is not known when there are several.
int unique_sequence(std::string_view message, std::string_view name) {
  if (name == "MSH") return 1;
  int count = 0;
  std::size_t pos = 0;
  while (pos < message.size()) {
    std::size_t end = message.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = message.size();
    std::string_view line = message.substr(pos, end - pos);
    if (line.starts_with(name) && (line.size() == 3 || !(line[3] >= 'A' && line[3] <= 'Z'))) ++count;
    pos = end + 1;
  }
  return count == 1 ? 1 : 0;
}

// The fields the HL7 parser rejects only when they are empty (hl7v2_parser.cc, hl7v2_adt.cc).
bool is_required_field(std::string_view field) {
  return field == "MSH-9" || field == "MSH-12" || field == "PID-3" || field == "PV1-19";
}

}  // namespace

std::string_view to_string(AckCode code) {
  switch (code) {
    case AckCode::accept: return "AA";
    case AckCode::error: return "AE";
    case AckCode::reject: return "AR";
  }
  return "AE";
}

std::string_view hl7_error_name(int hl7_code) {
  switch (hl7_code) {
    case 100: return "Segment sequence error";
    case 101: return "Required field missing";
    case 102: return "Data type error";
    case 104: return "Value too long";
    case 200: return "Unsupported message type";
    case 203: return "Unsupported version id";
    case 207: return "Application internal error";
    default: return "";
  }
}

AckedHeader read_acked_header(std::string_view message) {
  AckedHeader h;
  auto msh = Hl7v2Message::parse(first_segment(message));
  if (!msh) return h;
  std::string_view segment = msh->segments()[0];
  auto field = [&](std::size_t n) { return std::string(msh->field(segment, n)); };
  h.delimiters = msh->delimiters();
  h.encoding_characters = field(2);
  h.sending_application = field(3);
  h.sending_facility = field(4);
  h.receiving_application = field(5);
  h.receiving_facility = field(6);
  h.message_type = std::string(trim_blanks(msh->component(msh->field(segment, 9), 1)));
  h.trigger_event = std::string(trim_blanks(msh->component(msh->field(segment, 9), 2)));
  h.control_id = field(10);
  h.processing_id = field(11);
  h.version = field(12);
  return h;
}

Refusal refusal_for(const Error& rejection, std::string_view message) {
  Refusal r;
  const std::string& field = rejection.field;
  Location where = parse_location(field);
  bool in_header = where.segment == "MSH" || field.starts_with("segment ") || where.segment.empty();
  switch (rejection.code) {
    case ErrorCode::unsupported:
      r.code = AckCode::reject;
      r.error.hl7_code = field == "MSH-12" ? 203 : 200;
      break;
    case ErrorCode::too_large:
      r.code = AckCode::reject;
      r.error.hl7_code = 104;
      break;
    case ErrorCode::invalid_input:
      r.code = in_header ? AckCode::reject : AckCode::error;
      r.error.hl7_code = is_required_field(field) ? 101 : where.field > 0 ? 102 : 100;
      break;
    default:
      r.code = AckCode::error;
      r.error.hl7_code = 207;
      break;
  }
  // "PID-7: …"; the parser's "message" (the whole of it) adds nothing to the text.
  bool named = !field.empty() && field != "message";
  r.error.text = named ? fmt::format("{}: {}", field, rejection.message) : rejection.message;
  if (!where.segment.empty()) {
    r.error.segment = std::string(where.segment);
    r.error.sequence = unique_sequence(message, where.segment);
    r.error.field = where.field;
  }
  return r;
}

std::string build_ack(const AckedHeader& h, const AckDetails& d) {
  const Hl7v2Delimiters& del = h.delimiters;
  const char f = del.field;
  const char c = del.component;
  std::string ack;
  ack.reserve(256);
  // MSH: sender and receiver swapped.
  ack += "MSH";
  ack += f;
  ack += h.encoding_characters;
  for (const std::string* v : {&h.receiving_application, &h.receiving_facility,
                               &h.sending_application, &h.sending_facility}) {
    ack += f;
    ack += *v;
  }
  ack += f;
  ack += hl7_utc_time(d.time);
  ack += f;  // MSH-8 security
  ack += f;
  ack += "ACK";
  if (!h.trigger_event.empty()) {
    ack += c;
    ack += h.trigger_event;
    ack += c;
    ack += "ACK";
  }
  ack += f;
  ack += hl7v2_escape(d.control_id, del);
  ack += f;
  ack += h.processing_id.empty() ? std::string_view("P") : std::string_view(h.processing_id);
  ack += f;
  ack += h.version.empty() ? kDefaultVersion : std::string_view(h.version);
  ack += '\r';
  // MSA: the answer and the message it answers.
  ack += "MSA";
  ack += f;
  ack += to_string(d.code);
  ack += f;
  ack += h.control_id;
  if (d.code == AckCode::accept || d.error == nullptr) {
    ack += '\r';
    return ack;
  }
  const AckError& e = *d.error;
  ack += f;
  ack += hl7v2_escape(utf8_prefix(e.text, kMsa3Length), del);
  ack += '\r';
  // ERR (2.5 layout): ERR-2 location, ERR-3 code, ERR-4 severity, ERR-8 message for a person.
  ack += "ERR";
  ack += f;
  ack += f;
  if (!e.segment.empty()) {
    ack += e.segment;
    if (e.sequence > 0 || e.field > 0) {
      ack += c;
      if (e.sequence > 0) ack += std::to_string(e.sequence);
    }
    if (e.field > 0) {
      ack += c;
      ack += std::to_string(e.field);
    }
  }
  ack += f;
  ack += fmt::format("{}{}{}{}HL70357", e.hl7_code, c, hl7v2_escape(hl7_error_name(e.hl7_code), del), c);
  ack += f;
  ack += 'E';
  ack += std::string(4, f);  // ERR-5 to ERR-7 empty
  ack += hl7v2_escape(e.text, del);
  ack += '\r';
  return ack;
}

}  // namespace ward::ingest
