// The IHE ATNA input: audit messages in XML (DICOM PS3.15 A.5 and RFC 3881 "AuditMessage") become
// Events, in files (`ward import --format atna`) and inside syslog messages (the syslog parser
// calls add_atna_events for a MSG that is XML). Start here; the mapping is in
// audit_message_mapper.h, the table in README.md.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "core/error.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

inline constexpr std::string_view kAtnaRecordType = "ATNA audit message";

namespace atna {
struct AuditMessage;
}
struct AtnaRecord;

// Told of each message read well (the one it turned into events), with where it sits; the
// message's views are valid during the call only. For readers that want more than the events
// say, such as passive discovery (the hosts and AE titles of every participant).
using AuditMessageVisitor = std::function<void(const atna::AuditMessage&, const AtnaRecord&)>;

// Parses `data`: one AuditMessage, several one after another (each may start with its own
// <?xml …?> declaration), or one per line; a leading UTF-8 BOM is skipped. Each message becomes
// one event per patient it names, else one event (add_atna_events), and is counted as one
// "ATNA audit message". A bad message (malformed XML, no EventIdentification, EventDateTime or
// EventID, invalid UTF-8, over max_record_bytes) is quarantined naming the field, with the line
// and byte offset of the fault (XML errors) or of the message; the rest goes on; text outside
// any AuditMessage is rejected once, field "AuditMessage". Returns an error only when the sink
// fails.
Result<void> parse_atna(std::string_view data, ParseContext& ctx);
// The same, and `visit` is called for each message accepted.
Result<void> parse_atna_messages(std::string_view data, ParseContext& ctx, const AuditMessageVisitor& visit);

// True when `head`, after a UTF-8 BOM and white space, starts with "<?xml" or "<AuditMessage"
// and an <AuditMessage element starts in it (so FHIR XML is not taken for ATNA).
bool looks_like_atna(std::string_view head);

// True when a syslog MSG, after a UTF-8 BOM and white space, starts with "<?xml" or
// "<AuditMessage": the IHE ATNA syslog binding (RFC 5424 + RFC 5425, DICOM PS3.15 A.6). White
// space includes rsyslog's escapes of line breaks ("#012").
bool is_atna_xml(std::string_view message);

// Where one message sits in its input.
struct AtnaRecord {
  std::uint64_t line = 0;          // 1-based line of the message's first byte
  std::uint64_t offset = 0;        // byte offset of its first byte in the input
  std::string_view raw;            // what quarantine keeps when it is bad; "" = the message
  std::string_view fallback_host;  // actor.host when the message names no host or IP for it
};

// Reads the one AuditMessage in `xml` into events appended to ctx.out().events and counts it
// as an accepted "ATNA audit message"; a bad one is rejected as parse_atna says. A message with
// rsyslog's "#ooo" escapes of control characters ("#012" for a line feed) is unescaped first
// (a fault in it is then reported at the message's first byte). No external
// entity or DTD is ever read: pugixml does not process DOCTYPE declarations.
void add_atna_events(std::string_view xml, const AtnaRecord& where, ParseContext& ctx,
                     const AuditMessageVisitor& visit = {});

}  // namespace ward::ingest
