// One case per row of the EventID table in README.md: what kind and action each DICOM audit
// event becomes, with and without a patient.
#include "ingest/atna/atna_classifier.h"

#include <gtest/gtest.h>

namespace ward::ingest::atna {
namespace {

struct Case {
  std::string_view event_id, event_type, action_code;
  bool patient;
  EventKind kind;
  Action action;
};

TEST(AtnaClassifier, EachDicomEventIdHasItsKindAndAction) {
  const Case cases[] = {
      {"110114", "110122", "E", false, EventKind::authentication, Action::login},
      {"110114", "110123", "E", false, EventKind::authentication, Action::logout},
      {"110100", "110120", "E", false, EventKind::audit, Action::execute},
      {"110101", "", "R", false, EventKind::audit, Action::read},
      {"110113", "110126", "E", false, EventKind::audit, Action::execute},
      {"110108", "110124", "E", false, EventKind::network, Action::execute},
      {"110103", "", "R", true, EventKind::ehr_access, Action::read},
      {"110103", "", "U", true, EventKind::ehr_access, Action::update},
      {"110103", "", "", true, EventKind::ehr_access, Action::read},
      {"110104", "", "C", true, EventKind::ehr_access, Action::create},
      {"110112", "", "E", false, EventKind::ehr_access, Action::query},
      {"110112", "ITI-18", "E", true, EventKind::ehr_access, Action::query},
      {"110106", "", "R", true, EventKind::ehr_access, Action::export_},
      {"110107", "", "C", true, EventKind::ehr_access, Action::create},
      {"110110", "", "R", true, EventKind::ehr_access, Action::read},
      {"110110", "ITI-43", "R", true, EventKind::ehr_access, Action::read},
      {"110109", "", "C", true, EventKind::ehr_access, Action::create},
      {"110102", "", "E", true, EventKind::ehr_access, Action::export_},
      {"110105", "", "D", true, EventKind::ehr_access, Action::delete_},
      {"110103", "", "R", false, EventKind::audit, Action::read},
  };
  for (const Case& c : cases) {
    AuditMessage m;
    m.event_id = {c.event_id, "DCM", ""};
    if (!c.event_type.empty()) m.event_types.push_back({c.event_type, "DCM", ""});
    m.action_code = c.action_code;
    const Classification got = classify(m, c.patient);
    SCOPED_TRACE(std::string(c.event_id) + " " + std::string(c.event_type) + " " +
                 std::string(c.action_code) + (c.patient ? " with patient" : ""));
    EXPECT_EQ(to_string(got.kind), to_string(c.kind));
    EXPECT_EQ(to_string(got.action), to_string(c.action));
  }
}

TEST(AtnaClassifier, OutcomeZeroIsSuccessAnythingElseFailure) {
  EXPECT_EQ(outcome_from_indicator("0"), Outcome::success);
  EXPECT_EQ(outcome_from_indicator("4"), Outcome::failure);
  EXPECT_EQ(outcome_from_indicator("8"), Outcome::failure);
  EXPECT_EQ(outcome_from_indicator("12"), Outcome::failure);
  EXPECT_EQ(outcome_from_indicator(""), Outcome::unknown);
}

}  // namespace
}  // namespace ward::ingest::atna
