// Proposals from dismissals: which rule each reason code proposes, that the stored YAML reads
// back through the parser privacy.explanations uses, and that the rule explains the dismissed
// case's accesses (and not someone else's).
#include "case_review/rule_proposal.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "case_review/rule_reach.h"
#include "case_review/rule_yaml.h"
#include "core/time.h"
#include "testing/instants.h"

namespace ward::case_review {
namespace {

using privacy::Anchor;
using privacy::ExplanationRule;
using privacy::RuleKind;

using ward::testing::at;

DismissalFacts float_pool_facts() {
  return {.case_id = 42, .reason_code = "float_pool", .dismissed_by = "cli:alice",
          .user_role = "Registered Nurse", .user_department = "Float Pool"};
}

ExplanationRule proposed(const DismissalFacts& f, const std::vector<ExplanationRule>& rules = {}) {
  ProposedRule p = propose_rule(f, rules, "float_pool_case_42");
  EXPECT_TRUE(p.rule) << p.why_none;
  return p.rule ? *p.rule : ExplanationRule{};
}

// The rule as explanation_rules_from_yaml reads the YAML a proposal stores.
ExplanationRule read_back(const ExplanationRule& rule) {
  const std::string text = rule_to_yaml(rule);
  auto rules = privacy::explanation_rules_from_yaml(YAML::Load(text), "proposal");
  EXPECT_TRUE(rules) << rules.error().describe() << "\n" << text;
  EXPECT_EQ(rules ? rules->size() : 0u, 1u) << text;
  return rules && rules->size() == 1 ? rules->front() : ExplanationRule{};
}

void expect_same(const ExplanationRule& a, const ExplanationRule& b) {
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.anchor, b.anchor);
  EXPECT_EQ(a.before, b.before);
  EXPECT_EQ(a.after, b.after);
  EXPECT_EQ(a.participant_roles, b.participant_roles);
  EXPECT_EQ(a.user_roles, b.user_roles);
  EXPECT_EQ(a.user_departments, b.user_departments);
  EXPECT_EQ(a.encounter_classes, b.encounter_classes);
  EXPECT_EQ(a.purposes, b.purposes);
}

TEST(RuleProposal, FloatPoolProposesAUnitRuleForTheUsersDepartmentAndRole) {
  ExplanationRule rule = proposed(float_pool_facts());
  EXPECT_EQ(rule.code, "float_pool_case_42");
  EXPECT_EQ(rule.kind, RuleKind::unit);
  EXPECT_EQ(rule.anchor, Anchor::stay);
  EXPECT_EQ(rule.user_departments, (std::vector<std::string>{"Float Pool"}));
  EXPECT_EQ(rule.user_roles, (std::vector<std::string>{"Registered Nurse"}));
  // The default same_unit window: 2 h before to 12 h after the stay.
  EXPECT_EQ(rule.before, 2 * kNsPerHour);
  EXPECT_EQ(rule.after, 12 * kNsPerHour);
  EXPECT_NE(rule.description.find("proposed from the dismissal of case 42 by cli:alice (float_pool)"),
            std::string::npos) << rule.description;
  EXPECT_NE(rule.description.find("Float Pool Registered Nurse"), std::string::npos) << rule.description;
}

TEST(RuleProposal, TakesTheWindowOfTheSameUnitRuleInUse) {
  ExplanationRule same_unit{.code = "same_unit", .kind = RuleKind::unit, .before = 4 * kNsPerHour,
                            .after = 6 * kNsPerHour};
  ExplanationRule rule = proposed(float_pool_facts(), {same_unit});
  EXPECT_EQ(rule.before, 4 * kNsPerHour);
  EXPECT_EQ(rule.after, 6 * kNsPerHour);
}

TEST(RuleProposal, EachReasonCodeProposesItsKindOfRuleOrSaysWhyNone) {
  DismissalFacts f = float_pool_facts();
  f.reason_code = "covering_colleague";
  EXPECT_EQ(proposed(f).kind, RuleKind::unit);

  f.reason_code = "consult_not_recorded";
  f.user_role = "Physician";
  f.user_department = "Cardiology";
  ExplanationRule consult = proposed(f);
  EXPECT_EQ(consult.kind, RuleKind::role);
  EXPECT_EQ(consult.user_roles, (std::vector<std::string>{"Physician"}));
  EXPECT_EQ(consult.user_departments, (std::vector<std::string>{"Cardiology"}));
  EXPECT_TRUE(consult.participant_roles.empty());

  f.reason_code = "patient_request";
  f.purposes = {"ROI"};
  ExplanationRule request = proposed(f);
  EXPECT_EQ(request.kind, RuleKind::purpose);
  EXPECT_EQ(request.purposes, (std::vector<std::string>{"ROI"}));
  f.purposes.clear();
  ProposedRule no_purpose = propose_rule(f, {}, "x");
  EXPECT_FALSE(no_purpose.rule);
  EXPECT_NE(no_purpose.why_none.find("state no purpose of use"), std::string::npos);

  for (const char* code : {"data_error", "other"}) {
    f.reason_code = code;
    ProposedRule none = propose_rule(f, {}, "x");
    EXPECT_FALSE(none.rule) << code;
    EXPECT_FALSE(none.why_none.empty()) << code;
  }
}

TEST(RuleProposal, NeverProposesARuleForEveryone) {
  DismissalFacts f = float_pool_facts();
  f.user_department.clear();
  ProposedRule p = propose_rule(f, {}, "x");
  EXPECT_FALSE(p.rule);
  EXPECT_NE(p.why_none.find("no department"), std::string::npos) << p.why_none;
}

TEST(RuleProposal, RoundTripsThroughTheExplanationRuleParser) {
  DismissalFacts f = float_pool_facts();
  f.user_department = "Float Pool: \"Nights\", East";  // quoting matters
  ExplanationRule unit = proposed(f);
  expect_same(read_back(unit), unit);
  f.reason_code = "patient_request";
  f.purposes = {"ROI", "PATRQT"};
  ExplanationRule purpose = proposed(f);
  expect_same(read_back(purpose), purpose);
  EXPECT_EQ(rule_to_yaml(ExplanationRule{.code = "c", .kind = RuleKind::role, .before = 90 * kNsPerSecond,
                                         .after = 72 * kNsPerHour, .user_roles = {"billing"}}),
            "- {code: c, kind: role, anchor: stay, before: 90s, after: 3d, user_roles: [billing]}");
}

TEST(RuleProposal, ExplainsTheDismissedCasesAccessesAndNotOtherDepartments) {
  store::DirectorySnapshot snapshot;
  WorkforceMember nurse;
  nurse.id = "prac-1";
  nurse.employee_id = "E1";
  nurse.role = "Registered Nurse";
  nurse.department = "Float Pool";
  WorkforceMember clerk = nurse;
  clerk.id = "prac-2";
  clerk.employee_id = "E2";
  clerk.department = "Billing";
  snapshot.workforce = {nurse, clerk};
  snapshot.patients.push_back({"pat-1", "MRN1", "Ann Bell", "", "1950-01-01", false, "t"});
  EncounterRecord stay;
  stay.id = "enc-1";
  stay.patient_id = "pat-1";
  stay.class_code = "IMP";
  stay.department = "5 East";
  stay.start = at("2026-11-01T08:00:00Z");
  stay.end = at("2026-11-03T08:00:00Z");
  snapshot.encounters.push_back(stay);
  const privacy::DirectoryIndex directory(std::move(snapshot));

  auto access = [](std::int64_t seq, std::string user, std::string when) {
    store::EventRow e;
    e.seq = seq;
    e.time = at(when);
    e.kind = EventKind::ehr_access;
    e.action = Action::read;
    e.user_id = std::move(user);
    e.patient_id = "pat-1";
    return e;
  };
  const std::vector<store::EventRow> events = {
      access(1, "E1", "2026-11-02T10:00:00Z"),   // the dismissed case's access
      access(2, "E1", "2026-11-03T19:00:00Z"),   // 11 h after the stay: inside 12 h
      access(3, "E1", "2026-11-05T10:00:00Z"),   // days after: outside the window
      access(4, "E2", "2026-11-02T10:00:00Z")};  // another department
  const ExplanationRule rule = read_back(proposed(float_pool_facts()));
  const auto explained = explained_by_rule(rule, events, directory);
  EXPECT_EQ(explained, (std::unordered_set<std::int64_t>{1, 2}));

  store::CaseRecord all_explained, partly;
  all_explained.seqs = {1, 2};
  partly.seqs = {2, 3};
  EXPECT_EQ(cases_explained({all_explained, partly, store::CaseRecord{}}, explained), 1u);
}

TEST(RuleYaml, DurationsUseTheLargestExactUnit) {
  EXPECT_EQ(duration_text(0), "0");
  EXPECT_EQ(duration_text(2 * kNsPerHour), "2h");
  EXPECT_EQ(duration_text(36 * kNsPerHour), "36h");
  EXPECT_EQ(duration_text(48 * kNsPerHour), "2d");
  EXPECT_EQ(duration_text(90 * kNsPerSecond), "90s");
  EXPECT_EQ(duration_text(30 * 60 * kNsPerSecond), "30m");
}

}  // namespace
}  // namespace ward::case_review
