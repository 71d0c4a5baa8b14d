// Tests of the explanation rules: each default rule explains what it should and not what it
// should not, rule order, evidence text, and reading rules from YAML with named errors.
#include "privacy/explain.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/config_yaml.h"
#include "core/time.h"
#include "privacy/test_records.h"
#include "testing/instants.h"

namespace ward::privacy {
namespace {

using ward::testing::at;

using test_records::member;

// An Oncology inpatient stay, 2026-10-24 19:51 → 2026-11-05 14:12 UTC, attended by pr-21.
EncounterRecord oncology_stay() {
  EncounterRecord e;
  e.id = "enc-000021";
  e.patient_id = "pt-1";
  e.class_code = "IMP";
  e.status = "finished";
  e.location = "5 East^519^B";
  e.department = "Oncology";
  e.start = at("2026-10-24T19:51:00Z");
  e.end = at("2026-11-05T14:12:00Z");
  e.participants = {{"pr-21", "ATND"}, {"pr-22", "ADM"}};
  return e;
}

Access access_by(const WorkforceMember& user, TimeNs time) {
  Access a;
  a.time = time;
  a.user_id = user.id;
  a.patient_id = "pt-1";
  a.user = &user;
  return a;
}

// An access by a user the directory does not know: only what the source recorded.
Access recorded_access(std::string user_id, std::string role, std::string department, TimeNs time) {
  Access a;
  a.time = time;
  a.user_id = std::move(user_id);
  a.role = std::move(role);
  a.department = std::move(department);
  a.patient_id = "pt-1";
  return a;
}

std::optional<Explanation> explain_with(const std::vector<ExplanationRule>& rules, const Access& a,
                                        const std::vector<EncounterRecord>& encounters) {
  std::vector<const EncounterRecord*> pointers;
  for (const EncounterRecord& e : encounters) pointers.push_back(&e);
  return Explainer(rules).explain(a, pointers);
}

std::optional<Explanation> explain_default(const Access& a, const std::vector<EncounterRecord>& encounters) {
  return explain_with(default_explanation_rules(), a, encounters);
}

std::string code_of(const std::optional<Explanation>& e) { return e ? e->code : "unexplained"; }
std::string encounter_of(const std::optional<Explanation>& e) { return e ? e->encounter_id : "unexplained"; }

std::vector<ExplanationRule> rules_from(std::string_view yaml) {
  Result<YAML::Node> node = load_yaml_text(yaml, "test");
  EXPECT_TRUE(node);
  if (!node) return {};
  Result<std::vector<ExplanationRule>> rules = explanation_rules_from_yaml(*node, "privacy.explanations");
  EXPECT_TRUE(rules) << (rules ? "" : rules.error().message);
  return rules ? *rules : std::vector<ExplanationRule>{};
}

std::string yaml_error(std::string_view yaml) {
  Result<YAML::Node> node = load_yaml_text(yaml, "test");
  if (!node) return "bad YAML in the test";
  Result<std::vector<ExplanationRule>> rules = explanation_rules_from_yaml(*node, "privacy.explanations");
  return rules ? "no error" : rules.error().message;
}

TEST(ExplainCareTeam, AttendingDuringTheStayIsExplainedWithEncounterAndRole) {
  WorkforceMember doctor = member("pr-21", "physician", "Internal Medicine");
  auto e = explain_default(access_by(doctor, at("2026-10-30T08:00:00Z")), {oncology_stay()});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "care_team");
  EXPECT_EQ(e->encounter_id, "enc-000021");
  EXPECT_EQ(e->evidence, "ATND on enc-000021 (IMP, Oncology, 2026-10-24 19:51 → 2026-11-05 14:12 UTC)");
}

TEST(ExplainCareTeam, GraceIsADayEitherSideOfTheStay) {
  WorkforceMember doctor = member("pr-21", "physician", "Internal Medicine");
  EncounterRecord stay = oncology_stay();
  EXPECT_EQ(code_of(explain_default(access_by(doctor, stay.end + 24 * kNsPerHour), {stay})), "care_team");
  EXPECT_EQ(code_of(explain_default(access_by(doctor, stay.start - 24 * kNsPerHour), {stay})), "care_team");
  EXPECT_EQ(code_of(explain_default(access_by(doctor, stay.end + 25 * kNsPerHour), {stay})), "unexplained");
  EXPECT_EQ(code_of(explain_default(access_by(doctor, stay.start - 25 * kNsPerHour), {stay})), "unexplained");
}

TEST(ExplainCareTeam, ClinicianNotOnTheEncounterIsUnexplained) {
  WorkforceMember doctor = member("pr-99", "physician", "Internal Medicine");
  EXPECT_FALSE(explain_default(access_by(doctor, at("2026-10-30T08:00:00Z")), {oncology_stay()}));
}

TEST(ExplainCareTeam, ParticipantMatchedByEmployeeIdOrRecordedId) {
  WorkforceMember doctor = member("pr-5", "physician", "Internal Medicine");
  EncounterRecord stay = oncology_stay();
  stay.participants = {{"Epr-5", "CON"}};  // the employee id
  EXPECT_EQ(code_of(explain_default(access_by(doctor, stay.start + kNsPerHour), {stay})), "care_team");

  Access unknown = recorded_access("pr-21", "", "", stay.start + kNsPerHour);
  auto e = explain_default(unknown, {oncology_stay()});
  EXPECT_EQ(code_of(e), "care_team");
}

TEST(ExplainCareTeam, OpenEncounterRunsUntilItEnds) {
  WorkforceMember doctor = member("pr-21", "physician", "Internal Medicine");
  EncounterRecord open = oncology_stay();
  open.end = 0;
  auto e = explain_default(access_by(doctor, open.start + 60 * kNsPerDay), {open});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "care_team");
  EXPECT_NE(e->evidence.find("open"), std::string::npos) << e->evidence;
}

