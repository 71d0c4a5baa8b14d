// ExplanationMemo gives exactly what Explainer::explain gives, for every rule kind and across
// times that change the evidence's words, shares one explanation between accesses whose texts
// are the same, and stays right after it fills up and starts again. PeopleByKey resolves rows
// by their string keys to the people resolve_people finds by their ids.
#include "privacy/explanation_memo.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/time.h"
#include "privacy/event_access.h"
#include "privacy/test_records.h"
#include "store/privacy_rows.h"
#include "testing/instants.h"

namespace ward::privacy {
namespace {

using ward::testing::at;

using test_records::member;

EncounterRecord stay(std::string id, std::string department, std::string start, std::string end,
                     std::vector<EncounterParticipant> participants) {
  EncounterRecord e;
  e.id = std::move(id);
  e.patient_id = "pt-1";
  e.class_code = "IMP";
  e.department = std::move(department);
  e.location = "5 East^519^B";
  e.start = at(start);
  e.end = end.empty() ? 0 : at(end);
  e.participants = std::move(participants);
  return e;
}

class ExplanationMemoTest : public ::testing::Test {
 protected:
  ExplanationMemoTest() {
    staff = {member("pr-21", "Physician", "Oncology"), member("pr-30", "Registered Nurse", "Oncology"),
             member("pr-31", "Registered Nurse", "Cardiology"), member("pr-40", "Registration Clerk", "Admitting"),
             member("pr-50", "Billing Specialist", "Patient Financial Services"),
             member("pr-60", "Pharmacist", "Pharmacy"), member("pr-70", "Radiologist", "Radiology")};
    stays = {stay("enc-1", "Oncology", "2026-10-24T19:51:00Z", "2026-11-05T14:12:00Z", {{"pr-21", "ATND"}}),
             stay("enc-2", "Cardiology", "2026-11-10T08:00:00Z", "", {{"pr-21", "CON"}, {"pr-31", "PPRF"}})};
    for (const EncounterRecord& e : stays) encounters.push_back(&e);
  }

  // Every staff member every 97 minutes from a week before the first stay to 40 days after
  // it, some stating the patient's request as the purpose.
  std::vector<Access> accesses() const {
    std::vector<Access> out;
    int n = 0;
    for (TimeNs t = at("2026-10-17T00:00:00Z"); t < at("2026-12-05T00:00:00Z"); t += 97 * kNsPerMinute)
      for (const WorkforceMember& m : staff) {
        Access a;
        a.time = t;
        a.user_id = m.id;
        a.user = &m;
        a.patient_id = "pt-1";
        if (++n % 11 == 0) a.purpose = "PATRQT";
        out.push_back(a);
      }
    return out;
  }

