// Resilience as a continuity lead reads it: objectives written as "4h", forms that name the bad
// field, findings at and past each threshold, dependency chains that survive loops, and the
// single points of failure of the tier-1 services.
#include <gtest/gtest.h>

#include "resilience/dependencies.h"
#include "resilience/duration.h"
#include "resilience/findings.h"
#include "resilience/resilience_json.h"

namespace ward::resilience {
namespace {

using nlohmann::json;

incidents::Day day(const char* t) { return *incidents::parse_day(t, "test"); }

TEST(Duration, ReadsWhatContinuityPlansWrite) {
  EXPECT_EQ(*parse_duration("4h", "rto"), 240);
  EXPECT_EQ(*parse_duration("30m", "rto"), 30);
  EXPECT_EQ(*parse_duration("2d", "rto"), 2880);
  EXPECT_EQ(*parse_duration("1w", "rto"), 10080);
  EXPECT_EQ(*parse_duration("1h30m", "rto"), 90);
  EXPECT_EQ(*parse_duration("90", "rto"), 90);
  EXPECT_EQ(format_duration(90), "1h30m");
  EXPECT_EQ(format_duration(2880), "2d");
  EXPECT_EQ(format_duration(1500), "1d1h");
}

TEST(Duration, RefusesNonsenseNamingTheField) {
  for (const char* bad : {"abc", "", "4x", "h", "0h", "0", "4h30", "-3h", "367d", "99999999999999h"}) {
    auto r = parse_duration(bad, "rto");
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "rto");
    EXPECT_NE(r.error().message.find("rto: expected a duration such as 4h, 30m or 2d"), std::string::npos) << r.error().message;
  }
  EXPECT_NE(parse_duration("abc", "rto").error().message.find("got \"abc\""), std::string::npos);
}

TEST(ResilienceJson, RefusesBadFormsNamingTheField) {
  const auto today = day("2026-12-01");
  auto service_field = [&](json body) {
    auto f = service_from_json(body, today);
    return f ? std::string("(accepted)") : f.error().field;
  };
  const json ok = {{"name", "EHR"}, {"rto", "4h"}, {"rpo", "15m"}};
  EXPECT_EQ(service_field(ok), "(accepted)");
  EXPECT_EQ(service_field({{"rto", "4h"}, {"rpo", "1h"}}), "name");
  EXPECT_EQ(service_field({{"name", "EHR"}, {"rto", "abc"}, {"rpo", "1h"}}), "rto");
  EXPECT_EQ(service_field({{"name", "EHR"}, {"rto", "4h"}}), "rpo");
  EXPECT_EQ(service_field({{"name", "EHR"}, {"rto", "4h"}, {"rpo", "1h"}, {"tier", 5}}), "tier");
  EXPECT_EQ(service_field({{"name", "EHR"}, {"rto", "4h"}, {"rpo", "1h"}, {"vendors", {"Change"}}}), "vendors[0]");
  EXPECT_EQ(service_field({{"name", "EHR"}, {"rto", "4h"}, {"rpo", "1h"}, {"colour", "red"}}), "colour");
  EXPECT_EQ(service_field({{"name", "EHR"}, {"rto", "4h"}, {"rpo", "1h"}, {"downtime_procedure", "paper"},
                           {"procedure_reviewed", "2027-01-01"}}), "procedure_reviewed");

  auto backup_field = [&](json body) {
    auto f = backup_from_json(body, today);
    return f ? std::string("(accepted)") : f.error().field;
  };
  const json backup = {{"service", "EHR"}, {"what", "database"}, {"frequency", "1d"}};
  EXPECT_EQ(backup_field(backup), "(accepted)");
  json early = backup;
  early["started"] = "2025-03-01";
  early["last_restore_test"] = "2025-01-02";
  early["restore_result"] = "success";
  auto r = backup_from_json(early, today);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "last_restore_test");
  EXPECT_EQ(r.error().message, "last_restore_test: 2025-01-02 is before started 2025-03-01: a restore test cannot precede the backup");
  json untested = backup;
  untested["restore_result"] = "success";
  EXPECT_EQ(backup_field(untested), "last_restore_test");
  json no_result = backup;
  no_result["last_restore_test"] = "2026-06-01";
  EXPECT_EQ(backup_field(no_result), "restore_result");
  json bad_freq = backup;
  bad_freq["frequency"] = "often";
  EXPECT_EQ(backup_field(bad_freq), "frequency");

