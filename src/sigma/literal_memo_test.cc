// LiteralMemo: a text scanned again in the same table gives back what was found, exactly (case,
// table and length count); MemoTrial stops the memo on a field whose texts do not come again.
#include "sigma/literal_memo.h"

#include <optional>
#include <vector>

#include <gtest/gtest.h>

namespace ward::sigma {
namespace {

// What the memo gives back for `text` in `table`, as a list; nullopt when it does not remember it.
std::optional<std::vector<std::uint32_t>> remembered(const LiteralMemo& memo, const void* table, std::string_view text) {
  const auto ids = memo.find(table, text, LiteralMemo::hash(text));
  if (!ids) return std::nullopt;
  return std::vector<std::uint32_t>(ids->begin(), ids->end());
}

TEST(LiteralMemo, GivesBackWhatWasFoundInTheSameTextOfTheSameTable) {
  LiteralMemo memo;
  const int table = 0, other_table = 0;
  const std::string text = "\xFF" "C:\\Windows\\System32\\cmd.exe\xFF";
  const auto hash = LiteralMemo::hash(text);
  EXPECT_EQ(remembered(memo, &table, text), std::nullopt) << "nothing remembered yet";
  const std::vector<std::uint32_t> found = {3, 17, 17, 40};
  memo.remember(&table, text, hash, found);
  EXPECT_EQ(remembered(memo, &table, text), found);
  EXPECT_EQ(remembered(memo, &other_table, text), std::nullopt) << "another table's literals";
  const std::string upper = "\xFF" "C:\\WINDOWS\\System32\\cmd.exe\xFF";
  EXPECT_EQ(remembered(memo, &table, upper), std::nullopt) << "case counts: tables fold, the memo does not";
  EXPECT_EQ(remembered(memo, &table, text.substr(0, 10)), std::nullopt) << "length counts";
  memo.remember(&table, "\xFFx\xFF", LiteralMemo::hash("\xFFx\xFF"), {});
  EXPECT_EQ(remembered(memo, &table, "\xFFx\xFF"), std::vector<std::uint32_t>{}) << "nothing found is remembered too";
  // A slot's block is reused: a longer text with more ids after a short one, then a short one again.
  const std::string long_text = "\xFF" + std::string(300, 'q') + "\xFF";
  const std::vector<std::uint32_t> many(50, 9);
  memo.remember(&table, long_text, LiteralMemo::hash(long_text), many);
  EXPECT_EQ(remembered(memo, &table, long_text), many);
  memo.remember(&table, long_text, LiteralMemo::hash(long_text), found);
  EXPECT_EQ(remembered(memo, &table, long_text), found);
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
    if (const auto ids = remembered(memo, &table, texts[i])) {
      ++kept;
      EXPECT_EQ(*ids, std::vector<std::uint32_t>{static_cast<std::uint32_t>(i)}) << "never another text's literals";
    }
  EXPECT_LE(kept, LiteralMemo::kSlots);
  EXPECT_GT(kept, LiteralMemo::kSlots / 2);
  const std::string long_text(LiteralMemo::kLongestText + 1, 'a');
  memo.remember(&table, long_text, LiteralMemo::hash(long_text), std::vector<std::uint32_t>{1});
  EXPECT_EQ(remembered(memo, &table, long_text), std::nullopt);
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