TEST(ExplainCareTeam, EncounterWithoutStartIsSkipped) {
  WorkforceMember doctor = member("pr-21", "physician", "Internal Medicine");
  EncounterRecord unknown_start = oncology_stay();
  TimeNs end = unknown_start.end;
  unknown_start.start = 0;
  EXPECT_FALSE(explain_default(access_by(doctor, end - kNsPerHour), {unknown_start}));
}

TEST(ExplainSameUnit, NurseOfTheUnitIsExplainedWithLocation) {
  WorkforceMember nurse = member("n-1", "registered nurse", "Oncology");
  auto e = explain_default(access_by(nurse, at("2026-10-30T08:00:00Z")), {oncology_stay()});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "same_unit");
  EXPECT_EQ(e->encounter_id, "enc-000021");
  EXPECT_EQ(e->evidence,
            "Oncology registered nurse; patient on Oncology (5 East / 519 / B) in enc-000021 "
            "(IMP, Oncology, 2026-10-24 19:51 → 2026-11-05 14:12 UTC)");
}

TEST(ExplainSameUnit, NurseOfAnotherDepartmentIsUnexplained) {
  WorkforceMember nurse = member("n-2", "registered nurse", "Cardiology");
  EXPECT_FALSE(explain_default(access_by(nurse, at("2026-10-30T08:00:00Z")), {oncology_stay()}));
}

TEST(ExplainSameUnit, DepartmentComparedWithoutCase) {
  WorkforceMember nurse = member("n-1", "registered nurse", "ONCOLOGY");
  EXPECT_EQ(code_of(explain_default(access_by(nurse, at("2026-10-30T08:00:00Z")), {oncology_stay()})),
            "same_unit");
}

TEST(ExplainSameUnit, GraceIsTwoHoursBeforeAndTwelveAfter) {
  WorkforceMember nurse = member("n-1", "registered nurse", "Oncology");
  EncounterRecord stay = oncology_stay();
  EXPECT_EQ(code_of(explain_default(access_by(nurse, stay.start - 2 * kNsPerHour), {stay})), "same_unit");
  EXPECT_EQ(code_of(explain_default(access_by(nurse, stay.start - 2 * kNsPerHour - kNsPerMinute), {stay})),
            "unexplained");
  EXPECT_EQ(code_of(explain_default(access_by(nurse, stay.end + 12 * kNsPerHour), {stay})), "same_unit");
  EXPECT_EQ(code_of(explain_default(access_by(nurse, stay.end + 13 * kNsPerHour), {stay})), "unexplained");
}

TEST(ExplainSameUnit, UnknownUserMatchedByRecordedDepartment) {
  Access a = recorded_access("someone", "RN", "oncology", at("2026-10-30T08:00:00Z"));
  EXPECT_EQ(code_of(explain_default(a, {oncology_stay()})), "same_unit");
  a.department = "Cardiology";
  EXPECT_EQ(code_of(explain_default(a, {oncology_stay()})), "unexplained");
}

