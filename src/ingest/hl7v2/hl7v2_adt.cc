#include "ingest/hl7v2/hl7v2_adt.h"

#include <algorithm>
#include <cstddef>
#include <string>

#include <fmt/format.h>

#include "core/blanks.h"
#include "core/time.h"

namespace ward::ingest {
namespace {

// ADT trigger events that are about a visit, and the status each leaves the encounter in.
struct VisitEvent {
  std::string_view event;
  std::string_view status;
};
constexpr VisitEvent kVisitEvents[] = {
    {"A01", "in-progress"},  // admit
    {"A02", "in-progress"},  // transfer
    {"A03", "finished"},     // discharge
    {"A04", "in-progress"},  // register an outpatient
    {"A05", "planned"},      // pre-admit
    {"A06", "in-progress"},  // outpatient to inpatient
    {"A07", "in-progress"},  // inpatient to outpatient
    {"A08", "in-progress"},  // update patient information
    {"A09", "in-progress"},  // patient departing (tracking)
    {"A10", "in-progress"},  // patient arriving (tracking)
    {"A11", "cancelled"},    // cancel admit / visit
    {"A12", "in-progress"},  // cancel transfer
    {"A13", "in-progress"},  // cancel discharge (end is cleared)
    {"A14", "planned"},      // pending admit
    {"A15", "in-progress"},  // pending transfer
    {"A16", "in-progress"},  // pending discharge
    {"A17", "in-progress"},  // swap patients
    {"A21", "in-progress"},  // leave of absence, out
    {"A22", "in-progress"},  // leave of absence, back
    {"A23", "cancelled"},    // delete a visit
    {"A25", "in-progress"},  // cancel pending discharge
    {"A26", "in-progress"},  // cancel pending transfer
    {"A27", "cancelled"},    // cancel pending admit
    {"A32", "in-progress"},  // cancel patient arriving
    {"A33", "in-progress"},  // cancel patient departing
    {"A38", "cancelled"},    // cancel pre-admit
    {"A52", "in-progress"},  // cancel leave of absence, out
    {"A53", "in-progress"},  // cancel leave of absence, back
    {"A54", "in-progress"},  // change attending doctor
    {"A55", "in-progress"},  // cancel change attending doctor
    {"A61", "in-progress"},  // change consulting doctor
    {"A62", "in-progress"},  // cancel change consulting doctor
};

// A PID and the first PD1 and PV1 after it, before the next PID.
struct PatientGroup {
  std::size_t pid_index = 0;
  std::string_view pid, pd1, pv1;
  std::size_t pv1_index = 0;
};

// Appends `part` (trimmed, decoded) after `separator` when it is not empty.
void append_part(std::string& out, std::string_view separator, const Hl7v2Message& m,
                 std::string_view part) {
  part = trim_blanks(part);
  if (part.empty()) return;
  std::size_t before = out.size();
  if (before != 0) out += separator;
  std::size_t start = out.size();
  m.append_decoded(part, out);
  if (out.size() == start) out.resize(before);  // decoded to nothing, e.g. "\H\"
}

std::size_t piece_count(std::string_view s, char separator) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), separator)) + 1;
}

Error at_field(Error e, std::string field, std::string_view what, std::size_t segment_index) {
  e.message = fmt::format("{} in segment {} is not valid: {}", what, segment_index + 1, e.message);
  e.field = std::move(field);
  return e;
}

// An HL7 time field (first component), 0 when empty.
Result<TimeNs> read_time(const Hl7v2Message& m, std::string_view value, std::string field,
                         std::string_view what, std::size_t segment_index,
                         const date::time_zone* zone) {
  std::string_view text = trim_blanks(m.component(value, 1));
  if (text.empty()) return TimeNs{0};
  auto t = parse_hl7_time(text, zone);
  if (!t)
    return tl::unexpected(at_field(std::move(t.error()), std::move(field), what, segment_index));
  return *t;
}

