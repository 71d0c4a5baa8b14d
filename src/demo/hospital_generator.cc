#include "demo/hospital_generator.h"

#include <exception>
#include <system_error>

#include <fmt/format.h>

#include "demo/accesses.h"
#include "demo/encounters.h"
#include "demo/hospital_files.h"
#include "demo/population.h"

namespace ward::demo {
namespace {

Result<void> validate(const HospitalSpec& spec) {
  auto out_of_range = [](std::string_view field, long lo, long hi) {
    return fail(ErrorCode::invalid_input, fmt::format("must be from {} to {}", lo, hi), std::string(field));
  };
  if (spec.users < 20 || spec.users > 8999) return out_of_range("users", 20, 8999);
  if (spec.patients < 10 || spec.patients > 999999) return out_of_range("patients", 10, 999999);
  if (spec.days < 1 || spec.days > 366) return out_of_range("days", 1, 366);
  if (!(spec.incident_share >= 0 && spec.incident_share <= 0.2))
    return fail(ErrorCode::invalid_input, "must be from 0 to 0.2", "incident_share");
  return {};
}

// Phases draw from separate streams so that a change in one leaves the others as they were.
enum Phase : std::uint64_t { kPopulation = 1, kEncounters = 2, kRoutine = 3, kInjected = 4, kIdentity = 5 };

}  // namespace

Result<GeneratedFiles> generate_hospital(const HospitalSpec& spec, const std::filesystem::path& dir) {
  if (auto ok = validate(spec); !ok) return tl::unexpected(ok.error());
  auto clock = LocalClock::create(spec.start_date, spec.time_zone, spec.days);
  if (!clock) return tl::unexpected(clock.error());

  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return tl::unexpected(Error{ErrorCode::io, fmt::format("cannot create the directory: {}", ec.message()),
                                dir.string(), 0, 0, {}});

  GeneratedFiles result;
  try {
    SeededRandom population_rng = SeededRandom::for_phase(spec.seed, kPopulation);
    Hospital h = build_population(spec, *clock, population_rng);
    SeededRandom encounter_rng = SeededRandom::for_phase(spec.seed, kEncounters);
    build_encounters(h, *clock, encounter_rng);
    SeededRandom routine_rng = SeededRandom::for_phase(spec.seed, kRoutine);
    std::vector<Access> accesses = simulate_routine_accesses(h, *clock, routine_rng);
    SeededRandom injected_rng = SeededRandom::for_phase(spec.seed, kInjected);
    add_injected_accesses(h, *clock, injected_rng, spec.incident_share, accesses);

    auto step = [&](const char* name, auto&& write) -> Result<std::uint64_t> {
      std::filesystem::path file = dir / name;
      result.files.push_back(file);
      return write(file);
    };
    auto users = step("practitioners.ndjson", [&](const auto& f) { return write_practitioners(h, f); });
    if (!users) return tl::unexpected(users.error());
    if (auto r = step("roster.csv", [&](const auto& f) { return write_roster(h, f); }); !r)
      return tl::unexpected(r.error());
    auto patients = step("patients.ndjson", [&](const auto& f) { return write_patients(h, f); });
    if (!patients) return tl::unexpected(patients.error());
    auto encounters = step("encounters.ndjson", [&](const auto& f) { return write_encounters(h, *clock, f); });
    if (!encounters) return tl::unexpected(encounters.error());
    if (auto r = step("adt.hl7", [&](const auto& f) { return write_adt(h, *clock, spec.seed, f); }); !r)
      return tl::unexpected(r.error());
    auto counts = write_access_files(h, *clock, accesses, spec.seed, dir);
    if (!counts) return tl::unexpected(counts.error());
    for (const char* name : {"audit_events.ndjson", "access_log.csv", "truth.csv"})
      result.files.push_back(dir / name);
    if (!spec.identity_export.empty()) {
      SeededRandom identity_rng = SeededRandom::for_phase(spec.seed, kIdentity);
      if (auto r = write_identity_export(h, identity_rng, spec.identity_export); !r) return tl::unexpected(r.error());
      result.files.push_back(spec.identity_export);
    }

    result.users = *users;
    result.patients = *patients;
    result.encounters = *encounters;
    result.access_events = counts->audit_events + counts->log_rows;
  } catch (const std::exception& e) {
    // Only allocation failures and bugs get here: bad input is caught by validate().
    return tl::unexpected(Error{ErrorCode::internal, fmt::format("generation failed: {}", e.what()),
                                dir.string(), 0, 0, {}});
  }
  return result;
}

}  // namespace ward::demo
