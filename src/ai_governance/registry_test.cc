// The AI system registry and its workflow: records from JSON, the derived risk tier, required
// evidence, approval refused while something is missing, history of who did what, the AI RMF
// checklist and the transparency listing.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "ai_governance/ai_store.h"
#include "ai_governance/ai_system_json.h"
#include "ai_governance/catalogues.h"
#include "ai_governance/transparency.h"
#include "ai_governance/workflow.h"
#include "testing/instants.h"
#include "testing/shared_data.h"

namespace ward::ai_governance {
namespace {

using ward::testing::TempDir;

std::string sample_text() {
  std::ifstream in("tests/golden/ai_governance/sepsis_watch.json");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

AiSystem sample() {
  auto s = parse_ai_system(sample_text());
  EXPECT_TRUE(s) << s.error().describe();
  return *s;
}

using ward::testing::kDec1;

TEST(AiSystemJson, ReadsTheSampleAndMakesAnIdFromTheName) {
  const AiSystem s = sample();
  EXPECT_EQ(s.id, "sepsis-watch");
  EXPECT_EQ(s.autonomy, Autonomy::augments);
  EXPECT_EQ(s.model_card.at("model_name"), "Sepsis Watch");
  EXPECT_EQ(s.source_attributes.at("intended_patient_population"), "Adults admitted to acute care");
  auto again = ai_system_from_json(ai_system_json(s));  // what the store keeps reads back the same
  ASSERT_TRUE(again);
  EXPECT_EQ(ai_system_json(*again), ai_system_json(s));
}

TEST(AiSystemJson, NamesTheBadKey) {
  auto unknown = parse_ai_system(R"({"name":"X","colour":"red"})");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().describe(), "colour: unknown key");
  auto card = parse_ai_system(R"({"name":"X","model_card":{"shoe_size":"9"}})");
  ASSERT_FALSE(card);
  EXPECT_EQ(card.error().field, "model_card.shoe_size");
  auto deployment = parse_ai_system(R"({"name":"X","deployment":"cloud"})");
  ASSERT_FALSE(deployment);
  EXPECT_EQ(deployment.error().describe(), "deployment: 'cloud' is not one of: saas, on_premises, embedded");
  EXPECT_FALSE(parse_ai_system(R"({"vendor":"X"})"));
  EXPECT_FALSE(parse_ai_system(R"({"name":"X","id":"Bad Id"})"));
}

TEST(RiskTier, FollowsTheImpactFactors) {
  AiSystem s;
  s.name = "Meeting notes summariser";
  EXPECT_EQ(assess_risk(s).tier, RiskTier::low);
  s.receives_phi = true;
  RiskAssessment phi = assess_risk(s);
  EXPECT_EQ(phi.tier, RiskTier::moderate);
  EXPECT_EQ(phi.reasons, std::vector<std::string>{"it receives PHI, and so does the vendor"});
  s.autonomy = Autonomy::autonomous;
  EXPECT_EQ(assess_risk(s).tier, RiskTier::high);
  AiSystem chatbot;
  chatbot.clinical_decision = true;
  chatbot.patient_facing = true;
  EXPECT_EQ(assess_risk(chatbot).tier, RiskTier::high);
  EXPECT_EQ(assess_risk(sample()).tier, RiskTier::moderate);  // clinical, augments, PHI, not patient facing
}

TEST(Workflow, RequiredEvidenceDependsOnTierAndPhi) {
  std::vector<std::string> kinds;
  for (const RequiredEvidence& r : required_evidence(sample())) kinds.push_back(r.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"baa", "local_validation", "bias_test", "monitoring_plan", "incident_contact"}));
  AiSystem on_prem = sample();
  on_prem.deployment = "on_premises";
  EXPECT_EQ(required_evidence(on_prem).front().kind, "local_validation");  // no BAA: PHI stays with us
}

TEST(Workflow, ApprovalIsRefusedUntilEvidenceAndReviewsAreThere) {
  TempDir dir;
  auto store = AiStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  ASSERT_EQ(*store->put_system(sample(), "cli:alice"), true);
  // A predictive DSI with 3 of the 29 HTI-1 source attributes: approved under an exception
  // (source_attributes_test.cc has the cases without one).
  DecisionRequest approve{true, "cli:cmio", "meets our criteria", "nurse confirms every alert", "", "vendor sends the rest in Q1"};
  auto refused = decide(*store, "sepsis-watch", approve, kDec1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "'sepsis-watch' cannot be approved yet: missing evidence: baa (the vendor receives PHI), local_validation "
            "(it informs clinical decisions), bias_test (it is a predictive DSI), monitoring_plan (moderate risk tier); "
            "no review yet: security, privacy, clinical, legal, fairness");
  for (std::string_view kind : {"baa", "local_validation", "bias_test", "monitoring_plan"}) {
    auto added = record_evidence(*store, "sepsis-watch", {0, std::string(kind), "on file", "", "cli:alice", 0});
    ASSERT_TRUE(added) << added.error().describe();
  }
  for (std::string_view area : kReviewAreas) {
    ASSERT_TRUE(record_review(*store, "sepsis-watch", {std::string(area), area == "legal" ? "fail" : "pass", "cli:bob", "", 0}));
  }
  auto failed = decide(*store, "sepsis-watch", approve, kDec1);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "'sepsis-watch' cannot be approved yet: failed review: legal");
  ASSERT_TRUE(record_review(*store, "sepsis-watch", {"legal", "concerns", "cli:lawyer", "indemnity clause added", 0}));
  auto approved = decide(*store, "sepsis-watch", approve, kDec1);
  ASSERT_TRUE(approved) << approved.error().describe();
  EXPECT_EQ(*approved, "2027-12-01");  // moderate tier: 12 months
  auto rec = store->system("sepsis-watch");
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->status, "approved");
  EXPECT_EQ(rec->conditions, "nurse confirms every alert");
  auto history = store->history("sepsis-watch");
  ASSERT_TRUE(history);
  EXPECT_EQ(history->front().action, "intake");
  EXPECT_EQ(history->back().action, "approved");
  EXPECT_EQ(history->back().by, "cli:cmio");
  const std::string reason = history->back().reason;
  EXPECT_TRUE(reason.starts_with("meets our criteria — exception: HTI-1 source attributes missing (developer_name_and_contact, ")) << reason;
  EXPECT_TRUE(reason.ends_with("performance_monitoring): vendor sends the rest in Q1 — conditions: nurse confirms every alert; "
                               "re-review by 2027-12-01")) << reason;
}