// PID-7 as written (no zone shift): YYYY-MM-DD, or YYYY-MM / YYYY for partial dates.
Result<std::string> read_birth_date(const Hl7v2Message& m, const PatientGroup& g) {
  std::string_view text = trim_blanks(m.component(m.field(g.pid, 7), 1));
  if (text.empty()) return std::string();
  if (auto t = parse_hl7_time(text); !t)
    return tl::unexpected(at_field(std::move(t.error()), "PID-7", "birth date", g.pid_index));
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits >= 8)
    return fmt::format("{}-{}-{}", text.substr(0, 4), text.substr(4, 2), text.substr(6, 2));
  if (digits >= 6) return fmt::format("{}-{}", text.substr(0, 4), text.substr(4, 2));
  return std::string(text.substr(0, 4));
}

// PID-3's medical record number (identifier type MR, or MRN as Simulated Hospital sends), else
// its first identifier, else PID-2 (the 2.3 "external" id). Sets mrn only for an MR identifier.
Result<void> read_identifiers(const Hl7v2Message& m, const PatientGroup& g, PatientRecord& p) {
  std::string_view ids = m.field(g.pid, 3);
  std::string first;
  for (std::size_t i = 1, n = m.repetition_count(ids); i <= n; ++i) {
    std::string_view cx = m.repetition(ids, i);
    std::string id = m.decode(trim_blanks(m.component(cx, 1)));
    if (id.empty()) continue;
    std::string_view type = trim_blanks(m.component(cx, 5));
    if (type == "MR" || type == "MRN") {
      p.mrn = id;
      p.id = std::move(id);
      return {};
    }
    if (first.empty()) first = std::move(id);
  }
  if (first.empty()) first = m.decode(trim_blanks(m.component(m.field(g.pid, 2), 1)));
  if (first.empty())
    return fail(ErrorCode::invalid_input,
                fmt::format("patient in segment {} has no identifier (PID-3 and PID-2 are empty)",
                            g.pid_index + 1),
                "PID-3");
  p.id = std::move(first);
  return {};
}

// "Given Family" from the first PID-5 repetition; the family name's first subcomponent.
std::string read_name(const Hl7v2Message& m, const PatientGroup& g) {
  std::string_view xpn = m.repetition(m.field(g.pid, 5), 1);
  std::string name;
  append_part(name, " ", m, m.component(xpn, 2));
  append_part(name, " ", m, m.subcomponent(m.component(xpn, 1), 1));
  return name;
}

// "street, city, state zip" from the first PID-11 repetition. The street is every subcomponent
// of XAD.1 (number and street name) and the other designator (XAD.2), joined by blanks.
std::string read_address(const Hl7v2Message& m, const PatientGroup& g) {
  std::string_view xad = m.repetition(m.field(g.pid, 11), 1);
  std::string street;
  std::string_view sad = m.component(xad, 1);
  for (std::size_t i = 1, n = piece_count(sad, m.delimiters().subcomponent); i <= n; ++i)
    append_part(street, " ", m, m.subcomponent(sad, i));
  append_part(street, " ", m, m.component(xad, 2));
  std::string state_zip;
  append_part(state_zip, " ", m, m.component(xad, 4));
  append_part(state_zip, " ", m, m.component(xad, 5));
  std::string line = street;
  append_part(line, ", ", m, m.component(xad, 3));
  if (!state_zip.empty()) line += line.empty() ? state_zip : ", " + state_zip;
  return line;
}

// VIP indicator PV1-16 set to anything but N/NO, or protection indicator PD1-12 = Y.
bool read_confidential(const Hl7v2Message& m, const PatientGroup& g) {
  std::string_view vip = trim_blanks(m.component(m.field(g.pv1, 16), 1));
  bool vip_set = !vip.empty() && vip != "N" && vip != "NO" && vip != "n" && vip != "No";
  return vip_set || trim_blanks(m.component(m.field(g.pd1, 12), 1)) == "Y";
}

