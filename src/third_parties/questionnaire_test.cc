// Vendor questionnaires as the compliance team uses them: templates checked with the question and
// field named, answers checked, the score and its reasons, the vendor's risk counting a complete
// questionnaire, and the store keeping the template as sent.
#include <gtest/gtest.h>

#include <set>

#include "testing/shared_data.h"
#include "third_parties/questionnaire_service.h"
#include "third_parties/questionnaire_template.h"
#include "third_parties/vendor_json.h"
#include "third_parties/vendor_risk.h"

namespace ward::third_parties {
namespace {

using nlohmann::json;

// Stands in for controls::is_builtin_control (controls sits above third_parties).
bool known_control(std::string_view id) {
  static const std::set<std::string, std::less<>> kKnown = {"hph-cpg-essential-03", "hph-cpg-essential-05", "hicp-02"};
  return kKnown.contains(id);
}

constexpr const char* kTemplate = R"(name: small
title: Small questionnaire
questions:
  - id: mfa
    control: hph-cpg-essential-03
    text: Second factor for remote access?
    weight: 3
  - id: encryption
    control: hph-cpg-essential-05
    text: Encrypted at rest and in transit?
  - id: edr
    control: hicp-02
    section: Protection
    text: EDR on servers?
)";

QuestionnaireTemplate small() { return *parse_questionnaire_template(kTemplate, "small.yaml", known_control); }

TEST(QuestionnaireTemplate, ReadsYamlAndJsonAlike) {
  auto yaml = parse_questionnaire_template(kTemplate, "small.yaml", known_control);
  ASSERT_TRUE(yaml) << yaml.error().describe();
  ASSERT_EQ(yaml->questions.size(), 3u);
  EXPECT_EQ(yaml->questions[0].weight, 3);
  EXPECT_EQ(yaml->questions[1].weight, 1);
  EXPECT_EQ(yaml->questions[2].section, "Protection");
  auto from_json = parse_questionnaire_template(template_to_json(*yaml).dump(), "small.json", known_control);
  ASSERT_TRUE(from_json) << from_json.error().describe();
  EXPECT_EQ(template_to_json(*from_json), template_to_json(*yaml));
}

TEST(QuestionnaireTemplate, BadTemplatesNameTheQuestionAndTheField) {
  struct Case { std::string text, field, says; std::uint64_t line; };
  const Case cases[] = {
      {"name: t\nquestions:\n  - id: a\n    control: hicp-02\n    text: A?\n  - id: b\n    control: hicp-99\n    text: B?\n",
       "questions[1] (b).control", "\"hicp-99\" is not a control", 7},
      {"name: t\nquestions:\n  - id: a\n    control: hicp-02\n", "questions[0] (a).text", "missing", 3},
      {"name: t\nquestions:\n  - id: a\n    control: hicp-02\n    text: A?\n    weight: 9\n", "questions[0] (a).weight",
       "1 to 5", 6},
      {"name: t\nquestions:\n  - id: a\n    control: hicp-02\n    text: A?\n    colour: red\n", "questions[0] (a).colour",
       "unknown field", 6},
      {"name: t\nquestions:\n  - id: a\n    control: hicp-02\n    text: A?\n  - id: a\n    control: hicp-02\n    text: B?\n",
       "questions[1] (a).id", "earlier question", 6},
      {"name: t\nquestions:\n  - control: hicp-02\n    text: A?\n", "questions[0].id", "missing", 3},
      {"name: t\nquestions: []\n", "questions", "at least one", 2},
      {"title: no name\nquestions:\n  - id: a\n", "template.name", "missing", 1},
  };
  for (const Case& c : cases) {
    auto t = parse_questionnaire_template(c.text, "vendor-q.yaml", known_control);
    ASSERT_FALSE(t) << c.text;
    EXPECT_EQ(t.error().field, c.field) << c.text;
    EXPECT_EQ(t.error().source, "vendor-q.yaml");
    EXPECT_EQ(t.error().line, c.line) << c.field;
    EXPECT_NE(t.error().message.find(c.says), std::string::npos) << t.error().message;
  }
  auto broken = parse_questionnaire_template("name: [unclosed\n", "broken.yaml", known_control);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().source, "broken.yaml");
}

