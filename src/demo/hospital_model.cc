#include "demo/hospital_model.h"

#include <array>

#include <fmt/format.h>

#include "demo/built_in_names.h"

namespace ward::demo {
namespace {

constexpr std::array<DeptInfo, kDeptCount> kDepts = {{
    {"ED", "ED", "ED", "Emergency Department", 1, 30, "", "", 11},
    {"ICU", "ICU", "ICU", "Medical ICU", 301, 16, "", "", 12},
    {"Cardiology", "CAR", "4W", "4 West", 401, 32, "CCL", "Cardiology Clinic", 13},
    {"Oncology", "ONC", "5E", "5 East", 501, 30, "ONCC", "Oncology Clinic", 14},
    {"Pediatrics", "PED", "3E", "3 East", 320, 24, "PEDC", "Pediatric Clinic", 15},
    {"Labor & Delivery", "LD", "LD", "Labor & Delivery", 201, 18, "OBC", "OB Clinic", 16},
    {"Radiology", "RAD", "", "", 0, 0, "", "", 17},
    {"Lab", "LAB", "", "", 0, 0, "", "", 18},
    {"Pharmacy", "PHM", "", "", 0, 0, "", "", 19},
    {"Registration", "REG", "", "", 0, 0, "", "", 20},
    {"Billing", "BIL", "", "", 0, 0, "", "", 21},
    {"HIM", "HIM", "", "", 0, 0, "", "", 22},
    {"IT", "IT", "", "", 0, 0, "", "", 23},
}};

// Codes doctor, nurse, pharmacist and ict are in the HL7 code system; the others are local.
constexpr std::array<RoleInfo, kRoleCount> kRoles = {{
    {"doctor", "Physician"},
    {"nurse", "Registered Nurse"},
    {"pharmacist", "Pharmacist"},
    {"labtech", "Lab Technician"},
    {"radtech", "Radiology Technician"},
    {"clerk", "Registration Clerk"},
    {"billing", "Billing Specialist"},
    {"him", "Health Information Management"},
    {"ict", "IT Support"},
}};

std::string bed_part(const Bed& b) { return b.bed != 0 ? std::string(1, b.bed) : std::string(); }

}  // namespace

const DeptInfo& info(Dept d) { return kDepts[static_cast<std::size_t>(d)]; }
bool has_beds(Dept d) { return !info(d).unit_code.empty(); }
const RoleInfo& info(Role r) { return kRoles[static_cast<std::size_t>(r)]; }

std::string_view given_name(const Person& p) {
  return given_names()[static_cast<std::size_t>(p.given)].name;
}
std::string_view family_name(const Person& p) {
  return surnames()[static_cast<std::size_t>(p.family)];
}
std::string full_name(const Person& p) {
  return fmt::format("{} {}", given_name(p), family_name(p));
}
std::string street_line(const Address& a) {
  return fmt::format("{} {}", a.house_number, street_names()[static_cast<std::size_t>(a.street)]);
}
std::string address_line(const Address& a) {
  const Town& t = towns()[static_cast<std::size_t>(a.town)];
  return fmt::format("{}, {}, {} {}", street_line(a), t.name, t.state, t.zip);
}
std::string phone_number(const Person& p) {
  const Town& t = towns()[static_cast<std::size_t>(p.address.town)];
  return fmt::format("({}) 555-{:04}", t.area_code, p.phone);
}

std::string location_display(const Encounter& e, bool prior) {
  const Bed& b = prior ? e.prior_bed : e.bed;
  const DeptInfo& d = info(e.dept);
  std::string_view unit = e.klass == EncounterClass::ambulatory ? d.clinic_display : d.unit_display;
  std::string out = fmt::format("{} / {}", unit, b.room);
  if (b.bed != 0) out += " / " + bed_part(b);
  return out;
}

std::string location_hl7(const Encounter& e, bool prior) {
  const Bed& b = prior ? e.prior_bed : e.bed;
  const DeptInfo& d = info(e.dept);
  std::string_view unit = e.klass == EncounterClass::ambulatory ? d.clinic_code : d.unit_code;
  return fmt::format("{}^{}^{}", unit, b.room, bed_part(b));
}

}  // namespace ward::demo
