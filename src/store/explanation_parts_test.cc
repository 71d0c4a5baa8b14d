// The explanation parts' layout, in C++ and through the SQL functions every connection has: the
// migration packs with ward_u32_pack and the store's reads unpack with ward_u32_at, so both must
// agree with explanation_parts.h byte for byte.
#include "store/explanation_parts.h"

#include <gtest/gtest.h>

#include "store/sqlite_db.h"
#include "store/store_test_support.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;
namespace parts = explanation_parts;

TEST(ExplanationParts, AValueIsReadBackAtItsSlotAndZeroBeyondTheBlob) {
  std::string blob;
  parts::put(blob, 3, parts::pack(70'000, true));
  parts::put(blob, 0, parts::pack(1, false));
  EXPECT_EQ(blob.size(), 16u);
  EXPECT_EQ(parts::value_at(blob, 0), 2u);
  EXPECT_EQ(parts::value_at(blob, 1), 0u);
  EXPECT_EQ(parts::text_id_of(parts::value_at(blob, 3)), 70'000);
  EXPECT_TRUE(parts::explained_of(parts::value_at(blob, 3)));
  EXPECT_FALSE(parts::explained_of(parts::value_at(blob, 0)));
  EXPECT_EQ(parts::value_at(blob, 4), 0u);
  EXPECT_EQ(parts::value_at(blob, 511), 0u);
  EXPECT_EQ(blob[12], static_cast<char>(0xe1)) << "little-endian: 140,001 = 0x000222e1";
  EXPECT_EQ(parts::part_of(512), 1);
  EXPECT_EQ(parts::slot_of(513), 1u);
}

TEST(ExplanationParts, SqlPacksAndReadsAsTheCodeDoes) {
  TempDir dir;
  auto db = Db::open(dir.path() / "parts.db");
  ASSERT_TRUE(db) << db.error().describe();
  ASSERT_TRUE(db->exec("CREATE TABLE x (seq INTEGER, value INTEGER);"
                       "INSERT INTO x VALUES (515, 5), (512, 140001), (5, 2), (511, 7)"));
  auto packed = db->prepare("SELECT seq >> 9, ward_u32_pack(seq & 511, value) FROM x GROUP BY seq >> 9 ORDER BY 1");
  ASSERT_TRUE(packed);
  std::string first, second;
  parts::put(first, 5, 2);
  parts::put(first, 511, 7);
  parts::put(second, 3, 5);
  parts::put(second, 0, 140001);
  for (const std::string* expected : {&first, &second}) {
    auto row = packed->step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(packed->column_blob(1), *expected);
  }
  auto read = db->prepare("SELECT ward_u32_at(?, 3), ward_u32_at(?, 9), ward_u32_at(NULL, 0)");
  ASSERT_TRUE(read);
  read->bind_blob(1, second);
  read->bind_blob(2, second);
  auto row = read->step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(read->column_int(0), 5);
  EXPECT_EQ(read->column_int(1), 0) << "beyond the blob";
  EXPECT_TRUE(read->column_is_null(2)) << "no part";
  EXPECT_EQ(parts::value_at(second, std::size_t{1} << 62), 0u) << "a slot whose byte offset wraps is beyond the blob";
  read->reset();
  auto outside = db->prepare("SELECT ward_u32_pack(512, 1)");
  ASSERT_TRUE(outside);
  EXPECT_FALSE(outside->step()) << "a slot outside a part is an error, not a wrong blob";
}

}  // namespace
}  // namespace ward::store
