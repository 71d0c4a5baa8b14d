// The privacy engine end to end: generated hospitals (several seeds, sizes and scenario mixes)
// imported into a real store, run, and compared with the generator's truth.csv; and small
// hand-made stores for what the generator does not vary (late ADT, unknown people, wording).
#include "privacy/engine.h"

#include <ostream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "demo/hospital_generator.h"
#include "ingest/import/importer.h"
#include "privacy/evaluation.h"
#include "privacy/monitor.h"
#include "privacy/test_records.h"
#include "testing/shared_data.h"

namespace ward::demo {
// How GoogleTest names a hospital in test output and in ctest's list.
void PrintTo(const HospitalSpec& s, std::ostream* os) {
  *os << s.users << " users, " << s.patients << " patients, " << s.days << " days, seed " << s.seed
      << ", incident share " << s.incident_share;
}
}  // namespace ward::demo

namespace ward::privacy {
namespace {

using ward::testing::TempDir;
using namespace test_records;  // hand-made people, accesses and what a run wrote

struct Outcome {
  PrivacyRunSummary summary;
  Evaluation evaluation;
  std::vector<store::CaseRecord> cases;
};

Outcome run_on_generated(const demo::HospitalSpec& spec, const TempDir& dir) {
  Outcome out;
  auto files = demo::generate_hospital(spec, dir.path() / "hospital");
  EXPECT_TRUE(files) << files.error().describe();
  auto store = store::open_sqlite_store(dir.path() / "store");
  EXPECT_TRUE(store);
  if (!files || !store) return out;
  auto imported = ingest::import_paths({dir.path() / "hospital"}, **store, {}, nullptr);
  EXPECT_TRUE(imported);
  auto summary = run_privacy(**store, PrivacyConfig{});
  EXPECT_TRUE(summary) << summary.error().describe();
  if (summary) out.summary = *summary;
  auto evaluation = evaluate_against_truth(**store, dir.path() / "hospital" / "truth.csv", 1000);
  EXPECT_TRUE(evaluation) << evaluation.error().describe();
  if (evaluation) out.evaluation = *evaluation;
  auto cases = (*store)->privacy_cases({.limit = 100000});
  EXPECT_TRUE(cases);
  if (cases) out.cases = *cases;
  return out;
}

class GeneratedHospitals : public ::testing::TestWithParam<demo::HospitalSpec> {};

TEST_P(GeneratedHospitals, ExplainLegitimateAccessAndFindEveryRelationshipIncident) {
  TempDir dir;
  Outcome out = run_on_generated(GetParam(), dir);
  const Evaluation& e = out.evaluation;
  EXPECT_GE(e.explained_share(), 0.95) << e.legitimate_explained << " of " << e.legitimate;
  ASSERT_FALSE(e.scenarios.empty());
  for (const ScenarioScore& s : e.scenarios) {
    SCOPED_TRACE(s.scenario);
    if (s.scenario == "curiosity") {
      EXPECT_GE(s.recall(), 0.9) << s.found << " of " << s.incidents;
    } else {  // family, neighbour, coworker, vip, self, terminated, bulk_export: every one
      EXPECT_EQ(s.found, s.incidents);
    }
  }
  // The strongest findings come first: the top case is one a person must look at.
  ASSERT_FALSE(out.cases.empty());
  EXPECT_GE(out.cases.front().score, 80);
  EXPECT_EQ(out.summary.cases, out.cases.size());
}

INSTANTIATE_TEST_SUITE_P(
    SeedsSizesAndMixes, GeneratedHospitals,
    ::testing::Values(demo::HospitalSpec{.users = 200, .patients = 2000, .days = 7, .seed = 42},
                      demo::HospitalSpec{.users = 120, .patients = 900, .days = 4, .seed = 7,
                                         .incident_share = 0.02},
                      demo::HospitalSpec{.users = 300, .patients = 4000, .days = 10, .seed = 2026,
                                         .incident_share = 0.003}),
    [](const ::testing::TestParamInfo<demo::HospitalSpec>& info) {
      return fmt::format("seed{}_{}users_{}days", info.param.seed, info.param.users, info.param.days);
    });

// --- hand-made stores --------------------------------------------------------------------------

// pat-1's ED visit from 02:40 UTC on 2 November, E1 attending: the ADT that explains an access
// by E1 at 03:00.
EncounterRecord ed_visit_of_pat_1() {
  EncounterRecord visit;
  visit.id = "enc-1";
  visit.patient_id = "pat-1";
  visit.class_code = "EMER";
  visit.department = "ED";
  visit.start = at("2026-11-02T02:40:00Z");
  visit.participants.push_back({"E1", "ATND"});
  return visit;
}

TEST(PrivacyEngine, EachRelationshipIsFoundWithItsReason) {
  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  r.workforce.push_back(staff("prac-1", "E1", "Dana Ruiz", "Registered Nurse", "Oncology",
                              "12 Elm St, Worcester, MA 01608", "1980-02-03"));
  r.workforce.push_back(staff("prac-2", "E2", "Omar Haddad", "Physician", "Cardiology",
                              "9 Oak Ave, Lowell, MA 01852", "1975-06-07"));
  r.patients.push_back(patient("pat-self", "Dana Ruiz", "12 Elm St, Worcester, MA 01608", "1980-02-03"));
  r.patients.push_back(patient("pat-family", "Luis Ruiz", "12 Elm Street, Worcester, MA 01608, US", "2010-01-01"));
  r.patients.push_back(patient("pat-neighbour", "Ann Bell", "16 Elm St, Worcester, MA 01608, US", "1950-01-01"));
  r.patients.push_back(patient("pat-far", "Bo Chen", "230 Elm St, Worcester, MA 01608, US", "1960-01-01"));
  r.patients.push_back(patient("pat-coworker", "Omar Haddad", "9 Oak Ave, Lowell, MA 01852", "1975-06-07"));
  r.patients.push_back(patient("pat-vip", "Famous Person", "1 Hill Rd, Boston, MA 02108", "1970-01-01", true));
  add_access(r, "a1", "E1", "pat-self", "2026-11-02T10:00:00Z");
  add_access(r, "a2", "E1", "pat-family", "2026-11-02T10:05:00Z");
  add_access(r, "a3", "E1", "pat-neighbour", "2026-11-02T10:10:00Z");
  add_access(r, "a4", "E1", "pat-far", "2026-11-02T10:15:00Z");
  add_access(r, "a5", "E1", "pat-coworker", "2026-11-02T10:20:00Z");
  add_access(r, "a6", "E1", "pat-vip", "2026-11-02T10:25:00Z");
  ASSERT_TRUE((*store)->accept(r));

  auto summary = run_privacy(**store, PrivacyConfig{});
  ASSERT_TRUE(summary) << summary.error().describe();
  EXPECT_EQ(summary->accesses, 6u);
  EXPECT_EQ(summary->explained, 0u);
  auto cases = (*store)->privacy_cases({});
  ASSERT_TRUE(cases);
  ASSERT_EQ(cases->size(), 6u);

  auto expect_case = [&](std::string_view p, std::string_view category, std::string_view words) {
    const store::CaseRecord* c = case_of(*cases, p);
    ASSERT_NE(c, nullptr) << p;
    EXPECT_EQ(c->categories, category) << p;
    EXPECT_NE(c->reason.find(words), std::string::npos) << c->reason;
    EXPECT_EQ(c->user_id, "E1");  // as the input recorded it
    ASSERT_EQ(c->event_ids.size(), 1u);
  };
  expect_case("pat-self", "self", "opened their own record");
  expect_case("pat-family", "family", "shares the surname and the home address");
  expect_case("pat-neighbour", "neighbour", "same street");
  expect_case("pat-far", "curiosity", "no care, unit or role relationship");  // 230 is not next door
  EXPECT_NE(case_of(*cases, "pat-far")->reason.find("no visit or stay within 48 hours"), std::string::npos);
  expect_case("pat-coworker", "coworker", "employee E2 (Cardiology)");
  expect_case("pat-vip", "vip", "restricted");
  // Ranked: self, family, VIP, then neighbour and a stranger not in care (60; the earlier
  // first), then a coworker.
  std::vector<std::string> order;
  for (const auto& c : *cases) order.push_back(c.patient_id);
  EXPECT_EQ(order, (std::vector<std::string>{"pat-self", "pat-family", "pat-vip", "pat-neighbour",
                                             "pat-far", "pat-coworker"}));
}

// Five Oncology nurses who open their unit's patients in the day; one opens a Cardiology
// inpatient late one evening, another a Cardiology inpatient on three days.
TEST(PrivacyEngine, HabitsShapeCuriosityCases) {
  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  for (int n = 0; n < 5; ++n)
    r.workforce.push_back(staff(fmt::format("prac-{}", n), fmt::format("E{}", n), fmt::format("Nurse {}", n),
                                "Registered Nurse", "Oncology", "", ""));
  auto inpatient = [&](const std::string& id, const std::string& department) {
    r.patients.push_back(patient(id, "", "", ""));
    EncounterRecord stay;
    stay.id = "enc-" + id;
    stay.patient_id = id;
    stay.class_code = "IMP";
    stay.department = department;
    stay.start = at("2026-10-30T00:00:00Z");
    r.encounters.push_back(stay);
  };
  for (int p = 0; p < 20; ++p) inpatient(fmt::format("onc-{}", p), "Oncology");
  inpatient("cardio-1", "Cardiology");
  inpatient("cardio-2", "Cardiology");
  int id = 0;
  for (int day = 2; day <= 20; ++day)
    for (int n = 0; n < 5; ++n)
      for (int k = 0; k < 12; ++k)
        add_access(r, fmt::format("w{}", ++id), fmt::format("E{}", n), fmt::format("onc-{}", (k + n) % 20),
                   fmt::format("2026-11-{:02}T{:02}:{:02}:00Z", day, 8 + k * 3 / 4, (k * 7) % 60));
  add_access(r, "late", "E0", "cardio-1", "2026-11-10T22:40:00Z");
  for (int day : {4, 9, 15}) add_access(r, fmt::format("again-{}", day), "E1", "cardio-2", fmt::format("2026-11-{:02}T11:00:00Z", day));
  ASSERT_TRUE((*store)->accept(r));
  auto summary = run_privacy(**store, PrivacyConfig{});
  ASSERT_TRUE(summary) << summary.error().describe();
  EXPECT_EQ(summary->accesses - summary->explained, 4u);
  EXPECT_EQ(summary->findings.at("after_hours"), 1u);
  auto cases = (*store)->privacy_cases({});
  ASSERT_TRUE(cases);
  ASSERT_EQ(cases->size(), 2u);

  const store::CaseRecord* late = case_of(*cases, "cardio-1");
  ASSERT_NE(late, nullptr);
  EXPECT_EQ(late->categories, "after_hours;curiosity");
  EXPECT_NE(late->reason.find("at 22:40, when Nurse 0 (E0) seldom works: 0.4% of the user's 229 accesses"),
            std::string::npos) << late->reason;
  EXPECT_NE(late->reason.find("the only patient Nurse 0 (E0) opened without an explanation in the period, "
                              "and Registered Nurse in Oncology seldom do (a median of 0 patients each)"),
            std::string::npos) << late->reason;
  EXPECT_EQ(late->score, 55);  // after hours 50, and a second category

  const store::CaseRecord* again = case_of(*cases, "cardio-2");
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->categories, "repeated;curiosity");
  EXPECT_NE(again->reason.find("3 accesses on 3 days (2026-11-04 to 2026-11-15): the record was opened without "
                               "an explanation on 3 different days"), std::string::npos) << again->reason;
  EXPECT_EQ(again->event_ids, (std::vector<std::string>{"again-4", "again-9", "again-15"}));
}

TEST(PrivacyEngine, AVipRecordOpenedFromAGroupWhoseUnexplainedAccessesAreRoutineRanksLower) {
  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  // IT support works tickets on patients nothing relates them to (three each); nurses never do.
  for (int n = 0; n < 4; ++n) {
    r.workforce.push_back(staff(fmt::format("it-{}", n), fmt::format("I{}", n), fmt::format("Tech {}", n),
                                "IT Support", "IT", "", ""));
    r.workforce.push_back(staff(fmt::format("rn-{}", n), fmt::format("N{}", n), fmt::format("Nurse {}", n),
                                "Registered Nurse", "Oncology", "", ""));
  }
  for (int p = 0; p < 12; ++p) r.patients.push_back(patient(fmt::format("ticket-{}", p), "", "", ""));
  r.patients.push_back(patient("vip-1", "Famous One", "", "", true));
  r.patients.push_back(patient("vip-2", "Famous Two", "", "", true));
  for (int n = 0; n < 4; ++n)
    for (int k = 0; k < 3; ++k)
      add_access(r, fmt::format("t{}-{}", n, k), fmt::format("I{}", n), fmt::format("ticket-{}", 3 * n + k),
                 fmt::format("2026-11-{:02}T10:00:00Z", 2 + k));
  add_access(r, "by-it", "I0", "vip-1", "2026-11-06T10:00:00Z");
  add_access(r, "by-nurse", "N0", "vip-2", "2026-11-06T10:00:00Z");
  ASSERT_TRUE((*store)->accept(r));
  ASSERT_TRUE(run_privacy(**store, PrivacyConfig{}));
  auto cases = (*store)->privacy_cases({});
  ASSERT_TRUE(cases);
  const store::CaseRecord* from_it = case_of(*cases, "vip-1");
  const store::CaseRecord* from_nurse = case_of(*cases, "vip-2");
  ASSERT_NE(from_it, nullptr);
  ASSERT_NE(from_nurse, nullptr);
  EXPECT_EQ(from_it->categories, "vip");
  EXPECT_EQ(from_it->score, 55);
  EXPECT_NE(from_it->reason.find("restricted (VIP / confidential); accesses nothing explains are usual for "
                                 "IT Support in IT (a median of 3 patients each in the period)"),
            std::string::npos) << from_it->reason;
  EXPECT_EQ(from_nurse->categories, "vip");
  EXPECT_EQ(from_nurse->score, 70);
  EXPECT_EQ(from_nurse->reason.find("usual"), std::string::npos) << from_nurse->reason;
}

TEST(PrivacyEngine, LateAdtExplainsEarlierAccessesAndTheirCaseGoes) {
  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  r.workforce.push_back(staff("prac-1", "E1", "Dana Ruiz", "Physician", "ED", "", ""));
  r.patients.push_back(patient("pat-1", "Ann Bell", "", ""));
  add_access(r, "a1", "E1", "pat-1", "2026-11-02T03:00:00Z");
  ASSERT_TRUE((*store)->accept(r));
  ASSERT_TRUE(run_privacy(**store, PrivacyConfig{}));
  auto before = (*store)->privacy_cases({});
  ASSERT_TRUE(before);
  ASSERT_EQ(before->size(), 1u);
  EXPECT_EQ(before->front().categories, "curiosity");

  // The ED visit's ADT arrives two hours after the access it covers.
  ingest::ParsedRecords adt;
  adt.encounters.push_back(ed_visit_of_pat_1());
  ASSERT_TRUE((*store)->accept(adt));
  auto second = run_privacy(**store, PrivacyConfig{});
  ASSERT_TRUE(second) << second.error().describe();
  EXPECT_EQ(second->explained, 1u);
  EXPECT_EQ(second->explained_by.at("care_team"), 1u);
  auto after = (*store)->privacy_cases({});
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->empty());

