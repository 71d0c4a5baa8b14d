#include "store/string_ids.h"

#include <string>

#include <gtest/gtest.h>

namespace ward::store {
namespace {

TEST(StringIds, FindsWhatWasInsertedAndNothingElse) {
  StringIds ids;
  EXPECT_EQ(ids.find("pat-1"), 0);
  ids.insert("pat-1", 7);
  ids.insert("pat-10", 8);
  ids.insert("", 9);  // the empty string is a key like any other here
  EXPECT_EQ(ids.find("pat-1"), 7);
  EXPECT_EQ(ids.find("pat-10"), 8);
  EXPECT_EQ(ids.find(""), 9);
  EXPECT_EQ(ids.find("pat-"), 0);
  EXPECT_EQ(ids.find("pat-100"), 0);
  EXPECT_EQ(ids.size(), 3u);
}

TEST(StringIds, KeepsEveryKeyAcrossGrowth) {
  StringIds ids;
  constexpr int kKeys = 200'000;  // many times the first table size
  for (int i = 1; i <= kKeys; ++i) ids.insert("MRN" + std::to_string(i), i);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kKeys));
  for (int i = 1; i <= kKeys; ++i) ASSERT_EQ(ids.find("MRN" + std::to_string(i)), i) << i;
  EXPECT_EQ(ids.find("MRN0"), 0);
  EXPECT_EQ(ids.find("MRN" + std::to_string(kKeys + 1)), 0);
}

TEST(StringIds, ClearForgetsEverything) {
  StringIds ids;
  ids.insert("a", 1);
  ids.clear();
  EXPECT_EQ(ids.find("a"), 0);
  EXPECT_EQ(ids.size(), 0u);
  EXPECT_EQ(ids.key_bytes(), 0u);
  ids.insert("a", 2);
  EXPECT_EQ(ids.find("a"), 2);
}

}  // namespace
}  // namespace ward::store
