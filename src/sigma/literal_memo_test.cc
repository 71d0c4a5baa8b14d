// LiteralMemo: a text scanned again in the same table gives back what was found, exactly (case,
// table and length count); MemoTrial stops the memo on a field whose texts do not come again.
#include "sigma/literal_memo.h"

#include <gtest/gtest.h>

namespace ward::sigma {
namespace {

TEST(LiteralMemo, GivesBackWhatWasFoundInTheSameTextOfTheSameTable) {
  LiteralMemo memo;
  const int table = 0, other_table = 0;
  const std::string text = "\xFF" "C:\\Windows\\System32\\cmd.exe\xFF";
  const auto hash = LiteralMemo::hash(text);
  EXPECT_EQ(memo.find(&table, text, hash), nullptr) << "nothing remembered yet";
  const std::vector<std::uint32_t> found = {3, 17, 17, 40};
  memo.remember(&table, text, hash, found);
  ASSERT_NE(memo.find(&table, text, hash), nullptr);
  EXPECT_EQ(*memo.find(&table, text, hash), found);
  EXPECT_EQ(memo.find(&other_table, text, hash), nullptr) << "another table's literals";
  const std::string upper = "\xFF" "C:\\WINDOWS\\System32\\cmd.exe\xFF";
  EXPECT_EQ(memo.find(&table, upper, LiteralMemo::hash(upper)), nullptr) << "case counts: tables fold, the memo does not";
  memo.remember(&table, "\xFFx\xFF", LiteralMemo::hash("\xFFx\xFF"), {});
  ASSERT_NE(memo.find(&table, "\xFFx\xFF", LiteralMemo::hash("\xFFx\xFF")), nullptr) << "nothing found is remembered too";
  EXPECT_TRUE(memo.find(&table, "\xFFx\xFF", LiteralMemo::hash("\xFFx\xFF"))->empty());
}

TEST(LiteralMemo, ATextOfTheSameSlotReplacesTheOldOneAndLongTextsAreNotKept) {
  LiteralMemo memo;
  const int table = 0;
  // Texts that differ in their last byte only: some two of them share a slot.
  std::vector<std::string> texts;
  for (int i = 0; i < 3 * static_cast<int>(LiteralMemo::kSlots); ++i) texts.push_back("value " + std::to_string(i));
  for (std::size_t i = 0; i < texts.size(); ++i)
    memo.remember(&table, texts[i], LiteralMemo::hash(texts[i]), std::vector<std::uint32_t>{static_cast<std::uint32_t>(i)});
  std::size_t kept = 0;
  for (std::size_t i = 0; i < texts.size(); ++i)
    if (const auto* ids = memo.find(&table, texts[i], LiteralMemo::hash(texts[i]))) {
      ++kept;
      EXPECT_EQ(*ids, std::vector<std::uint32_t>{static_cast<std::uint32_t>(i)}) << "never another text's literals";
    }
  EXPECT_LE(kept, LiteralMemo::kSlots);
  EXPECT_GT(kept, LiteralMemo::kSlots / 2);
  const std::string long_text(LiteralMemo::kLongestText + 1, 'a');
  memo.remember(&table, long_text, LiteralMemo::hash(long_text), std::vector<std::uint32_t>{1});
  EXPECT_EQ(memo.find(&table, long_text, LiteralMemo::hash(long_text)), nullptr);
}

TEST(MemoTrial, AFieldWhoseTextsSeldomComeAgainIsScannedWithoutTheMemoForAWhile) {
  MemoTrial trial;
  for (std::uint32_t i = 0; i < MemoTrial::kWindow; ++i) {
    ASSERT_TRUE(trial.worth_trying());
    trial.tried(i % 4 == 0);  // a hit in four: worth it
  }
  for (std::uint32_t i = 0; i < MemoTrial::kWindow; ++i) {
    ASSERT_TRUE(trial.worth_trying());
    trial.tried(i % 16 == 0);  // a hit in sixteen: not
  }
  for (std::uint32_t i = 0; i < MemoTrial::kPause; ++i) ASSERT_FALSE(trial.worth_trying());
  EXPECT_TRUE(trial.worth_trying()) << "tried again after the pause";
}

}  // namespace
}  // namespace ward::sigma
