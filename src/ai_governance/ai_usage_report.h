// Writing what `ward ai usage` counted (ai_usage.h): JSON for programs (the form the others are
// written from), text for people (totals, services flagged unapproved or unknown, first-seen
// services, usage rows, malformed lines with file and line) and CSV (one row per user, service,
// day and status).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ai_governance/ai_usage.h"

namespace ward::ai_governance {

struct UsageReportInput {
  const UsageCounter& counter;
  const std::vector<ingest::FileReport>& files;
  // The department of a user in the workforce directory, "" when unknown (may be empty).
  std::function<std::string(std::string_view user)> department_of;
  std::vector<std::string> first_seen;  // services new to the store's record (record_seen_services)
};

nlohmann::json usage_json(const UsageReportInput& input);
std::string usage_text(const nlohmann::json& report);
std::string usage_csv(const nlohmann::json& report);

}  // namespace ward::ai_governance
