// Habits: hours, unexplained accesses and daily volume, each judged against the user's own days
// and their peers' — on small hand-made workforces where the right answer is plain.
#include "privacy/habits.h"

#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/time.h"

namespace ward::privacy {
namespace {
const TimeNs kMonday = *parse_iso8601("2026-11-02T00:00:00Z");  // UTC wall clock in these tests

WorkforceMember worker(std::string id, std::string role, std::string department) {
  WorkforceMember w;
  w.id = std::move(id);
  w.role = std::move(role);
  w.department = std::move(department);
  return w;
}

class HabitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::DirectorySnapshot s;
    for (int i = 0; i < 5; ++i) s.workforce.push_back(worker(fmt::format("nurse-{}", i), "Registered Nurse", "Oncology"));
    for (int i = 0; i < 5; ++i) s.workforce.push_back(worker(fmt::format("biller-{}", i), "Billing Specialist", "Billing"));
    s.workforce.push_back(worker("new-nurse", "Registered Nurse", "Oncology"));
    for (int i = 0; i < 200; ++i) {
      PatientRecord p;
      p.id = fmt::format("pat-{}", i);
      s.patients.push_back(p);
    }
    directory_ = std::make_unique<DirectoryIndex>(std::move(s));
    habits_ = std::make_unique<Habits>(*directory_, nullptr, HabitOptions{});
  }

  Access access(const std::string& user, int patient, TimeNs time) {
    Access a;
    a.seq = ++seq_;
    a.time = time;
    a.user_id = user;
    a.patient_id = fmt::format("pat-{}", patient);
    a.user = directory_->user(user);
    a.patient = directory_->patient(a.patient_id);
    return a;
  }
  // `patients` patients (from `first`) opened between 08:00 and 16:00 of `day`.
  void workday(const std::string& user, int day, int patients, int first = 0) {
    for (int p = 0; p < patients; ++p)
      habits_->add(access(user, first + p, kMonday + day * kNsPerDay + 8 * kNsPerHour + p * (8 * kNsPerHour / patients)));
  }

  std::unique_ptr<DirectoryIndex> directory_;
  std::unique_ptr<Habits> habits_;
  std::int64_t seq_ = 0;
};

TEST_F(HabitsTest, AnAccessAtAnHourTheUserNeverWorksIsOffHours) {
  for (int d = 0; d < 20; ++d) workday("nurse-0", d, 15);
  const Access night = access("nurse-0", 3, kMonday + 5 * kNsPerDay + 22 * kNsPerHour + 40 * 60 * kNsPerSecond);
  habits_->add(night);
  const Access noon = access("nurse-0", 4, kMonday + 5 * kNsPerDay + 12 * kNsPerHour);
  habits_->add(noon);
  habits_->finish();

  const auto off = habits_->off_hours(night);
  ASSERT_TRUE(off);
  EXPECT_EQ(off->hour, 22);
  EXPECT_EQ(off->minute, 40);
  EXPECT_EQ(off->accesses, 302u);
  EXPECT_FALSE(off->by_peers);
  EXPECT_LT(off->share, 0.01);
  EXPECT_FALSE(habits_->off_hours(noon));  // the middle of the user's day
}

TEST_F(HabitsTest, AUserWithLittleHistoryIsJudgedByThePeersHours) {
  for (int d = 0; d < 20; ++d) workday("nurse-1", d, 15);
  const Access night = access("new-nurse", 1, kMonday + 3 * kNsPerDay + 2 * kNsPerHour);
  habits_->add(night);
  habits_->finish();
  const auto off = habits_->off_hours(night);
  ASSERT_TRUE(off);
  EXPECT_TRUE(off->by_peers);
  EXPECT_EQ(off->accesses, 301u);  // the group's accesses, the new nurse's one included
  EXPECT_EQ(habits_->group_name(night), "Registered Nurse in Oncology");
}

TEST_F(HabitsTest, TooLittleHistoryToSayGivesNoOffHoursJudgement) {
  const Access night = access("nurse-2", 1, kMonday + 2 * kNsPerHour);
  habits_->add(night);
  habits_->finish();
  EXPECT_FALSE(habits_->off_hours(night));
}

