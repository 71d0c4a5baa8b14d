// The importer with the real store behind it, on the public samples: what a user sees when a
// file is imported twice.
#include <gtest/gtest.h>

#include "ingest/import/importer.h"
#include "store/store.h"
#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using ward::testing::TempDir;

TEST(ImportIntoStore, TheSameFilesImportedTwiceAreReportedAsDuplicatesAndStoredOnce) {
  TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  // The FHIR specification's AuditEvent examples, each with its id and time.
  const std::filesystem::path samples = ward::testing::shared_data("fhir/r4_examples");

  // As `ward import` does it: the first import into an empty store is a bulk load.
  auto bulk = (*store)->begin_bulk_load();
  ASSERT_TRUE(bulk && *bulk);
  auto first = import_paths({samples}, **store, {});
  ASSERT_TRUE(first) << first.error().describe();
  auto built = (*bulk)->finish();
  ASSERT_TRUE(built) << built.error().describe();
  ImportSummary once;
  for (const FileReport& r : *first) once.merge(r.summary);
  const std::uint64_t audit_events = once.by_type["AuditEvent"].accepted;
  ASSERT_GE(audit_events, 9u);
  EXPECT_EQ(once.duplicates(), 0u);
  auto stored = (*store)->counts();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->events, audit_events);

  auto second = import_paths({samples}, **store, {});
  ASSERT_TRUE(second) << second.error().describe();
  ImportSummary twice;
  for (const FileReport& r : *second) {
    twice.merge(r.summary);
    // Each file says how many of its own events were there already.
    EXPECT_EQ(r.summary.duplicates(), r.summary.by_type.contains("AuditEvent")
                                          ? r.summary.by_type.at("AuditEvent").accepted : 0u)
        << r.path;
  }
  EXPECT_EQ(twice.by_type["AuditEvent"].accepted, audit_events);
  EXPECT_EQ(twice.by_type["AuditEvent"].duplicates, audit_events);
  EXPECT_EQ(twice.rejected(), once.rejected());
  auto after = (*store)->counts();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->events, audit_events);
}

}  // namespace
}  // namespace ward::ingest
