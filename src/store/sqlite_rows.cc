#include "store/sqlite_rows.h"

#include <string>

#include <fmt/format.h>

#include "store/explanation_parts.h"

namespace ward::store {

namespace {

constexpr std::string_view kEventFields =
    "e.seq, e.time_ns, e.kind, e.action, e.outcome, su.value, sn.value, sr.value, sd.value, "
    "sh.value, si.value, sp.value, sm.value, e.object, spu.value, ss.value, e.event_id, "
    "e.format";
constexpr std::string_view kStringJoins =
    "LEFT JOIN strings su ON su.id = e.user_key LEFT JOIN strings sn ON sn.id = e.user_name_key "
    "LEFT JOIN strings sr ON sr.id = e.role_key LEFT JOIN strings sd ON sd.id = e.department_key "
    "LEFT JOIN strings sh ON sh.id = e.host_key LEFT JOIN strings si ON si.id = e.ip_key "
    "LEFT JOIN strings sp ON sp.id = e.patient_key LEFT JOIN strings sm ON sm.id = e.mrn_key "
    "LEFT JOIN strings spu ON spu.id = e.purpose_key "
    "LEFT JOIN strings ss ON ss.id = e.source_key ";

}  // namespace

const std::string kEventColumns = fmt::format("{} FROM events e {}", kEventFields, kStringJoins);
// An event's explanation value (explanation_parts.h): NULL when it has none.
const std::string kExplanationValue = fmt::format("nullif(ward_u32_at(xp.texts, e.seq & {}), 0)",
                                                  explanation_parts::kPartSeqs - 1);
const std::string kExplainedEventColumns = fmt::format(
    "{0}, {1} & 1, xt.code, xt.evidence FROM events e "
    "LEFT JOIN access_explanation_parts xp ON xp.part = e.seq >> {2} "
    "LEFT JOIN explanation_texts xt ON xt.id = {1} >> 1 {3}",
    kEventFields, kExplanationValue, explanation_parts::kPartBits, kStringJoins);

EventRow read_event_row(const Statement& s) {
  EventRow r;
  r.seq = s.column_int(0);
  r.time = s.column_int(1);
  r.kind = static_cast<EventKind>(s.column_int(2));
  r.action = static_cast<Action>(s.column_int(3));
  r.outcome = static_cast<Outcome>(s.column_int(4));
  std::string* text[] = {&r.user_id, &r.user_name, &r.role, &r.department, &r.host, &r.ip,
                         &r.patient_id, &r.patient_mrn, &r.object, &r.purpose, &r.source,
                         &r.event_id};
  int column = 5;
  for (std::string* t : text) *t = std::string(s.column_text(column++));
  r.format = event_format_from_number(s.column_int(column++));  // NULL (before 0013): 0, unknown
  if (s.column_count() <= column) return r;  // kEventColumns: no explanation
  if (!s.column_is_null(column))
    r.explained = s.column_int(column) != 0 ? EventRow::Explained::yes : EventRow::Explained::no;
  r.explanation_code = s.column_text(column + 1);
  r.explanation_evidence = s.column_text(column + 2);
  return r;
}

const std::string_view kWorkforceColumns =
    "id, employee_id, name, role, department, address, birth_date, hire_date, termination_date, "
    "source";

WorkforceMember read_workforce_row(const Statement& s) {
  WorkforceMember w;
  std::string* text[] = {&w.id, &w.employee_id, &w.name, &w.role, &w.department, &w.address,
                         &w.birth_date, &w.hire_date, &w.termination_date, &w.source};
  int column = 0;
  for (std::string* t : text) *t = std::string(s.column_text(column++));
  return w;
}

const std::string_view kPatientColumns =
    "id, mrn, name, address, birth_date, confidential, source";

PatientRecord read_patient_row(const Statement& s) {
  PatientRecord p;
  p.id = s.column_text(0);
  p.mrn = s.column_text(1);
  p.name = s.column_text(2);
  p.address = s.column_text(3);
  p.birth_date = s.column_text(4);
  p.confidential = s.column_int(5) != 0;
  p.source = s.column_text(6);
  return p;
}

const std::string_view kEncounterColumns =
    "id, patient_id, visit_number, class_code, status, location, department, "
    "coalesce(start_ns, 0), coalesce(end_ns, 0), source";

EncounterRecord read_encounter_row(const Statement& s) {
  EncounterRecord e;
  e.id = s.column_text(0);
  e.patient_id = s.column_text(1);
  e.visit_number = s.column_text(2);
  e.class_code = s.column_text(3);
  e.status = s.column_text(4);
  e.location = s.column_text(5);
  e.department = s.column_text(6);
  e.start = s.column_int(7);
  e.end = s.column_int(8);
  e.source = s.column_text(9);
  return e;
}

const std::string_view kCaseColumns =
    "id, case_key, coalesce(user_id, ''), coalesce(patient_id, ''), score, categories, reason, "
    "coalesce(first_ns, 0), coalesce(last_ns, 0), status, coalesce(status_reason, ''), "
    "coalesce(outcome, ''), coalesce(reason_code, ''), coalesce(assignee, '')";

CaseRecord read_case_row(const Statement& s) {
  CaseRecord c;
  c.id = s.column_int(0);
  c.key = s.column_text(1);
  c.user_id = s.column_text(2);
  c.patient_id = s.column_text(3);
  c.score = s.column_double(4);
  c.categories = s.column_text(5);
  c.reason = s.column_text(6);
  c.first = s.column_int(7);
  c.last = s.column_int(8);
  c.status = s.column_text(9);
  c.status_reason = s.column_text(10);
  c.outcome = s.column_text(11);
  c.reason_code = s.column_text(12);
  c.assignee = s.column_text(13);
  return c;
}

const std::string_view kCaseEventsSql =
    "SELECT ce.seq, coalesce(e.event_id, '') FROM privacy_case_events ce "
    "JOIN events e ON e.seq = ce.seq WHERE ce.case_id = ? ORDER BY e.time_ns, ce.seq";

Result<void> read_case_events(Statement& events, CaseRecord& c) {
  events.reset();
  events.bind(1, c.id);
  while (true) {
    auto e = events.step();
    if (!e) return Unexpected(e.error());
    if (!*e) return {};
    c.seqs.push_back(events.column_int(0));
    c.event_ids.emplace_back(events.column_text(1));
  }
}

}  // namespace ward::store