TEST(ExplainRegistration, ClerkTwoDaysBeforeAdmissionIsExplained) {
  WorkforceMember clerk = member("c-1", "Registration Clerk", "Patient Access");
  EncounterRecord stay = oncology_stay();
  auto e = explain_default(access_by(clerk, stay.start - 2 * kNsPerDay), {stay});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "registration");
  EXPECT_EQ(e->evidence,
            "Registration Clerk; enc-000021 admitted 2026-10-24 19:51 UTC, 2 days after the access");
}

TEST(ExplainRegistration, ClerkOutsideTheAdmissionWindowIsUnexplained) {
  WorkforceMember clerk = member("c-1", "Registration Clerk", "Patient Access");
  EncounterRecord stay = oncology_stay();
  EXPECT_FALSE(explain_default(access_by(clerk, stay.start - 4 * kNsPerDay), {stay}));
  EXPECT_FALSE(explain_default(access_by(clerk, stay.start + 2 * kNsPerDay), {stay}));
}

TEST(ExplainRegistration, UnknownUserMatchedByRecordedRole) {
  EncounterRecord stay = oncology_stay();
  Access a = recorded_access("x-1", "Front Desk", "", stay.start + kNsPerHour);
  EXPECT_EQ(code_of(explain_default(a, {stay})), "registration");
}

TEST(ExplainBilling, BeforeDischargeIsUnexplained) {
  WorkforceMember biller = member("b-1", "Billing Specialist", "Revenue Cycle");
  EncounterRecord stay = oncology_stay();
  EXPECT_FALSE(explain_default(access_by(biller, stay.end - kNsPerHour), {stay}));
}

TEST(ExplainBilling, ThirtyDaysAfterDischarge) {
  WorkforceMember biller = member("b-1", "Billing Specialist", "Revenue Cycle");
  EncounterRecord stay = oncology_stay();
  EXPECT_EQ(code_of(explain_default(access_by(biller, stay.end + 29 * kNsPerDay), {stay})), "billing");
  EXPECT_EQ(code_of(explain_default(access_by(biller, stay.end + 31 * kNsPerDay), {stay})), "unexplained");
}

TEST(ExplainBilling, EvidenceNamesDischargeAndHowLongBefore) {
  WorkforceMember biller = member("b-1", "Billing Specialist", "Revenue Cycle");
  EncounterRecord stay = oncology_stay();
  stay.id = "enc-000003";
  stay.end = at("2026-11-02T09:14:00Z");
  auto e = explain_default(access_by(biller, at("2026-11-05T10:00:00Z")), {stay});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->encounter_id, "enc-000003");
  EXPECT_EQ(e->evidence,
            "Billing Specialist; enc-000003 discharged 2026-11-02 09:14 UTC, 3 days before the access");
}

TEST(ExplainBilling, OpenEncounterNeverExplainsBilling) {
  WorkforceMember coder = member("b-2", "Medical Coding Analyst", "HIM");
  EncounterRecord open = oncology_stay();
  open.end = 0;
  EXPECT_FALSE(explain_default(access_by(coder, open.start + 3 * kNsPerDay), {open}));
}

TEST(ExplainAncillary, PharmacistDuringTheStayIsExplained) {
  WorkforceMember pharmacist = member("ph-1", "Clinical Pharmacist", "Pharmacy");
  EncounterRecord stay = oncology_stay();
  auto e = explain_default(access_by(pharmacist, stay.start + kNsPerDay), {stay});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "ancillary");
  EXPECT_EQ(e->evidence.rfind("Clinical Pharmacist; during enc-000021 (IMP, Oncology", 0), 0u) << e->evidence;
}

TEST(ExplainAncillary, LabTechnologistAfterDischargeIsTheRoleForADayThenTheServiceForThree) {
  WorkforceMember tech = member("lt-1", "Lab Technologist", "Laboratory");
  EncounterRecord stay = oncology_stay();
  auto e = explain_default(access_by(tech, stay.end + 20 * kNsPerHour), {stay});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "ancillary");
  EXPECT_NE(e->evidence.find("20 hours after enc-000021 ended"), std::string::npos) << e->evidence;
  auto later = explain_default(access_by(tech, stay.end + 36 * kNsPerHour), {stay});
  ASSERT_TRUE(later);
  EXPECT_EQ(later->code, "diagnostic_service");  // results read in the days after discharge
  EXPECT_FALSE(explain_default(access_by(tech, stay.end + 80 * kNsPerHour), {stay}));
  // The same role outside a diagnostic service has only the one-day window.
  WorkforceMember ward_tech = member("lt-2", "Lab Technologist", "Oncology");
  EXPECT_FALSE(explain_default(access_by(ward_tech, stay.end + 36 * kNsPerHour), {stay}));
}

