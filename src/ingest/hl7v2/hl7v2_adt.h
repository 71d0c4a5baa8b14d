// Maps HL7 v2 messages to the directory (core/directory.h): every PID becomes a PatientRecord
// and, for ADT events about a visit, the PV1 after it an EncounterRecord whose status follows the
// trigger event. Start with map_hl7v2_message(); README.md lists the fields it reads.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/directory.h"
#include "core/error.h"
#include "ingest/hl7v2/hl7v2_message.h"

namespace date { class time_zone; }

namespace ward::ingest {

struct Hl7v2MapOptions {
  std::string_view source;                      // copied into every record
  const date::time_zone* local_zone = nullptr;  // for times without an offset; null = UTC
};

// What one message gives the directory.
struct Hl7v2DirectoryRecords {
  std::vector<PatientRecord> patients;
  std::vector<EncounterRecord> encounters;
};

// The encounter status an ADT trigger event ("A01", "A03", …) sets, or nullopt when the event is
// about the person rather than a visit (A28, A31, merges, unknown events) and gives no encounter.
std::optional<std::string_view> adt_encounter_status(std::string_view trigger_event);

// Encounter.class for PV1-2: I→IMP, O/R→AMB, E→EMER, P→PRENC, B→IMP; others as given.
std::string_view encounter_class(std::string_view patient_class);

// Maps one message whose MSH has been checked. `message_type` is MSH-9.1 ("ADT");
// `trigger_event` is MSH-9.2 (or EVN-1 when MSH-9.2 is empty). Encounters come only from ADT
// visit events. Fails, naming the field ("PID-3", "PID-7", "PV1-44", "EVN-2", "MSH-7", "PID"),
// when a value Ward uses is missing or invalid; error messages never hold the value itself.
Result<Hl7v2DirectoryRecords> map_hl7v2_message(const Hl7v2Message& message,
                                                std::string_view message_type,
                                                std::string_view trigger_event,
                                                const Hl7v2MapOptions& options);

}  // namespace ward::ingest
