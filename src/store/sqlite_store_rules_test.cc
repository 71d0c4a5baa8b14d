// The rule store in SQLite: upserts by id that say what they did, filters and paging, enabling
// and disabling, removal, and the enabled rules' texts the live engine reads.
#include <gtest/gtest.h>

#include "store/store.h"
#include "testing/shared_data.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;

DetectionRuleRecord rule(std::string id, std::string title, std::string level, std::string product,
                         std::string yaml) {
  DetectionRuleRecord r;
  r.id = std::move(id);
  r.title = std::move(title);
  r.level = std::move(level);
  r.status = "experimental";
  r.product = std::move(product);
  r.category = "ehr_access";
  r.yaml = std::move(yaml);
  r.origin = "cli";
  r.added = r.updated = 1000;
  r.added_by = r.updated_by = "cli:alice";
  return r;
}

class SqliteStoreRules : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = open_sqlite_store(dir_.path());
    ASSERT_TRUE(s) << s.error().describe();
    store_ = std::move(*s);
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreRules, UpsertSaysAddedUpdatedOrUnchangedAndIsIdempotent) {
  std::vector<DetectionRuleRecord> first = {rule("a", "Break glass", "high", "ward", "title: Break glass\n"),
                                            rule("b", "Export", "medium", "ward", "title: Export\n")};
  auto done = store_->upsert_detection_rules(first);
  ASSERT_TRUE(done) << done.error().describe();
  EXPECT_EQ(*done, (std::vector<RuleUpsert>{RuleUpsert::added, RuleUpsert::added}));
  done = store_->upsert_detection_rules(first);
  ASSERT_TRUE(done);
  EXPECT_EQ(*done, (std::vector<RuleUpsert>{RuleUpsert::unchanged, RuleUpsert::unchanged}));

  ASSERT_TRUE(store_->set_detection_rule_enabled("b", false, "cli:bob", 1500));
  DetectionRuleRecord changed = rule("b", "Export of records", "high", "ward", "title: Export of records\n");
  changed.updated = 2000;
  changed.updated_by = "token:3";
  done = store_->upsert_detection_rules({changed});
  ASSERT_TRUE(done);
  EXPECT_EQ(*done, (std::vector<RuleUpsert>{RuleUpsert::updated}));
  auto b = store_->detection_rule("b");
  ASSERT_TRUE(b && *b);
  EXPECT_EQ((*b)->title, "Export of records");
  EXPECT_EQ((*b)->yaml, "title: Export of records\n");
  EXPECT_FALSE((*b)->enabled) << "a replaced rule keeps its enabled flag";
  EXPECT_EQ((*b)->added_by, "cli:alice");
  EXPECT_EQ((*b)->updated_by, "token:3");
  EXPECT_EQ((*b)->added, 1000);
  EXPECT_EQ((*b)->updated, 2000);
}

TEST_F(SqliteStoreRules, ListsWithFiltersAndPagesInIdOrder) {
  ASSERT_TRUE(store_->upsert_detection_rules(
      {rule("c", "SSH 100% failures", "high", "linux", "c"), rule("a", "Break glass", "high", "ward", "a"),
       rule("b", "Export", "low", "ward", "b")}));
  auto all = store_->detection_rules({});
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].id, "a");
  EXPECT_EQ((*all)[2].id, "c");

  auto high = store_->detection_rules({.level = "high"});
  ASSERT_TRUE(high);
  EXPECT_EQ(high->size(), 2u);
  auto linux_rules = store_->detection_rules({.product = "linux"});
  ASSERT_TRUE(linux_rules);
  ASSERT_EQ(linux_rules->size(), 1u);
  EXPECT_EQ((*linux_rules)[0].id, "c");
  auto text = store_->detection_rules({.title_contains = "GLASS"});
  ASSERT_TRUE(text);
  ASSERT_EQ(text->size(), 1u);
  EXPECT_EQ((*text)[0].id, "a");
  auto percent = store_->detection_rules({.title_contains = "100%"});
  ASSERT_TRUE(percent);
  EXPECT_EQ(percent->size(), 1u) << "% in the search text is literal";

  auto page = store_->detection_rules({.after_id = "a", .limit = 1});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].id, "b");
}

TEST_F(SqliteStoreRules, DisabledRulesAreLeftOutOfTheEngineTextsAndDeletedOnesAreGone) {
  ASSERT_TRUE(store_->upsert_detection_rules(
      {rule("a", "A", "high", "ward", "title: A\n"), rule("b", "B", "low", "ward", "title: B\n")}));
  auto off = store_->set_detection_rule_enabled("a", false, "cli:alice", 2000);
  ASSERT_TRUE(off) << off.error().describe();
  EXPECT_FALSE(off->enabled);
  EXPECT_EQ(off->updated_by, "cli:alice");
  auto texts = store_->enabled_rule_texts();
  ASSERT_TRUE(texts);
  ASSERT_EQ(texts->size(), 1u);
  EXPECT_EQ((*texts)[0].id, "b");
  EXPECT_EQ((*texts)[0].yaml, "title: B\n");
  auto disabled = store_->detection_rules({.enabled = false});
  ASSERT_TRUE(disabled);
  ASSERT_EQ(disabled->size(), 1u);
  EXPECT_EQ((*disabled)[0].id, "a");

  ASSERT_TRUE(store_->set_detection_rule_enabled("a", true, "cli:alice", 3000));
  texts = store_->enabled_rule_texts();
  ASSERT_TRUE(texts);
  EXPECT_EQ(texts->size(), 2u);

  ASSERT_TRUE(store_->delete_detection_rule("a"));
  auto gone = store_->detection_rule("a");
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
  auto again = store_->delete_detection_rule("a");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::not_found);
  auto missing = store_->set_detection_rule_enabled("zzz", false, "cli:alice", 1);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "there is no rule zzz");
}

TEST_F(SqliteStoreRules, RulesAreStillThereWhenTheStoreIsOpenedAgain) {
  ASSERT_TRUE(store_->upsert_detection_rules({rule("a", "A", "high", "ward", "title: A\n")}));
  store_.reset();
  auto reopened = open_sqlite_store(dir_.path());
  ASSERT_TRUE(reopened);
  auto a = (*reopened)->detection_rule("a");
  ASSERT_TRUE(a && *a);
  EXPECT_EQ((*a)->yaml, "title: A\n");
}

}  // namespace
}  // namespace ward::store