TEST(ExplainPurpose, PatientRequestNeedsNoEncounter) {
  Access a = recorded_access("him-1", "HIM clerk", "HIM", at("2026-12-01T10:00:00Z"));
  a.purpose = "patrqt";
  auto e = explain_default(a, {});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "patient_request");
  EXPECT_EQ(e->evidence, "purpose of use patrqt");
  EXPECT_EQ(e->encounter_id, "");
}

TEST(ExplainPurpose, BreakTheGlassIsNotAnExplanation) {
  WorkforceMember doctor = member("pr-99", "physician", "Emergency");
  Access a = access_by(doctor, at("2026-10-30T08:00:00Z"));
  for (std::string purpose : {"ETREAT", "BTG", "emergency"}) {
    a.purpose = purpose;
    EXPECT_FALSE(explain_default(a, {oncology_stay()})) << purpose;
  }
}

TEST(ExplainRuleOrder, FirstMatchingRuleWins) {
  // The attending also works on the unit: care_team comes first among the defaults.
  WorkforceMember doctor = member("pr-21", "physician", "Oncology");
  Access a = access_by(doctor, at("2026-10-30T08:00:00Z"));
  EXPECT_EQ(code_of(explain_default(a, {oncology_stay()})), "care_team");
  std::vector<ExplanationRule> reversed = default_explanation_rules();
  std::swap(reversed[0], reversed[1]);
  EXPECT_EQ(code_of(explain_with(reversed, a, {oncology_stay()})), "same_unit");
}

TEST(ExplainRuleOrder, NamesTheEncounterClosestToTheAccess) {
  WorkforceMember doctor = member("pr-21", "physician", "Internal Medicine");
  EncounterRecord earlier = oncology_stay();
  earlier.id = "enc-earlier";
  EncounterRecord current = oncology_stay();
  current.id = "enc-current";
  current.start = earlier.end + 6 * kNsPerHour;
  current.end = current.start + 3 * kNsPerDay;
  Access a = access_by(doctor, current.start + kNsPerHour);  // also within a day after `earlier`
  EXPECT_EQ(encounter_of(explain_default(a, {earlier, current})), "enc-current");
  EXPECT_EQ(encounter_of(explain_default(a, {current, earlier})), "enc-current");

  WorkforceMember clerk = member("c-1", "Scheduling", "Patient Access");
  Access b = access_by(clerk, current.start - 2 * kNsPerHour);  // before both admissions in reach
  earlier.start = current.start + kNsPerDay;
  EXPECT_EQ(encounter_of(explain_default(b, {earlier, current})), "enc-current");
}

TEST(ExplainFilters, ParticipantRolesAreCodesComparedWithoutCase) {
  std::vector<ExplanationRule> rules = {{.code = "attending", .kind = RuleKind::participant,
                                         .participant_roles = {"atnd"}}};
  WorkforceMember attending = member("pr-21", "physician", "");
  WorkforceMember admitting = member("pr-22", "physician", "");
  EncounterRecord stay = oncology_stay();
  EXPECT_EQ(code_of(explain_with(rules, access_by(attending, stay.start + kNsPerHour), {stay})), "attending");
  EXPECT_EQ(code_of(explain_with(rules, access_by(admitting, stay.start + kNsPerHour), {stay})), "unexplained");
}