  std::vector<WorkforceMember> staff;
  std::vector<EncounterRecord> stays;
  std::vector<const EncounterRecord*> encounters;
  Explainer explainer{default_explanation_rules()};
};

void expect_same(const ExplanationMemo::Ref& memo, const std::optional<Explanation>& direct, const Access& a) {
  const std::string where = format_iso8601(a.time) + " " + a.user_id;
  ASSERT_EQ(memo != nullptr, direct.has_value()) << where;
  if (!direct) return;
  EXPECT_EQ(memo->explanation.code, direct->code) << where;
  EXPECT_EQ(memo->explanation.evidence, direct->evidence) << where;
  EXPECT_EQ(memo->explanation.encounter_id, direct->encounter_id) << where;
  EXPECT_EQ(memo->explanation.kind, direct->kind) << where;
  EXPECT_EQ(memo->text_hash, store::explanation_text_hash(direct->code, direct->evidence)) << where;
}

TEST_F(ExplanationMemoTest, SameAsExplainingEachAccessForEveryRuleKind) {
  ExplanationMemo memo(explainer);
  std::set<std::string> codes;
  const std::vector<Access> all = accesses();
  for (const Access& a : all) {
    const std::optional<Explanation> direct = explainer.explain(a, encounters);
    expect_same(memo.explain(a, encounters), direct, a);
    if (direct) codes.insert(direct->code);
  }
  // The data reaches every kind of rule, and time-worded evidence ("3 days after enc-1 ended").
  EXPECT_EQ(codes, (std::set<std::string>{"care_team", "same_unit", "registration", "billing", "ancillary",
                                          "diagnostic_service", "patient_request"}));
  // Far fewer texts than accesses: that is the point.
  EXPECT_LT(memo.size() * 4, all.size());
}

TEST_F(ExplanationMemoTest, SharesOnlyWhatReadsTheSame) {
  ExplanationMemo memo(explainer);
  Access a;
  a.user_id = "pr-21";
  a.user = &staff[0];
  a.patient_id = "pt-1";
  a.time = at("2026-10-26T10:00:00Z");
  ExplanationMemo::Ref first = memo.explain(a, encounters);
  a.time += 3 * kNsPerHour;
  EXPECT_EQ(memo.explain(a, encounters), first) << "the attending's evidence does not depend on the time";

  a.user_id = "pr-50";  // billing: "… discharged …, 2 days before the access" depends on it
  a.user = &staff[4];
  a.time = at("2026-11-07T15:00:00Z");
  ExplanationMemo::Ref two_days = memo.explain(a, encounters);
  a.time += 24 * kNsPerHour;
  ExplanationMemo::Ref three_days = memo.explain(a, encounters);
  ASSERT_TRUE(two_days && three_days);
  EXPECT_NE(two_days->explanation.evidence, three_days->explanation.evidence);
  EXPECT_NE(two_days->explanation.evidence.find("2 days before the access"), std::string::npos)
      << two_days->explanation.evidence;
  a.time += kNsPerHour;  // still 3 whole days
  EXPECT_EQ(memo.explain(a, encounters), three_days);
}

TEST_F(ExplanationMemoTest, RightAfterFillingUp) {
  ExplanationMemo memo(explainer, /*capacity=*/3);
  for (const Access& a : accesses()) {
    expect_same(memo.explain(a, encounters), explainer.explain(a, encounters), a);
    ASSERT_LE(memo.size(), 3u);
  }
}

TEST(PeopleByKey, ResolvesRowsAsTheirIdsWould) {
  store::DirectorySnapshot s;
  s.workforce.push_back(member("pr-1", "Physician", "Oncology"));
  PatientRecord p;
  p.id = "pt-1";
  p.mrn = "MRN1";
  s.patients.push_back(p);
  const DirectoryIndex directory(std::move(s));
  const std::vector<std::string> dictionary = {"", "pr-1", "Epr-1", "pt-1", "MRN1", "nobody"};
  const PeopleByKey people(dictionary, directory);
  // Made from an earlier dictionary (the first three strings) and the one that extends it.
  const PeopleByKey earlier(std::span<const std::string>(dictionary).first(3), directory);
  const PeopleByKey extended(earlier, dictionary, directory);
  struct Case {
    std::int64_t user, patient, mrn;
  };
  for (Case c : {Case{1, 3, 0}, Case{2, 0, 4}, Case{5, 5, 4}, Case{0, 5, 5}, Case{1, 99, 3}, Case{0, 0, 0}}) {
    store::EventRow row;
    row.user_key = c.user;
    row.patient_key = c.patient;
    row.mrn_key = c.mrn;
    auto text = [&](std::int64_t key) {
      return key > 0 && static_cast<std::size_t>(key) < dictionary.size() ? dictionary[key] : std::string();
    };
    row.user_id = text(c.user);
    row.patient_id = text(c.patient);
    row.patient_mrn = text(c.mrn);
    const Access by_id = access_from_event(row, directory);
    for (const PeopleByKey* resolver : {&people, &extended}) {
      Access by_key;
      ASSERT_TRUE(resolver->resolve(row, by_key));
      EXPECT_EQ(by_key.user, by_id.user) << c.user;
      EXPECT_EQ(by_key.patient, by_id.patient) << c.patient << " " << c.mrn;
    }
  }
  EXPECT_FALSE(PeopleByKey({}, directory).resolve(store::EventRow{}, *std::make_unique<Access>()));
}

}  // namespace
}  // namespace ward::privacy
