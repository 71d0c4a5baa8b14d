// The counts of AI service use (docs/ai_governance.md, "Monitoring AI use"): one row per who,
// service, day and approval status, as `ward ai usage` counts them from logs (ai_usage.h), as
// the store keeps them (AiStore::record_usage, migration 0030) and as the report and the API
// show them (ai_usage_report.h). Plain values; no locking.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "core/time.h"

namespace ward::ai_governance {

// Whether the registry covers a host: approved = an AI system whose `domains` hold the host (or a
// parent) and whose status is approved; unapproved = such systems exist but none is approved
// (intake, in review, rejected); unknown = no system in the registry covers it (shadow AI).
enum class UsageStatus { approved, unapproved, unknown };
std::string_view to_string(UsageStatus s);
// From AiStore::registry_status's answer ("approved", "intake", …, "" for none).
UsageStatus usage_status(std::string_view registry_status);
// From to_string's answer; unknown for anything else.
UsageStatus usage_status_from(std::string_view text);

struct UsageKey {
  std::string who;      // user id, else the client address
  std::string service;
  std::string day;      // YYYY-MM-DD (UTC)
  UsageStatus status = UsageStatus::unknown;
  auto operator<=>(const UsageKey&) const = default;
};

struct UsageRow {
  bool is_user = false;     // `who` is a user id rather than an address
  std::string group;        // the catalogue's group: ai, ai-cn, ai-ru, mixed
  std::uint64_t requests = 0;
  TimeNs first = 0, last = 0;
  std::set<std::string> hosts;  // up to kMaxHostsPerRow distinct host names
};
inline constexpr std::size_t kMaxHostsPerRow = 5;

using UsageRows = std::map<UsageKey, UsageRow>;

// Adds `row` to rows[key]: requests summed, first/last widened, hosts joined up to the limit.
void add_usage(UsageRows& rows, const UsageKey& key, const UsageRow& row);

}  // namespace ward::ai_governance