TEST(Workflow, RejectsBadInputAndRecordsRejections) {
  TempDir dir;
  auto store = AiStore::open(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->put_system(sample(), "cli:alice"));
  auto area = record_review(*store, "sepsis-watch", {"finance", "pass", "cli:bob", "", 0});
  ASSERT_FALSE(area);
  EXPECT_EQ(area.error().message, "'finance' is not a review area; use one of: security, privacy, clinical, legal, fairness");
  EXPECT_EQ(record_review(*store, "nope", {"legal", "pass", "cli:bob", "", 0}).error().code, ErrorCode::not_found);
  EXPECT_FALSE(decide(*store, "sepsis-watch", {false, "cli:cmio", "", "", ""}, kDec1));  // no reason
  auto rejected = decide(*store, "sepsis-watch", {false, "cli:cmio", "vendor refuses a BAA", "", "2027-03-01"}, kDec1);
  ASSERT_TRUE(rejected) << rejected.error().describe();
  EXPECT_EQ(store->system("sepsis-watch")->status, "rejected");
  EXPECT_EQ(store->system("sepsis-watch")->next_review, "2027-03-01");
}

TEST(AiStore, FindsSystemsByHostAndParentDomain) {
  TempDir dir;
  auto store = AiStore::open(dir.path());
  ASSERT_TRUE(store);
  AiSystem chat;
  chat.id = "chat";
  chat.name = "Chat assistant";
  chat.domains = {"OpenAI.com"};
  ASSERT_TRUE(parse_ai_system(ai_system_json(chat).dump()));
  auto normalised = ai_system_from_json(ai_system_json(chat));
  ASSERT_TRUE(store->put_system(*normalised, "cli:a"));
  EXPECT_EQ(*store->systems_for_host("api.openai.com"), std::vector<std::string>{"chat"});
  EXPECT_EQ(*store->systems_for_host("OPENAI.COM"), std::vector<std::string>{"chat"});
  EXPECT_TRUE(store->systems_for_host("notopenai.com")->empty());
}

TEST(AiRmf, ShipsAllSeventyTwoSubcategoriesAndRecordsAnswers) {
  const auto list = rmf_subcategories();
  ASSERT_EQ(list.size(), 72u);
  EXPECT_EQ(list.front().id, "GOVERN-1.1");
  EXPECT_EQ(list.back().id, "MANAGE-4.3");
  TempDir dir;
  auto store = AiStore::open(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->put_system(sample(), "cli:alice"));
  ASSERT_TRUE(store->set_rmf("sepsis-watch", {"MEASURE-2.11", true, "bias test #3", "cli:carol", 0}));
  ASSERT_TRUE(store->set_rmf("sepsis-watch", {"MEASURE-2.11", false, "re-test due", "cli:carol", 0}));
  auto answers = store->rmf("sepsis-watch");
  ASSERT_TRUE(answers);
  ASSERT_EQ(answers->size(), 1u);
  EXPECT_FALSE(answers->front().met);
  EXPECT_EQ(answers->front().evidence, "re-test due");
}

TEST(Transparency, ListsOnlyApprovedSystemsWithSourceAttributes) {
  SystemRecord approved{sample(), "approved", "nurse confirms", "2027-12-01", 0, 0};
  approved.system.source_attributes["intended_use"] = "Alert <nurses> & teams";
  AiSystem other = sample();
  other.id = "draft";
  SystemRecord pending{other, "in_review", "", "", 0, 0};
  const auto listing = transparency_json({approved, pending}, "2026-12-01T00:00:00Z");
  ASSERT_EQ(listing["systems"].size(), 1u);
  const auto& s = listing["systems"][0];
  EXPECT_EQ(s["intended_use"], "Alert <nurses> & teams");
  EXPECT_EQ(s["limitations"], "Not validated for patients under 18 or during pregnancy; lower sensitivity in the first hour after admission");
  EXPECT_EQ(s["source_attributes"].size(), 29u);  // a predictive DSI: every attribute, given or not
  const std::string html = transparency_html(listing);
  EXPECT_NE(html.find("<dd>Alert &lt;nurses&gt; &amp; teams</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dd class=\"missing\">not provided</dd>"), std::string::npos);
  EXPECT_EQ(html.find("draft"), std::string::npos);
}

TEST(Workflow, MonthsAfterClampsToTheMonthsLength) {
  constexpr std::int64_t kAug31 = 1'788'134'400'000'000'000;  // 2026-08-31
  EXPECT_EQ(months_after(kAug31, 6), "2027-02-28");
  EXPECT_EQ(months_after(kDec1, 24), "2028-12-01");
}

}  // namespace
}  // namespace ward::ai_governance
