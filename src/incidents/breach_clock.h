// The breach clock: from the discovery date and the facts of a breach of unsecured PHI, every
// notification deadline under 45 CFR 164.404–164.410, moved by law-enforcement delays
// (164.412), plus the state deadlines of a StateLaws table. Pure logic; docs/program.md explains
// each rule and the readings chosen where the rule leaves room.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "incidents/calendar_day.h"
#include "incidents/state_laws.h"

namespace ward::incidents {

enum class EntityRole { covered_entity, business_associate };

// A law-enforcement official's statement that notice would impede an investigation (164.412).
struct DelayRequest {
  bool written = false;       // (a) written, naming the period; (b) oral, documented
  Day stated{};               // the day the statement was made
  std::optional<Day> until;   // written: the end of the period it names (required); oral: an earlier end, if any
  std::string agency;         // who asked, for the record
};

struct BreachFacts {
  Day discovered{};  // the first day the breach was known, or by reasonable diligence would have been (164.404(a)(2))
  std::int64_t individuals = 0;                   // affected individuals, all states together
  std::map<std::string, std::int64_t> residents;  // per state or jurisdiction: "CA" → residents affected
  EntityRole role = EntityRole::covered_entity;
  std::vector<DelayRequest> delays;
};

struct Deadline {
  std::string duty;       // "individuals", "media:CA", "hhs", "hhs_annual_log", "covered_entity", "state:CO"
  std::string notify;     // who gets the notice, in words
  Day due{};              // the last day
  int base_days = 0;      // days from discovery before any delay (the annual log: from discovery too)
  int delay_days = 0;     // days added by law-enforcement delays
  std::optional<Day> hold_until;  // notice must wait until this day (a delay in force)
  std::string rule;       // "45 CFR 164.404(b)"
  std::string reason;     // why it applies, in words
};

struct BreachClock {
  std::vector<Deadline> deadlines;  // by due date, then duty
  std::vector<std::string> notes;   // what was left out and why (a state exempting HIPAA entities…)
};

// The deadlines for `facts`. Bad facts are ErrorCode::invalid_input naming the field:
// a negative count, residents in a code that is not a US state or territory ("residents.XX"),
// residents adding up to more than `individuals`, a written delay without its end, a delay that
// ends before it starts or is stated before the discovery date ("delays[0].until").
Result<BreachClock> compute_breach_clock(const BreachFacts& facts, const StateLaws& laws);

// The effective end of a delay (exclusive: notice may go out on this day): a written statement's
// `until`; an oral one's 30 days after it was stated, or its `until` when earlier.
Day delay_end(const DelayRequest& d);

}  // namespace ward::incidents
