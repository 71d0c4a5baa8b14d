// What a continuity lead checks in the backups and exercises: restore tests too old or failed,
// restores slower than the RTO, backups further apart than the RPO, tier-1 services without a
// copy ransomware cannot reach, stale downtime procedures, overdue corrective actions. Pure
// functions of the records and today's date; each finding a sentence with its numbers.
#pragma once

#include <string>
#include <vector>

#include "incidents/calendar_day.h"
#include "resilience/resilience.h"

namespace ward::resilience {

struct FindingSettings {
  int restore_test_max_age_days = 365;  // a restore test older than this is a finding
  int procedure_max_age_days = 365;     // so is a downtime procedure last reviewed before this
};

struct Finding {
  std::int64_t service = 0;  // the service's id
  std::int64_t backup = 0;   // the backup's id, 0 for a finding about the service
  std::string kind;  // restore_test_old, restore_test_never, restore_failed, restore_slower_than_rto,
                     // backup_interval_over_rpo, no_isolated_copy, no_backup, procedure_missing, procedure_old
  std::string text;  // "EHR: backup 2 (database) was last restore-tested on 2025-01-01, 400 days ago (limit 365)."
};

// Findings of every service and its backups, by service in the order given.
std::vector<Finding> resilience_findings(const std::vector<Service>& services, const std::vector<Backup>& backups,
                                         incidents::Day today, const FindingSettings& settings = {});

struct OverdueAction {
  const Exercise* exercise = nullptr;
  const CorrectiveAction* action = nullptr;
  int days_late = 0;
};

// Open corrective actions whose due day is before `today`, latest first. Points into `exercises`.
std::vector<OverdueAction> overdue_actions(const std::vector<Exercise>& exercises, incidents::Day today);

}  // namespace ward::resilience
