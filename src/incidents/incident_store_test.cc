// Incidents in the store as the security team sees them: intake with a receipt, triage with its
// history, tasks, law-enforcement delays moving the deadlines, and nothing saved half-way.
#include "incidents/incident_store.h"

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "incidents/breach_deadlines.h"
#include "incidents/ocr_export.h"
#include "testing/shared_data.h"

namespace ward::incidents {
namespace {

using nlohmann::json;

class IncidentStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = IncidentStore::open(dir_.path());
    ASSERT_TRUE(s) << s.error().describe();
    store_ = std::move(*s);
  }
  Incident reported(const char* title) {
    Incident in;
    in.title = title;
    in.source = "intake";
    auto r = store_->create(in, "intake form");
    EXPECT_TRUE(r) << r.error().describe();
    return r ? *r : Incident{};
  }
  StoredAssessment assessed(const json& body) {
    auto rec = assessment_from_json(body, *parse_day("2026-12-01", "today"));
    EXPECT_TRUE(rec) << rec.error().describe();
    StoredAssessment a{*rec, *assess_breach_risk(rec->answers), "privacy_officer", now_ns()};
    return a;
  }
  ward::testing::TempDir dir_;
  std::unique_ptr<IncidentStore> store_;
};

const json kBreach = {{"discovered", "2026-01-01"},
                      {"individuals", 700},
                      {"residents", {{"CA", 650}, {"CO", 50}}},
                      {"acquired", {{"answer", "unknown"}}},
                      {"nature", {{"answer", "sensitive"}}},
                      {"recipient", {{"answer", "malicious"}}},
                      {"mitigation", {{"answer", "none"}}},
                      {"ocr", {{"breach_type", "Theft"}, {"location", "Laptop"}, {"phi_types", {"Clinical", "Demographic"}}}}};

TEST_F(IncidentStoreTest, IntakeGivesAReceiptThatFindsTheIncident) {
  Incident in = reported("Laptop left on the bus");
  EXPECT_EQ(in.receipt.size(), 14u);
  EXPECT_TRUE(in.receipt.starts_with("R-"));
  auto found = store_->find_by_receipt(in.receipt);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->id, in.id);
  EXPECT_EQ((*found)->status, "new");
  EXPECT_FALSE(*store_->find_by_receipt("R-NOTACODE0000"));
  EXPECT_NE(reported("Another").receipt, in.receipt);
  // The store keeps only the code's hash: the code itself is nowhere in the database file.
  store_.reset();
  std::string bytes;
  for (const char* name : {"ward.db", "ward.db-wal"}) {
    std::ifstream file(dir_.path() / name, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes.find(in.receipt.substr(2)), std::string::npos);
}

TEST_F(IncidentStoreTest, TriageIsRecordedOnTheTimeline) {
  Incident in = reported("Phishing mail");
  auto changed = store_->update(in.id, {std::nullopt, "triaged", "high", std::nullopt, "2026-11-20"}, "analyst");
  ASSERT_TRUE(changed) << changed.error().describe();
  EXPECT_EQ(changed->severity, "high");
  auto entries = store_->entries(in.id);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_NE(entries->back().body.find("status: \"new\" → \"triaged\""), std::string::npos) << entries->back().body;
  EXPECT_EQ(entries->back().author, "analyst");
}

TEST_F(IncidentStoreTest, TheOwnerIsTriagedAndKept) {
  Incident in = reported("Shared password on a sticky note");
  IncidentChange owner;
  owner.owner = "Dana Privacy";
  ASSERT_TRUE(store_->update(in.id, owner, "analyst"));
  EXPECT_EQ((*store_->find(in.id))->owner, "Dana Privacy");
  EXPECT_EQ(store_->entries(in.id)->back().body, "owner: \"\" → \"Dana Privacy\"");
  owner.owner = std::string(201, 'x');
  EXPECT_EQ(store_->update(in.id, owner, "analyst").error().field, "owner");
  EXPECT_EQ((*store_->find(in.id))->owner, "Dana Privacy");
}

