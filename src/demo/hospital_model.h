// The demo hospital in memory: departments and roles, the workforce with its shifts, patients
// (some of them employees or employees' relatives and neighbours), encounters with care teams, and
// the accesses to patient records. Builders fill it (population.h, encounters.h, accesses.h) and
// writers turn it into files; it holds indexes into the built-in name lists, not text.
#pragma once

#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "demo/local_clock.h"

namespace ward::demo {

enum class Dept : std::uint8_t {
  ed, icu, cardiology, oncology, pediatrics, labor_delivery,  // clinical, with beds
  radiology, lab, pharmacy, registration, billing, him, it,
};
inline constexpr int kDeptCount = 13;

struct DeptInfo {
  std::string_view name;          // "Labor & Delivery"
  std::string_view code;          // short code for workstations: "LD"
  std::string_view unit_code;     // nursing unit, PV1-3.1: "4W"; empty without beds
  std::string_view unit_display;  // "4 West"
  int first_room = 0, rooms = 0;
  std::string_view clinic_code, clinic_display;  // outpatient clinic; empty when none
  int subnet = 0;                                // workstations are 10.20.<subnet>.x
};
const DeptInfo& info(Dept d);
bool has_beds(Dept d);

enum class Role : std::uint8_t {
  physician, nurse, pharmacist, lab_technician, radiology_technician, registration_clerk,
  billing_specialist, him_specialist, it_support,
};
inline constexpr int kRoleCount = 9;

struct RoleInfo {
  std::string_view code;     // http://terminology.hl7.org/CodeSystem/practitioner-role (see README)
  std::string_view display;  // "Registered Nurse"
};
const RoleInfo& info(Role r);

enum class Shift : std::uint8_t { day, night };  // day 07-19, night 19-07 local

struct Address {
  int house_number = 1;
  int street = 0;  // index into street_names()
  int town = 0;    // index into towns()
};

struct Person {
  int given = 0;   // index into given_names()
  int family = 0;  // index into surnames()
  char sex = 'F';
  std::int64_t birth_day = 0;  // days since epoch
  Address address;
  int phone = 100;  // 555-0100..0199, fictional
};
std::string_view given_name(const Person& p);
std::string_view family_name(const Person& p);
std::string full_name(const Person& p);       // "Given Family"
std::string street_line(const Address& a);    // "12 Elm St"
std::string address_line(const Address& a);   // "12 Elm St, Worcester, MA 01608"
std::string phone_number(const Person& p);    // "(508) 555-0123"

struct StaffMember {
  std::string practitioner_id;  // "prac-0001"
  std::string employee_id;      // "E10001"
  Person person;
  Role role = Role::nurse;
  Dept dept = Dept::ed;
  Shift shift = Shift::day;
  std::int64_t hire_day = 0;               // days since epoch
  int last_day = INT_MAX;                  // last window day employed (termination date)
  std::int64_t termination_day = 0;        // days since epoch; meaningful when terminated
  bool terminated = false;
  std::vector<std::uint8_t> works;         // per window day -1..days-1, see works_on()
  int workstation = 1;                     // WS-<dept code>-<nn>, 10.20.<subnet>.<20+nn>
  int patient = -1;                        // index of this employee's own patient record

  bool active_on(int day) const { return day <= last_day; }
  bool works_on(int day) const {
    std::size_t i = static_cast<std::size_t>(day + 1);
    return day >= -1 && i < works.size() && works[i] != 0 && active_on(day);
  }
};

enum class Relation : std::uint8_t { none, employee, family, neighbour };

struct Patient {
  std::string id;   // "pat-000001"
  std::string mrn;  // "MRN0000001"
  Person person;
  bool confidential = false;  // VIP / restricted
  Relation relation = Relation::none;
  int staff = -1;             // the related staff member
  std::vector<int> encounters;
};

enum class EncounterClass : std::uint8_t { inpatient, emergency, ambulatory };

struct Bed {
  int room = 0;
  char bed = 0;  // 0 when the room has one place (ED bay, clinic room)
};

struct Encounter {
  std::string id;  // "enc-000001"
  int patient = 0;
  EncounterClass klass = EncounterClass::inpatient;
  Dept dept = Dept::ed;
  TimeMs start = 0, end = 0;  // end may lie after the window: then still in progress
  bool finished = false;
  int attending = -1, admitting = -1;
  std::vector<int> nurses;  // primary nurses (PPRF)
  Bed bed, prior_bed;       // prior_bed is set when transferred
  TimeMs transfer = 0;      // 0 when never transferred
  TimeMs update = 0;        // time of an A08 demographics update, 0 when none
};
std::string location_display(const Encounter& e, bool prior = false);  // "4 West / 412 / A"
std::string location_hl7(const Encounter& e, bool prior = false);      // "4W^412^A"

struct Hospital {
  std::vector<StaffMember> staff;
  std::vector<Patient> patients;
  std::vector<Encounter> encounters;
  std::vector<std::vector<int>> groups;  // staff indexes by group_of(role, dept)

  static std::size_t group_of(Role r, Dept d) {
    return static_cast<std::size_t>(r) * kDeptCount + static_cast<std::size_t>(d);
  }
  const std::vector<int>& group(Role r, Dept d) const { return groups[group_of(r, d)]; }
};

}  // namespace ward::demo
