// Small hand-made stores for the engine's tests (engine_test.cc, catch_up_test.cc): people,
// accesses and what a run wrote, read back as a user would see them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/time.h"
#include "ingest/parse_context.h"
#include "store/store.h"

namespace ward::privacy::test_records {

inline TimeNs at(std::string_view iso) { return *parse_iso8601(iso); }

inline void add_access(ingest::ParsedRecords& r, std::string_view id, std::string_view user,
                       std::string_view patient, std::string_view when, Action action = Action::read) {
  Event& e = r.events.start_event();
  e.id = r.events.keep(id);
  e.time = at(when);
  e.kind = EventKind::ehr_access;
  e.action = action;
  e.actor.user_id = r.events.keep(user);
  e.patient.id = r.events.keep(patient);
  e.source = r.events.keep("test");
}

inline WorkforceMember staff(std::string id, std::string employee_id, std::string name, std::string role,
                             std::string department, std::string address, std::string birth_date) {
  WorkforceMember w;
  w.id = std::move(id);
  w.employee_id = std::move(employee_id);
  w.name = std::move(name);
  w.role = std::move(role);
  w.department = std::move(department);
  w.address = std::move(address);
  w.birth_date = std::move(birth_date);
  return w;
}

// A staff member known by id and employee id ("E" + id), with a role and a department.
inline WorkforceMember member(std::string id, std::string role, std::string department) {
  WorkforceMember m;
  m.id = std::move(id);
  m.employee_id = "E" + m.id;
  m.role = std::move(role);
  m.department = std::move(department);
  return m;
}

inline PatientRecord patient(std::string id, std::string name, std::string address, std::string birth_date,
                             bool confidential = false) {
  return {std::move(id), "", std::move(name), std::move(address), std::move(birth_date), confidential, "test"};
}

// Every explanation the store holds, in seq order.
inline std::vector<store::ExplanationRow> explanations_in(store::Store& store) {
  std::vector<store::ExplanationRow> rows;
  auto r = store.for_each_explanation([&](const store::ExplanationRow& x) -> Result<void> {
    rows.push_back(x);
    return {};
  });
  EXPECT_TRUE(r) << (r ? "" : r.error().describe());
  return rows;
}

inline const store::CaseRecord* case_of(const std::vector<store::CaseRecord>& cases, std::string_view patient) {
  for (const auto& c : cases)
    if (c.patient_id == patient) return &c;
  return nullptr;
}

}  // namespace ward::privacy::test_records
