// The correlation groups' key table: growth, deletion by backward shift (also around the end
// of the table), keys that share a hash, id and arena reuse; checked against std::unordered_map.
#include "sigma/group_key_table.h"

#include <charconv>
#include <random>
#include <string>
#include <unordered_map>

#include <gtest/gtest.h>

namespace ward::sigma {
namespace {

// Keys "<n>:<text>" hash to n: a test picks each key's home slot.
std::uint64_t hash_is_prefix(std::string_view key) {
  std::uint64_t n = 0;
  std::from_chars(key.data(), key.data() + key.size(), n);
  return n;
}

std::uint64_t same_hash(std::string_view) { return 42; }

TEST(GroupKeyTable, FindsEveryKeyAcrossGrowth) {
  GroupKeyTable table;
  std::vector<std::uint32_t> ids;
  for (int i = 0; i < 10'000; ++i) ids.push_back(table.insert("user" + std::to_string(i)));
  EXPECT_EQ(table.size(), 10'000u);
  EXPECT_GE(table.slot_count(), 10'000u * 4 / 3) << "load stays at most 3/4";
  for (int i = 0; i < 10'000; ++i) {
    const std::string key = "user" + std::to_string(i);
    ASSERT_EQ(table.find(key), ids[i]);
    ASSERT_EQ(table.key(ids[i]), key);
  }
  EXPECT_EQ(table.find("user10000"), GroupKeyTable::kNone);
  EXPECT_EQ(table.find(""), GroupKeyTable::kNone);
}

TEST(GroupKeyTable, KeysSharingOneHashAreStillDistinctGroups) {
  GroupKeyTable table(same_hash);
  for (int i = 0; i < 300; ++i) table.insert("k" + std::to_string(i));
  for (int i = 0; i < 300; i += 2) table.erase(table.find("k" + std::to_string(i)));
  for (int i = 0; i < 300; ++i) {
    const std::uint32_t id = table.find("k" + std::to_string(i));
    if (i % 2 == 0) {
      EXPECT_EQ(id, GroupKeyTable::kNone) << i;
    } else {
      ASSERT_NE(id, GroupKeyTable::kNone) << i;
      EXPECT_EQ(table.key(id), "k" + std::to_string(i));
    }
  }
}

TEST(GroupKeyTable, ErasingInARunThatWrapsAroundTheEndKeepsLaterKeysReachable) {
  GroupKeyTable table(hash_is_prefix);
  // 16 slots: three keys at home 14 fill 14, 15 and 0; a key at home 0 lands in 1, home 15 in 2.
  for (const char* key : {"14:a", "14:b", "14:c", "0:d", "15:e"}) table.insert(key);
  ASSERT_EQ(table.slot_count(), 16u);
  table.erase(table.find("14:a"));
  for (const char* key : {"14:b", "14:c", "0:d", "15:e"}) EXPECT_NE(table.find(key), GroupKeyTable::kNone) << key;
  table.erase(table.find("14:c"));
  for (const char* key : {"14:b", "0:d", "15:e"}) EXPECT_NE(table.find(key), GroupKeyTable::kNone) << key;
  EXPECT_EQ(table.find("14:a"), GroupKeyTable::kNone);
  EXPECT_EQ(table.size(), 3u);
}

TEST(GroupKeyTable, ReusesErasedIdsAndReclaimsTheirKeyBytes) {
  GroupKeyTable table;
  for (int round = 0; round < 200; ++round) {
    std::vector<std::uint32_t> ids;
    for (int i = 0; i < 1000; ++i) ids.push_back(table.insert("r" + std::to_string(round) + "-user-" + std::to_string(i)));
    for (const std::uint32_t id : ids) table.erase(id);
  }
  EXPECT_EQ(table.size(), 0u);
  EXPECT_EQ(table.id_bound(), 1000u) << "ids of erased groups are handed out again";
  // 200,000 keys of ~20 bytes went through; the arena holds at most a few rounds' worth.
  EXPECT_LT(table.arena_bytes(), 3 * 1000u * 24 + 4096);
}

TEST(GroupKeyTable, AgreesWithAHashMapUnderRandomInsertsAndErases) {
  // Homes from 512 values for up to 3,000 keys: long runs, shifted often.
  GroupKeyTable table([](std::string_view key) { return std::hash<std::string_view>()(key) % 512; });
  std::unordered_map<std::string, std::uint32_t> oracle;
  std::mt19937 random(7);
  for (int step = 0; step < 50'000; ++step) {
    // Some keys above 127 bytes: their lengths take two bytes in the arena.
    const std::string key = "key-" + std::to_string(random() % 1000) + std::string((random() % 3) * 100, 'x');
    const auto it = oracle.find(key);
    ASSERT_EQ(table.find(key), it == oracle.end() ? GroupKeyTable::kNone : it->second) << step;
    if (it == oracle.end()) {
      oracle.emplace(key, table.insert(key));
    } else if (random() % 2 == 0) {
      table.erase(it->second);
      oracle.erase(it);
    }
  }
  EXPECT_EQ(table.size(), oracle.size());
  for (const auto& [key, id] : oracle) EXPECT_EQ(table.key(id), key);
}

}  // namespace
}  // namespace ward::sigma
