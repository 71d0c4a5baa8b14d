// Ward's HL7 v2 input: reads a file or received buffer of HL7 v2 messages into PatientRecord
// and EncounterRecord (ADT) for the directory, quarantining bad messages with the reason.
// Entry points for other modules; hl7v2_stream.h, hl7v2_message.h and hl7v2_adt.h do the work.
#pragma once

#include <string_view>

#include "core/error.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

// Parses one or more HL7 v2 messages from `data` (a whole file or a received buffer). Messages
// start at "MSH"; segments end with \r, \n or \r\n; messages may be separated by blank lines or
// by MLLP framing bytes (0x0B ... 0x1C 0x0D), which are stripped. ADT messages become
// PatientRecord and EncounterRecord in ctx.out(); other well-formed message types (ORU, ORM,
// SIU, …) yield the PatientRecord from their PID when present, and are counted with
// ctx.skipped(type) if they contain nothing Ward uses. Bad messages are rejected with
// ctx.reject(type, error, line, offset, raw) and parsing goes on with the next message.
// Returns an error only when the sink fails (propagates ctx.maybe_flush()/flush() errors).
Result<void> parse_hl7v2(std::string_view data, ParseContext& ctx);

// For format detection: true when `head` starts with "MSH" and a field separator, after an
// optional byte-order mark, MLLP start byte and whitespace.
bool looks_like_hl7v2(std::string_view head);

}  // namespace ward::ingest
