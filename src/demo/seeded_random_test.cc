#include "demo/seeded_random.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <vector>

#include <gtest/gtest.h>

namespace ward::demo {
namespace {

TEST(SeededRandom, EngineIsTheStandardMersenneTwister) {
  // C++ [rand.predef]: the 10000th output of a default-constructed mt19937_64.
  SeededRandom rng(5489u);
  std::uint64_t x = 0;
  for (int i = 0; i < 10000; ++i) x = rng.next();
  EXPECT_EQ(x, 9981545732273789042ULL);
}

TEST(SeededRandom, SameSeedGivesSameDraws) {
  SeededRandom a(7), b(7), c(8);
  std::vector<std::uint64_t> da, db, dc;
  for (int i = 0; i < 100; ++i) {
    da.push_back(a.below(1000));
    db.push_back(b.below(1000));
    dc.push_back(c.below(1000));
  }
  EXPECT_EQ(da, db);
  EXPECT_NE(da, dc);
}

TEST(SeededRandom, PhasesAreIndependentStreams) {
  SeededRandom p1 = SeededRandom::for_phase(42, 1), p2 = SeededRandom::for_phase(42, 2);
  SeededRandom p1_again = SeededRandom::for_phase(42, 1);
  std::uint64_t a = p1.next();
  EXPECT_NE(a, p2.next());
  EXPECT_EQ(a, p1_again.next());
}

TEST(SeededRandom, BelowStaysInRangeAndCoversIt) {
  SeededRandom rng(1);
  std::array<int, 6> seen{};
  for (int i = 0; i < 6000; ++i) {
    std::uint64_t x = rng.below(6);
    ASSERT_LT(x, 6u);
    ++seen[x];
  }
  for (int n : seen) EXPECT_NEAR(n, 1000, 150);
  EXPECT_EQ(rng.below(0), 0u);
  EXPECT_EQ(rng.below(1), 0u);
}

TEST(SeededRandom, BetweenIsInclusiveAndToleratesAnEmptyRange) {
  SeededRandom rng(2);
  bool lo = false, hi = false;
  for (int i = 0; i < 1000; ++i) {
    auto x = rng.between(-3, 3);
    ASSERT_GE(x, -3);
    ASSERT_LE(x, 3);
    lo = lo || x == -3;
    hi = hi || x == 3;
  }
  EXPECT_TRUE(lo && hi);
  EXPECT_EQ(rng.between(5, 5), 5);
  EXPECT_EQ(rng.between(5, 1), 5);
}

TEST(SeededRandom, WeightedFollowsWeightsAndNeverPicksZero) {
  SeededRandom rng(3);
  const std::array<int, 4> weights = {1, 0, 3, 0};
  std::array<int, 4> seen{};
  for (int i = 0; i < 8000; ++i) ++seen[rng.weighted(weights)];
  EXPECT_EQ(seen[1], 0);
  EXPECT_EQ(seen[3], 0);
  EXPECT_NEAR(seen[0], 2000, 200);
  EXPECT_NEAR(seen[2], 6000, 200);
  const std::array<int, 2> none = {0, 0};
  EXPECT_EQ(rng.weighted(none), 0u);
}

TEST(SeededRandom, ShuffleIsAPermutation) {
  SeededRandom rng(4);
  std::vector<int> v(50);
  std::iota(v.begin(), v.end(), 0);
  rng.shuffle(std::span<int>(v));
  std::vector<int> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 50; ++i) EXPECT_EQ(sorted[static_cast<std::size_t>(i)], i);
  EXPECT_FALSE(std::is_sorted(v.begin(), v.end()));
}

TEST(SeededRandom, UnitIsInHalfOpenInterval) {
  SeededRandom rng(5);
  double sum = 0;
  for (int i = 0; i < 10000; ++i) {
    double u = rng.unit();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / 10000, 0.5, 0.02);
}

}  // namespace
}  // namespace ward::demo
