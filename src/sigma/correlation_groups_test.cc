// The groups of one correlation: least recently fed order, windows that outgrow the group and
// shrink back, value counts, the events of nested matches, reuse of erased groups.
#include "sigma/correlation_groups.h"

#include <gtest/gtest.h>

namespace ward::sigma {
namespace {

using Id = CorrelationGroups::Id;

EventRef ref(std::uint64_t index, TimeNs time = 0) { return {time, index, 0, 0}; }

std::vector<std::uint64_t> window(const CorrelationGroups& groups, Id g) {
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i < groups.window_size(g); ++i) out.push_back(groups.entry(g, i).first.event_index);
  return out;
}

void add(CorrelationGroups& groups, Id g, TimeNs time, std::uint64_t index, std::uint64_t value = 0) {
  const EventRef r = ref(index, time);
  groups.add(g, time, 0, {&r, 1}, value);
}

TEST(CorrelationGroups, LeastRecentlyFedComesFirst) {
  CorrelationGroups groups(false);
  const Id a = groups.open("a", 1), b = groups.open("b", 2), c = groups.open("c", 3);
  EXPECT_EQ(groups.oldest(), a);
  groups.touch(a);
  EXPECT_EQ(groups.oldest(), b);
  groups.erase(b);
  EXPECT_EQ(groups.oldest(), c);
  groups.erase(c);
  EXPECT_EQ(groups.oldest(), a);
  groups.erase(a);
  EXPECT_EQ(groups.oldest(), CorrelationGroups::kNone);
  EXPECT_EQ(groups.size(), 0u);
}

TEST(CorrelationGroups, AWindowKeepsTimeOrderInlineAndBeyond) {
  CorrelationGroups groups(false);
  const Id g = groups.open("ann", 0);
  add(groups, g, 30, 1);
  add(groups, g, 10, 2);  // earlier: goes first
  EXPECT_EQ(window(groups, g), (std::vector<std::uint64_t>{2, 1}));
  add(groups, g, 30, 3);  // same time as 1: after it
  add(groups, g, 20, 4);
  add(groups, g, 5, 5);
  EXPECT_EQ(window(groups, g), (std::vector<std::uint64_t>{5, 2, 4, 1, 3}));
  EXPECT_EQ(groups.newest(g), 30);
  for (int i = 0; i < 3; ++i) groups.pop_front(g);
  EXPECT_EQ(window(groups, g), (std::vector<std::uint64_t>{1, 3})) << "back inline";
  add(groups, g, 40, 6);
  EXPECT_EQ(window(groups, g), (std::vector<std::uint64_t>{1, 3, 6}));
  EXPECT_EQ(groups.front_time(g), 30);
  groups.clear(g);
  EXPECT_EQ(groups.window_size(g), 0u);
  EXPECT_EQ(groups.newest(g), 40) << "clearing the window keeps the group's newest time";
}

TEST(CorrelationGroups, CountsDistinctValuesAsMatchesComeAndGo) {
  CorrelationGroups groups(true);
  const Id g = groups.open("ws1", 0);
  for (const auto& [time, value] : std::vector<std::pair<int, int>>{{1, 7}, {2, 8}, {3, 7}, {4, 9}, {5, 10}, {6, 8}})
    add(groups, g, time, static_cast<std::uint64_t>(time), static_cast<std::uint64_t>(value));
  EXPECT_EQ(groups.distinct_values(g), 4u);
  groups.pop_front(g);  // 7 still counted by the match at 3
  EXPECT_EQ(groups.distinct_values(g), 4u);
  groups.pop_front(g);  // 8 still counted by the match at 6
  groups.pop_front(g);  // 7 gone
  EXPECT_EQ(groups.distinct_values(g), 3u);
  add(groups, g, 7, 7, 11);  // takes the freed slot
  add(groups, g, 8, 8, 9);
  EXPECT_EQ(groups.distinct_values(g), 4u);
  groups.clear(g);
  EXPECT_EQ(groups.distinct_values(g), 0u);
  add(groups, g, 9, 9, 7);
  EXPECT_EQ(groups.distinct_values(g), 1u);
}

TEST(CorrelationGroups, AMatchOfAnInnerAlertKeepsAllItsEvents) {
  CorrelationGroups groups(false);
  const Id g = groups.open("host", 0);
  const std::vector<EventRef> refs{ref(4, 1), ref(5, 2), ref(6, 3)};
  groups.add(g, 3, 1, refs, 0);
  add(groups, g, 2, 9);
  const WindowEntry e = groups.entry(g, 1);
  EXPECT_EQ(e.input, 1u);
  EXPECT_EQ(e.first.event_index, 4u);
  ASSERT_EQ(e.more.size(), 2u);
  EXPECT_EQ(e.more[1].event_index, 6u);
  EXPECT_EQ(groups.entry(g, 0).first.event_index, 9u);
  EXPECT_TRUE(groups.entry(g, 0).more.empty());
}

TEST(CorrelationGroups, AnErasedGroupsIdAndKeyAreReused) {
  CorrelationGroups groups(true);
  const Id a = groups.open("alice", 0);
  add(groups, a, 1, 1, 3);
  add(groups, a, 2, 2, 4);
  add(groups, a, 3, 3, 5);
  groups.erase(a);
  EXPECT_EQ(groups.find("alice"), CorrelationGroups::kNone);
  const Id b = groups.open("bob", 5);
  EXPECT_EQ(b, a);
  EXPECT_EQ(groups.key(b), "bob");
  EXPECT_EQ(groups.window_size(b), 0u) << "nothing of alice's window is left";
  EXPECT_EQ(groups.distinct_values(b), 0u);
  EXPECT_EQ(groups.newest(b), 5);
  EXPECT_FALSE(groups.match_cap_raised(b));
}

}  // namespace
}  // namespace ward::sigma