  const std::vector<store::ExplanationRow> rows = explanations_in(**store);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].event_id, "a1");
  EXPECT_TRUE(rows[0].explained);
  EXPECT_EQ(rows[0].code, "care_team");
  EXPECT_NE(rows[0].evidence.find("enc-1"), std::string::npos) << rows[0].evidence;
}

// Live: what a commit adds is scored by catch_up, and ADT that comes later re-explains it.
TEST(PrivacyEngine, CatchUpScoresNewAccessesAndLateAdtReexplainsThem) {
  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  std::vector<store::CommitNotice> notices;
  (*store)->set_commit_listener([&](const store::CommitNotice& n) { notices.push_back(n); });
  ingest::ParsedRecords r;
  r.workforce.push_back(staff("prac-1", "E1", "Dana Ruiz", "Physician", "ED", "", ""));
  r.patients.push_back(patient("pat-1", "Ann Bell", "", ""));
  ASSERT_TRUE((*store)->accept(r));
  PrivacyEngine engine(**store, PrivacyConfig{});
  ASSERT_TRUE(engine.run());
  EXPECT_EQ(engine.summary().accesses, 0u);

  ingest::ParsedRecords access;
  add_access(access, "a1", "E1", "pat-1", "2026-11-02T03:00:00Z");
  ASSERT_TRUE((*store)->accept(access));
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_EQ(notices.back().events, 1u);
  EXPECT_GT(notices.back().committed, 0);
  auto first = engine.catch_up(notices.back());
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->accesses, 1u);
  EXPECT_EQ(first->cases_saved, 1u);
  auto cases = (*store)->privacy_cases({});
  ASSERT_TRUE(cases);
  ASSERT_EQ(cases->size(), 1u);
  EXPECT_EQ(cases->front().categories, "curiosity");
  EXPECT_EQ(cases->front().event_ids, std::vector<std::string>{"a1"});

  // Nothing new: nothing to do.
  auto idle = engine.catch_up(store::CommitNotice{});
  ASSERT_TRUE(idle);
  EXPECT_EQ(idle->accesses + idle->cases_saved + idle->cases_gone, 0u);

  // The ED visit's ADT arrives after the access it covers.
  ingest::ParsedRecords adt;
  adt.encounters.push_back(ed_visit_of_pat_1());
  ASSERT_TRUE((*store)->accept(adt));
  EXPECT_EQ(notices.back().patients, std::vector<std::string>{"pat-1"});
  auto second = engine.catch_up(notices.back());
  ASSERT_TRUE(second) << second.error().describe();
  EXPECT_EQ(second->accesses, 0u);
  EXPECT_EQ(second->reexplained, 1u);
  EXPECT_EQ(second->cases_gone, 1u);
  auto after = (*store)->privacy_cases({});
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->empty());
  const std::vector<store::ExplanationRow> rows = explanations_in(**store);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0].explained);
  EXPECT_EQ(rows[0].code, "care_team");
  const PrivacyRunSummary totals = engine.summary();
  EXPECT_EQ(totals.accesses, 1u);
  EXPECT_EQ(totals.explained, 1u);
  EXPECT_EQ(totals.explained_by.at("care_team"), 1u);
  EXPECT_EQ(totals.cases, 0u);
}