TEST(QuestionnaireAnswers, AreCheckedAgainstTheQuestions) {
  const QuestionnaireTemplate t = small();
  auto field_of = [&](json body) {
    auto a = answers_from_json(body, t);
    return a ? std::string("(accepted)") : a.error().field;
  };
  EXPECT_EQ(field_of({{"answers", {{{"question", "mfa"}, {"answer", "maybe"}}}}}), "answers[0].answer");
  EXPECT_EQ(field_of({{"answers", {{{"question", "mfa"}, {"answer", "yes"}}, {{"question", "vpn"}, {"answer", "no"}}}}}),
            "answers[1].question");
  EXPECT_EQ(field_of({{"answers", {{{"question", "mfa"}, {"answer", "yes"}}, {{"question", "mfa"}, {"answer", "no"}}}}}),
            "answers[1].question");
  EXPECT_EQ(field_of({{"answers", {{{"question", "mfa"}, {"answer", "yes"}, {"proof", "x"}}}}}), "answers[0].proof");
  EXPECT_EQ(field_of({{"answers", json::array()}}), "answers");
  auto na = answers_from_json({{"answers", {{{"question", "edr"}, {"answer", "n.a."}}}}}, t);
  ASSERT_TRUE(na);
  EXPECT_EQ(na->at(0).answer, "not_applicable");
}

Questionnaire answered(std::vector<Answer> answers) {
  Questionnaire q{7, 1, "Cloud PACS", small(), "2026-11-20", "alice", std::move(answers)};
  return q;
}

TEST(QuestionnaireScore, CountsWeightsHalvesPartialAndGivesReasons) {
  // mfa (weight 3) no, encryption partial, edr yes: (0 + 0.5 + 1) / 5 = 30 %.
  QuestionnaireResult r = score_questionnaire(answered({{"mfa", "no", "not on the support VPN", "", "bob"},
                                                        {"encryption", "partial", "", "", "bob"},
                                                        {"edr", "yes", "", "SOC 2 p.12", "bob"}}));
  EXPECT_EQ(r.score, 30);
  EXPECT_EQ(r.level, "weak");
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.reasons, (std::vector<std::string>{"no: mfa (hph-cpg-essential-03, weight 3): not on the support VPN",
                                                 "partial: encryption (hph-cpg-essential-05, weight 1)"}));
  // Not applicable leaves the question out; unanswered counts as no and is said so.
  QuestionnaireResult partial = score_questionnaire(answered({{"mfa", "yes", "", "", "bob"}, {"edr", "not_applicable", "", "", "bob"}}));
  EXPECT_EQ(partial.score, 75);  // 3 of 4
  EXPECT_EQ(partial.level, "fair");
  EXPECT_FALSE(partial.complete);
  EXPECT_EQ(partial.reasons, (std::vector<std::string>{"unanswered, counted as no: encryption",
                                                       "not applicable, not counted: edr"}));
  QuestionnaireResult all_yes = score_questionnaire(
      answered({{"mfa", "yes", "", "", "b"}, {"encryption", "yes", "", "", "b"}, {"edr", "yes", "", "", "b"}}));
  EXPECT_EQ(all_yes.score, 100);
  EXPECT_EQ(all_yes.level, "strong");
  EXPECT_TRUE(all_yes.reasons.empty());
}

