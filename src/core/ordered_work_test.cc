#include "core/ordered_work.h"

#include <atomic>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

namespace ward {
namespace {

// Busy work that takes longer for early jobs, so later ones finish first.
std::uint64_t spin(std::uint64_t n) {
  std::uint64_t x = n;
  for (std::uint64_t i = 0; i < n * 2000; ++i) x = x * 6364136223846793005ULL + 1442695040888963407ULL;
  return x;
}

TEST(OrderedWork, HandsResultsBackInTheOrderTheJobsWereAdded) {
  std::atomic<int> started{0};
  int taken = 0;
  std::vector<int> order;
  constexpr int kWindow = 6;
  auto take = [&](std::pair<int, std::uint64_t>& r) {
    order.push_back(r.first);
    ++taken;
    EXPECT_LE(started.load() - taken, kWindow) << "no more than the window is pending";
  };
  OrderedWork<std::pair<int, std::uint64_t>> work(3, kWindow);
  for (int i = 0; i < 60; ++i)
    work.add([&started, i](std::size_t thread) {
      EXPECT_LT(thread, 3u);
      ++started;
      return std::pair{i, spin(static_cast<std::uint64_t>(60 - i))};
    }, take);
  work.finish(take);
  ASSERT_EQ(order.size(), 60u);
  for (int i = 0; i < 60; ++i) EXPECT_EQ(order[static_cast<std::size_t>(i)], i);
}

TEST(OrderedWork, AJobsExceptionReachesTheCallerWhenItsResultIsTaken) {
  std::vector<int> order;
  auto take = [&](int& r) { order.push_back(r); };
  OrderedWork<int> work(2, 4);
  work.add([](std::size_t) { return 1; }, take);
  work.add([](std::size_t) -> int { throw std::runtime_error("part 2 failed"); }, take);
  work.add([](std::size_t) { return 3; }, take);
  EXPECT_THROW(work.finish(take), std::runtime_error);
  EXPECT_EQ(order, std::vector<int>{1}) << "the results before it were taken";
  work.finish(take);
  EXPECT_EQ(order, (std::vector<int>{1, 3})) << "and the ones after it stay available";
}

TEST(OrderedWork, TakeDoneTakesOnlyWhatIsDoneInOrderWithoutWaiting) {
  std::vector<int> order;
  auto take = [&](int& r) { order.push_back(r); };
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  OrderedWork<int> work(2, 8);
  work.add([](std::size_t) { return 1; }, take);
  work.add([released](std::size_t) { released.wait(); return 2; }, take);
  work.add([](std::size_t) { return 3; }, take);
  while (order.empty()) work.take_done(take);  // job 1 ends at once
  work.take_done(take);
  EXPECT_EQ(order, std::vector<int>{1}) << "job 3 may be done, but job 2 is not: nothing after it is taken";
  release.set_value();
  work.finish(take);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

// What a job captured is freed by the worker that ran it, so the caller's thread, which takes the
// results in order, does not spend its time freeing the jobs' input.
TEST(OrderedWork, AJobsCapturesAreFreedOnTheThreadThatRanIt) {
  struct Input {
    std::thread::id* freed_on = nullptr;
    ~Input() { *freed_on = std::this_thread::get_id(); }
  };
  std::vector<std::thread::id> freed_on(8), ran_on(8);
  std::vector<int> order;
  {
    OrderedWork<int> work(2, 4);
    for (int i = 0; i < 8; ++i) {
      auto input = std::make_shared<Input>();
      input->freed_on = &freed_on[static_cast<std::size_t>(i)];
      // Only the job holds the input once added (a copy left here could be the last one freed).
      OrderedWork<int>::Job job = [input = std::move(input), i, &ran_on](std::size_t) {
        ran_on[static_cast<std::size_t>(i)] = std::this_thread::get_id();
        return i;
      };
      work.add(std::move(job), [&](int& r) { order.push_back(r); });
    }
    work.finish([&](int& r) { order.push_back(r); });
  }
  ASSERT_EQ(order.size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_NE(freed_on[i], std::this_thread::get_id()) << "job " << i;
    EXPECT_EQ(freed_on[i], ran_on[i]) << "job " << i;
  }
}

}  // namespace
}  // namespace ward
