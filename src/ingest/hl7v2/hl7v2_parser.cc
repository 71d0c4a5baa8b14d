#include "ingest/hl7v2/hl7v2_parser.h"

#include <string>

#include <fmt/format.h>

#include "core/blanks.h"
#include "ingest/hl7v2/hl7v2_adt.h"
#include "ingest/hl7v2/hl7v2_message.h"
#include "ingest/hl7v2/hl7v2_stream.h"

namespace ward::ingest {
namespace {

// Record type of what could not be read as a message at all.
constexpr std::string_view kUnknownType = "HL7v2";

// "2.1" to "2.8", optionally with a further ".n" ("2.5.1").
bool supported_version(std::string_view v) {
  if (v.size() < 3 || v[0] != '2' || v[1] != '.' || v[2] < '1' || v[2] > '8') return false;
  std::string_view rest = v.substr(3);
  if (rest.empty()) return true;
  if (rest.size() < 2 || rest[0] != '.') return false;
  for (char c : rest.substr(1))
    if ((c < '0' || c > '9') && c != '.') return false;
  return true;
}

// A version string is shown in errors only when it looks like one (it is never PHI, but a
// garbled MSH could put anything there).
bool printable_version(std::string_view v) {
  if (v.empty() || v.size() > 12) return false;
  for (char c : v)
    if ((c < '0' || c > '9') && c != '.') return false;
  return true;
}

// The MSH-9 message type, MSH-9.2 trigger event (or EVN-1), and the record type "ADT^A01".
struct MessageKind {
  std::string_view type;
  std::string_view event;
  std::string record_type;
};

MessageKind message_kind(const Hl7v2Message& m) {
  MessageKind k;
  std::string_view msh9 = m.field(m.segments()[0], 9);
  k.type = trim_blanks(m.component(msh9, 1));
  k.event = trim_blanks(m.component(msh9, 2));
  if (k.event.empty()) k.event = trim_blanks(m.component(m.field_of("EVN", 1), 1));
  k.record_type = k.type.empty() ? std::string(kUnknownType) : std::string(k.type);
  if (!k.type.empty() && !k.event.empty()) {
    k.record_type += '^';
    k.record_type += k.event;
  }
  return k;
}

Result<void> check_header(const Hl7v2Message& m, const MessageKind& kind) {
  if (kind.type.empty())
    return fail(ErrorCode::invalid_input, "MSH has no message type", "MSH-9");
  std::string_view version = trim_blanks(m.component(m.field(m.segments()[0], 12), 1));
  if (version.empty())
    return fail(ErrorCode::invalid_input, "MSH has no HL7 version", "MSH-12");
  if (!supported_version(version))
    return fail(ErrorCode::unsupported,
                fmt::format("HL7 version {}is not supported (Ward reads 2.1 to 2.8)",
                            printable_version(version) ? fmt::format("{} ", version) : ""),
                "MSH-12");
  return {};
}

// The record type of a chunk that is too large to parse: read from its MSH line alone.
std::string record_type_of_header(std::string_view text) {
  auto header = Hl7v2Message::parse(text.substr(0, text.find_first_of("\r\n")));
  return header ? message_kind(*header).record_type : std::string(kUnknownType);
}

void parse_chunk(const Hl7v2Chunk& chunk, ParseContext& ctx) {
  auto reject = [&](std::string_view type, Error e) {
    ctx.reject(type, std::move(e), chunk.line, chunk.offset, chunk.text);
  };
  if (!chunk.is_message) {
    reject(kUnknownType, Error{ErrorCode::invalid_input,
                               "text outside any message: a message starts with an MSH segment",
                               {}, 0, 0, "MSH"});
    return;
  }
  if (chunk.text.size() > ctx.options().max_record_bytes) {
    reject(record_type_of_header(chunk.text),
           Error{ErrorCode::too_large,
                 fmt::format("message is {} bytes, over the limit of {} (max_record_bytes)",
                             chunk.text.size(), ctx.options().max_record_bytes),
                 {}, 0, 0, "message"});
    return;
  }
  auto message = Hl7v2Message::parse(chunk.text);
  if (!message) {
    reject(record_type_of_header(chunk.text), std::move(message.error()));
    return;
  }
  MessageKind kind = message_kind(*message);
  if (auto header = check_header(*message, kind); !header) {
    reject(kind.record_type, std::move(header.error()));
    return;
  }
  Hl7v2MapOptions options{ctx.source(), ctx.options().local_zone};
  auto records = map_hl7v2_message(*message, kind.type, kind.event, options);
  if (!records) {
    reject(kind.record_type, std::move(records.error()));
    return;
  }
  if (records->patients.empty()) {
    ctx.skipped(kind.record_type);
    return;
  }
  ParsedRecords& out = ctx.out();
  for (PatientRecord& p : records->patients) out.patients.push_back(std::move(p));
  for (EncounterRecord& e : records->encounters) out.encounters.push_back(std::move(e));
  ctx.accepted(kind.record_type);
}

}  // namespace

Result<void> parse_hl7v2(std::string_view data, ParseContext& ctx) {
  Hl7v2Splitter splitter(data);
  Hl7v2Chunk chunk;
  while (splitter.next(chunk)) {
    parse_chunk(chunk, ctx);
    if (auto flushed = ctx.maybe_flush(); !flushed) return flushed;
  }
  return ctx.flush();
}

bool looks_like_hl7v2(std::string_view head) {
  constexpr std::string_view kBom = "\xef\xbb\xbf";
  if (head.starts_with(kBom)) head.remove_prefix(kBom.size());
  while (!head.empty() && (head.front() == '\x0b' || head.front() == ' ' ||
                           head.front() == '\t' || head.front() == '\r' || head.front() == '\n'))
    head.remove_prefix(1);
  if (head.size() < 4 || !head.starts_with("MSH")) return false;
  // Only MSH-1 is looked at: a file with a broken MSH-2 is still HL7 v2, and the parser then
  // says what is wrong with it.
  char sep = head[3];
  bool alnum =
      (sep >= '0' && sep <= '9') || (sep >= 'A' && sep <= 'Z') || (sep >= 'a' && sep <= 'z');
  return !alnum && sep != ' ' && sep != '\t' && sep != '\r' && sep != '\n' && sep != '\0';
}

}  // namespace ward::ingest