// The same, through the monitor `ward serve` runs: commits are scored on its own thread.
TEST(PrivacyMonitor, ScoresEachCommitAsItArrives) {
  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  r.workforce.push_back(staff("prac-1", "E1", "Dana Ruiz", "Physician", "ED", "", ""));
  r.patients.push_back(patient("pat-1", "Ann Bell", "", ""));
  r.patients.push_back(patient("pat-2", "Bo Chen", "", "", true));
  add_access(r, "a0", "E1", "pat-1", "2026-11-02T03:00:00Z");
  ASSERT_TRUE((*store)->accept(r));
  PrivacyMonitor monitor(**store, PrivacyConfig{});
  monitor.start();
  monitor.wait_until_idle();
  EXPECT_TRUE(monitor.status().ready);
  EXPECT_EQ(monitor.status().summary.cases, 1u);

  for (int i = 1; i <= 3; ++i) {
    ingest::ParsedRecords more;
    add_access(more, fmt::format("a{}", i), "E1", "pat-2", fmt::format("2026-11-02T0{}:00:00Z", 3 + i));
    ASSERT_TRUE((*store)->accept(more));
  }
  monitor.wait_until_idle();
  const auto status = monitor.status();
  EXPECT_EQ(status.commits, 3u);
  EXPECT_GT(status.p99_ms, 0);
  EXPECT_TRUE(status.last_error.empty());
  EXPECT_EQ(status.summary.accesses, 4u);
  auto cases = (*store)->privacy_cases({});
  ASSERT_TRUE(cases);
  const store::CaseRecord* vip = case_of(*cases, "pat-2");
  ASSERT_NE(vip, nullptr);
  EXPECT_EQ(vip->categories, "vip");
  EXPECT_EQ(vip->event_ids, (std::vector<std::string>{"a1", "a2", "a3"}));

  // POST /api/v1/privacy/run while serving: the monitor runs it, and live scoring goes on.
  auto full = monitor.run_full();
  ASSERT_TRUE(full) << full.error().describe();
  EXPECT_EQ(full->accesses, 4u);
  EXPECT_EQ(full->cases, 2u);
  ingest::ParsedRecords later;
  add_access(later, "a4", "E1", "pat-2", "2026-11-02T09:00:00Z");
  ASSERT_TRUE((*store)->accept(later));
  monitor.wait_until_idle();
  EXPECT_EQ(monitor.status().summary.accesses, 5u);
}

