// findings.h: the checks, one sentence each.
#include "resilience/findings.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/plural.h"
#include "resilience/duration.h"

namespace ward::resilience {
namespace {

int age_days(const std::string& day, incidents::Day today) {
  auto d = incidents::parse_day(day, "day");
  return d ? incidents::days_between(*d, today) : 0;
}

void check_backup(const Service& s, const Backup& b, incidents::Day today, const FindingSettings& settings,
                  std::vector<Finding>& out) {
  auto add = [&](const char* kind, std::string text) {
    out.push_back({s.id, b.id, kind, fmt::format("{}: backup {} ({}) {}", s.name, b.id, b.what, text)});
  };
  if (b.last_restore_test.empty()) {
    add("restore_test_never", "has never been restore-tested.");
  } else {
    const int age = age_days(b.last_restore_test, today);
    if (age > settings.restore_test_max_age_days)
      add("restore_test_old", fmt::format("was last restore-tested on {}, {} days ago (limit {} days).", b.last_restore_test,
                                          age, settings.restore_test_max_age_days));
    if (b.restore_result != "success")
      add("restore_failed", fmt::format("restore test on {} ended {}.", b.last_restore_test, b.restore_result));
  }
  if (b.restore_minutes > s.rto_minutes)
    add("restore_slower_than_rto", fmt::format("took {} to restore on {}; the RTO is {}.", format_duration(b.restore_minutes),
                                               b.last_restore_test, format_duration(s.rto_minutes)));
  if (b.interval_minutes > s.rpo_minutes)
    add("backup_interval_over_rpo", fmt::format("runs every {}; the RPO is {}, so up to {} of data could be lost.",
                                                format_duration(b.interval_minutes), format_duration(s.rpo_minutes),
                                                format_duration(b.interval_minutes)));
}

}  // namespace

std::vector<Finding> resilience_findings(const std::vector<Service>& services, const std::vector<Backup>& backups,
                                         incidents::Day today, const FindingSettings& settings) {
  std::vector<Finding> out;
  for (const Service& s : services) {
    auto about = [&](const char* kind, std::string text) { out.push_back({s.id, 0, kind, fmt::format("{}: {}", s.name, text)}); };
    if (s.downtime_procedure.empty()) {
      if (s.tier <= 2) about("procedure_missing", fmt::format("tier {} service without a downtime procedure.", s.tier));
    } else if (s.procedure_reviewed.empty()) {
      about("procedure_old", "the downtime procedure has no review date.");
    } else if (const int age = age_days(s.procedure_reviewed, today); age > settings.procedure_max_age_days) {
      about("procedure_old", fmt::format("the downtime procedure was last reviewed on {}, {} days ago (limit {} days).",
                                         s.procedure_reviewed, age, settings.procedure_max_age_days));
    }
    int count = 0;
    bool isolated = false;
    for (const Backup& b : backups) {
      if (b.service != s.id) continue;
      ++count;
      isolated = isolated || b.immutable || b.offline;
      check_backup(s, b, today, settings, out);
    }
    if (count == 0) {
      if (s.tier <= 2) about("no_backup", fmt::format("tier {} service with no backup recorded.", s.tier));
    } else if (s.tier == 1 && !isolated)
      about("no_isolated_copy", fmt::format("tier 1 service with no immutable or offline backup copy ({} "
                                            "recorded): ransomware that reaches the backups leaves no copy to restore.",
                                            counted(count, "backup", "backups")));
  }
  return out;
}

std::vector<OverdueAction> overdue_actions(const std::vector<Exercise>& exercises, incidents::Day today) {
  std::vector<OverdueAction> out;
  for (const Exercise& e : exercises)
    for (const CorrectiveAction& a : e.actions)
      if (a.status == "open")
        if (const int late = age_days(a.due, today); late > 0) out.push_back({&e, &a, late});
  std::stable_sort(out.begin(), out.end(), [](const OverdueAction& a, const OverdueAction& b) { return a.days_late > b.days_late; });
  return out;
}

}  // namespace ward::resilience