TEST_F(IncidentStoreTest, OutcomesByIncident) {
  Incident breach = reported("Stolen laptop");
  Incident pending = reported("Odd login");
  ASSERT_TRUE(store_->save_assessment(breach.id, assessed(kBreach)));
  auto outcomes = store_->outcomes();
  ASSERT_TRUE(outcomes) << outcomes.error().describe();
  EXPECT_EQ(*outcomes, (std::map<std::int64_t, std::string>{{breach.id, "presumed_breach"}}));
  EXPECT_FALSE(outcomes->contains(pending.id));
}

TEST_F(IncidentStoreTest, DatesInTheWrongOrderChangeNothing) {
  Incident in = reported("Lost badge");
  auto r = store_->update(in.id, {std::nullopt, "triaged", std::nullopt, "2026-11-20", "2026-11-10"}, "analyst");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "discovered_on");
  EXPECT_EQ((*store_->find(in.id))->status, "new");  // not half-saved
  EXPECT_EQ(store_->entries(in.id)->size(), 1u);
  EXPECT_EQ(store_->update(in.id, {std::nullopt, "open", std::nullopt, std::nullopt, std::nullopt}, "x").error().field,
            "status");
  EXPECT_EQ(store_->update(999, {}, "x").error().code, ErrorCode::not_found);
}

TEST_F(IncidentStoreTest, TasksAreOpenUntilDone) {
  Incident in = reported("USB stick found");
  auto task = store_->add_entry({0, in.id, "task", "Image the stick", "analyst", std::nullopt, 0});
  ASSERT_TRUE(task);
  EXPECT_EQ(task->done, false);
  ASSERT_TRUE(store_->set_task_done(in.id, task->id, true, "analyst"));
  EXPECT_EQ(store_->entries(in.id)->at(1).done, true);
  EXPECT_EQ(store_->set_task_done(in.id, 1, true, "analyst").error().code, ErrorCode::not_found);  // entry 1 is no task
  EXPECT_EQ(store_->add_entry({0, in.id, "alert", "abc", "analyst", std::nullopt, 0}).error().field, "alert");
}

TEST_F(IncidentStoreTest, DeadlinesComeFromTheAssessmentAndMoveWithLawEnforcementDelays) {
  Incident in = reported("Stolen laptop");
  ASSERT_TRUE(store_->save_assessment(in.id, assessed(kBreach)));
  auto before = open_breach_deadlines(*store_, builtin_state_laws());
  ASSERT_TRUE(before);
  ASSERT_EQ(before->size(), 4u);  // CO 30 days, then HHS, individuals, media:CA
  EXPECT_EQ(before->front().deadline.duty, "state:CO");
  EXPECT_EQ(format_day(before->back().deadline.due), "2026-03-02");
  auto contact = law_enforcement_from_json(
      {{"agency", "FBI"}, {"official", "SA Smith"}, {"statement", "written"}, {"stated", "2026-01-10"}, {"until", "2026-02-09"}});
  ASSERT_TRUE(contact) << contact.error().describe();
  ASSERT_TRUE(store_->add_entry({0, in.id, "law_enforcement", law_enforcement_to_json(*contact).dump(), "po", std::nullopt, 0}));
  auto after = open_breach_deadlines(*store_, builtin_state_laws());
  ASSERT_TRUE(after);
  EXPECT_EQ(format_day(after->back().deadline.due), "2026-04-01");
  EXPECT_EQ(after->back().deadline.delay_days, 30);
  ASSERT_TRUE(store_->update(in.id, {std::nullopt, "closed", std::nullopt, std::nullopt, std::nullopt}, "po"));
  EXPECT_TRUE(open_breach_deadlines(*store_, builtin_state_laws())->empty());
}