TEST(ExplainFilters, EncounterClassAndUserDepartmentLimitARule) {
  WorkforceMember nurse = member("n-1", "registered nurse", "Oncology");
  EncounterRecord stay = oncology_stay();
  std::vector<ExplanationRule> emergency_only = {
      {.code = "ed_unit", .kind = RuleKind::unit, .encounter_classes = {"emer"}}};
  EXPECT_FALSE(explain_with(emergency_only, access_by(nurse, stay.start + kNsPerHour), {stay}));
  stay.class_code = "EMER";
  EXPECT_EQ(code_of(explain_with(emergency_only, access_by(nurse, stay.start + kNsPerHour), {stay})), "ed_unit");

  std::vector<ExplanationRule> cardiology_billing = {
      {.code = "cardio_billing", .kind = RuleKind::role, .anchor = Anchor::end, .after = kNsPerDay,
       .user_roles = {"billing"}, .user_departments = {"Cardiology"}}};
  WorkforceMember biller = member("b-1", "Billing Specialist", "Revenue Cycle");
  EXPECT_FALSE(explain_with(cardiology_billing, access_by(biller, stay.end + kNsPerHour), {stay}));
  biller.department = "cardiology";
  EXPECT_EQ(code_of(explain_with(cardiology_billing, access_by(biller, stay.end + kNsPerHour), {stay})),
            "cardio_billing");
}

TEST(ExplanationRules, DefaultsInOrderWithDescriptions) {
  std::vector<std::string> codes;
  for (const ExplanationRule& r : default_explanation_rules()) {
    codes.push_back(r.code);
    EXPECT_FALSE(r.description.empty()) << r.code;
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"care_team", "same_unit", "registration", "billing",
                                             "ancillary", "diagnostic_service",
                                             "patient_request"}));
}

constexpr std::string_view kCustomRules = R"(
- code: float_pool
  description: float pool nurse covering any unit
  kind: unit
  before: 2h
  after: 12h
  user_departments: [Float Pool]
- code: ed_attending
  kind: participant
  anchor: start
  before: 30m
  after: 7d
  participant_roles: [ATND]
  encounter_classes: [EMER]
- code: billing
  kind: role
  anchor: end
  after: 90s
  user_roles: [billing]
- code: treatment
  kind: purpose
  purposes: [TREAT]
)";

TEST(ExplanationRules, ReadsRulesFromYaml) {
  std::vector<ExplanationRule> rules = rules_from(kCustomRules);
  ASSERT_EQ(rules.size(), 4u);
  EXPECT_EQ(rules[0].code, "float_pool");
  EXPECT_EQ(rules[0].description, "float pool nurse covering any unit");
  EXPECT_EQ(rules[0].kind, RuleKind::unit);
  EXPECT_EQ(rules[0].anchor, Anchor::stay);
  EXPECT_EQ(rules[0].before, 2 * kNsPerHour);
  EXPECT_EQ(rules[0].after, 12 * kNsPerHour);
  EXPECT_EQ(rules[0].user_departments, std::vector<std::string>{"Float Pool"});
  EXPECT_EQ(rules[1].kind, RuleKind::participant);
  EXPECT_EQ(rules[1].anchor, Anchor::start);
  EXPECT_EQ(rules[1].before, 30 * kNsPerMinute);
  EXPECT_EQ(rules[1].after, 7 * kNsPerDay);
  EXPECT_EQ(rules[1].participant_roles, std::vector<std::string>{"ATND"});
  EXPECT_EQ(rules[1].encounter_classes, std::vector<std::string>{"EMER"});
  EXPECT_EQ(rules[2].anchor, Anchor::end);
  EXPECT_EQ(rules[2].before, 0);
  EXPECT_EQ(rules[2].after, 90 * kNsPerSecond);
  EXPECT_EQ(rules[3].kind, RuleKind::purpose);
  EXPECT_EQ(rules[3].purposes, std::vector<std::string>{"TREAT"});
}

TEST(ExplanationRules, FloatPoolNurseExplainedOnAnyUnit) {
  std::vector<ExplanationRule> rules = rules_from(kCustomRules);
  EncounterRecord stay = oncology_stay();
  WorkforceMember floater = member("fp-1", "registered nurse", "Float Pool");
  auto e = explain_with(rules, access_by(floater, stay.start + kNsPerDay), {stay});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "float_pool");
  EXPECT_EQ(e->encounter_id, "enc-000021");
  EXPECT_EQ(e->evidence.rfind("Float Pool registered nurse; patient on Oncology (5 East / 519 / B) in enc-000021", 0),
            0u)
      << e->evidence;
  // Outside the window, and for a nurse of another department, it does not apply.
  EXPECT_FALSE(explain_with(rules, access_by(floater, stay.end + 13 * kNsPerHour), {stay}));
  WorkforceMember cardiology = member("n-2", "registered nurse", "Cardiology");
  EXPECT_FALSE(explain_with(rules, access_by(cardiology, stay.start + kNsPerDay), {stay}));
}

