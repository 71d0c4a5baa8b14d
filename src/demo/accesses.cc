#include "demo/accesses.h"

#include <array>
#include <span>

namespace ward::demo {
namespace {

constexpr std::array<ObjectInfo, 12> kObjects = {{
    {"Observation", "obs", "Flowsheet", "category=vital-signs"},
    {"Observation", "lab", "Lab Results", "category=laboratory"},
    {"MedicationRequest", "medrx", "Medication Orders", "status=active"},
    {"MedicationAdministration", "medadm", "MAR", "status=completed"},
    {"DiagnosticReport", "dr", "Results Report", "category=RAD"},
    {"DocumentReference", "doc", "Clinical Notes", "category=clinical-note"},
    {"ServiceRequest", "sr", "Orders", "status=active"},
    {"ImagingStudy", "img", "Imaging", "status=available"},
    {"Patient", "", "Demographics", ""},
    {"Coverage", "cov", "Insurance", "status=active"},
    {"Account", "acct", "Billing Account", "status=active"},
    {"Composition", "ccd", "Patient Summary (CCD)", "type=34133-9"},
}};

struct Step {
  Interaction interaction;
  ObjectKind object;
  int weight;
};

using I = Interaction;
using O = ObjectKind;

constexpr std::array<Step, 11> kPhysician = {{
    {I::read, O::lab_result, 24}, {I::read, O::note, 18}, {I::read, O::report, 12},
    {I::search, O::lab_result, 14}, {I::search, O::vitals, 8}, {I::update, O::note, 9},
    {I::create, O::note, 4}, {I::create, O::medication_request, 6}, {I::create, O::order, 3},
    {I::remove, O::order, 1}, {I::print, O::note, 1},
}};
constexpr std::array<Step, 4> kRadiologist = {{
    {I::read, O::imaging, 40}, {I::create, O::report, 45}, {I::search, O::report, 10},
    {I::read, O::order, 5},
}};
constexpr std::array<Step, 8> kNurse = {{
    {I::read, O::vitals, 14}, {I::read, O::medication_request, 15}, {I::create, O::vitals, 20},
    {I::create, O::medication_admin, 18}, {I::search, O::lab_result, 9}, {I::update, O::note, 8},
    {I::read, O::note, 10}, {I::remove, O::vitals, 1},
}};
constexpr std::array<Step, 4> kPharmacist = {{
    {I::read, O::medication_request, 50}, {I::update, O::medication_request, 30},
    {I::search, O::medication_request, 10}, {I::read, O::lab_result, 10},
}};
constexpr std::array<Step, 4> kLab = {{
    {I::read, O::order, 35}, {I::create, O::lab_result, 45}, {I::search, O::order, 10},
    {I::update, O::lab_result, 10},
}};
constexpr std::array<Step, 3> kRadTech = {{
    {I::read, O::order, 40}, {I::create, O::imaging, 50}, {I::search, O::imaging, 10},
}};
constexpr std::array<Step, 5> kClerk = {{
    {I::read, O::demographics, 40}, {I::update, O::demographics, 20}, {I::update, O::coverage, 15},
    {I::search, O::demographics, 20}, {I::print, O::demographics, 5},
}};
constexpr std::array<Step, 5> kBilling = {{
    {I::read, O::account, 40}, {I::update, O::account, 25}, {I::read, O::coverage, 20},
    {I::search, O::account, 10}, {I::print, O::account, 5},
}};
constexpr std::array<Step, 5> kHim = {{
    {I::read, O::note, 45}, {I::update, O::note, 25}, {I::search, O::note, 15},
    {I::read, O::report, 10}, {I::print, O::note, 5},
}};
constexpr std::array<Step, 2> kIt = {{{I::read, O::demographics, 70}, {I::read, O::note, 30}}};
// What a curious user opens: notes, results, the face sheet.
constexpr std::array<Step, 4> kSnoop = {{
    {I::read, O::note, 30}, {I::read, O::lab_result, 25}, {I::read, O::demographics, 25},
    {I::read, O::report, 20},
}};

std::span<const Step> profile_of(const StaffMember& s, Scenario scenario) {
  if (scenario != Scenario::routine && scenario != Scenario::covering) return kSnoop;
  switch (s.role) {
    case Role::physician: return s.dept == Dept::radiology ? std::span<const Step>(kRadiologist) : kPhysician;
    case Role::nurse: return kNurse;
    case Role::pharmacist: return kPharmacist;
    case Role::lab_technician: return kLab;
    case Role::radiology_technician: return kRadTech;
    case Role::registration_clerk: return kClerk;
    case Role::billing_specialist: return kBilling;
    case Role::him_specialist: return kHim;
    case Role::it_support: return kIt;
  }
  return kSnoop;
}

Purpose purpose_of(const StaffMember& s) {
  switch (s.role) {
    case Role::physician:
    case Role::nurse: return s.dept == Dept::ed ? Purpose::emergency : Purpose::treatment;
    case Role::pharmacist:
    case Role::lab_technician:
    case Role::radiology_technician: return Purpose::treatment;
    case Role::billing_specialist: return Purpose::payment;
    case Role::registration_clerk:
    case Role::him_specialist:
    case Role::it_support: return Purpose::operations;
  }
  return Purpose::treatment;
}

}  // namespace

const ObjectInfo& info(ObjectKind k) { return kObjects[static_cast<std::size_t>(k)]; }

std::string_view code(Purpose p) {
  switch (p) {
    case Purpose::treatment: return "TREAT";
    case Purpose::emergency: return "ETREAT";
    case Purpose::payment: return "HPAYMT";
    case Purpose::operations: return "HOPERAT";
  }
  return "TREAT";
}

std::string_view words(Purpose p) {
  switch (p) {
    case Purpose::treatment: return "Treatment";
    case Purpose::emergency: return "Emergency Treatment";
    case Purpose::payment: return "Payment";
    case Purpose::operations: return "Operations";
  }
  return "Treatment";
}

std::string_view name(Scenario s) {
  switch (s) {
    case Scenario::routine: return "routine";
    case Scenario::family: return "family";
    case Scenario::neighbour: return "neighbour";
    case Scenario::coworker: return "coworker";
    case Scenario::vip: return "vip";
    case Scenario::self: return "self";
    case Scenario::curiosity: return "curiosity";
    case Scenario::bulk_export: return "bulk_export";
    case Scenario::terminated: return "terminated";
    case Scenario::covering: return "covering";
  }
  return "routine";
}

Access* add_access(std::vector<Access>& out, const Hospital& h, const LocalClock& clock,
                   SeededRandom& rng, int staff, int patient, int encounter, TimeMs t,
                   Scenario scenario) {
  if (staff < 0 || t < clock.window_start() || t >= clock.window_end()) return nullptr;
  const StaffMember& s = h.staff[static_cast<std::size_t>(staff)];
  std::span<const Step> profile = profile_of(s, scenario);
  std::array<int, 16> weights{};
  for (std::size_t i = 0; i < profile.size(); ++i) weights[i] = profile[i].weight;
  const Step& step = profile[rng.weighted(std::span<const int>(weights.data(), profile.size()))];

  Access a;
  a.time = t;
  a.staff = staff;
  a.patient = patient;
  a.encounter = encounter;
  a.interaction = step.interaction;
  a.object = step.object;
  a.slot = static_cast<std::uint8_t>(rng.between(1, 12));
  a.purpose = purpose_of(s);
  double r = rng.unit();
  a.outcome = r < 0.001 ? 8 : (r < 0.005 ? 4 : 0);
  a.scenario = scenario;
  out.push_back(a);
  return &out.back();
}

}  // namespace ward::demo