  auto exercise_field = [&](json body) {
    auto f = exercise_from_json(body);
    return f ? std::string("(accepted)") : f.error().field;
  };
  const json ex = {{"kind", "tabletop"}, {"date", "2026-10-01"}, {"services", {"EHR"}}};
  EXPECT_EQ(exercise_field(ex), "(accepted)");
  EXPECT_EQ(exercise_field({{"kind", "drill"}, {"date", "2026-10-01"}, {"services", {"EHR"}}}), "kind");
  EXPECT_EQ(exercise_field({{"kind", "tabletop"}, {"date", "2026-10-01"}}), "services");
  json no_owner = ex;
  no_owner["actions"] = {{{"text", "print the downtime forms"}, {"due", "2026-11-01"}}};
  EXPECT_EQ(exercise_field(no_owner), "actions[0].owner");
}

Service service(std::int64_t id, const char* name, int tier, int rto, int rpo) {
  Service s;
  s.id = id;
  s.name = name;
  s.tier = tier;
  s.rto_minutes = rto;
  s.rpo_minutes = rpo;
  s.downtime_procedure = "paper charts";
  s.procedure_reviewed = "2026-06-01";
  return s;
}

Backup backup(std::int64_t service, int interval, const char* tested, int restore_minutes) {
  Backup b;
  b.id = 7;
  b.service = service;
  b.what = "database";
  b.interval_minutes = interval;
  b.immutable = true;
  b.last_restore_test = tested;
  b.restore_result = tested[0] ? "success" : "";
  b.restore_minutes = restore_minutes;
  return b;
}

std::vector<std::string> kinds(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(f.kind);
  return out;
}