Result<PatientRecord> read_patient(const Hl7v2Message& m, const PatientGroup& g,
                                   const Hl7v2MapOptions& options) {
  PatientRecord p;
  if (auto ids = read_identifiers(m, g, p); !ids) return tl::unexpected(std::move(ids.error()));
  auto birth = read_birth_date(m, g);
  if (!birth) return tl::unexpected(std::move(birth.error()));
  p.birth_date = std::move(*birth);
  p.name = read_name(m, g);
  p.address = read_address(m, g);
  p.confidential = read_confidential(m, g);
  p.source = std::string(options.source);
  return p;
}

// "unit / room / bed" from PV1-3 components 1-3 (first subcomponent of each), skipping empties.
std::string read_location(const Hl7v2Message& m, std::string_view pl) {
  std::string location;
  for (std::size_t i = 1; i <= 3; ++i)
    append_part(location, " / ", m, m.subcomponent(m.component(pl, i), 1));
  return location;
}

void add_participants(const Hl7v2Message& m, std::string_view field, std::string_view role,
                      EncounterRecord& e) {
  for (std::size_t i = 1, n = m.repetition_count(field); i <= n; ++i) {
    std::string id = m.decode(trim_blanks(m.component(m.repetition(field, i), 1)));
    if (!id.empty()) e.participants.push_back({std::move(id), std::string(role)});
  }
}

// When the event happened: EVN-2 (recorded), else MSH-7 (message time); 0 when both are empty.
Result<TimeNs> event_time(const Hl7v2Message& m, const date::time_zone* zone) {
  std::size_t evn = m.find("EVN");
  if (evn != Hl7v2Message::npos) {
    auto recorded = read_time(m, m.field(m.segments()[evn], 2), "EVN-2", "event time", evn, zone);
    if (!recorded || *recorded != 0) return recorded;
  }
  return read_time(m, m.field(m.segments()[0], 7), "MSH-7", "message time", 0, zone);
}

Result<EncounterRecord> read_encounter(const Hl7v2Message& m, const PatientGroup& g,
                                       std::string_view event, std::string_view status,
                                       const std::string& patient_id,
                                       const Hl7v2MapOptions& options) {
  EncounterRecord e;
  std::string_view pv1 = g.pv1;
  e.visit_number = m.decode(trim_blanks(m.component(m.field(pv1, 19), 1)));
  e.id = e.visit_number.empty() ? m.decode(trim_blanks(m.field(m.segments()[0], 10))) : e.visit_number;
  if (e.id.empty())
    return fail(ErrorCode::invalid_input,
                fmt::format("encounter in segment {} has no visit number and the message no "
                            "control id (MSH-10)", g.pv1_index + 1),
                "PV1-19");
  e.patient_id = patient_id;
  e.class_code = std::string(encounter_class(trim_blanks(m.component(m.field(pv1, 2), 1))));
  std::string_view pl = m.field(pv1, 3);
  e.location = read_location(m, pl);
  e.department = m.decode(trim_blanks(m.component(m.field(pv1, 10), 1)));
  if (e.department.empty()) e.department = m.decode(trim_blanks(m.subcomponent(m.component(pl, 1), 1)));
  auto start =
      read_time(m, m.field(pv1, 44), "PV1-44", "admit time", g.pv1_index, options.local_zone);
  if (!start) return tl::unexpected(std::move(start.error()));
  auto end = read_time(m, m.repetition(m.field(pv1, 45), 1), "PV1-45", "discharge time",
                       g.pv1_index, options.local_zone);
  if (!end) return tl::unexpected(std::move(end.error()));
  e.start = *start;
  e.end = *end;
  if (e.start == 0 && (event == "A01" || event == "A04")) {
    auto t = event_time(m, options.local_zone);
    if (!t) return tl::unexpected(std::move(t.error()));
    e.start = *t;
  }
  if (event == "A03" && e.end == 0) {
    auto t = event_time(m, options.local_zone);
    if (!t) return tl::unexpected(std::move(t.error()));
    e.end = *t;
  }
  if (event == "A13") e.end = 0;
  e.status = std::string(status);
  add_participants(m, m.field(pv1, 7), "ATND", e);
  add_participants(m, m.field(pv1, 8), "REF", e);
  add_participants(m, m.field(pv1, 9), "CON", e);
  add_participants(m, m.field(pv1, 17), "ADM", e);
  e.source = std::string(options.source);
  return e;
}

