// Event-time order in the correlation engine: with a lateness bound, a stream shuffled within
// the bound raises exactly the alerts of the ordered stream; matches beyond it are late.
#include <algorithm>
#include <random>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/time.h"
#include "sigma/correlation_testing.h"

namespace ward::sigma {
namespace {

using testing::Correlator;

// Every type, with lower-bound (fires at a match) and upper-bound (fires when a window ends)
// conditions, over failed (4625) and successful (4624) logins grouped by user.
constexpr std::string_view kRules =
    "title: failed\nname: failed\ndetection:\n  s:\n    EventID: 4625\n  condition: s\n---\n"
    "title: success\nname: success\ndetection:\n  s:\n    EventID: 4624\n  condition: s\n---\n"
    "title: many failures\ncorrelation:\n  type: event_count\n  rules: [failed]\n  group-by: [User]\n"
    "  timespan: 5m\n  condition: {gte: 3}\n---\n"
    "title: few failures\ncorrelation:\n  type: event_count\n  rules: [failed]\n  group-by: [User]\n"
    "  timespan: 5m\n  condition: {lt: 2}\n---\n"
    "title: many computers\ncorrelation:\n  type: value_count\n  rules: [failed, success]\n  group-by: [User]\n"
    "  timespan: 5m\n  condition: {field: Computer, gte: 2}\n---\n"
    "title: one computer\ncorrelation:\n  type: value_count\n  rules: [success]\n  group-by: [User]\n"
    "  timespan: 5m\n  condition: {field: Computer, lte: 1}\n---\n"
    "title: both\ncorrelation:\n  type: temporal\n  rules: [failed, success]\n  group-by: [User]\n  timespan: 5m\n---\n"
    "title: failure then success\ncorrelation:\n  type: temporal_ordered\n  rules: [failed, success]\n"
    "  group-by: [User]\n  timespan: 5m\n---\n"
    "title: not both\ncorrelation:\n  type: temporal\n  rules: [failed, success]\n  group-by: [User]\n"
    "  timespan: 5m\n  condition: {lt: 2}\n";

struct Event {
  TimeNs at = 0;
  std::uint64_t index = 0;
  std::string json;
};

// `n` events a few seconds apart (distinct times), users, computers and outcomes at random.
std::vector<Event> ordered_stream(std::uint32_t seed, int n) {
  std::mt19937 random(seed);
  std::vector<Event> out;
  TimeNs at = 0;
  for (int i = 0; i < n; ++i) {
    at += (1 + random() % 20) * kNsPerSecond;
    out.push_back({at, static_cast<std::uint64_t>(i + 1),
                   fmt::format(R"({{"EventID": {}, "User": "u{}", "Computer": "c{}"}})", random() % 3 == 0 ? 4624 : 4625,
                               random() % 6, random() % 3)});
  }
  return out;
}

// The same events in an arrival order where none comes more than `bound` after a later-timed
// one: each is delayed by up to `bound` at random.
std::vector<Event> shuffled_within(std::vector<Event> events, TimeNs bound, std::uint32_t seed) {
  std::mt19937_64 random(seed);
  std::vector<std::pair<TimeNs, Event>> delayed;
  for (Event& e : events) delayed.emplace_back(e.at + static_cast<TimeNs>(random() % (bound + 1)), std::move(e));
  std::stable_sort(delayed.begin(), delayed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Event> out;
  for (auto& [arrival, e] : delayed) out.push_back(std::move(e));
  return out;
}

// The alerts, as text; `late`: the late matches counted.
std::vector<std::string> alerts_of(const std::vector<Event>& stream, CorrelationOptions options,
                                   std::uint64_t* late = nullptr) {
  Correlator c(kRules, options);
  for (const Event& e : stream) c.event(e.at, e.json, e.index);
  c.finish();
  std::vector<std::string> out;
  for (std::size_t i = 0; i < c.alerts.size(); ++i) {
    const CorrelationAlert& a = c.alerts[i];
    out.push_back(fmt::format("{} [{}] count {} from {} to {} events {} of {}", a.correlation->rule.title, c.group(i),
                              a.count, a.first, a.last, fmt::join(c.events(i), ","), a.events_total));
  }
  if (late != nullptr) *late = c.stats().late;
  return out;
}

TEST(CorrelationOrder, ShuffledWithinTheLatenessBoundRaisesExactlyTheAlertsOfOrderedInput) {
  const TimeNs lateness = 2 * kNsPerMinute;
  for (std::uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
    SCOPED_TRACE(fmt::format("seed {}", seed));
    const auto ordered = ordered_stream(seed, 400);
    const auto shuffled = shuffled_within(ordered, lateness, seed + 100);
    int moved = 0;
    for (std::size_t i = 0; i < ordered.size(); ++i) moved += ordered[i].index != shuffled[i].index;
    ASSERT_GT(moved, 100) << "the shuffle must reorder";
    const auto expected = alerts_of(ordered, {});  // ordered input, no reordering: as before
    ASSERT_GT(expected.size(), 50u);
    for (const char* title : {"many failures", "few failures", "many computers", "one computer", "both",
                              "failure then success", "not both"})
      EXPECT_TRUE(std::any_of(expected.begin(), expected.end(), [&](const std::string& a) { return a.starts_with(title); }))
          << title << " never fired: the stream does not test it";
    std::uint64_t late = 1;
    EXPECT_EQ(alerts_of(ordered, {.lateness = lateness}, &late), expected);
    EXPECT_EQ(late, 0u);
    EXPECT_EQ(alerts_of(shuffled, {.lateness = lateness}, &late), expected);
    EXPECT_EQ(late, 0u);
  }
}

TEST(CorrelationOrder, WithoutTheBoundAShuffledStreamGivesOtherAlerts) {
  // The test above could not fail if order never mattered: it does without the buffer.
  const auto ordered = ordered_stream(1, 400);
  EXPECT_NE(alerts_of(shuffled_within(ordered, 2 * kNsPerMinute, 101), {}), alerts_of(ordered, {}));
}

TEST(CorrelationOrder, MatchesAreHeldUntilTheWatermarkPassesThemAndOlderOnesAreLate) {
  Correlator c(std::string(kRules), CorrelationOptions{.lateness = kNsPerMinute});
  c.event(0, R"({"EventID": 4625, "User": "ann", "Computer": "c1"})");
  c.event(10 * kNsPerSecond, R"({"EventID": 4625, "User": "ann", "Computer": "c1"})");
  c.event(50 * kNsPerSecond, R"({"EventID": 4625, "User": "ann", "Computer": "c1"})");
  EXPECT_TRUE(c.alerts.empty()) << "three failures, but the minute after them has not passed";
  EXPECT_EQ(c.held(), 3u);
  c.event(2 * kNsPerMinute, R"({"EventID": 4625, "User": "bob", "Computer": "c1"})");  // watermark 1m
  ASSERT_EQ(c.alerts.size(), 1u);
  EXPECT_EQ(c.alerts[0].correlation->rule.title, "many failures");
  EXPECT_EQ(c.events(0), (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(c.held(), 1u);
  c.event(kNsPerMinute + kNsPerSecond, R"({"EventID": 4625, "User": "bob", "Computer": "c1"})");  // within
  c.event(kNsPerMinute - kNsPerSecond, R"({"EventID": 4625, "User": "bob", "Computer": "c1"})");  // beyond
  EXPECT_EQ(c.stats().late, 1u);
  c.finish();
  EXPECT_EQ(c.held(), 0u);
  EXPECT_EQ(c.stats().late, 1u);
}

}  // namespace
}  // namespace ward::sigma