TEST(QuestionnaireScore, CountsInTheVendorRiskOnlyWhenComplete) {
  const Vendor v = *vendor_from_json({{"name", "Cloud PACS"}, {"criticality", "high"}});  // 20 + 10 (no certificate)
  const auto today = *incidents::parse_day("2026-12-01", "t");
  EXPECT_EQ(vendor_risk(v, today).score, 30);
  QuestionnaireResult weak = score_questionnaire(answered({{"mfa", "no", "", "", "b"}, {"encryption", "no", "", "", "b"},
                                                           {"edr", "yes", "", "", "b"}}));
  RiskScore with_weak = vendor_risk(v, today, &weak);
  EXPECT_EQ(with_weak.score, 45);
  EXPECT_EQ(with_weak.reasons.back(), "+15 security questionnaire 7 (sent 2026-11-20) scored 20/100, weak");
  QuestionnaireResult strong = score_questionnaire(
      answered({{"mfa", "yes", "", "", "b"}, {"encryption", "yes", "", "", "b"}, {"edr", "yes", "", "", "b"}}));
  RiskScore with_strong = vendor_risk(v, today, &strong);
  EXPECT_EQ(with_strong.score, 20);
  EXPECT_EQ(with_strong.reasons.back(), "-10 security questionnaire 7 (sent 2026-11-20) scored 100/100, strong");
  QuestionnaireResult open = score_questionnaire(answered({{"mfa", "no", "", "", "b"}}));
  RiskScore with_open = vendor_risk(v, today, &open);
  EXPECT_EQ(with_open.score, 30);
  EXPECT_EQ(with_open.reasons.back(), "+0 security questionnaire 7 (sent 2026-11-20) not complete (1 of 3 answered): not counted yet");
}

TEST(QuestionnaireStore, KeepsTheTemplateAsSentAndAnswersAllOrNothing) {
  ward::testing::TempDir dir;
  auto vendors = VendorStore::open(dir.path());
  auto questionnaires = QuestionnaireStore::open(dir.path());
  ASSERT_TRUE(vendors && questionnaires);
  ASSERT_TRUE((*vendors)->add(*vendor_from_json({{"name", "Cloud PACS, Inc."}})));
  auto unknown = send_questionnaire(**vendors, **questionnaires, "Nobody", small(), "alice");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "vendor");
  auto sent = send_questionnaire(**vendors, **questionnaires, "cloud pacs", small(), "alice");
  ASSERT_TRUE(sent) << sent.error().describe();
  EXPECT_EQ(sent->vendor, "Cloud PACS, Inc.");

  // The second answer is bad: the first is not saved either.
  auto bad = answer_questionnaire(**questionnaires, sent->id,
                                  {{"answers", {{{"question", "mfa"}, {"answer", "yes"}}, {{"question", "edr"}, {"answer", "perhaps"}}}}},
                                  "bob");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "answers[1].answer");
  EXPECT_TRUE((*(*questionnaires)->find(sent->id))->answers.empty());

  auto now = answer_questionnaire(**questionnaires, sent->id,
                                  {{"answers", {{{"question", "edr"}, {"answer", "yes"}, {"evidence", "SOC 2 p.12"}},
                                                {{"question", "mfa"}, {"answer", "partial"}, {"comment", "not for admins"}}}}},
                                  "bob");
  ASSERT_TRUE(now) << now.error().describe();
  ASSERT_EQ(now->answers.size(), 2u);
  EXPECT_EQ(now->answers[0].question, "mfa");  // in question order
  EXPECT_EQ(now->answers[1].evidence, "SOC 2 p.12");
  EXPECT_EQ(now->answers[1].answered_by, "bob");
  auto again = answer_questionnaire(**questionnaires, sent->id, {{"answers", {{{"question", "mfa"}, {"answer", "yes"}}}}}, "bob");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->answers[0].answer, "yes");  // replaced
  EXPECT_EQ(again->questions.questions.size(), 3u);
  EXPECT_EQ(again->questions.questions[0].weight, 3);  // the template as sent
  EXPECT_FALSE(answer_questionnaire(**questionnaires, 99, {{"answers", {{{"question", "mfa"}, {"answer", "yes"}}}}}, "bob"));

  // The newest complete questionnaire speaks for the vendor; a newer open one does not hide it.
  ASSERT_TRUE(answer_questionnaire(**questionnaires, sent->id, {{"answers", {{{"question", "encryption"}, {"answer", "yes"}}}}}, "bob"));
  ASSERT_TRUE(send_questionnaire(**vendors, **questionnaires, "Cloud PACS", small(), "alice"));
  auto results = results_by_vendor(*(*questionnaires)->list());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.begin()->second.questionnaire_id, sent->id);
  EXPECT_TRUE(results.begin()->second.complete);
  EXPECT_EQ(results.begin()->second.score, 100);
}