TEST(PrivacyEngine, AccessesByUnknownPeopleAreKeptAndReported) {
  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  add_access(r, "x1", "E999", "pat-unknown", "2026-11-02T10:00:00Z");
  ASSERT_TRUE((*store)->accept(r));
  auto summary = run_privacy(**store, PrivacyConfig{});
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->accesses, 1u);
  EXPECT_EQ(summary->unknown_users, 1u);
  EXPECT_EQ(summary->unknown_patients, 1u);
  auto cases = (*store)->privacy_cases({});
  ASSERT_TRUE(cases);
  ASSERT_EQ(cases->size(), 1u);
  EXPECT_EQ(cases->front().user_id, "E999");
  EXPECT_EQ(cases->front().patient_id, "pat-unknown");
  EXPECT_NE(cases->front().reason.find("not in the directory"), std::string::npos);
}

TEST(PrivacyEngine, ABulkExportIsOneCaseAboutItsUser) {
  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  ingest::ParsedRecords r;
  r.workforce.push_back(staff("prac-1", "E1", "Sam Lee", "Health Information Management", "HIM", "", ""));
  for (int i = 0; i < 60; ++i)
    add_access(r, fmt::format("x{}", i), "E1", fmt::format("pat-{}", i),
               fmt::format("2026-11-02T10:{:02}:00Z", i % 60), Action::export_);
  ASSERT_TRUE((*store)->accept(r));
  ASSERT_TRUE(run_privacy(**store, PrivacyConfig{}));
  auto cases = (*store)->privacy_cases({});
  ASSERT_TRUE(cases);
  const store::CaseRecord* bulk = nullptr;
  for (const auto& c : *cases)
    if (c.categories == "bulk_export") bulk = &c;
  ASSERT_NE(bulk, nullptr);
  EXPECT_EQ(bulk->seqs.size(), 60u);
  EXPECT_EQ(bulk->patient_id, "");
  EXPECT_NE(bulk->reason.find("60 records of 60 patients"), std::string::npos) << bulk->reason;
}

