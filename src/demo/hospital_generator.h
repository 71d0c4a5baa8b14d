// The synthetic hospital: writes a deterministic, realistic week of a hospital (workforce, patients,
// encounters, ADT feed, EHR access logs in two formats, and the ground truth of injected snooping)
// so Ward's engines can be demonstrated and tested on any machine. Start with generate_hospital().
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"

namespace ward::demo {

struct HospitalSpec {
  int users = 200;       // workforce size, 20..8999
  int patients = 2000;   // patient registry size, 10..999999
  int days = 7;          // length of the window, 1..366
  std::uint64_t seed = 42;
  // Share of accesses that are injected snooping (family, neighbour, coworker, VIP, self,
  // curiosity), at least 24 accesses when > 0; terminated accounts and one bulk export come on
  // top. Real hospitals see far less than the default; the privacy benchmark sets it so the
  // incidents fit a reviewer's budget.
  double incident_share = 0.007;
  std::string start_date = "2026-11-01";          // first local day of the window, YYYY-MM-DD
  std::string time_zone = "America/New_York";     // IANA zone of the hospital's wall clock
  // Where to write the staff's Microsoft Entra ID "user registration details" export (for `ward
  // program mfa import`); empty: not written. Kept apart from `dir`, which `ward import` reads whole.
  std::filesystem::path identity_export;
};

struct GeneratedFiles {
  std::vector<std::filesystem::path> files;
  std::uint64_t access_events = 0, patients = 0, users = 0, encounters = 0;
};

// Writes practitioners.ndjson, roster.csv, patients.ndjson, encounters.ndjson, adt.hl7,
// audit_events.ndjson, access_log.csv and truth.csv into `dir` (created if missing), and the
// identity export when the spec names a file for it. The same spec
// gives byte-identical files. A bad spec fails with the field named ("users", "time_zone"); an
// I/O failure names the file.
Result<GeneratedFiles> generate_hospital(const HospitalSpec& spec, const std::filesystem::path& dir);

// Writes `count` BALP-style FHIR R4 AuditEvents (reads, searches, creates, updates) as NDJSON, for
// the ingest benchmark: fast (a few hundred thousand per second) and deterministic for a seed.
// Returns the number of lines written; an I/O failure names the file.
Result<std::uint64_t> write_audit_event_ndjson(const std::filesystem::path& file, std::uint64_t count,
                                               std::uint64_t seed);

}  // namespace ward::demo
