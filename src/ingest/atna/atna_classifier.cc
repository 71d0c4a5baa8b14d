#include "ingest/atna/atna_classifier.h"

#include <vector>

#include "ingest/fhir/audit_event_classifier.h"

namespace ward::ingest::atna {
namespace {

// DICOM PS3.15 A.5.3 EventIDs (code system DCM) that Ward reads more closely than the FHIR
// classifier does.
constexpr std::string_view kAuditLogUsed = "110101";
constexpr std::string_view kBeginTransferring = "110102";
constexpr std::string_view kInstancesAccessed = "110103";
constexpr std::string_view kInstancesTransferred = "110104";
constexpr std::string_view kStudyDeleted = "110105";
constexpr std::string_view kNetworkEntry = "110108";
constexpr std::string_view kOrderRecord = "110109";
constexpr std::string_view kPatientRecord = "110110";
constexpr std::string_view kProcedureRecord = "110111";

// Events whose action is the EventActionCode, read when the code is absent.
bool read_by_default(std::string_view id) {
  return id == kInstancesAccessed || id == kInstancesTransferred || id == kOrderRecord ||
         id == kPatientRecord || id == kProcedureRecord;
}

}  // namespace

Classification classify(const AuditMessage& m, bool has_patient) {
  std::vector<fhir::CodingView> types{{m.event_id.system, m.event_id.code}};
  std::vector<fhir::CodingView> subtypes;
  subtypes.reserve(m.event_types.size());
  for (const CodedValue& t : m.event_types) subtypes.push_back({t.system, t.code});
  fhir::AuditEventCodes codes;
  codes.types = types;
  codes.subtypes = subtypes;
  codes.action = m.action_code;
  codes.has_patient = has_patient;
  for (const ParticipantObject& o : m.objects)
    codes.has_query_entity |= o.type_code_role == "24" || !o.query.empty();

  const std::string_view id = m.event_id.code;
  Classification c;
  if (id == kStudyDeleted) c.action = Action::delete_;
  else if (id == kBeginTransferring) c.action = Action::export_;  // copies leave the system
  else if (id == kAuditLogUsed) c.action = Action::read;
  else c.action = fhir::classify_action(codes);
  if (c.action == Action::unknown && read_by_default(id)) c.action = Action::read;

  c.kind = fhir::classify_kind(codes, c.action);
  if (c.kind == EventKind::audit && id == kNetworkEntry) c.kind = EventKind::network;
  return c;
}

Outcome outcome_from_indicator(std::string_view indicator) {
  if (indicator.empty()) return Outcome::unknown;
  return indicator == "0" ? Outcome::success : Outcome::failure;
}

}  // namespace ward::ingest::atna
