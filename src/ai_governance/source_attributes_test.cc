// The HTI-1 source attributes check: a predictive DSI lacking any of them in its record has a gap
// that blocks approval, unless the decision records an exception with a reason.
#include <gtest/gtest.h>

#include "ai_governance/ai_store.h"
#include "ai_governance/ai_system_json.h"
#include "ai_governance/catalogues.h"
#include "ai_governance/workflow.h"
#include "testing/instants.h"
#include "testing/shared_data.h"

namespace ward::ai_governance {
namespace {

using ward::testing::TempDir;

using ward::testing::kDec1;

std::vector<std::string> hti1_keys() {
  std::vector<std::string> keys;
  for (const TransparencyField& f : transparency_fields())
    if (f.scheme == "hti1") keys.emplace_back(f.key);
  return keys;
}

TEST(SourceAttributes, TheListHasItsParagraphs) {
  const auto keys = hti1_keys();
  ASSERT_EQ(keys.size(), 29u);
  for (const TransparencyField& f : transparency_fields()) {
    if (f.scheme != "hti1") {
      EXPECT_EQ(f.reference, "") << f.key;
      continue;
    }
    EXPECT_TRUE(f.reference.starts_with("170.315(b)(11)(iv)(B)(")) << f.key << ": " << f.reference;
  }
  EXPECT_EQ(find_transparency_field("hti1", "intended_users")->reference, "170.315(b)(11)(iv)(B)(2)(iii)");
}

struct Case {
  const char* name;
  bool predictive_dsi;
  std::vector<std::string> given;  // source attributes filled in ("*" = all)
  std::vector<std::string> blank;  // given as blank text
  std::size_t missing;
  const char* first_missing;       // "" when none
};

TEST(SourceAttributes, MissingOnesPerCase) {
  const auto all = hti1_keys();
  const std::vector<Case> cases = {
      {"not a predictive DSI: nothing required", false, {}, {}, 0, ""},
      {"predictive DSI with none", true, {}, {}, 29, "developer_name_and_contact"},
      {"predictive DSI with all", true, {"*"}, {}, 0, ""},
      {"all but one", true, {"*"}, {"performance_monitoring"}, 1, "performance_monitoring"},
      {"blank text is missing", true, {"*"}, {"funding_source", "output_type"}, 2, "funding_source"},
      {"three given", true, {"intended_use", "intended_patient_population", "known_risks_and_limitations"}, {}, 26,
       "developer_name_and_contact"},
  };
  for (const Case& c : cases) {
    AiSystem s;
    s.id = "x";
    s.name = "X";
    s.predictive_dsi = c.predictive_dsi;
    const std::vector<std::string>& given = !c.given.empty() && c.given[0] == "*" ? all : c.given;
    for (const std::string& k : given) s.source_attributes[k] = "described";
    for (const std::string& k : c.blank) s.source_attributes[k] = "  ";
    const auto missing = missing_source_attributes(s);
    EXPECT_EQ(missing.size(), c.missing) << c.name;
    if (!missing.empty()) {
      EXPECT_EQ(missing.front()->key, c.first_missing) << c.name;
    }
    const ApprovalGaps gaps = approval_gaps(s, {}, {});
    EXPECT_EQ(gaps.missing_source_attributes.size(), c.missing) << c.name;
    EXPECT_EQ(gaps.describe().find("HTI-1") != std::string::npos, c.missing > 0) << c.name << ": " << gaps.describe();
  }
}

TEST(SourceAttributes, ApprovalNeedsThemOrAnExceptionWithAReason) {
  TempDir dir;
  auto store = AiStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  auto system = parse_ai_system(R"({"name":"Readmission Risk","predictive_dsi":true,"deployment":"on_premises",
      "incident_contact":"ai@example.org","source_attributes":{"intended_use":"flag readmission risk"}})");
  ASSERT_TRUE(system) << system.error().describe();
  ASSERT_TRUE(store->put_system(*system, "cli:test"));
  const std::string id = system->id;
  for (const char* kind : {"bias_test", "monitoring_plan"}) ASSERT_TRUE(record_evidence(*store, id, {0, kind, "on file", "", "cli:test", 0}));
  for (std::string_view area : kReviewAreas) ASSERT_TRUE(record_review(*store, id, {std::string(area), "pass", "cli:test", "", 0}));

  auto refused = decide(*store, id, {true, "cli:cmio", "validated", "", ""}, kDec1);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("predictive DSI without HTI-1 source attributes (28 of 29): developer_name_and_contact, funding_source"),
            std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("or record an exception with a reason"), std::string::npos);

  auto approved = decide(*store, id, {true, "cli:cmio", "validated", "", "", "vendor publishes them in Q1; local validation done"}, kDec1);
  ASSERT_TRUE(approved) << approved.error().message;
  auto history = store->history(id);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->back().action, "approved");
  EXPECT_NE(history->back().reason.find("exception: HTI-1 source attributes missing (developer_name_and_contact, "), std::string::npos)
      << history->back().reason;
  EXPECT_NE(history->back().reason.find("): vendor publishes them in Q1; local validation done"), std::string::npos);
}

TEST(SourceAttributes, AnExceptionDoesNotCoverOtherGaps) {
  TempDir dir;
  auto store = AiStore::open(dir.path());
  ASSERT_TRUE(store);
  auto system = parse_ai_system(R"({"name":"Readmission Risk","predictive_dsi":true,"incident_contact":"ai@example.org"})");
  ASSERT_TRUE(system);
  ASSERT_TRUE(store->put_system(*system, "cli:test"));
  auto refused = decide(*store, system->id, {true, "cli:cmio", "validated", "", "", "vendor late"}, kDec1);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("missing evidence: bias_test"), std::string::npos) << refused.error().message;
  EXPECT_EQ(refused.error().message.find("HTI-1"), std::string::npos) << "the exception covers the attributes only";
}

}  // namespace
}  // namespace ward::ai_governance
