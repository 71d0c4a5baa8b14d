// An import with the privacy run beside it must store what an import followed by
// `ward privacy run` stores: the same explanation for every access and the same cases — when
// the directory's files come first (the run reads the accesses while they are committed) and
// when directory records come in the same file as the events (the run takes them afterwards).
// And what either stores for an access is what the explainer gives for that access alone.
#include "privacy_import/import_with_privacy.h"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include "demo/hospital_generator.h"
#include "privacy/directory_index.h"
#include "privacy/event_access.h"
#include "privacy/explain.h"
#include "testing/shared_data.h"

namespace ward::privacy_import {
namespace {

namespace fs = std::filesystem;
using ward::testing::TempDir;

// What a run stored, by the events' own ids (two imports may give the same event other seqs:
// a bulk load stores each batch in time order).
struct Stored {
  std::vector<std::string> explanations;  // "event-id explained code evidence", sorted
  std::vector<std::string> cases;         // key, score, categories, reason, event ids; sorted
};

Stored read_back(store::Store& store) {
  Stored out;
  auto r = store.for_each_explanation([&](const store::ExplanationRow& row) -> Result<void> {
    out.explanations.push_back(fmt::format("{} {} {} {}", row.event_id, row.explained, row.code, row.evidence));
    return {};
  });
  EXPECT_TRUE(r) << r.error().describe();
  std::sort(out.explanations.begin(), out.explanations.end());
  auto cases = store.privacy_cases({.limit = 100000});
  EXPECT_TRUE(cases);
  if (!cases) return out;
  for (const store::CaseRecord& c : *cases) {
    auto events = store.events_with_seqs(c.seqs);
    EXPECT_TRUE(events);
    std::vector<std::string> ids;
    if (events)
      for (const store::EventRow& e : *events) ids.push_back(e.event_id);
    std::sort(ids.begin(), ids.end());
    out.cases.push_back(fmt::format("{} {} {} {} {}", c.key, c.score, c.categories, c.reason, fmt::join(ids, ",")));
  }
  std::sort(out.cases.begin(), out.cases.end());
  return out;
}

// Each stored access explained on its own, as read_back prints explanations: the explainer with
// the default rules, the directory as the store holds it at the end, the access read back by
// its seq. Whatever a run does to go fast (parts on several threads, scans while the import
// goes on, the memo shared by accesses whose texts read the same, batches of rows) must not
// change one access's explanation.
std::vector<std::string> explained_one_by_one(store::Store& store) {
  std::vector<std::string> out;
  auto snapshot = store.directory_snapshot();
  EXPECT_TRUE(snapshot);
  if (!snapshot) return out;
  const privacy::DirectoryIndex directory(std::move(*snapshot));
  const privacy::Explainer explainer(privacy::default_explanation_rules());
  std::vector<std::int64_t> seqs;
  auto r = store.for_each_explanation([&](const store::ExplanationRow& row) -> Result<void> {
    seqs.push_back(row.seq);
    return {};
  });
  EXPECT_TRUE(r) << r.error().describe();
  auto events = store.events_with_seqs(seqs);
  EXPECT_TRUE(events);
  if (!events) return out;
  EXPECT_EQ(events->size(), seqs.size());
  for (const store::EventRow& row : *events) {
    const privacy::Access access = privacy::access_from_event(row, directory);
    const auto e = explainer.explain(access, privacy::encounters_for(access, directory));
    out.push_back(fmt::format("{} {} {} {}", row.event_id, e.has_value(), e ? e->code : "", e ? e->evidence : ""));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// An import and then a full run, into a fresh store: what the run beside must equal.
Stored import_then_run(const fs::path& in, const fs::path& store_dir) {
  auto store = store::open_sqlite_store(store_dir);
  EXPECT_TRUE(store);
  auto imported = ingest::import_paths({in}, **store, {});
  EXPECT_TRUE(imported);
  auto run = privacy::run_privacy(**store, privacy::PrivacyConfig{});
  EXPECT_TRUE(run) << run.error().describe();
  return read_back(**store);
}

struct Beside {
  ImportWithPrivacy result;
  Stored stored;
};

// With the run beside, reading often (`scan_events`) and holding at most `handed_batches` of
// the batches the store hands over, each of `batch_size` records.
Beside import_with_run_beside(const fs::path& in, const fs::path& store_dir, std::size_t handed_batches = 6,
                              std::size_t batch_size = 32768) {
  Beside out;
  auto store = store::open_sqlite_store(store_dir);
  EXPECT_TRUE(store);
  ImportWithPrivacyOptions options;
  options.privacy = privacy::PrivacyConfig{};
  options.beside.scan_events = 300;  // many reads while the import goes on
  options.beside.handed_batches = handed_batches;
  options.import.parse.batch_size = batch_size;
  out.result = import_with_privacy(**store, {in}, options);
  out.stored = read_back(**store);
  return out;
}

demo::HospitalSpec small_hospital() {
  return {.users = 60, .patients = 500, .days = 3, .seed = 7, .incident_share = 0.01};
}

TEST(ImportWithPrivacy, TheRunBesideTheImportStoresWhatARunAfterItStores) {
  TempDir dir;
  auto files = demo::generate_hospital(small_hospital(), dir.path() / "hospital");
  ASSERT_TRUE(files) << files.error().describe();
  fs::remove(dir.path() / "hospital" / "truth.csv");
  const Stored expected = import_then_run(dir.path() / "hospital", dir.path() / "after");
  const Beside beside = import_with_run_beside(dir.path() / "hospital", dir.path() / "beside");
  ASSERT_TRUE(beside.result.reports) << beside.result.reports.error().describe();
  EXPECT_TRUE(beside.result.bulk_load) << "an empty store: the run goes beside the import";
  ASSERT_TRUE(beside.result.privacy.has_value());
  ASSERT_TRUE(*beside.result.privacy) << beside.result.privacy->error().describe();
  EXPECT_TRUE(beside.result.indexes);
  const privacy::PrivacyRunSummary& summary = **beside.result.privacy;
  EXPECT_EQ(summary.accesses, files->access_events);
  EXPECT_GT(summary.explained_share(), 0.9);
  ASSERT_EQ(beside.stored.explanations.size(), files->access_events);
  EXPECT_EQ(beside.stored.explanations, expected.explanations);
  EXPECT_FALSE(expected.cases.empty());
  EXPECT_EQ(beside.stored.cases, expected.cases);
  EXPECT_EQ(summary.cases, expected.cases.size());
  EXPECT_GT(summary.handed_over, 0u) << "the store hands the committed accesses over";
}

TEST(ImportWithPrivacy, AccessesHandedOverAndReadBackAlikeStoreWhatARunAfterItStores) {
  // Small batches and a run that holds one at a time: the store hands some over and the run
  // reads the others (and those between) back, in every order the threads make.
  TempDir dir;
  auto files = demo::generate_hospital(small_hospital(), dir.path() / "hospital");
  ASSERT_TRUE(files) << files.error().describe();
  fs::remove(dir.path() / "hospital" / "truth.csv");
  const Stored expected = import_then_run(dir.path() / "hospital", dir.path() / "after");
  struct Setting {
    std::size_t handed_batches, batch_size;
  };
  for (const Setting setting : {Setting{1, 97}, Setting{2, 500}, Setting{0, 500}}) {
    SCOPED_TRACE(fmt::format("{} held, batches of {}", setting.handed_batches, setting.batch_size));
    const Beside beside = import_with_run_beside(dir.path() / "hospital",
                                                 dir.path() / fmt::format("beside-{}-{}", setting.handed_batches, setting.batch_size),
                                                 setting.handed_batches, setting.batch_size);
    ASSERT_TRUE(beside.result.privacy.has_value());
    ASSERT_TRUE(*beside.result.privacy) << beside.result.privacy->error().describe();
    const privacy::PrivacyRunSummary& summary = **beside.result.privacy;
    EXPECT_EQ(summary.accesses, files->access_events);
    if (setting.handed_batches == 0) {
      EXPECT_EQ(summary.handed_over, 0u);
    } else {
      EXPECT_GT(summary.handed_over, 0u);
    }
    EXPECT_EQ(beside.stored.explanations, expected.explanations);
    EXPECT_EQ(beside.stored.cases, expected.cases);
  }
}

TEST(ImportWithPrivacy, EveryStoredExplanationIsTheExplainersForThatAccessAlone) {
  // Large enough for many parts of a run and many scans beside the import, several
  // thousand people, a week of encounters.
  TempDir dir;
  auto files = demo::generate_hospital({.users = 200, .patients = 2000, .days = 7, .seed = 2026, .incident_share = 0.01},
                                       dir.path() / "hospital");
  ASSERT_TRUE(files) << files.error().describe();
  fs::remove(dir.path() / "hospital" / "truth.csv");
  ASSERT_GT(files->access_events, 20'000u);
  auto store = store::open_sqlite_store(dir.path() / "beside");
  ASSERT_TRUE(store);
  ImportWithPrivacyOptions options;
  options.privacy = privacy::PrivacyConfig{};
  options.beside.scan_events = 1000;
  const ImportWithPrivacy result = import_with_privacy(**store, {dir.path() / "hospital"}, options);
  ASSERT_TRUE(result.privacy.has_value());
  ASSERT_TRUE(*result.privacy) << result.privacy->error().describe();
  const std::vector<std::string> one_by_one = explained_one_by_one(**store);
  ASSERT_EQ(one_by_one.size(), files->access_events);
  const std::vector<std::string> stored = read_back(**store).explanations;
  ASSERT_EQ(stored.size(), one_by_one.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < stored.size(); ++i)
    if (stored[i] != one_by_one[i] && ++differ <= 5) ADD_FAILURE() << "stored:   " << stored[i] << "\nexplained: " << one_by_one[i];
  EXPECT_EQ(differ, 0u) << "of " << stored.size() << " accesses";
  EXPECT_GT((**result.privacy).explained_share(), 0.9);
}

TEST(ImportWithPrivacy, DirectoryRecordsAmongTheEventsAreTakenAfterTheRun) {
  TempDir dir;
  auto files = demo::generate_hospital(small_hospital(), dir.path() / "hospital");
  ASSERT_TRUE(files) << files.error().describe();
  // One FHIR file with the accesses first and the patients and encounters after them: it holds
  // events, so it is imported after the roster while the run reads; the patients come late.
  const fs::path in = dir.path() / "mixed";
  fs::create_directories(in);
  fs::copy_file(dir.path() / "hospital" / "roster.csv", in / "roster.csv");
  fs::copy_file(dir.path() / "hospital" / "practitioners.ndjson", in / "practitioners.ndjson");
  {
    std::ofstream mixed(in / "everything.ndjson", std::ios::binary);
    for (const char* name : {"audit_events.ndjson", "patients.ndjson", "encounters.ndjson"})
      mixed << ward::testing::read_file(dir.path() / "hospital" / name);
  }
  const Stored expected = import_then_run(in, dir.path() / "after");
  const Beside beside = import_with_run_beside(in, dir.path() / "beside");
  ASSERT_TRUE(beside.result.privacy.has_value());
  ASSERT_TRUE(*beside.result.privacy) << beside.result.privacy->error().describe();
  EXPECT_GT((**beside.result.privacy).explained_share(), 0.9) << "the late patients explain the accesses";
  EXPECT_EQ(beside.stored.explanations, expected.explanations);
  EXPECT_EQ(beside.stored.cases, expected.cases);
}

TEST(ImportWithPrivacy, IntoAStoreWithEventsTheRunFollowsTheImport) {
  TempDir dir;
  auto files = demo::generate_hospital(small_hospital(), dir.path() / "hospital");
  ASSERT_TRUE(files) << files.error().describe();
  auto store = store::open_sqlite_store(dir.path() / "store");
  ASSERT_TRUE(store);
  ASSERT_TRUE(ingest::import_paths({dir.path() / "hospital" / "access_log.csv"}, **store, {}));
  ImportWithPrivacyOptions options;
  options.privacy = privacy::PrivacyConfig{};
  const ImportWithPrivacy result = import_with_privacy(**store, {dir.path() / "hospital"}, options);
  EXPECT_FALSE(result.bulk_load);
  ASSERT_TRUE(result.privacy.has_value());
  ASSERT_TRUE(*result.privacy) << result.privacy->error().describe();
  EXPECT_EQ((**result.privacy).accesses, files->access_events) << "the CSV's accesses are stored once";
}

}  // namespace
}  // namespace ward::privacy_import
