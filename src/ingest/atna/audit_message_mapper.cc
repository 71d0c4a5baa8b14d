#include "ingest/atna/audit_message_mapper.h"

#include <algorithm>
#include <array>

#include "core/base64.h"
#include "core/time.h"
#include "ingest/atna/atna_classifier.h"
#include "ingest/atna/atna_fields.h"
#include "ingest/fhir/fhir_values.h"

namespace ward::ingest::atna {
namespace {

constexpr std::size_t kMaxObjectBytes = 1024;  // Event::object, e.g. a decoded query

// DICOM RoleIDCodes (CID 402) of software and media rather than people.
constexpr std::array<std::string_view, 6> kMachineRoles = {"110150", "110151", "110152",
                                                           "110153", "110154", "110155"};
constexpr std::string_view kDestination = "110152";
constexpr std::string_view kDestinationMedia = "110154";

bool has_role(const ActiveParticipant& p, std::string_view code) {
  return std::any_of(p.roles.begin(), p.roles.end(),
                     [&](const CodedValue& r) { return r.code == code; });
}

// A person rather than an application, node or medium: UserTypeCode 1 says so (2 says not);
// without it, a user name or a role other than the machine roles.
bool looks_human(const ActiveParticipant& p) {
  if (p.user_type == "1") return true;
  if (!p.user_type.empty() || (p.user_id.empty() && p.alternative_user_id.empty())) return false;
  if (!p.user_name.empty()) return true;
  return std::none_of(kMachineRoles.begin(), kMachineRoles.end(),
                      [&](std::string_view code) { return has_role(p, code); });
}

// The requesting participant, preferring a person among several requestors; else the first
// person; else the first participant. nullptr when there is none.
const ActiveParticipant* pick_actor(const std::vector<ActiveParticipant>& ps) {
  const ActiveParticipant* requestor = nullptr;
  for (const ActiveParticipant& p : ps) {
    if (!p.requestor) continue;
    if (looks_human(p)) return &p;
    if (requestor == nullptr) requestor = &p;
  }
  if (requestor != nullptr) return requestor;
  for (const ActiveParticipant& p : ps)
    if (looks_human(p)) return &p;
  return ps.empty() ? nullptr : &ps.front();
}

// Where the actor sat: its own network access point, else another requestor's, else that of
// the first participant that is not a destination (the server the request went to).
const ActiveParticipant* pick_network(const ActiveParticipant* actor,
                                      const std::vector<ActiveParticipant>& ps) {
  if (actor != nullptr && !actor->network_id.empty()) return actor;
  for (const ActiveParticipant& p : ps)
    if (p.requestor && !p.network_id.empty()) return &p;
  for (const ActiveParticipant& p : ps)
    if (!p.network_id.empty() && !has_role(p, kDestination) && !has_role(p, kDestinationMedia))
      return &p;
  return nullptr;
}

// A role in words: its display (originalText, displayName), else its code.
std::string_view role_text(const CodedValue& c) { return c.display.empty() ? c.code : c.display; }

// A purpose of use as a code ("TREAT"), else its display.
std::string_view purpose_text(const CodedValue& c) { return c.code.empty() ? c.display : c.code; }

// HL7 CX.4 assigning authority of a patient id: the namespace id, else the universal id
// ("12345^^^&1.2.3&ISO" -> "1.2.3", "P1^^^Site A&1.2.40&ISO" -> "Site A").
std::string_view assigning_authority(std::string_view cx) {
  for (int i = 0; i < 3; ++i) {
    const std::size_t caret = cx.find('^');
    if (caret == std::string_view::npos) return {};
    cx.remove_prefix(caret + 1);
  }
  cx = cx.substr(0, cx.find('^'));
  const std::size_t amp = cx.find('&');
  if (amp == std::string_view::npos || amp > 0) return cx.substr(0, amp);
  cx.remove_prefix(amp + 1);
  return cx.substr(0, cx.find('&'));
}

// What was touched besides the patient: the first other object's decoded query, id or name.
std::string_view describe_object(const AuditMessage& m, MapScratch& scratch) {
  for (const ParticipantObject& o : m.objects) {
    if (o.is_patient()) continue;
    if (!o.query.empty()) {
      scratch.decoded.clear();
      if (decode_base64(o.query, scratch.decoded, kMaxObjectBytes + 4)) {
        std::string_view cut = fhir::utf8_prefix(scratch.decoded, kMaxObjectBytes);
        if (!cut.empty() && fhir::is_printable_utf8(cut)) return cut;
      }
    }
    for (std::string_view s : {o.id, o.name})
      if (!s.empty()) return fhir::utf8_prefix(s, kMaxObjectBytes);
  }
  return {};
}

}  // namespace

Result<std::size_t> map_audit_message(const AuditMessage& m, pugi::xml_node root,
                                      std::string_view fallback_host, ParseContext& ctx,
                                      MapScratch& scratch) {
  Result<TimeNs> time = parse_iso8601(m.date_time, ctx.options().local_zone);
  if (!time)
    return fail(ErrorCode::invalid_input,
                "EventDateTime is not a valid date and time: " + time.error().message,
                "EventIdentification.EventDateTime");

  std::vector<const ParticipantObject*>& patients = scratch.patients;
  patients.clear();
  for (const ParticipantObject& o : m.objects) {
    const std::string_view id = fhir::cx_id(o.id);
    if (!o.is_patient() || id.empty()) continue;
    if (std::none_of(patients.begin(), patients.end(),
                     [&](const ParticipantObject* p) { return fhir::cx_id(p->id) == id; }))
      patients.push_back(&o);
  }
  const Classification what = classify(m, !patients.empty());
  const ActiveParticipant* actor = pick_actor(m.participants);
  const ActiveParticipant* network = pick_network(actor, m.participants);

  EventBatch& batch = ctx.out().events;
  const std::string_view source = ctx.source_in_batch();
  Event base;
  base.time = *time;
  base.kind = what.kind;
  base.action = what.action;
  base.outcome = outcome_from_indicator(m.outcome);
  base.source = source;
  if (actor != nullptr) {
    base.actor.user_id = batch.keep(actor->user_id.empty() ? actor->alternative_user_id
                                                           : actor->user_id);
    base.actor.name = batch.keep(actor->user_name);
    if (!actor->roles.empty()) base.actor.role = batch.keep(role_text(actor->roles.front()));
  }
  if (network != nullptr) {
    const std::string_view type = network->network_type;
    if (const std::string_view ip = network_ip(*network); !ip.empty())
      base.actor.ip = batch.keep(ip);
    else if (type == "1" || type.empty())
      base.actor.host = batch.keep(network->network_id);
  }
  if (base.actor.host.empty() && base.actor.ip.empty())
    base.actor.host = batch.keep(fallback_host);
  base.object = batch.keep(describe_object(m, scratch));
  if (!m.purposes.empty()) base.purpose = batch.keep(purpose_text(m.purposes.front()));

  const std::size_t count = std::max<std::size_t>(patients.size(), 1);
  for (std::size_t i = 0; i < count; ++i) {
    Event& e = batch.start_event();
    const std::uint32_t first_field = e.first_field;
    e = base;
    e.first_field = first_field;
    e.format = EventFormat::atna;
    const ParticipantObject* patient = i < patients.size() ? patients[i] : nullptr;
    if (patient != nullptr) {
      e.patient.mrn = batch.keep(fhir::cx_id(patient->id));
      e.patient.id = e.patient.mrn;
    }
    if (!ctx.options().keep_fields) continue;
    if (patient != nullptr) {
      if (std::string_view a = assigning_authority(patient->id); !a.empty())
        batch.add_field("patient.assigning_authority", a);
      if (!patient->name.empty()) batch.add_field("patient.name", patient->name);
    }
    add_audit_message_fields(root, batch, scratch.name);
  }
  return count;
}

}  // namespace ward::ingest::atna
