// MFA coverage of the accounts an identity-provider export lists: enabled accounts with a second
// factor registered over enabled accounts, and the same for privileged accounts when the export
// says which they are. Disabled accounts count for nothing. Plain functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "identity/mfa_export.h"

namespace ward::identity {

struct MfaCoverage {
  std::int64_t accounts = 0, enabled = 0, enabled_with_mfa = 0;
  bool privileged_known = false;  // the export has a privileged (admin) column
  std::int64_t privileged = 0, privileged_with_mfa = 0;  // enabled privileged accounts
};

MfaCoverage mfa_coverage(const std::vector<MfaAccount>& accounts);

// part / whole as a share from 0 to 1; none when whole is 0 (no enabled account: no coverage).
std::optional<double> coverage_share(std::int64_t part, std::int64_t whole);

// "412 of 430 enabled accounts (95.8%)", "0 enabled accounts"; with privileged accounts when
// known: "…; privileged: 12 of 12 (100.0%)".
std::string coverage_text(const MfaCoverage& c);

}  // namespace ward::identity
