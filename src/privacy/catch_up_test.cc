// Live scoring's incremental paths (PrivacyEngine::catch_up): a change to a few people re-explains
// only their accesses and rebuilds only their cases, and after many catch-ups the store holds
// what a full run from scratch writes.
#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "demo/hospital_generator.h"
#include "ingest/import/importer.h"
#include "privacy/engine.h"
#include "privacy/test_records.h"
#include "testing/shared_data.h"

namespace ward::privacy {
namespace {

using ward::testing::TempDir;
using namespace test_records;  // hand-made people, accesses and what a run wrote

// A store whose commits are kept for the engine, as the monitor keeps them.
struct LiveStore {
  TempDir dir;
  std::unique_ptr<store::Store> store;
  std::vector<store::CommitNotice> notices;

  LiveStore() {
    auto opened = store::open_sqlite_store(dir.path() / "store");
    EXPECT_TRUE(opened);
    if (!opened) return;
    store = std::move(*opened);
    store->set_commit_listener([this](const store::CommitNotice& n) { notices.push_back(n); });
  }
  // Commits the records and has the engine catch up with that commit.
  Result<CatchUpSummary> commit(PrivacyEngine& engine, ingest::ParsedRecords& records) {
    if (auto r = store->accept(records); !r) return Unexpected(r.error());
    return engine.catch_up(notices.back());
  }
};

// What a user sees of a run: every explanation, and every case with its accesses and reason.
struct Results {
  std::vector<std::tuple<std::string, bool, std::string, std::string>> explanations;  // event, explained, code, evidence
  std::map<std::string, std::tuple<std::string, std::string, double, std::string, std::string,
                                   std::vector<std::string>>> cases;  // by key
};

Results results_in(store::Store& store) {
  Results out;
  for (const store::ExplanationRow& x : explanations_in(store))
    out.explanations.emplace_back(x.event_id, x.explained, x.code, x.evidence);
  auto cases = store.privacy_cases({.limit = 1'000'000});
  EXPECT_TRUE(cases);
  if (cases)
    for (const store::CaseRecord& c : *cases)
      out.cases[c.key] = {c.user_id, c.patient_id, c.score, c.categories, c.reason, c.event_ids};
  return out;
}

// What live scoring wrote, then a full run from scratch on the same store (its summary to
// `full_summary`): the same explanations and cases.
void expect_same_as_a_full_run(store::Store& store, PrivacyRunSummary* full_summary = nullptr) {
  const Results live = results_in(store);
  auto full = run_privacy(store, PrivacyConfig{});
  ASSERT_TRUE(full) << full.error().describe();
  if (full_summary != nullptr) *full_summary = *full;
  const Results fresh = results_in(store);
  ASSERT_EQ(live.explanations.size(), fresh.explanations.size());
  for (std::size_t i = 0; i < live.explanations.size(); ++i)
    EXPECT_EQ(live.explanations[i], fresh.explanations[i]) << "explanation of " << std::get<0>(fresh.explanations[i]);
  for (const auto& [key, c] : fresh.cases) {
    auto it = live.cases.find(key);
    if (it == live.cases.end()) {
      ADD_FAILURE() << "the full run finds case " << key << " (" << std::get<4>(c) << "); live scoring did not";
      continue;
    }
    EXPECT_EQ(it->second, c) << "case " << key << "\n live: " << std::get<4>(it->second) << "\n full: " << std::get<4>(c);
  }
  for (const auto& [key, c] : live.cases)
    if (fresh.cases.count(key) == 0) ADD_FAILURE() << "live scoring keeps case " << key << " (" << std::get<4>(c) << ")";
}

EncounterRecord stay(std::string id, std::string patient, std::string attending, std::string_view start) {
  EncounterRecord e;
  e.id = std::move(id);
  e.patient_id = std::move(patient);
  e.class_code = "IMP";
  e.department = "Medicine";
  e.start = at(start);
  e.participants.push_back({std::move(attending), "ATND"});
  return e;
}

TEST(CatchUp, AnAdtUpdateForOnePatientReexplainsOnlyThatPatientsAccesses) {
  LiveStore live;
  ASSERT_TRUE(live.store);
  ingest::ParsedRecords r;
  r.workforce.push_back(staff("prac-1", "E1", "Dana Ruiz", "Physician", "Medicine", "", ""));
  r.workforce.push_back(staff("prac-2", "E2", "Omar Haddad", "Physician", "Cardiology", "", ""));
  for (const char* id : {"pat-1", "pat-2", "pat-3"}) r.patients.push_back(patient(id, "", "", ""));
  add_access(r, "a1", "E1", "pat-1", "2026-11-02T03:00:00Z");
  add_access(r, "a2", "E2", "pat-1", "2026-11-02T03:05:00Z");
  add_access(r, "a3", "E1", "pat-2", "2026-11-02T03:10:00Z");
  add_access(r, "a4", "E2", "pat-3", "2026-11-02T03:20:00Z");
  ASSERT_TRUE(live.store->accept(r));
  PrivacyEngine engine(*live.store, PrivacyConfig{});
  ASSERT_TRUE(engine.run());
  EXPECT_EQ(engine.summary().cases, 4u);  // nothing explains any of them yet

  // pat-1's stay arrives, E1 attending: a1 is explained, a2 (E2, of another department) is
  // not, but pat-1 is now in care. Only pat-1's two accesses are looked at again: a1's case
  // goes, a2's scores lower, pat-2's and pat-3's stay as they were.
  ingest::ParsedRecords adt;
  adt.encounters.push_back(stay("enc-1", "pat-1", "E1", "2026-11-01T20:00:00Z"));
  auto caught = live.commit(engine, adt);
  ASSERT_TRUE(caught) << caught.error().describe();
  EXPECT_EQ(caught->reexamined, 2u);
  EXPECT_EQ(caught->reexplained, 1u);
  EXPECT_EQ(caught->cases_gone, 1u);
  EXPECT_EQ(caught->cases_saved, 1u);
  auto cases = live.store->privacy_cases({});
  ASSERT_TRUE(cases);
  std::vector<std::vector<std::string>> accesses;
  for (const auto& c : *cases) accesses.push_back(c.event_ids);
  std::sort(accesses.begin(), accesses.end());
  EXPECT_EQ(accesses, (std::vector<std::vector<std::string>>{{"a2"}, {"a3"}, {"a4"}}));
  const store::CaseRecord* in_care = case_of(*cases, "pat-1");
  ASSERT_NE(in_care, nullptr);
  EXPECT_EQ(in_care->score, 25);
  EXPECT_EQ(in_care->reason.find("no visit or stay"), std::string::npos) << in_care->reason;
  const store::CaseRecord* not_in_care = case_of(*cases, "pat-2");
  ASSERT_NE(not_in_care, nullptr);
  EXPECT_NE(not_in_care->reason.find("no visit or stay"), std::string::npos) << not_in_care->reason;
  const auto rows = explanations_in(*live.store);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_TRUE(rows[0].explained);
  EXPECT_EQ(rows[0].code, "care_team");
  EXPECT_FALSE(rows[1].explained || rows[2].explained || rows[3].explained);
  expect_same_as_a_full_run(*live.store);
}

// An access by an id the directory does not know is the case of that id; when the staff record
// arrives, the access is the staff member's, under the directory's id, as a full run has it.
TEST(CatchUp, AStaffRecordArrivingLateTakesOverTheCasesOfItsEmployeeId) {
  LiveStore live;
  ASSERT_TRUE(live.store);
  ingest::ParsedRecords r;
  r.patients.push_back(patient("pat-1", "Ann Bell", "", "", true));
  add_access(r, "a1", "E7", "pat-1", "2026-11-02T03:00:00Z");
  ASSERT_TRUE(live.store->accept(r));
  PrivacyEngine engine(*live.store, PrivacyConfig{});
  ASSERT_TRUE(engine.run());
  ASSERT_EQ(engine.summary().unknown_users, 1u);

  ingest::ParsedRecords hire;
  hire.workforce.push_back(staff("prac-7", "E7", "Sam Lee", "Registered Nurse", "Oncology", "", ""));
  auto caught = live.commit(engine, hire);
  ASSERT_TRUE(caught) << caught.error().describe();
  EXPECT_EQ(caught->reexamined, 1u);
  EXPECT_EQ(engine.summary().unknown_users, 0u);
  auto cases = live.store->privacy_cases({});
  ASSERT_TRUE(cases);
  ASSERT_EQ(cases->size(), 1u);
  EXPECT_EQ(cases->front().categories, "vip");
  EXPECT_EQ(cases->front().key, "prac-7|pat-1");
  expect_same_as_a_full_run(*live.store);
}

// Live scoring in a store that receives mostly other events (syslog, firewall lines): each
// catch-up takes exactly the accesses its commit added, whether they came before, between or
// after the other events, and the results are a full run's.
TEST(CatchUp, AccessesAmongOtherEventsAreEachTakenOnce) {
  LiveStore live;
  ASSERT_TRUE(live.store);
  ingest::ParsedRecords people;
  people.workforce.push_back(staff("prac-1", "E1", "Dana Ruiz", "Physician", "Medicine", "", ""));
  people.patients.push_back(patient("pat-1", "", "", ""));
  ASSERT_TRUE(live.store->accept(people));
  PrivacyEngine engine(*live.store, PrivacyConfig{});
  ASSERT_TRUE(engine.run());
  auto other_events = [](ingest::ParsedRecords& r, int n, int minute) {
    for (int i = 0; i < n; ++i) {
      Event& e = r.events.start_event();
      e.time = at(fmt::format("2026-11-02T04:{:02}:{:02}Z", minute, i % 60));
      e.kind = EventKind::authentication;
      e.source = r.events.keep("syslog-tcp:127.0.0.1:50000");
    }
  };
  std::uint64_t taken = 0;
  for (int commit = 0; commit < 6; ++commit) {
    ingest::ParsedRecords r;
    if (commit % 3 != 1) other_events(r, 50, commit);  // commits 1 and 4: accesses only
    if (commit % 3 != 2)                               // commits 2 and 5: other events only
      add_access(r, fmt::format("a{}", commit), "E1", "pat-1", fmt::format("2026-11-02T05:{:02}:00Z", commit));
    if (commit % 3 == 0) other_events(r, 50, 30 + commit);  // and after the access
    auto caught = live.commit(engine, r);
    ASSERT_TRUE(caught) << caught.error().describe();
    EXPECT_EQ(caught->accesses, commit % 3 != 2 ? 1u : 0u) << "commit " << commit;
    taken += caught->accesses;
  }
  EXPECT_EQ(taken, 4u);
  EXPECT_EQ(explanations_in(*live.store).size(), 4u);
  expect_same_as_a_full_run(*live.store);
}

// A generated hospital arrives as a feed would bring it: the directory first, then the accesses
// in commits, and each patient's visits late, after some of the accesses they explain. After
// every commit is caught up with, the store holds what a full run writes.
TEST(CatchUp, AfterCommitsOfAccessesAndLateAdtTheResultsAreAFullRunsResults) {
  TempDir source_dir;
  auto files = demo::generate_hospital({.users = 60, .patients = 400, .days = 3, .seed = 5}, source_dir.path() / "h");
  ASSERT_TRUE(files) << files.error().describe();
  auto source = store::open_sqlite_store(source_dir.path() / "store");
  ASSERT_TRUE(source);
  ASSERT_TRUE(ingest::import_paths({source_dir.path() / "h"}, **source, {}, nullptr));
  auto directory = (*source)->directory_snapshot();
  ASSERT_TRUE(directory);
  std::vector<store::EventRow> accesses;
  ASSERT_TRUE((*source)->for_each_access(0, [&](const store::EventRow& row) -> Result<void> {
    accesses.push_back(row);
    return {};
  }));
  ASSERT_GT(accesses.size(), 1000u);
  std::map<std::string, std::vector<EncounterRecord>> visits;  // by patient, all at once
  for (const EncounterRecord& e : directory->encounters) visits[e.patient_id].push_back(e);

  LiveStore live;
  ASSERT_TRUE(live.store);
  ingest::ParsedRecords people;
  people.workforce = directory->workforce;
  people.patients = directory->patients;
  ASSERT_TRUE(live.store->accept(people));
  PrivacyEngine engine(*live.store, PrivacyConfig{});
  ASSERT_TRUE(engine.run());

  constexpr std::size_t kCommits = 12;
  auto visit = visits.begin();
  std::uint64_t reexplained = 0;
  for (std::size_t c = 0; c < kCommits; ++c) {
    ingest::ParsedRecords batch;
    const std::size_t from = accesses.size() * c / kCommits, to = accesses.size() * (c + 1) / kCommits;
    for (std::size_t i = from; i < to; ++i) {
      store::add_event_from_row(accesses[i], batch.events);
    }
    auto scored = live.commit(engine, batch);
    ASSERT_TRUE(scored) << scored.error().describe();
    // Then the visits of a share of the patients, each patient's in one ADT commit.
    for (std::size_t n = 0; n < visits.size() / kCommits + 1 && visit != visits.end(); ++n, ++visit) {
      ingest::ParsedRecords adt;
      adt.encounters = visit->second;
      auto caught = live.commit(engine, adt);
      ASSERT_TRUE(caught) << caught.error().describe();
      reexplained += caught->reexplained;
    }
  }
  ASSERT_EQ(visit, visits.end());
  EXPECT_GT(reexplained, 100u);  // late visits explained earlier accesses
  EXPECT_EQ(engine.summary().accesses, accesses.size());
  const PrivacyRunSummary live_totals = engine.summary();
  PrivacyRunSummary full;
  expect_same_as_a_full_run(*live.store, &full);
  EXPECT_EQ(live_totals.explained, full.explained);
  EXPECT_EQ(live_totals.explained_by, full.explained_by);
  EXPECT_EQ(live_totals.unknown_users, full.unknown_users);
  EXPECT_EQ(live_totals.unknown_patients, full.unknown_patients);
  EXPECT_EQ(live_totals.findings, full.findings);
  EXPECT_EQ(live_totals.cases, full.cases);
}

}  // namespace
}  // namespace ward::privacy