TEST(QuestionnaireStore, DeletingAVendorTakesItsQuestionnairesWithIt) {
  ward::testing::TempDir dir;
  auto vendors = VendorStore::open(dir.path());
  auto questionnaires = QuestionnaireStore::open(dir.path());
  ASSERT_TRUE(vendors && questionnaires);
  auto pacs = (*vendors)->add(*vendor_from_json({{"name", "Cloud PACS"}}));
  ASSERT_TRUE(pacs && (*vendors)->add(*vendor_from_json({{"name", "Shred Co"}})));
  auto sent = send_questionnaire(**vendors, **questionnaires, "Cloud PACS", small(), "alice");
  ASSERT_TRUE(sent);
  ASSERT_TRUE(send_questionnaire(**vendors, **questionnaires, "Shred Co", small(), "alice"));
  ASSERT_TRUE(answer_questionnaire(**questionnaires, sent->id, {{"answers", {{{"question", "mfa"}, {"answer", "yes"}}}}}, "bob"));
  auto removed = (*vendors)->remove(pacs->id);
  ASSERT_TRUE(removed) << removed.error().describe();
  auto left = (*questionnaires)->list();
  ASSERT_TRUE(left);
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ(left->at(0).vendor, "Shred Co");
}

// Reminders are counted in calendar days across month, year and leap-day ends.
TEST(VendorRisk, RemindersCountDaysAcrossMonthAndYearEnds) {
  auto vendor = [](const char* name, const char* baa_expires, const char* cert_expires) {
    return *vendor_from_json({{"name", name},
                              {"baa_status", "signed"},
                              {"baa_signed", "2020-01-01"},
                              {"baa_expires", baa_expires},
                              {"certifications", {{{"name", "SOC 2 Type II"}, {"expires", cert_expires}}}}});
  };
  auto day = [](const char* t) { return *incidents::parse_day(t, "t"); };
  const std::vector<Vendor> vendors = {vendor("Year End", "2027-01-01", "2027-03-01"),
                                       vendor("Leap", "2028-02-29", "2028-03-01")};
  auto at_year_end = expiry_reminders(vendors, day("2026-12-31"), 60);
  ASSERT_EQ(at_year_end.size(), 2u);  // BAA tomorrow; the certificate in 60 days exactly
  EXPECT_EQ(at_year_end[0].days_left, 1);
  EXPECT_EQ(at_year_end[0].what, "BAA");
  EXPECT_EQ(at_year_end[1].days_left, 60);
  EXPECT_EQ(expiry_reminders(vendors, day("2026-12-30"), 60).size(), 1u);  // 61 days: not yet
  auto after = expiry_reminders(vendors, day("2027-01-02"), 0);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].days_left, -1);  // expired yesterday, across the year end
  auto leap = expiry_reminders(vendors, day("2028-01-31"), 30);
  ASSERT_EQ(leap.size(), 4u);  // Year End's two long expired; Leap's BAA on 29 Feb, certificate on 1 Mar
  EXPECT_EQ(leap[2].vendor, "Leap");
  EXPECT_EQ(leap[2].days_left, 29);
  EXPECT_EQ(leap[3].days_left, 30);
  auto leap_end = expiry_reminders(vendors, day("2028-02-29"), 1);
  EXPECT_EQ(leap_end.back().days_left, 1);  // the certificate on 1 March, the next day
  EXPECT_EQ(leap_end.back().what, "certificate SOC 2 Type II");
}

}  // namespace
}  // namespace ward::third_parties
