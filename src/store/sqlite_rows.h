// The column lists and row readers that SqliteStore's queries share: one place says how an
// event, a workforce member, a patient, an encounter and a privacy case are read from their
// tables.
#pragma once

#include <string>
#include <string_view>

#include "core/directory.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace ward::store {

// Columns of an event with its dictionary strings, and FROM events e with the joins they need;
// the query goes on with WHERE. kExplainedEventColumns adds what the last privacy run said.
extern const std::string kEventColumns;
extern const std::string kExplainedEventColumns;
// Reads either column list.
EventRow read_event_row(const Statement& s);

extern const std::string_view kWorkforceColumns;  // of table workforce
WorkforceMember read_workforce_row(const Statement& s);

extern const std::string_view kPatientColumns;  // of table patients
PatientRecord read_patient_row(const Statement& s);

extern const std::string_view kEncounterColumns;  // of table encounters; no participants
EncounterRecord read_encounter_row(const Statement& s);

extern const std::string_view kCaseColumns;  // of table privacy_cases; no accesses
CaseRecord read_case_row(const Statement& s);
// The case's accesses (seqs and event ids, in time order) into `c`, with `events` prepared from
// kCaseEventsSql.
extern const std::string_view kCaseEventsSql;
Result<void> read_case_events(Statement& events, CaseRecord& c);

}  // namespace ward::store