TEST(PrivacyConfig, ReadsDetectorSettingsAndRules) {
  auto yaml = YAML::Load(
      "neighbour_house_distance: 4\nbulk_export_count: 20\nbulk_export_window: 30m\n"
      "out_of_care_window: 24h\noff_hours_share: 0.02\nvolume_min_patients: 50\nvolume_deviations: 4.5\n"
      "explanations:\n  - {code: float_pool, kind: unit, user_departments: [Float Pool], after: 2h}\n");
  auto config = privacy_config_from_yaml(yaml);
  ASSERT_TRUE(config) << config.error().describe();
  EXPECT_EQ(config->detectors.neighbour_house_distance, 4);
  EXPECT_EQ(config->detectors.bulk_export_count, 20u);
  EXPECT_EQ(config->detectors.bulk_export_window, TimeNs{30} * 60 * 1'000'000'000);
  EXPECT_EQ(config->detectors.out_of_care_window, TimeNs{24} * 3600 * 1'000'000'000);
  EXPECT_EQ(config->detectors.habits.off_hours_share, 0.02);
  EXPECT_EQ(config->detectors.habits.volume_min_patients, 50u);
  EXPECT_EQ(config->detectors.habits.volume_deviations, 4.5);
  ASSERT_EQ(config->explanations.size(), 1u);
  EXPECT_EQ(config->explanations[0].code, "float_pool");
  auto share = privacy_config_from_yaml(YAML::Load("off_hours_share: 5\n"));
  ASSERT_FALSE(share);
  EXPECT_NE(share.error().message.find("off_hours_share must be between 0 and 1"), std::string::npos);
  auto bad = privacy_config_from_yaml(YAML::Load("neighbor_distance: 3\n"));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("privacy.neighbor_distance"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace ward::privacy
