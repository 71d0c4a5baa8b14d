#include "ingest/fhir/audit_event_classifier.h"

#include <initializer_list>
#include <vector>

#include <gtest/gtest.h>

namespace ward::ingest::fhir {
namespace {

constexpr std::string_view kDcm = "http://dicom.nema.org/resources/ontology/DCM";
constexpr std::string_view kRest = "http://hl7.org/fhir/restful-interaction";
constexpr std::string_view kEventType = "http://terminology.hl7.org/CodeSystem/audit-event-type";
constexpr std::string_view kIti = "urn:oid:1.3.6.1.4.1.19376.1.2";

// Keeps the codings alive for the span in AuditEventCodes.
struct Case {
  std::vector<CodingView> types, subtypes;
  AuditEventCodes codes;
  Case(std::initializer_list<CodingView> t, std::initializer_list<CodingView> s,
       std::string_view action, bool query = false, bool patient = false)
      : types(t), subtypes(s) {
    codes.types = types;
    codes.subtypes = subtypes;
    codes.action = action;
    codes.has_query_entity = query;
    codes.has_patient = patient;
  }
  Action action() const { return classify_action(codes); }
  EventKind kind() const { return classify_kind(codes, classify_action(codes)); }
};

TEST(AuditEventClassifier, RestfulSubtypesGiveTheAction) {
  EXPECT_EQ(Case({{kEventType, "rest"}}, {{kRest, "read"}}, "R").action(), Action::read);
  EXPECT_EQ(Case({{kEventType, "rest"}}, {{kRest, "vread"}}, "R").action(), Action::read);
  EXPECT_EQ(Case({{kEventType, "rest"}}, {{kRest, "search"}}, "E").action(), Action::search);
  EXPECT_EQ(Case({{kEventType, "rest"}}, {{kRest, "search-type"}}, "E").action(), Action::search);
  EXPECT_EQ(Case({{kEventType, "rest"}}, {{kRest, "search-system"}}, "E").action(), Action::search);
  EXPECT_EQ(Case({{kEventType, "rest"}}, {{kRest, "history-instance"}}, "R").action(),
            Action::search);
  EXPECT_EQ(Case({{kEventType, "rest"}}, {{kRest, "create"}}, "C").action(), Action::create);
  EXPECT_EQ(Case({{kEventType, "rest"}}, {{kRest, "update"}}, "U").action(), Action::update);
  EXPECT_EQ(Case({{kEventType, "rest"}}, {{kRest, "patch"}}, "U").action(), Action::update);
  EXPECT_EQ(Case({{kEventType, "rest"}}, {{kRest, "delete"}}, "D").action(), Action::delete_);
}

TEST(AuditEventClassifier, BatchAndTransactionFollowTheActionCode) {
  EXPECT_EQ(Case({{kEventType, "rest"}}, {{kRest, "transaction"}}, "C").action(), Action::create);
  EXPECT_EQ(Case({{kEventType, "rest"}}, {{kRest, "batch"}}, "E").action(), Action::execute);
}

TEST(AuditEventClassifier, RestfulCodesFromAnotherSystemAreNotRestful) {
  EXPECT_EQ(Case({}, {{"http://example.org/other", "delete"}}, "R").action(), Action::read);
}

TEST(AuditEventClassifier, LoginAndLogoutAreAuthentication) {
  Case login({{kDcm, "110114"}}, {{kDcm, "110122"}}, "E");
  EXPECT_EQ(login.action(), Action::login);
  EXPECT_EQ(login.kind(), EventKind::authentication);
  Case logout({{kDcm, "110114"}}, {{kDcm, "110123"}}, "E");
  EXPECT_EQ(logout.action(), Action::logout);
  EXPECT_EQ(logout.kind(), EventKind::authentication);
}

TEST(AuditEventClassifier, ExportAndImportTypes) {
  EXPECT_EQ(Case({{kDcm, "110106"}}, {{kIti, "ITI-32"}}, "R").action(), Action::export_);
  EXPECT_EQ(Case({{kDcm, "110107"}}, {}, "C").action(), Action::create);
}

TEST(AuditEventClassifier, DisclosureWinsOverExportAndRead) {
  Case source({{kDcm, "110106"}},
              {{"http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle", "disclose"},
               {kRest, "read"}},
              "R");
  EXPECT_EQ(source.action(), Action::disclose);
  EXPECT_EQ(source.kind(), EventKind::ehr_access);
  EXPECT_EQ(Case({{kDcm, "110106"}}, {{"", "Disclosure"}}, "R").action(), Action::disclose);
}

TEST(AuditEventClassifier, IheQueriesAreQueries) {
  for (std::string_view tx : {"ITI-9", "ITI-21", "ITI-78", "ITI-18", "ITI-67"}) {
    Case c({{kDcm, "110112"}}, {{kIti, tx}}, "E", true);
    EXPECT_EQ(c.action(), Action::query) << tx;
    EXPECT_EQ(c.kind(), EventKind::ehr_access) << tx;
  }
  EXPECT_EQ(Case({{kDcm, "110112"}}, {}, "E").action(), Action::query);
  EXPECT_EQ(Case({}, {{kIti, "ITI-43"}}, "R").action(), Action::read);
}

TEST(AuditEventClassifier, ActionCodeIsTheLastResort) {
  EXPECT_EQ(Case({}, {}, "C").action(), Action::create);
  EXPECT_EQ(Case({}, {}, "R").action(), Action::read);
  EXPECT_EQ(Case({}, {}, "U").action(), Action::update);
  EXPECT_EQ(Case({}, {}, "D").action(), Action::delete_);
  EXPECT_EQ(Case({}, {}, "E").action(), Action::execute);
  EXPECT_EQ(Case({}, {}, "E", /*query=*/true).action(), Action::search);
  EXPECT_EQ(Case({}, {}, "").action(), Action::unknown);
  EXPECT_EQ(Case({}, {}, "X").action(), Action::unknown);
}

TEST(AuditEventClassifier, KindIsEhrAccessWithAPatientOrARestType) {
  EXPECT_EQ(Case({{kDcm, "110100"}}, {{kDcm, "110120"}}, "E").kind(), EventKind::audit);
  EXPECT_EQ(Case({{kDcm, "110100"}}, {}, "E", false, /*patient=*/true).kind(),
            EventKind::ehr_access);
  EXPECT_EQ(Case({{kEventType, "rest"}}, {}, "E").kind(), EventKind::ehr_access);
  EXPECT_EQ(Case({}, {{kRest, "read"}}, "R").kind(), EventKind::ehr_access);
}

TEST(AuditEventClassifier, OutcomeCodes) {
  EXPECT_EQ(outcome_from_code("0"), Outcome::success);
  EXPECT_EQ(outcome_from_code("success"), Outcome::success);
  for (std::string_view failure : {"4", "8", "12", "minor", "major", "fatal"})
    EXPECT_EQ(outcome_from_code(failure), Outcome::failure) << failure;
  EXPECT_EQ(outcome_from_code(""), Outcome::unknown);
  EXPECT_EQ(outcome_from_code("7"), Outcome::unknown);
}

}  // namespace
}  // namespace ward::ingest::fhir
