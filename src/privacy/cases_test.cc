// Cases from findings: what a case says must not depend on the order its accesses were added
// in (a bulk load and an ordinary import store the same events under other seqs).
#include "privacy/cases.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace ward::privacy {
namespace {
constexpr TimeNs kNov3 = 1'793'664'000'000'000'000;  // 2026-11-03T00:00:00Z

Access access(std::int64_t seq, TimeNs time, std::string patient_id) {
  Access a;
  a.seq = seq;
  a.time = time;
  a.user_id = "E10005";
  a.patient_id = std::move(patient_id);
  return a;
}

TEST(CaseBuilder, WhatACaseSaysDoesNotDependOnTheOrderItsAccessesCameIn) {
  // The later access has the lower seq, as when a batch is stored by patient rather than time.
  const Access early = access(9, kNov3 + 3600'000'000'000, "pat-2");
  const Access late = access(3, kNov3 + kNsPerDay, "pat-1");
  const std::vector<Finding> on_3rd{{"terminated", 95, "used the account on 2026-11-03"}};
  const std::vector<Finding> on_4th{{"terminated", 95, "used the account on 2026-11-04"}};
  CaseBuilder in_time_order, in_seq_order;
  in_time_order.add(early, on_3rd, false);
  in_time_order.add(late, on_4th, false);
  in_seq_order.add(late, on_4th, false);
  in_seq_order.add(early, on_3rd, false);
  const auto a = in_time_order.cases(), b = in_seq_order.cases();
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].reason, b[0].reason);
  EXPECT_NE(a[0].reason.find("2 accesses to 2 patients on 2 days (2026-11-03 to 2026-11-04): used the account on "
                             "2026-11-03"),
            std::string::npos)
      << a[0].reason << ": the first use after termination";
  EXPECT_EQ(a[0].seqs, b[0].seqs);
  EXPECT_EQ(a[0].seqs, (std::vector<std::int64_t>{9, 3})) << "in time order";
}

TEST(CaseBuilder, TheStrongerFindingOfACategoryGivesItsReason) {
  CaseBuilder cases;
  cases.add(access(1, kNov3, "pat-1"), {{"curiosity", 25, "weak"}}, false);
  cases.add(access(2, kNov3 + 60'000'000'000, "pat-1"), {{"curiosity", 80, "strong"}}, false);
  cases.add(access(3, kNov3 + 120'000'000'000, "pat-1"), {{"curiosity", 25, "weak again"}}, false);
  const auto out = cases.cases();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].score, 80);
  EXPECT_NE(out[0].reason.find(": strong"), std::string::npos) << out[0].reason;
}

TEST(CaseBuilder, OnlyAccessesNothingExplainsMakeRepeatedBrowsing) {
  // A pharmacist whose role explains each access to a VIP's chart, on each day of the stay.
  CaseBuilder by_role, unexplained;
  for (int day = 0; day < 4; ++day) {
    by_role.add(access(day + 1, kNov3 + day * kNsPerDay, "pat-1"), {{"vip", 30, "restricted"}}, true);
    unexplained.add(access(day + 1, kNov3 + day * kNsPerDay, "pat-1"), {{"vip", 70, "restricted"}}, false);
  }
  const auto role = by_role.cases(), browsing = unexplained.cases();
  ASSERT_EQ(role.size(), 1u);
  ASSERT_EQ(browsing.size(), 1u);
  EXPECT_EQ(role[0].categories, "vip");
  EXPECT_EQ(role[0].score, 39) << "30, and 9 for four days";
  EXPECT_EQ(browsing[0].categories, "vip;repeated");
  EXPECT_EQ(browsing[0].score, 84) << "70, 5 for a second category, 9 for four days";
  EXPECT_NE(browsing[0].reason.find("opened without an explanation on 4 different days"), std::string::npos)
      << browsing[0].reason;
}

}  // namespace
}  // namespace ward::privacy
