// Security incidents as the program tracks them: what was reported, triage (status, severity,
// dates), and entries on the incident's timeline (notes, tasks, evidence, links to Ward alerts
// and privacy cases, law-enforcement contacts). The checks here are the only ones: the CLI, the
// API and the store all go through them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"

namespace ward::incidents {

inline constexpr std::string_view kStatuses = "new, triaged, investigating, contained, closed";
inline constexpr std::string_view kSeverities = "low, moderate, high, critical";
inline constexpr std::string_view kEntryKinds =
    "note, task, evidence, alert, case, law_enforcement, reporter_update, change";

struct Incident {
  std::int64_t id = 0;
  std::string receipt;  // given to the reporter to add information later; read back: its hash (store/secret_hash.h)
  std::string title, description;
  std::string reporter, reporter_contact;  // both empty for an anonymous report
  std::string source;                      // "intake" (staff form) or "staff" (opened by the team)
  std::string status = "new";
  std::string severity;                    // "" until triaged
  std::string owner;                       // who handles it (a name or account); "" until assigned
  std::string occurred_on, discovered_on;  // YYYY-MM-DD or ""
  TimeNs created = 0, updated = 0;
};

struct IncidentEntry {
  std::int64_t id = 0;
  std::int64_t incident_id = 0;
  std::string kind;  // one of kEntryKinds
  std::string body;  // text; JSON for law_enforcement (law_enforcement.h)
  std::string author;
  std::optional<bool> done;  // tasks only
  TimeNs created = 0;
};

// What triage may change; an empty optional leaves the field as it is.
struct IncidentChange {
  std::optional<std::string> title, status, severity, occurred_on, discovered_on, owner;
};

// Checks `value` is one of the comma-separated `allowed`; ErrorCode::invalid_input naming
// `field` ("status: \"open\" is not one of new, triaged, …") otherwise.
Result<void> check_one_of(std::string_view value, std::string_view allowed, std::string_view field);

// Title required (at most 200 characters), owner at most 200, description at most 20,000, dates
// real and not in the wrong order (discovered_on before occurred_on is refused), status and severity known.
Result<void> check_incident(const Incident& incident);

// An entry's kind known, its body not empty and at most 20,000 characters; for alert and case
// links the body is the id.
Result<void> check_entry(const IncidentEntry& entry);

}  // namespace ward::incidents
