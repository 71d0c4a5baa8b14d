// Writing AI use (ai_usage_rows.h): JSON for programs and the API (the form the others are
// written from), text for people (totals, services flagged unapproved or unknown, first-seen
// services, PHI sent to AI services, usage rows, malformed lines with file and line) and CSV (one
// row per user, service, day and status). The rows come from logs just read (`ward ai usage
// FILE…`) or from the store over a window (usage_from_store: the API, `ward ai usage` alone).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ai_governance/ai_store.h"
#include "ai_governance/ai_usage_rows.h"
#include "ai_governance/phi_to_ai.h"
#include "ingest/import/importer.h"

namespace ward::ai_governance {

struct UsageReportInput {
  const UsageRows& rows;
  std::uint64_t events = 0, ai_requests = 0, before_since = 0;  // of the logs read
  const std::vector<ingest::FileReport>* files = nullptr;     // the logs read; null: from the store
  std::string from_day, to_day;                                // the window, when from the store
  // The department of a user in the workforce directory, "" when unknown (may be empty).
  std::function<std::string(std::string_view user)> department_of;
  std::vector<std::string> first_seen;  // services new to the store's record
  const PhiToAiRows* phi = nullptr;     // PHI sent to AI services; null: not looked at
  // For the PHI rows: the registry's verdict on a host, and whether an approved system covering
  // it has a BAA on file (both may be empty: unknown, no).
  std::function<UsageStatus(std::string_view host)> status_of;
  std::function<bool(std::string_view host)> baa_for;
};

nlohmann::json usage_json(const UsageReportInput& input);
std::string usage_text(const nlohmann::json& report);
std::string usage_csv(const nlohmann::json& report);

// The usage of the days [from_day, to_day] (YYYY-MM-DD, inclusive) as the store holds it: the
// counts `ward ai usage` recorded, each row's status as the registry says now (by its first
// host), the services first seen in the window, and PHI sent to AI services from the DLP's
// alerts of those days matched with `catalogue`; departments from the workforce directory.
Result<nlohmann::json> usage_from_store(AiStore& registry, store::Store& store, const dlp::DestinationCatalogue& catalogue,
                                        const std::string& from_day, const std::string& to_day);

// Whether an approved system covering `host` has `baa` evidence on file.
Result<bool> approved_with_baa(AiStore& registry, std::string_view host);

}  // namespace ward::ai_governance
