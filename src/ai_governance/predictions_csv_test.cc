// Reading predictions: missing columns, bad cells and what is kept.
#include "ai_governance/predictions_csv.h"

#include <gtest/gtest.h>

namespace ward::ai_governance {
namespace {

TEST(PredictionsCsv, UnknownColumnListsTheColumnsPresent) {
  auto t = read_predictions("id,outcome,risk\n1,0,0.2\n", {"label", "risk", {"sex"}}, "p.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().describe(), "p.csv:1: label: no label column 'label'; the columns are: id, outcome, risk");
  auto g = read_predictions("id,outcome,risk\n1,0,0.2\n", {"outcome", "risk", {"race"}}, "p.csv");
  ASSERT_FALSE(g);
  EXPECT_NE(g.error().message.find("no group column 'race'"), std::string::npos);
}

TEST(PredictionsCsv, SkipsBadRowsWithLineAndColumnAndKeepsTheRest) {
  auto t = read_predictions(
      "Outcome,Risk Score,Sex,Race\n"
      "1,0.9,F,Black\n"
      "2,0.5,F,White\n"
      "0,high,M,White\n"
      "0,0.1,M\n"
      "1.0,0.7,,White\n",
      {"outcome", "risk score", {"sex", "race"}}, "p.csv");
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_EQ(t->rows_read, 5u);
  ASSERT_EQ(t->rows.size(), 2u);
  ASSERT_EQ(t->rejected.size(), 3u);
  EXPECT_EQ(t->rejected[0].describe(), "p.csv:3: Outcome: the label is not 0 or 1");
  EXPECT_EQ(t->rejected[1].describe(), "p.csv:4: Risk Score: the score is not a number");
  EXPECT_EQ(t->rejected[2].describe(), "p.csv:5: 3 fields where the header has 4");
  EXPECT_EQ(t->skipped_by_reason.at("label not 0/1"), 1u);
  EXPECT_EQ(t->skipped_by_reason.at("score not a number"), 1u);
  EXPECT_EQ(t->group_names, (std::vector<std::string>{"F / Black", "(blank) / White"}));
  EXPECT_EQ(t->rows[1].label, 1);
  EXPECT_DOUBLE_EQ(t->rows[1].score, 0.7);
}

}  // namespace
}  // namespace ward::ai_governance
