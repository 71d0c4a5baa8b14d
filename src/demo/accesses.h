// Accesses to patient records in the demo hospital: the routine work that encounters drive
// (care teams, pharmacy, lab, radiology, registration, billing, HIM) and the injected
// non-routine accesses that truth.csv labels (snooping scenarios, terminated users, covering).
// An Access holds indexes and codes; the writers render it as an AuditEvent or a CSV row.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "demo/hospital_model.h"
#include "demo/seeded_random.h"

namespace ward::demo {

enum class Interaction : std::uint8_t { read, search, create, update, remove, print, export_records };

enum class ObjectKind : std::uint8_t {
  vitals, lab_result, medication_request, medication_admin, report, note, order, imaging,
  demographics, coverage, account, summary,
};

struct ObjectInfo {
  std::string_view resource;  // FHIR resource type
  std::string_view prefix;    // id prefix: "obs" gives "Observation/obs-000123-04"
  std::string_view label;     // the vendor log's object column
  std::string_view search;    // extra search parameters, "category=laboratory"
};
const ObjectInfo& info(ObjectKind k);

enum class Purpose : std::uint8_t { treatment, emergency, payment, operations };
std::string_view code(Purpose p);   // v3-ActReason: TREAT, ETREAT, HPAYMT, HOPERAT
std::string_view words(Purpose p);  // "Treatment"

enum class Scenario : std::uint8_t {
  routine, family, neighbour, coworker, vip, self, curiosity, bulk_export, terminated, covering,
};
std::string_view name(Scenario s);  // as in truth.csv

struct Access {
  TimeMs time = 0;
  std::int32_t staff = 0;
  std::int32_t patient = 0;
  std::int32_t encounter = -1;      // the encounter that explains it, when there is one
  Interaction interaction = Interaction::read;
  ObjectKind object = ObjectKind::note;
  std::uint8_t slot = 0;            // which of the patient's resources of that kind
  Purpose purpose = Purpose::treatment;
  std::uint8_t outcome = 0;         // FHIR AuditEvent outcome: 0, 4 or 8
  Scenario scenario = Scenario::routine;
  bool remote = false;              // from the VPN instead of the user's workstation
  bool name_lookup = false;         // a search for the patient by name and birth date
};

// Adds one access by `staff` to `patient` at `t`, choosing what was done from the staff
// member's role (a nurse charts vitals, a pharmacist verifies orders). Drops times outside
// the window. Returns the access added, or nullptr.
Access* add_access(std::vector<Access>& out, const Hospital& h, const LocalClock& clock,
                   SeededRandom& rng, int staff, int patient, int encounter, TimeMs t,
                   Scenario scenario = Scenario::routine);

// The routine accesses, including the few `covering` ones (rounds done by a colleague of the
// attending), in no particular order.
std::vector<Access> simulate_routine_accesses(const Hospital& h, const LocalClock& clock,
                                              SeededRandom& rng);

// Adds the injected non-routine accesses to `accesses`: snooping incidents making up about
// `incident_share` of them (at least 24 accesses when > 0), accounts used after termination and
// a bulk export.
void add_injected_accesses(const Hospital& h, const LocalClock& clock, SeededRandom& rng,
                           double incident_share, std::vector<Access>& accesses);

}  // namespace ward::demo
