// Checking uploads of Sigma YAML: what goes into the rule store, and how a refused document is
// named (its number in the upload, its title, the line and the field).
#include "rules/rule_upload.h"

#include <gtest/gtest.h>

#include "sigma/rule_set.h"
#include "sigma/yaml_documents.h"
#include "rules/test_rules.h"
#include "testing/shared_data.h"

namespace ward::rules {
namespace {

constexpr std::string_view kBaseAndCorrelation = rules::testing::kDeniedAndBurst;

TEST(RuleUpload, SplitsDocumentsKeepingEachTextAsWritten) {
  auto docs = split_documents("# a comment\n---\ntitle: A\n...\n---\n\n--- title: B\nid: b\n---\n# only a comment\n");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].text, "title: A\n");
  EXPECT_EQ(docs[0].first_line, 3u);
  EXPECT_EQ(docs[1].text, "title: B\nid: b\n");
  EXPECT_EQ(docs[1].first_line, 7u);
}

TEST(RuleUpload, AcceptsACorrelationWithItsBaseRuleAsOneUpload) {
  CheckedUpload up = check_rule_upload(kBaseAndCorrelation, "upload");
  ASSERT_TRUE(up.problems.empty()) << up.problems[0].describe();
  ASSERT_EQ(up.rules.size(), 2u);
  EXPECT_EQ(up.rules[0].id, "031caf20-46f0-40da-af7d-5cb50a2e9316");
  EXPECT_EQ(up.rules[0].kind, "rule");
  EXPECT_EQ(up.rules[0].product, "ward");
  EXPECT_EQ(up.rules[0].category, "ehr_access");
  EXPECT_EQ(up.rules[0].level, "informational");
  EXPECT_EQ(up.rules[1].kind, "correlation");
  EXPECT_EQ(up.rules[1].title, "Many Denied EHR Accesses");
  EXPECT_EQ(up.rules[1].level, "high");
  // Each document is kept as written, so the store gives back what was uploaded.
  EXPECT_EQ(up.rules[0].yaml + "---\n" + up.rules[1].yaml, kBaseAndCorrelation);
}

TEST(RuleUpload, ACorrelationWithoutItsRuleIsRefusedNamingTheReference) {
  const std::string_view text = kBaseAndCorrelation.substr(kBaseAndCorrelation.find("---\n") + 4);
  CheckedUpload up = check_rule_upload(text, "upload");
  ASSERT_EQ(up.problems.size(), 1u);
  EXPECT_EQ(up.problems[0].document, 1);
  EXPECT_EQ(up.problems[0].field, "correlation.rules");
  EXPECT_EQ(up.problems[0].describe(),
            "document 1 (Many Denied EHR Accesses): correlation.rules: no loaded rule or correlation "
            "has the id or name 'denied'");
}

TEST(RuleUpload, ARegexRe2CannotRunIsRefusedWithTheCompilersMessage) {
  CheckedUpload up = check_rule_upload(R"(title: Fine
id: fine-1
logsource: {product: linux}
detection:
    selection: {message: ok}
    condition: selection
---
title: Lookbehind
logsource: {product: linux}
detection:
    selection:
        message|re: '(?<=user )root'
    condition: selection
)", "upload");
  ASSERT_EQ(up.problems.size(), 1u);
  const UploadProblem& p = up.problems[0];
  EXPECT_EQ(p.document, 2);
  EXPECT_EQ(p.rule, "Lookbehind");
  EXPECT_EQ(p.describe(), "document 2 (Lookbehind): detection.selection.message: regular expression "
                          "not supported by RE2: invalid perl operator: (?<");
  EXPECT_EQ(up.rules.size(), 1u) << "the good document is still described";
}

TEST(RuleUpload, ABrokenDocumentIsNamedWithItsLineInTheUpload) {
  CheckedUpload up = check_rule_upload(R"(title: Fine
logsource: {product: linux}
detection:
    selection: {message: ok}
    condition: selection
---
title: No condition
logsource: {product: linux}
detection:
    selection: {message: [unclosed
)", "upload");
  ASSERT_EQ(up.problems.size(), 1u);
  EXPECT_EQ(up.problems[0].document, 2);
  EXPECT_EQ(up.problems[0].rule, "");
  EXPECT_GE(up.problems[0].line, 7u) << up.problems[0].describe();
  EXPECT_EQ(check_rule_upload("# nothing\n", "upload").problems.at(0).describe(),
            "upload: no YAML document: expected one or more Sigma rules");
}

TEST(RuleUpload, ARuleWithoutAnIdKeepsTheSameGeneratedIdAndTwoDocumentsCannotShareOne) {
  const std::string text = "title: T\nlogsource: {product: linux}\ndetection:\n  s: {message: x}\n  condition: s\n";
  CheckedUpload once = check_rule_upload(text, "upload"), twice = check_rule_upload(text, "upload");
  ASSERT_EQ(once.rules.size(), 1u);
  EXPECT_EQ(once.rules[0].id.rfind("ward-", 0), 0u);
  EXPECT_EQ(once.rules[0].id, twice.rules[0].id);
  CheckedUpload both = check_rule_upload(text + "---\n" + text, "upload");
  ASSERT_EQ(both.problems.size(), 1u);
  EXPECT_EQ(both.problems[0].field, "id");
  EXPECT_EQ(both.problems[0].document, 2);
}

TEST(RuleUpload, EveryFileOfTheHealthcarePackIsAccepted) {
  auto files = sigma::find_rule_files("rules/healthcare");
  ASSERT_TRUE(files) << files.error().describe();
  ASSERT_GE(files->size(), 5u);
  std::size_t rules = 0;
  for (const auto& file : *files) {
    auto text = sigma::read_rule_text(file);
    ASSERT_TRUE(text);
    CheckedUpload up = check_rule_upload(*text, file.string());
    EXPECT_TRUE(up.problems.empty()) << file << ": " << up.problems[0].describe();
    rules += up.rules.size();
  }
  EXPECT_GT(rules, files->size()) << "the correlation files hold their base rules too";
}

TEST(RuleUpload, UploadStoresOnlyWhenEveryDocumentIsFine) {
  ward::testing::TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  auto bad = upload_rules(**store, "title: x\n", "upload", {}, "api", "token:1");
  ASSERT_TRUE(bad);
  EXPECT_FALSE(bad->accepted());
  EXPECT_TRUE((*store)->detection_rules({})->empty());
  auto good = upload_rules(**store, kBaseAndCorrelation, "upload", {}, "api", "token:1 (t)");
  ASSERT_TRUE(good);
  ASSERT_TRUE(good->accepted());
  EXPECT_EQ(good->outcomes, (std::vector<store::RuleUpsert>{store::RuleUpsert::added, store::RuleUpsert::added}));
  auto stored = (*store)->detection_rule("1526ca8c-373d-41f4-abe4-96721ec937f5");
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->added_by, "token:1 (t)");
  EXPECT_EQ((*stored)->origin, "api");
}

}  // namespace
}  // namespace ward::rules
