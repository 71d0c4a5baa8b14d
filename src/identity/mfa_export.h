// Reading an identity provider's user export in CSV for MFA coverage: a Microsoft Entra ID
// "user registration details" download (userPrincipalName, isMfaRegistered, methodsRegistered,
// isAdmin…, or the portal's "User principal name", "Multifactor authentication registered"…)
// or a plain `user_id,enabled,mfa` file. Columns are found by name, case-insensitively
// (ingest/csv/csv_header.h); a bad row is rejected with its file, line and column, the rest read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::identity {

// One account as the export states it.
struct MfaAccount {
  std::string user_id;        // the UPN or user id, as written
  std::string display_name;   // "" when the export has no name column
  bool enabled = true;        // true when the export has no enabled column (Entra lists enabled users only)
  bool mfa = false;           // a strong second factor is registered
  std::optional<bool> privileged;  // none when the export does not say
  std::string methods;        // the registered methods as written; "" when none or no column
};

struct MfaExport {
  std::string format;             // "entra" (Entra's column names) or "generic"
  std::uint64_t rows = 0;         // data rows read, accepted and rejected
  std::vector<MfaAccount> accounts;
  std::vector<Error> rejected;    // each with the file, line, column (field) and why
  std::string mfa_column;         // the column MFA was read from
  bool has_enabled_column = false, has_privileged_column = false;
};

// Reads the export in `text`; `source` names it in errors. A file without a header, a user id
// column or an MFA column (a registered flag or a methods list) is invalid_input naming the file,
// line 1 and the column wanted; a bad row (empty user id, a value that is not yes or no, a user
// read twice) is rejected and the rest read.
Result<MfaExport> read_mfa_export(std::string_view text, std::string_view source);

// Whether a methods list ("microsoftAuthenticatorPush, email", "[fido2]") holds a method that is
// a second factor: anything but email, security questions, a password or a temporary access pass.
bool has_strong_method(std::string_view methods);

}  // namespace ward::identity
