#include "demo/hospital_generator.h"

#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "demo/generated_hospital_testing.h"

namespace ward::demo {
namespace {

using testing_support::count_lines;
using testing_support::default_hospital;
using testing_support::load_hospital;
using testing_support::medium_hospital;

const char* const kFileNames[] = {"practitioners.ndjson", "roster.csv",          "patients.ndjson",
                                  "encounters.ndjson",    "adt.hl7",             "audit_events.ndjson",
                                  "access_log.csv",       "truth.csv"};

HospitalSpec small_spec(std::uint64_t seed) {
  HospitalSpec spec;
  spec.users = 40;
  spec.patients = 300;
  spec.days = 2;
  spec.seed = seed;
  return spec;
}

TEST(GenerateHospital, WritesTheDocumentedFiles) {
  const auto& h = medium_hospital();
  ASSERT_EQ(h.files.files.size(), std::size(kFileNames));
  for (std::size_t i = 0; i < std::size(kFileNames); ++i) {
    EXPECT_EQ(h.files.files[i], h.dir.path() / kFileNames[i]);
    EXPECT_TRUE(std::filesystem::is_regular_file(h.files.files[i])) << kFileNames[i];
    EXPECT_GT(std::filesystem::file_size(h.files.files[i]), 0u) << kFileNames[i];
  }
}

TEST(GenerateHospital, DefaultsGiveAWeekOfARealisticVolume) {
  const auto& h = default_hospital();
  EXPECT_EQ(h.files.users, 200u);
  EXPECT_EQ(h.files.patients, 2000u);
  EXPECT_GE(h.files.access_events, 30'000u);
  EXPECT_LE(h.files.access_events, 60'000u);
  EXPECT_GE(h.files.encounters, 700u);
}

TEST(GenerateHospital, CountsMatchTheLinesInTheFiles) {
  const auto& h = medium_hospital();
  EXPECT_EQ(count_lines(h.text("practitioners.ndjson")), 2 * h.files.users);  // Practitioner + role
  EXPECT_EQ(count_lines(h.text("roster.csv")), h.files.users + 1);
  EXPECT_EQ(count_lines(h.text("patients.ndjson")), h.files.patients);
  EXPECT_EQ(count_lines(h.text("encounters.ndjson")), h.files.encounters);
  EXPECT_EQ(count_lines(h.text("audit_events.ndjson")) + count_lines(h.text("access_log.csv")) - 1,
            h.files.access_events);
  EXPECT_EQ(h.practitioners().size(), h.files.users);
  EXPECT_EQ(h.truth().rows.size() + 1, count_lines(h.text("truth.csv")));
}

TEST(GenerateHospital, SameSeedGivesByteIdenticalFiles) {
  const auto& first = default_hospital();
  testing::TempDir again;
  auto files = generate_hospital(HospitalSpec{}, again.path());
  ASSERT_TRUE(files) << files.error().describe();
  for (const char* name : kFileNames)
    EXPECT_TRUE(first.text(name) == testing::read_file(again.path() / name)) << name << " differs";
}

TEST(GenerateHospital, DifferentSeedGivesDifferentFiles) {
  auto a = load_hospital(small_spec(1));
  auto b = load_hospital(small_spec(2));
  for (const char* name : kFileNames) EXPECT_NE(a->text(name), b->text(name)) << name;
}

TEST(GenerateHospital, SmallestHospitalStaffsEveryDepartment) {
  HospitalSpec spec = small_spec(3);
  spec.users = 20;
  spec.patients = 10;
  spec.days = 1;
  auto h = load_hospital(spec);
  EXPECT_EQ(h->files.users, 20u);
  EXPECT_EQ(h->files.patients, 10u);
  std::set<std::string> departments;
  for (const auto& row : h->roster().rows) departments.insert(row[h->roster().column("department")]);
  EXPECT_EQ(departments.size(), 13u);
  EXPECT_GT(h->files.access_events, 0u);
}

TEST(GenerateHospital, OtherTimeZonesAndStartDatesWork) {
  HospitalSpec spec = small_spec(4);
  spec.time_zone = "Europe/Berlin";
  spec.start_date = "2027-03-27";  // CEST starts on the 28th
  auto h = load_hospital(spec);
  const auto& log = h->access_log();
  ASSERT_FALSE(log.rows.empty());
  const std::string first = log.rows.front()[log.column("timestamp")];
  const std::string last = log.rows.back()[log.column("timestamp")];
  EXPECT_EQ(first.substr(0, 10), "2027-03-27");
  EXPECT_EQ(first.substr(19), "+01:00");
  EXPECT_EQ(last.substr(0, 10), "2027-03-28");
  EXPECT_EQ(last.substr(19), "+02:00");
}

struct BadSpec {
  const char* field;
  HospitalSpec spec;
};

TEST(GenerateHospital, RejectsABadSpecNamingTheField) {
  std::vector<BadSpec> cases;
  auto with = [&](const char* field, auto change) {
    HospitalSpec s;
    change(s);
    cases.push_back({field, s});
  };
  with("users", [](HospitalSpec& s) { s.users = 5; });
  with("users", [](HospitalSpec& s) { s.users = 100000; });
  with("patients", [](HospitalSpec& s) { s.patients = 0; });
  with("days", [](HospitalSpec& s) { s.days = 0; });
  with("days", [](HospitalSpec& s) { s.days = 400; });
  with("time_zone", [](HospitalSpec& s) { s.time_zone = "Mars/Olympus"; });
  with("start_date", [](HospitalSpec& s) { s.start_date = "2026-11-31"; });
  for (const BadSpec& c : cases) {
    testing::TempDir dir;
    auto r = generate_hospital(c.spec, dir.path() / "out");
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().field, c.field);
    EXPECT_FALSE(r.error().message.empty());
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "out")) << "nothing is written for a bad spec";
  }
}

TEST(GenerateHospital, UnwritableDirectoryIsNamedInTheError) {
  testing::TempDir dir;
  const auto blocker = dir.path() / "a-file";
  std::ofstream(blocker) << "not a directory";
  const auto target = blocker / "hospital";
  auto r = generate_hospital(small_spec(5), target);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::io);
  EXPECT_EQ(r.error().source, target.string());
}

TEST(GenerateHospital, CreatesMissingDirectories) {
  testing::TempDir dir;
  auto r = generate_hospital(small_spec(6), dir.path() / "a" / "b");
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "a" / "b" / "truth.csv"));
}

}  // namespace
}  // namespace ward::demo