TEST_F(HabitsTest, UnexplainedPatientsAreCountedPerUserAgainstThePeerMedian) {
  for (int i = 0; i < 5; ++i) workday(fmt::format("nurse-{}", i), 0, 10);
  const Access odd = access("nurse-0", 150, kMonday + 9 * kNsPerHour);
  habits_->add(odd);
  habits_->add_unexplained(odd);
  habits_->add_unexplained(odd);  // the same patient again: still one patient
  habits_->finish();
  const auto h = habits_->unexplained(odd);
  EXPECT_EQ(h.patients, 1u);
  EXPECT_EQ(h.peer_median, 0);
  EXPECT_EQ(h.peers, 5u);
}

TEST_F(HabitsTest, ADayFarAboveTheUsersAndPeersUsualIsAVolumeAnomaly) {
  for (int i = 0; i < 5; ++i)
    for (int d = 0; d < 20; ++d) workday(fmt::format("biller-{}", i), d, 10 + (d + i) % 3);
  workday("biller-3", 20, 90);  // one biller, one day, 90 patients
  for (int i = 0; i < 5; ++i) workday(fmt::format("nurse-{}", i), 0, 12);
  habits_->finish();
  const auto days = habits_->volume_days();
  ASSERT_EQ(days.size(), 1u);
  const auto& v = days.front();
  EXPECT_EQ(v.user_id, "biller-3");
  EXPECT_EQ(format_day(v.day), "2026-11-22");
  EXPECT_EQ(v.patients, 90u);
  EXPECT_EQ(v.own_days, 21u);
  EXPECT_EQ(v.own_median, 11);
  EXPECT_EQ(v.peer_median, 11);
  EXPECT_EQ(v.seqs.size(), 90u);
  EXPECT_LE(v.first, v.last);
}

TEST_F(HabitsTest, ABacklogTheWholeGroupWorksThroughIsNotAnAnomaly) {
  for (int i = 0; i < 5; ++i) {
    for (int d = 0; d < 20; ++d) workday(fmt::format("biller-{}", i), d, 10 + (d + i) % 3);
    workday(fmt::format("biller-{}", i), 21, 85 + i);  // every biller, the same day
  }
  habits_->finish();
  EXPECT_TRUE(habits_->volume_days().empty());
}

TEST_F(HabitsTest, ASmallDayIsNeverAnAnomalyHoweverQuietTheUsualDays) {
  for (int i = 0; i < 5; ++i)
    for (int d = 0; d < 20; ++d) workday(fmt::format("biller-{}", i), d, 1);
  workday("biller-0", 20, 12);  // twelve times the usual, but below volume_min_patients
  habits_->finish();
  EXPECT_TRUE(habits_->volume_days().empty());
}

// Live scoring asks again after each commit: only the users whose judgements may have moved.
TEST_F(HabitsTest, FinishAgainNamesOnlyTheUsersWhoseJudgementsMayHaveMoved) {
  for (int i = 0; i < 5; ++i)
    for (int d = 0; d < 20; ++d) workday(fmt::format("nurse-{}", i), d, 15);
  auto everyone = habits_->finish();
  std::sort(everyone.begin(), everyone.end());
  EXPECT_EQ(everyone, (std::vector<std::string>{"nurse-0", "nurse-1", "nurse-2", "nurse-3", "nurse-4"}));
  EXPECT_TRUE(habits_->finish().empty());  // nothing added

  // A patient nurse-0 already opened that day: their hours move, their peers' days do not.
  habits_->add(access("nurse-0", 0, kMonday + 3 * kNsPerDay + 9 * kNsPerHour));
  EXPECT_EQ(habits_->finish(), std::vector<std::string>{"nurse-0"});

  // An unexplained patient: nurse-2's count moves, the group's median (0) does not.
  const Access odd = access("nurse-2", 150, kMonday + 4 * kNsPerDay + 10 * kNsPerHour);
  habits_->add(odd);
  habits_->add_unexplained(odd);
  EXPECT_EQ(habits_->finish(), std::vector<std::string>{"nurse-2"});
  EXPECT_EQ(habits_->unexplained(odd).patients, 1u);
  habits_->clear_unexplained("nurse-2");
  EXPECT_EQ(habits_->finish(), std::vector<std::string>{"nurse-2"});
  EXPECT_EQ(habits_->unexplained(odd).patients, 0u);

  // A day none of them worked before: the group's days move, so every nurse's volume judgement.
  habits_->add(access("nurse-1", 0, kMonday + 25 * kNsPerDay + 9 * kNsPerHour));
  auto group = habits_->finish();
  std::sort(group.begin(), group.end());
  EXPECT_EQ(group, everyone);
}

}  // namespace
}  // namespace ward::privacy
