// State breach-notification deadlines, read from a YAML table (data/program/state_breach_laws.yaml,
// built into the binary; another file can replace it). The breach clock (breach_clock.h) adds a
// deadline per state with affected residents that has a row here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::incidents {

struct StateLaw {
  std::string state;    // "CO"
  std::string name;     // "Colorado"
  int days = 0;         // calendar days from discovery to notice to residents
  std::string statute;  // the citation
  bool verified = false;      // the row was checked against published summaries
  bool hipaa_exempt = false;  // notice under HIPAA satisfies the state law
  std::string note;
};

struct StateLaws {
  std::vector<StateLaw> laws;
  const StateLaw* find(std::string_view state) const;
};

// Parses the table; a bad row is ErrorCode::config naming "states[2].days" and `source`.
// Unknown keys, a state code that is not a US one, a state listed twice and days outside
// 1–365 are refused.
Result<StateLaws> parse_state_laws(std::string_view yaml, std::string_view source);

// The table shipped with Ward.
const StateLaws& builtin_state_laws();

}  // namespace ward::incidents