TEST(Findings, EachThresholdAtAndPastItsLimit) {
  const auto today = day("2026-12-01");  // 2025-12-01 is exactly 365 days before
  const Service ehr = service(1, "EHR", 1, 240, 60);
  struct Case {
    const char* what;
    Backup b;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"all within limits", backup(1, 60, "2026-11-01", 240), {}},
      {"restore test exactly 365 days old", backup(1, 60, "2025-12-01", 60), {}},
      {"restore test 366 days old", backup(1, 60, "2025-11-30", 60), {"restore_test_old"}},
      {"never tested", backup(1, 60, "", 0), {"restore_test_never"}},
      {"restore exactly the RTO", backup(1, 60, "2026-11-01", 240), {}},
      {"restore a minute over the RTO", backup(1, 60, "2026-11-01", 241), {"restore_slower_than_rto"}},
      {"interval exactly the RPO", backup(1, 60, "2026-11-01", 10), {}},
      {"interval over the RPO", backup(1, 24 * 60, "2026-11-01", 10), {"backup_interval_over_rpo"}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(kinds(resilience_findings({ehr}, {c.b}, today)), c.expected) << c.what;

  Backup failed = backup(1, 60, "2026-11-01", 10);
  failed.restore_result = "failed";
  EXPECT_EQ(kinds(resilience_findings({ehr}, {failed}, today)), std::vector<std::string>{"restore_failed"});

  const auto slow = resilience_findings({ehr}, {backup(1, 24 * 60, "2025-01-01", 360)}, today);
  ASSERT_EQ(slow.size(), 3u);
  EXPECT_EQ(slow[0].text, "EHR: backup 7 (database) was last restore-tested on 2025-01-01, 699 days ago (limit 365 days).");
  EXPECT_EQ(slow[1].text, "EHR: backup 7 (database) took 6h to restore on 2025-01-01; the RTO is 4h.");
  EXPECT_EQ(slow[2].text, "EHR: backup 7 (database) runs every 1d; the RPO is 1h, so up to 1d of data could be lost.");

  FindingSettings strict;
  strict.restore_test_max_age_days = 30;
  EXPECT_EQ(kinds(resilience_findings({ehr}, {backup(1, 60, "2026-10-31", 10)}, today, strict)),
            std::vector<std::string>{"restore_test_old"});
  EXPECT_TRUE(resilience_findings({ehr}, {backup(1, 60, "2026-11-01", 10)}, today, strict).empty());
}

TEST(Findings, TierOneWithoutAnImmutableOrOfflineCopy) {
  const auto today = day("2026-12-01");
  Backup online = backup(1, 60, "2026-11-01", 10);
  online.immutable = false;
  const auto f = resilience_findings({service(1, "EHR", 1, 240, 60)}, {online}, today);
  ASSERT_EQ(kinds(f), std::vector<std::string>{"no_isolated_copy"});
  EXPECT_EQ(f[0].text, "EHR: tier 1 service with no immutable or offline backup copy (1 backup recorded): ransomware "
                       "that reaches the backups leaves no copy to restore.");
  online.offline = true;
  EXPECT_TRUE(resilience_findings({service(1, "EHR", 1, 240, 60)}, {online}, today).empty());
  online.offline = false;  // tier 2: not required
  EXPECT_TRUE(resilience_findings({service(1, "PACS", 2, 240, 60)}, {online}, today).empty());
  EXPECT_EQ(kinds(resilience_findings({service(1, "EHR", 1, 240, 60)}, {}, today)), std::vector<std::string>{"no_backup"});
  Service stale = service(1, "EHR", 3, 240, 60);
  stale.procedure_reviewed = "2025-11-30";
  EXPECT_EQ(resilience_findings({stale}, {}, today)[0].text,
            "EHR: the downtime procedure was last reviewed on 2025-11-30, 366 days ago (limit 365 days).");
}

TEST(Findings, OverdueActionsAreOpenAndPastDue) {
  Exercise e;
  e.id = 4;
  e.actions = {{1, 4, "print downtime forms", "nursing", "2026-11-30", "open"},
               {2, 4, "test the fax line", "IT", "2026-10-01", "done"},
               {3, 4, "update call tree", "IT", "2026-12-01", "open"},
               {4, 4, "second generator test", "facilities", "2026-09-01", "open"}};
  const std::vector<Exercise> exercises{e};
  const auto late = overdue_actions(exercises, day("2026-12-01"));
  ASSERT_EQ(late.size(), 2u);
  EXPECT_EQ(late[0].action->id, 4);
  EXPECT_EQ(late[0].days_late, 91);
  EXPECT_EQ(late[1].action->id, 1);
  EXPECT_EQ(late[1].days_late, 1);
}

TEST(Dependencies, ChainsAreTransitiveAndSurviveCycles) {
  Service ehr = service(1, "EHR", 1, 240, 60), lab = service(2, "Lab interface", 2, 240, 60),
          engine = service(3, "Interface engine", 2, 240, 60), pharmacy = service(4, "Pharmacy", 1, 60, 15);
  ehr.depends_on = {2};
  ehr.vendors = {10};
  lab.depends_on = {3};
  lab.devices = {"ANALYZER-1"};
  engine.depends_on = {2};  // a loop: lab -> engine -> lab
  engine.vendors = {11};
  pharmacy.depends_on = {3};
  pharmacy.vendors = {11};
  pharmacy.systems = {"Active Directory"};
  const auto view = dependency_view({ehr, lab, engine, pharmacy});
  ASSERT_EQ(view.chains.size(), 4u);
  EXPECT_EQ(view.chains[0].services, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(view.chains[0].vendors, (std::vector<std::int64_t>{10, 11}));
  EXPECT_EQ(view.chains[0].devices, std::vector<std::string>{"ANALYZER-1"});
  EXPECT_EQ(view.chains[1].services, (std::vector<std::int64_t>{3}));  // itself not listed though reached again
  ASSERT_EQ(view.cycles.size(), 1u);
  EXPECT_EQ(view.cycles[0], (Cycle{2, 3, 2}));

  // Both tier-1 services hang on vendor 11 and on services 2 and 3; only EHR on vendor 10.
  ASSERT_FALSE(view.single_points.empty());
  EXPECT_EQ(view.single_points[0].kind, "vendor");
  EXPECT_EQ(view.single_points[0].id, 11);
  EXPECT_EQ(view.single_points[0].tier1_services, (std::vector<std::int64_t>{1, 4}));
  int shared = 0;
  for (const SinglePoint& p : view.single_points) shared += p.tier1_services.size() == 2;
  EXPECT_EQ(shared, 4);  // vendor 11, services 2 and 3, the device of the lab interface
}

TEST(Dependencies, SelfLoopAndUnknownIds) {
  Service a = service(1, "A", 1, 60, 60);
  a.depends_on = {1, 99};
  const auto view = dependency_view({a});
  EXPECT_TRUE(view.chains[0].services.empty());
  ASSERT_EQ(view.cycles.size(), 1u);
  EXPECT_EQ(view.cycles[0], (Cycle{1, 1}));
}

}  // namespace
}  // namespace ward::resilience
