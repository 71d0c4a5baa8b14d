// Importing an identity-provider export as the CLI (`ward program mfa import`) and the API
// (POST /api/v1/program/mfa) both do: read it, then save its accounts and coverage. Callers
// audit. Also what both show: the import's report and the current coverage, as text and JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "identity/mfa_export.h"
#include "identity/mfa_store.h"

namespace ward::identity {

struct MfaImportReport {
  MfaExport read;
  MfaImport saved;
};

// Reads `text` (the export, named `source` in errors and in the store) and saves it as `actor`.
// A file that cannot be read (no header, no user id or MFA column), or in which no row could be
// read, saves nothing and is invalid_input; rejected rows are in the report.
Result<MfaImportReport> import_mfa_export(MfaStore& store, std::string_view text, const std::string& source,
                                          const std::string& actor);

// What an import read, rejected (each with file:line, column and why) and the coverage.
std::string import_text(const MfaImportReport& r);
nlohmann::ordered_json import_json(const MfaImportReport& r);

// The latest import's coverage and the enabled accounts without MFA (`accounts` as stored), or
// that none was imported.
std::string coverage_report_text(const std::optional<MfaImport>& latest, const std::vector<MfaAccount>& accounts);
nlohmann::ordered_json coverage_report_json(const std::optional<MfaImport>& latest, const std::vector<MfaAccount>& accounts);

// "imported 2026-12-01 from entra.csv".
std::string provenance(const MfaImport& i);

}  // namespace ward::identity
