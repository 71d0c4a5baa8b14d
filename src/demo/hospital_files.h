// Writers of the demo hospital's files, one function per file (access_files.cc writes the three
// access files together because they share event ids). Each returns the number of records
// written; errors name the file.
#pragma once

#include "core/csv_field.h"  // append_csv_field, used by the writers

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "demo/accesses.h"
#include "demo/hospital_model.h"
#include "demo/seeded_random.h"

namespace ward::demo {

inline constexpr std::string_view kHospitalName = "Ward General Hospital";

// practitioners.ndjson: a Practitioner and its PractitionerRole per member. Counts members.
Result<std::uint64_t> write_practitioners(const Hospital& h, const std::filesystem::path& file);
// roster.csv: the HR export, one row per member.
Result<std::uint64_t> write_roster(const Hospital& h, const std::filesystem::path& file);
// patients.ndjson: FHIR Patient per registry entry.
Result<std::uint64_t> write_patients(const Hospital& h, const std::filesystem::path& file);
// encounters.ndjson: FHIR Encounter per encounter.
Result<std::uint64_t> write_encounters(const Hospital& h, const LocalClock& clock,
                                       const std::filesystem::path& file);
// adt.hl7: HL7 v2.5.1 ADT A01/A02/A03/A04/A08 in time order. Counts messages.
Result<std::uint64_t> write_adt(const Hospital& h, const LocalClock& clock, std::uint64_t seed,
                                const std::filesystem::path& file);

// The identity provider's "user registration details" export of the staff still employed, as
// Microsoft Entra ID's Graph report names its columns (userPrincipalName, isAdmin,
// isMfaRegistered, methodsRegistered…): IT support are admins; most staff have MFA registered,
// not all. Counts accounts.
Result<std::uint64_t> write_identity_export(const Hospital& h, SeededRandom& rng, const std::filesystem::path& file);

struct AccessFileCounts {
  std::uint64_t audit_events = 0, log_rows = 0, truth_rows = 0;
};

// Sorts `accesses` by time and splits them between audit_events.ndjson (the FHIR EHR) and
// access_log.csv (the vendor EHR; prints and exports always go here), and writes truth.csv for
// every non-routine access. Event ids are "ae-<seed>-<n>" and "al-<seed>-<n>".
Result<AccessFileCounts> write_access_files(const Hospital& h, const LocalClock& clock,
                                            std::vector<Access>& accesses, std::uint64_t seed,
                                            const std::filesystem::path& dir);

}  // namespace ward::demo
