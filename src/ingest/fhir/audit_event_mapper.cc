#include "ingest/fhir/audit_event_mapper.h"

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/base64.h"
#include "core/time.h"
#include "ingest/fhir/audit_event_classifier.h"
#include "ingest/fhir/fhir_values.h"

namespace ward::ingest::fhir {
namespace {

constexpr std::size_t kMaxObjectBytes = 1024;  // Event::object, e.g. a decoded query

// Appends the codings of a Coding, a CodeableConcept, or an array of either to `out`.
void add_codings(MaybeElement e, std::vector<CodingView>& out) {
  auto add = [&](std::string_view system, std::string_view code) {
    if (!code.empty()) out.push_back({system, code});
  };
  for_each_item(e, [&](Element item) {
    CodingText own;
    for_each_member(item, [&](std::string_view key, Element value) {
      if (key == "coding") {
        for_each_item(value, [&](Element c) {
          CodingText coding;
          for_each_member(c, [&](std::string_view k, Element v) {
            if (k == "code") coding.code = text(v);
            else if (k == "system") coding.system = text(v);
          });
          add(coding.system, coding.code);
        });
      } else if (key == "code") {
        own.code = text(value);
      } else if (key == "system") {
        own.system = text(value);
      }
    });
    add(own.system, own.code);
  });
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// The members of AuditEvent this mapper reads, found in one pass over the resource.
struct AuditEventView {
  std::string_view id, recorded, action;
  MaybeElement type, subtype, category, code, outcome, purpose_of_event, authorization, agents,
      entities, patient;
};

AuditEventView read_audit_event(Element resource) {
  AuditEventView v;
  for_each_member(resource, [&](std::string_view key, Element value) {
    if (key == "id") v.id = text(value);
    else if (key == "recorded") v.recorded = text(value);
    else if (key == "action") v.action = text(value);
    else if (key == "type") v.type = found(value);
    else if (key == "subtype") v.subtype = found(value);
    else if (key == "agent") v.agents = found(value);
    else if (key == "entity") v.entities = found(value);
    else if (key == "outcome") v.outcome = found(value);
    else if (key == "purposeOfEvent") v.purpose_of_event = found(value);
    else if (key == "category") v.category = found(value);          // R5
    else if (key == "code") v.code = found(value);                  // R5
    else if (key == "authorization") v.authorization = found(value);  // R5
    else if (key == "patient") v.patient = found(value);            // R5
  });
  return v;
}

// --- agents ---------------------------------------------------------------------------------

void read_who(Element who, AgentView& a) {
  for_each_member(who, [&](std::string_view key, Element value) {
    if (key == "identifier") a.who_identifier = text(value["value"]);
    else if (key == "reference") a.who_reference = text(value);
    else if (key == "display") a.who_display = text(value);
  });
}

void read_network(Element network, AgentView& a) {
  for_each_member(network, [&](std::string_view key, Element value) {
    if (key == "address") a.address = text(value);
    else if (key == "type") a.network_type = text(value);
  });
}

AgentView read_agent(Element agent) {
  AgentView a;
  for_each_member(agent, [&](std::string_view key, Element value) {
    if (key == "requestor") {
      bool b = false;
      a.requestor = value.get_bool().get(b) == simdjson::SUCCESS && b;
    } else if (key == "who") {
      read_who(value, a);
    } else if (key == "network") {
      read_network(value, a);
    } else if (key == "type") {
      a.type = found(value);
    } else if (key == "role") {
      a.role = found(value);
    } else if (key == "name") {
      a.name = text(value);
    } else if (key == "altId") {
      a.alt_id = text(value);
    } else if (key == "purposeOfUse") {
      a.purpose_of_use = found(value);
    } else if (key == "networkString") {  // R5
      a.address = text(value);
    } else if (key == "networkUri") {  // R5
      a.address = text(value);
      a.network_type = "5";
    } else if (key == "userId") {  // STU3
      a.stu3_user_id = text(value["value"]);
    } else if (key == "reference") {  // STU3
      for_each_member(value, [&](std::string_view k, Element v) {
        if (k == "reference") a.stu3_reference = text(v);
        else if (k == "display") a.stu3_display = text(v);
      });
    }
  });
  return a;
}

bool is_human_user(const AgentView& a) {
  bool human = false;
  auto check = [&](Element concept_) {
    for_each_item(concept_["coding"], [&](Element c) { human |= text(c["code"]) == "humanuser"; });
  };
  for_each_item(a.type, check);
  for_each_item(a.role, check);
  return human;
}

// DICOM network access point type 1 is a machine name; 2 an IP address, 5 a URI (a server
// endpoint rather than where a user sits).
bool is_machine_name(const AgentView& a) { return a.network_type == "1"; }
bool is_uri(const AgentView& a) { return a.network_type == "5"; }

std::string_view user_id(const AgentView& a) {
  if (!a.who_identifier.empty()) return a.who_identifier;
  if (std::string_view s = reference_id(a.who_reference); !s.empty()) return s;
  if (!a.stu3_user_id.empty()) return a.stu3_user_id;
  if (std::string_view s = reference_id(a.stu3_reference); !s.empty()) return s;
  return a.alt_id;
}

std::string_view user_name(const AgentView& a) {
  if (!a.who_display.empty()) return a.who_display;
  if (!a.name.empty()) return a.name;
  return a.stu3_display;
}

// A coding's code, or its display when the code is an opaque number (DICOM "110153").
std::string_view readable_code(const CodingText& c) {
  if (all_digits(c.code) && !c.display.empty()) return c.display;
  return c.code.empty() ? c.display : c.code;
}

std::string_view agent_role(const AgentView& a) {
  ConceptText role = read_concept(a.role);
  if (std::string_view s = readable_code(role.coding); !s.empty()) return s;
  if (!role.text.empty()) return role.text;
  ConceptText type = read_concept(a.type);
  if (std::string_view s = readable_code(type.coding); !s.empty()) return s;
  return type.text;
}

// --- entities -------------------------------------------------------------------------------

EntityView read_entity(Element entity) {
  EntityView v;
  for_each_member(entity, [&](std::string_view key, Element value) {
    if (key == "what") {
      for_each_member(value, [&](std::string_view k, Element w) {
        if (k == "reference") v.reference = text(w);
        else if (k == "identifier") v.identifier = text(w["value"]);
        else if (k == "display") v.display = text(w);
      });
    } else if (key == "type") {
      v.type = found(value);
      v.type_code = code_of(value);
    } else if (key == "role") {
      v.role_code = code_of(value);
    } else if (key == "query") {
      v.query = text(value);
    } else if (key == "name") {
      v.name = text(value);
    } else if (key == "description") {
      v.description = text(value);
    } else if (key == "reference") {  // STU3
      v.reference = text(value["reference"]);
    } else if (key == "identifier") {  // STU3
      v.identifier = text(value["value"]);
    }
  });
  return v;
}

// Entity type 1 (Person) with role 1 (Patient), R5's role-only form, or BALP's role "patient".
bool has_patient_role(const EntityView& v) {
  if (v.role_code == "patient") return true;
  return v.role_code == "1" && (v.type_code.empty() || v.type_code == "1");
}

// A short description of an entity other than the patient: its reference, decoded query, name,
// description or display; "" when it has none of those (the caller falls back to its type).
std::string_view describe_entity(const EntityView& v, MapScratch& scratch) {
  if (!v.reference.empty()) return utf8_prefix(v.reference, kMaxObjectBytes);
  if (!v.query.empty()) {
    scratch.decoded.clear();
    if (ward::decode_base64(v.query, scratch.decoded, kMaxObjectBytes + 4)) {
      std::string_view cut = utf8_prefix(scratch.decoded, kMaxObjectBytes);
      if (!cut.empty() && is_printable_utf8(cut)) return cut;
    }
    return utf8_prefix(v.query, kMaxObjectBytes);
  }
  for (std::string_view s : {v.name, v.description, v.display})
    if (!s.empty()) return utf8_prefix(s, kMaxObjectBytes);
  return {};
}

struct Subject {
  PatientRef patient;  // views into the document
  std::string_view object;
  bool has_query_entity = false;
};

Subject read_subject(const AuditEventView& ae, MapScratch& scratch) {
  std::vector<EntityView>& entities = scratch.entities;
  entities.clear();
  for_each_item(ae.entities, [&](Element e) { entities.push_back(read_entity(e)); });

  Subject s;
  std::size_t patient_index = entities.size();
  for (std::size_t i = 0; i < entities.size(); ++i) {
    const EntityView& v = entities[i];
    s.has_query_entity |= v.role_code == "24" || !v.query.empty();
    const bool by_role = has_patient_role(v);
    if (patient_index == entities.size() && (by_role || reference_type(v.reference) == "Patient")) {
      patient_index = i;
      s.patient.id = reference_id(v.reference);
      if (by_role) s.patient.mrn = cx_id(v.identifier);
      if (s.patient.id.empty()) s.patient.id = s.patient.mrn;
    }
  }
  if (s.patient.id.empty()) s.patient.id = reference_id(text(ae.patient["reference"]));  // R5

  // Object: the first other entity that says what it is, else the first other entity's type.
  for (std::size_t i = 0; i < entities.size() && s.object.empty(); ++i)
    if (i != patient_index) s.object = describe_entity(entities[i], scratch);
  for (std::size_t i = 0; i < entities.size() && s.object.empty(); ++i)
    if (i != patient_index) s.object = label_of(entities[i].type);
  // A read of the Patient resource itself: the patient entity is the data, not a Person.
  if (s.object.empty() && patient_index < entities.size() &&
      !has_patient_role(entities[patient_index]) && entities[patient_index].type_code != "1")
    s.object = entities[patient_index].reference;
  return s;
}

// --- the rest -------------------------------------------------------------------------------

std::string_view outcome_code(MaybeElement outcome) {
  Element v;
  if (outcome.get(v) != simdjson::SUCCESS) return {};
  if (v.is_string()) return text(v);
  if (v.is_object()) return code_of(v["code"]);  // R5 outcome.code
  std::int64_t n = -1;
  if (v.get_int64().get(n) != simdjson::SUCCESS) return {};
  switch (n) {
    case 0: return "0";
    case 4: return "4";
    case 8: return "8";
    case 12: return "12";
    default: return {};
  }
}

}  // namespace

Result<void> map_audit_event(Element resource, ParseContext& ctx, MapScratch& scratch) {
  const AuditEventView ae = read_audit_event(resource);
  if (ae.recorded.empty())
    return fail(ErrorCode::invalid_input, "AuditEvent has no recorded time (required)", "recorded");
  Result<TimeNs> time = parse_iso8601(ae.recorded, ctx.options().local_zone);
  if (!time)
    return fail(ErrorCode::invalid_input,
                "recorded is not a valid instant: " + time.error().message, "recorded");

  std::vector<CodingView>& types = scratch.types;
  std::vector<CodingView>& subtypes = scratch.subtypes;
  types.clear();
  subtypes.clear();
  add_codings(ae.type, types);
  add_codings(ae.category, types);  // R5
  add_codings(ae.subtype, subtypes);
  add_codings(ae.code, subtypes);   // R5

  std::vector<AgentView>& agents = scratch.agents;
  agents.clear();
  for_each_item(ae.agents, [&](Element a) { agents.push_back(read_agent(a)); });
  const AgentView* actor = nullptr;
  for (const AgentView& a : agents)
    if (a.requestor) { actor = &a; break; }
  if (actor == nullptr)
    for (const AgentView& a : agents)
      if (is_human_user(a)) { actor = &a; break; }
  // Where the request came from: the actor's address, else the first other agent's, preferring
  // a host or IP to a URI.
  const AgentView* from = actor != nullptr && !actor->address.empty() ? actor : nullptr;
  for (const AgentView& a : agents)
    if (from == nullptr && !a.address.empty() && !is_uri(a)) from = &a;
  for (const AgentView& a : agents)
    if (from == nullptr && !a.address.empty()) from = &a;

  Subject subject = read_subject(ae, scratch);

  AuditEventCodes codes;
  codes.types = types;
  codes.subtypes = subtypes;
  codes.action = ae.action;
  codes.has_query_entity = subject.has_query_entity;
  codes.has_patient = !subject.patient.id.empty() || !subject.patient.mrn.empty();
  const Action action = classify_action(codes);

  std::string_view purpose = code_of(ae.purpose_of_event);
  if (purpose.empty()) purpose = code_of(ae.authorization);  // R5
  if (purpose.empty() && actor != nullptr) purpose = code_of(actor->purpose_of_use);

  EventBatch& batch = ctx.out().events;
  const std::string_view source = ctx.source_in_batch();
  Event& e = batch.start_event();
  e.format = EventFormat::fhir;
  e.time = *time;
  e.kind = classify_kind(codes, action);
  e.action = action;
  e.outcome = outcome_from_code(outcome_code(ae.outcome));
  e.source = source;

  // The event's strings go into the arena together, in one copy.
  std::string& pack = scratch.pack;
  pack.clear();
  struct Slice {
    std::string_view* to;
    std::size_t offset, size;
  };
  std::array<Slice, 12> slices;
  std::size_t n = 0;
  auto add = [&](std::string_view* to, std::string_view s) {
    slices[n++] = {to, pack.size(), s.size()};
    pack.append(s);
  };
  add(&e.id, ae.id);
  if (actor != nullptr) {
    add(&e.actor.user_id, user_id(*actor));
    add(&e.actor.name, user_name(*actor));
    add(&e.actor.role, agent_role(*actor));
  }
  if (from != nullptr) {
    add(&e.actor.ip, from->address);
    if (is_machine_name(*from)) add(&e.actor.host, from->address);
  }
  add(&e.patient.id, subject.patient.id);
  add(&e.patient.mrn, subject.patient.mrn);
  add(&e.object, subject.object);
  add(&e.purpose, purpose);
  const std::string_view kept = batch.keep(pack);
  for (std::size_t i = 0; i < n; ++i)
    if (slices[i].size != 0) *slices[i].to = kept.substr(slices[i].offset, slices[i].size);

  if (ctx.options().keep_fields) scratch.fields.add(resource, batch);
  return {};
}

}  // namespace ward::ingest::fhir