TEST_F(IncidentStoreTest, LowProbabilityHasNoDeadlines) {
  Incident in = reported("Fax to the wrong clinic");
  json low = {{"discovered", "2026-11-01"}, {"individuals", 1},
              {"nature", {{"answer", "limited"}, {"notes", "name and appointment time"}}},
              {"recipient", {{"answer", "hipaa_obligated"}, {"notes", "another clinic"}}},
              {"acquired", {{"answer", "not_viewed"}, {"notes", "returned unread"}}},
              {"mitigation", {{"answer", "assured"}, {"notes", "attestation"}}}};
  ASSERT_TRUE(store_->save_assessment(in.id, assessed(low)));
  EXPECT_TRUE(open_breach_deadlines(*store_, builtin_state_laws())->empty());
  auto stored = store_->assessment(in.id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->result.outcome, "low_probability");
  EXPECT_EQ((*stored)->record.answers.acquired.notes, "returned unread");
}

TEST(BreachJson, RefusesBadAssessmentsNamingTheField) {
  const Day today = *parse_day("2026-12-01", "today");
  auto field_of = [&](json body) {
    auto r = assessment_from_json(body, today);
    return r ? std::string("(accepted)") : r.error().field;
  };
  EXPECT_EQ(field_of({{"individuals", 3}}), "discovered");
  EXPECT_EQ(field_of({{"discovered", "2026-12-02"}, {"individuals", 3}}), "discovered");  // the future
  EXPECT_EQ(field_of({{"discovered", "2026-11-01"}}), "individuals");
  EXPECT_EQ(field_of({{"discovered", "2026-11-01"}, {"individuals", 3}, {"residents", {{"CA", -1}}}}), "residents.CA");
  EXPECT_EQ(field_of({{"discovered", "2026-11-01"}, {"individuals", 3}, {"ocr", {{"breach_start", "2026-11-05"}}}}),
            "discovered");
  EXPECT_EQ(field_of({{"discovered", "2026-11-01"}, {"individuals", 3},
                      {"ocr", {{"breach_start", "2026-10-05"}, {"breach_end", "2026-10-01"}}}}),
            "ocr.breach_end");
  EXPECT_EQ(field_of({{"discovered", "2026-11-01"}, {"individuals", 3}, {"discoverd", "x"}}), "discoverd");
  EXPECT_EQ(law_enforcement_from_json({{"agency", "FBI"}, {"statement", "oral"}, {"stated", "2026-01-01"}}).error().field,
            "law_enforcement.official");
  EXPECT_EQ(law_enforcement_from_json({{"agency", "FBI"}, {"statement", "written"}, {"stated", "2026-01-01"}}).error().field,
            "law_enforcement.until");
}

TEST_F(IncidentStoreTest, OcrExportCarriesThePortalFields) {
  Incident in = reported("Stolen laptop");
  StoredAssessment a = assessed(kBreach);
  ASSERT_TRUE(store_->save_assessment(in.id, a));
  auto clock = incident_clock(*store_, in.id, builtin_state_laws());
  ASSERT_TRUE(clock);
  OcrReport report{in, a, *clock};
  auto j = ocr_report_json(report, {"General Hospital", "Healthcare Provider"});
  EXPECT_EQ(j["breach_affecting"], "500 or More Individuals");
  EXPECT_EQ(j["type_of_breach"], "Theft");
  EXPECT_EQ(j["media_notice_required"], "Yes");
  EXPECT_EQ(j["individual_notice_due"], "2026-03-02");
  const std::string csv = ocr_reports_csv({report}, {"General Hospital", "Healthcare Provider"});
  EXPECT_TRUE(csv.starts_with("incident_id,breach_affecting,report_type,covered_entity_name")) << csv;
  EXPECT_NE(csv.find("Clinical; Demographic"), std::string::npos) << csv;
}

}  // namespace
}  // namespace ward::incidents
