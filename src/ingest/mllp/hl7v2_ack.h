// HL7 v2 acknowledgements: what Ward answers each message received over MLLP. An ACK copies what
// it needs from the message's MSH (read_acked_header), says AA, AE or AR in MSA-1 with the
// message's control id in MSA-2 and, when refusing, the reason in MSA-3 and an ERR segment.
// build_ack() is pure: the time and the ACK's own control id come from the caller.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"
#include "ingest/hl7v2/hl7v2_message.h"

namespace ward::ingest {

enum class AckCode {
  accept,  // AA: committed to the store (or skipped by design, like import)
  error,   // AE: the message is HL7 but Ward could not take it (a bad field, the store failed)
  reject,  // AR: not acceptable at all (not HL7, unsupported version or type, too large)
};
std::string_view to_string(AckCode code);  // "AA", "AE", "AR"

// What an ACK copies from the message it answers, raw (still escaped with the message's own
// delimiters, which the ACK uses too). A message whose MSH cannot be read gets the standard
// delimiters |^~\& and empty fields.
struct AckedHeader {
  Hl7v2Delimiters delimiters;
  std::string encoding_characters = "^~\\&";  // MSH-2
  std::string sending_application, sending_facility;      // MSH-3, MSH-4
  std::string receiving_application, receiving_facility;  // MSH-5, MSH-6
  std::string message_type;   // MSH-9.1 ("ADT"); not copied into the ACK, for logs
  std::string trigger_event;  // MSH-9.2 ("A01"); "" when absent
  std::string control_id;     // MSH-10, answered in MSA-2
  std::string processing_id;  // MSH-11
  std::string version;        // MSH-12
};

// Reads the header from the message's first segment only, so a message broken further down
// still gets a proper answer. Leading blanks, a byte-order mark and MLLP bytes are skipped.
AckedHeader read_acked_header(std::string_view message);

// Why a message is refused, as the ACK says it.
struct AckError {
  int hl7_code = 207;   // HL7 table 0357 (see hl7_error_name)
  std::string text;     // for a person, unescaped; MSA-3 (first 80 characters) and ERR-8
  // ERR-2: where, when known ("PID", sequence 1, field 7). sequence 0 = not known.
  std::string segment;
  int sequence = 0;
  int field = 0;
};

// The name HL7 table 0357 gives a code ("Data type error" for 102); "" for codes Ward never sends.
std::string_view hl7_error_name(int hl7_code);

struct Refusal {
  AckCode code = AckCode::error;
  AckError error;
};

// How Ward answers a message its HL7 parser rejected with `rejection` (`message` is the frame's
// text, to find where the field is). AR with 100 (segment sequence) when the message is not HL7
// or its MSH is broken, 101 (required field missing) for MSH-9/MSH-12, 203 for an unsupported
// version, 200 for another unsupported kind, 104 when it is too large; AE with 101 or 102 (data
// type error) when a field of an acceptable message is bad.
Refusal refusal_for(const Error& rejection, std::string_view message);

struct AckDetails {
  AckCode code = AckCode::accept;
  std::string control_id;  // the ACK's own MSH-10
  TimeNs time = 0;         // MSH-7, written in UTC
  const AckError* error = nullptr;  // required for AE and AR
};

// The ACK, segments ended by \r, without MLLP framing:
//   MSH|^~\&|<MSH-5>|<MSH-6>|<MSH-3>|<MSH-4>|<time>||ACK^<trigger>^ACK|<id>|<MSH-11>|<MSH-12>
//   MSA|AE|<MSH-10>|<reason>
//   ERR||PID^1^7|102^Data type error^HL70357|E||||<reason>
// The reason is escaped with the header's delimiters. An unknown version is answered as 2.5.
std::string build_ack(const AckedHeader& header, const AckDetails& details);

}  // namespace ward::ingest