// Bad dates in EVN are bad input even when the mapping does not need them.
Result<void> check_event_dates(const Hl7v2Message& m, const date::time_zone* zone) {
  std::size_t evn = m.find("EVN");
  if (evn == Hl7v2Message::npos) return {};
  struct { std::size_t n; const char* field; const char* what; } const kDates[] = {
      {2, "EVN-2", "event time"}, {3, "EVN-3", "planned event time"},
      {6, "EVN-6", "event occurred time"}};
  for (const auto& d : kDates) {
    auto t = read_time(m, m.field(m.segments()[evn], d.n), d.field, d.what, evn, zone);
    if (!t) return tl::unexpected(std::move(t.error()));
  }
  return {};
}

}  // namespace

std::optional<std::string_view> adt_encounter_status(std::string_view trigger_event) {
  for (const VisitEvent& v : kVisitEvents)
    if (v.event == trigger_event) return v.status;
  return std::nullopt;
}

std::string_view encounter_class(std::string_view patient_class) {
  if (patient_class == "I" || patient_class == "B") return "IMP";
  if (patient_class == "O" || patient_class == "R") return "AMB";
  if (patient_class == "E") return "EMER";
  if (patient_class == "P") return "PRENC";
  return patient_class;
}

Result<Hl7v2DirectoryRecords> map_hl7v2_message(const Hl7v2Message& m,
                                                std::string_view message_type,
                                                std::string_view trigger_event,
                                                const Hl7v2MapOptions& options) {
  const bool adt = message_type == "ADT";
  std::optional<std::string_view> status;
  if (adt) {
    status = adt_encounter_status(trigger_event);
    if (auto dates = check_event_dates(m, options.local_zone); !dates)
      return tl::unexpected(std::move(dates.error()));
  }
  // Group each PID with the PD1 and PV1 that follow it.
  std::vector<PatientGroup> groups;
  const auto& segments = m.segments();
  for (std::size_t i = 1; i < segments.size(); ++i) {
    std::string_view name = Hl7v2Message::segment_name(segments[i]);
    if (name == "PID") {
      groups.push_back({i, segments[i], {}, {}, 0});
    } else if (name == "PV1" && status && groups.empty()) {
      return fail(ErrorCode::invalid_input,
                  fmt::format("PV1 in segment {} comes before any PID", i + 1), "PID");
    } else if (!groups.empty() && name == "PD1" && groups.back().pd1.empty()) {
      groups.back().pd1 = segments[i];
    } else if (!groups.empty() && name == "PV1" && groups.back().pv1.empty()) {
      groups.back().pv1 = segments[i];
      groups.back().pv1_index = i;
    }
  }
  Hl7v2DirectoryRecords out;
  for (const PatientGroup& g : groups) {
    auto patient = read_patient(m, g, options);
    if (!patient) return tl::unexpected(std::move(patient.error()));
    if (status && !g.pv1.empty()) {
      auto encounter = read_encounter(m, g, trigger_event, *status, patient->id, options);
      if (!encounter) return tl::unexpected(std::move(encounter.error()));
      out.encounters.push_back(std::move(*encounter));
    }
    out.patients.push_back(std::move(*patient));
  }
  return out;
}

}  // namespace ward::ingest