TEST(ExplanationRules, YamlErrorsNameThePath) {
  struct Case {
    std::string_view yaml;
    std::string_view error;
  };
  const Case cases[] = {
      {"code: a", "privacy.explanations: expected a list of rules"},
      {"- just text", "privacy.explanations[0]: expected a mapping"},
      {"- {code: a, kind: unit, colour: red}", "privacy.explanations[0].colour: unknown key"},
      {"- {kind: unit}", "privacy.explanations[0].code: required"},
      {"- {code: '', kind: unit}", "privacy.explanations[0].code: must not be empty"},
      {"- {code: [a], kind: unit}", "privacy.explanations[0].code: expected a string"},
      {"- {code: a, kind: unit, description: {x: 1}}", "privacy.explanations[0].description: expected a string"},
      {"- {code: a, kind: unit}\n- {code: a, kind: unit}",
       "privacy.explanations[1].code: \"a\" is used by an earlier rule"},
      {"- {code: a, kind: unit}\n- {code: b, kind: unit}\n- {code: c, kind: friend}",
       "privacy.explanations[2].kind: expected participant, unit, role or purpose"},
      {"- {code: a}", "privacy.explanations[0].kind: expected participant, unit, role or purpose"},
      {"- {code: a, kind: unit, anchor: middle}", "privacy.explanations[0].anchor: expected stay, start or end"},
      {"- {code: a, kind: unit, before: 2 hours}",
       "privacy.explanations[0].before: expected a duration like 24h, 30m or 7d, not \"2 hours\""},
      {"- {code: a, kind: unit, after: -1h}",
       "privacy.explanations[0].after: expected a duration like 24h, 30m or 7d, not \"-1h\""},
      {"- {code: a, kind: unit, after: [1h]}",
       "privacy.explanations[0].after: expected a duration like 24h, 30m or 7d"},
      {"- {code: a, kind: unit, user_departments: Oncology}",
       "privacy.explanations[0].user_departments: expected a list of strings"},
      {"- {code: a, kind: unit, encounter_classes: [IMP, '']}",
       "privacy.explanations[0].encounter_classes[1]: expected a non-empty string"},
      {"- {code: a, kind: role}", "privacy.explanations[0].user_roles: a role rule needs at least one role"},
      {"- {code: a, kind: purpose}",
       "privacy.explanations[0].purposes: a purpose rule needs at least one purpose"},
      {"- {code: a, kind: unit, participant_roles: [ATND]}",
       "privacy.explanations[0].participant_roles: only participant rules have participant roles"},
      {"- {code: a, kind: purpose, purposes: [TREAT], encounter_classes: [IMP]}",
       "privacy.explanations[0].encounter_classes: purpose rules do not look at encounters"},
  };
  for (const Case& c : cases) EXPECT_EQ(yaml_error(c.yaml), c.error) << c.yaml;
}

TEST(ExplanationRules, EmptyListExplainsNothing) {
  std::vector<ExplanationRule> rules = rules_from("[]");
  EXPECT_TRUE(rules.empty());
  WorkforceMember doctor = member("pr-21", "physician", "Oncology");
  EXPECT_FALSE(explain_with(rules, access_by(doctor, at("2026-10-30T08:00:00Z")), {oncology_stay()}));
}

TEST(ExplainDuration, ReadsSecondsMinutesHoursDaysAndZero) {
  EXPECT_EQ(parse_duration("90s"), 90 * kNsPerSecond);
  EXPECT_EQ(parse_duration("30m"), 30 * kNsPerMinute);
  EXPECT_EQ(parse_duration("24h"), 24 * kNsPerHour);
  EXPECT_EQ(parse_duration("7d"), 7 * kNsPerDay);
  EXPECT_EQ(parse_duration("0"), 0);
  EXPECT_EQ(parse_duration("0h"), 0);
}

TEST(ExplainDuration, RejectsBadTextNamingIt) {
  for (std::string_view text : {"", "-1h", "24", "1w", "h", "1.5h", " 1h", "1h "}) {
    Result<TimeNs> d = parse_duration(text);
    ASSERT_FALSE(d) << text;
    EXPECT_NE(d.error().message.find(fmt::format("\"{}\"", text)), std::string::npos) << d.error().message;
  }
  Result<TimeNs> huge = parse_duration("200000d");
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().message, "too long a duration: \"200000d\"");
  EXPECT_FALSE(parse_duration("99999999999999999999999s"));
}

}  // namespace
}  // namespace ward::privacy
