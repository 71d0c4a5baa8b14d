// The resilience store as a user meets it: references checked against the vendor list and the
// device inventory, duplicates refused, nothing saved by a refused add, records read back whole.
#include <gtest/gtest.h>

#include "devices/device_store.h"
#include "resilience/resilience_service.h"
#include "resilience/vendor_removal.h"
#include "testing/shared_data.h"
#include "third_parties/vendor_json.h"

namespace ward::resilience {
namespace {

using nlohmann::json;

class ResilienceStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto vendors = third_parties::VendorStore::open(dir.path());
    ASSERT_TRUE(vendors);
    auto v = third_parties::vendor_from_json({{"name", "Change Healthcare"}, {"criticality", "critical"},
                                              {"services", {"claims clearinghouse"}}});
    ASSERT_TRUE(v);
    ASSERT_TRUE((*vendors)->add(*v));
    auto devices = devices::DeviceStore::open(dir.path());
    ASSERT_TRUE(devices);
    devices::Device d;
    d.device_id = "PUMP-0001";
    d.manufacturer = "B. Braun";
    d.model = "Space";
    ASSERT_TRUE(devices->upsert_devices({d}));
    auto s = ResilienceService::open(dir.path());
    ASSERT_TRUE(s) << s.error().message;
    service = std::make_unique<ResilienceService>(std::move(*s));
  }
  ward::testing::TempDir dir;
  std::unique_ptr<ResilienceService> service;
};

TEST_F(ResilienceStoreTest, AddsAndReadsBackWithNames) {
  auto ehr = service->add_service({{"name", "EHR"}, {"tier", 1}, {"rto", "4h"}, {"rpo", "15m"}, {"owner", "CMIO"},
                                   {"vendors", {1}}, {"devices", {"PUMP-0001"}}, {"systems", {"Active Directory"}}});
  ASSERT_TRUE(ehr) << ehr.error().message;
  EXPECT_EQ((*ehr)["id"], 1);
  EXPECT_EQ((*ehr)["vendors"][0]["name"], "Change Healthcare");
  auto billing = service->add_service({{"name", "Billing"}, {"tier", 2}, {"rto", "2d"}, {"rpo", "1d"}, {"depends_on", {"ehr"}}});
  ASSERT_TRUE(billing) << billing.error().message;
  EXPECT_EQ((*billing)["depends_on"][0]["name"], "EHR");
  auto b = service->add_backup({{"service", "EHR"}, {"what", "database"}, {"frequency", "1d"}, {"immutable", true},
                                {"last_restore_test", "2026-01-10"}, {"restore_result", "success"}, {"restore_time", "6h"}});
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ((*b)["service"]["name"], "EHR");

  auto shown = service->service("billing");
  ASSERT_TRUE(shown && *shown);
  EXPECT_EQ((**shown)["chain"]["services"][0]["name"], "EHR");
  EXPECT_EQ((**shown)["chain"]["vendors"][0]["name"], "Change Healthcare");
  EXPECT_EQ((**shown)["chain"]["devices"][0], "PUMP-0001");
  auto ehr_shown = service->service("1");
  ASSERT_TRUE(ehr_shown && *ehr_shown);
  EXPECT_EQ((**ehr_shown)["rto"], "4h");
  EXPECT_EQ((**ehr_shown)["backups"].size(), 1u);
  auto none = service->service("PACS");
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);

  auto report = service->report();
  ASSERT_TRUE(report);
  bool slow = false;
  for (const json& f : (*report)["findings"]) slow = slow || f["text"] == "EHR: backup 1 (database) took 6h to restore on 2026-01-10; the RTO is 4h.";
  EXPECT_TRUE(slow) << report->dump(2);
  EXPECT_EQ((*report)["single_points_of_failure"][0]["text"],
            "vendor Change Healthcare: 1 tier-1 service depends on it (EHR); the only vendor of claims clearinghouse.");
}

TEST_F(ResilienceStoreTest, RefusesBadReferencesAndSavesNothing) {
  auto field_of = [&](json body) {
    auto r = service->add_service(body);
    return r ? std::string("(accepted)") : r.error().field + " | " + r.error().message;
  };
  EXPECT_EQ(field_of({{"name", "EHR"}, {"rto", "4h"}, {"rpo", "1h"}, {"vendors", {1, 9}}}),
            "vendors[1] | vendors[1]: there is no vendor 9 (ward program vendor list)");
  EXPECT_EQ(field_of({{"name", "EHR"}, {"rto", "4h"}, {"rpo", "1h"}, {"devices", {"PUMP-9"}}}),
            "devices[0] | devices[0]: there is no device \"PUMP-9\" in the inventory (ward devices list)");
  EXPECT_EQ(field_of({{"name", "EHR"}, {"rto", "4h"}, {"rpo", "1h"}, {"depends_on", {"PACS"}}}),
            "depends_on[0] | depends_on[0]: there is no service \"PACS\" (ward program service list)");
  EXPECT_EQ((*service->services())["services"].size(), 0u);  // none of those was saved
  EXPECT_EQ(field_of({{"name", "EHR"}, {"rto", "4h"}, {"rpo", "1h"}}), "(accepted)");
  EXPECT_EQ(field_of({{"name", "ehr."}, {"rto", "4h"}, {"rpo", "1h"}}),
            "name | name: service 1 \"EHR\" already exists; a service is added once");
  EXPECT_EQ((*service->services())["services"].size(), 1u);

  auto bad_exercise = service->add_exercise({{"kind", "tabletop"}, {"date", "2026-10-01"}, {"services", {"EHR", "PACS"}},
                                             {"actions", {{{"text", "x"}, {"owner", "IT"}, {"due", "2026-11-01"}}}}});
  ASSERT_FALSE(bad_exercise);
  EXPECT_EQ(bad_exercise.error().field, "services[1]");
  EXPECT_EQ((*service->exercises())["exercises"].size(), 0u);
  auto backup = service->add_backup({{"service", 7}, {"what", "db"}, {"frequency", "1d"}});
  ASSERT_FALSE(backup);
  EXPECT_EQ(backup.error().message, "service: there is no service 7");
  EXPECT_EQ((*service->backups())["backups"].size(), 0u);
}

TEST_F(ResilienceStoreTest, ExerciseActionsOpenDoneAndOverdue) {
  ASSERT_TRUE(service->add_service({{"name", "PACS"}, {"rto", "8h"}, {"rpo", "4h"}}));
  auto e = service->add_exercise({{"kind", "failover"}, {"date", "2026-03-01"}, {"services", {"PACS"}},
                                  {"findings", {"the secondary site lacked the DICOM routing rules"}},
                                  {"actions", {{{"text", "copy routing rules"}, {"owner", "imaging IT"}, {"due", "2026-04-01"}}}}});
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_TRUE((*e)["actions"][0]["overdue"].get<bool>());
  auto added = service->add_action(1, {{"text", "repeat the failover"}, {"owner", "imaging IT"}, {"due", "2099-01-01"}});
  ASSERT_TRUE(added) << added.error().message;
  auto report = service->report();
  ASSERT_EQ((*report)["overdue_actions"].size(), 1u);
  EXPECT_EQ((*report)["overdue_actions"][0]["text"], "copy routing rules");
  ASSERT_TRUE(service->set_action_status(1, 1, "done"));
  EXPECT_EQ((*service->report())["overdue_actions"].size(), 0u);
  auto missing = service->set_action_status(1, 5, "done");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  auto wrong = service->add_action(9, {{"text", "x"}, {"owner", "y"}, {"due", "2027-01-01"}});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().message, "there is no exercise 9");
}

TEST_F(ResilienceStoreTest, EditsAServiceWithTheChecksOfAnAdd) {
  ASSERT_TRUE(service->add_service({{"name", "EHR"}, {"tier", 2}, {"rto", "4h"}, {"rpo", "15m"}, {"owner", "CMIO"}}));
  ASSERT_TRUE(service->add_service({{"name", "Interface engine"}, {"rto", "2h"}, {"rpo", "1h"}, {"depends_on", {"EHR"}}}));
  auto edited = service->update_service("ehr", {{"tier", 1}, {"rto", "2h"}, {"vendors", {1}}, {"depends_on", {"Interface engine"}},
                                                {"downtime_procedure", "paper charts"}, {"procedure_reviewed", "2026-06-01"}});
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ((*edited)["tier"], 1);
  EXPECT_EQ((*edited)["rto"], "2h");
  EXPECT_EQ((*edited)["rpo"], "15m");      // not in the change: kept
  EXPECT_EQ((*edited)["owner"], "CMIO");
  EXPECT_EQ((*edited)["vendors"][0]["name"], "Change Healthcare");
  EXPECT_EQ((*edited)["procedure_reviewed"], "2026-06-01");
  // Now EHR and the interface engine depend on each other: the report shows the loop.
  auto report = service->report();
  ASSERT_TRUE(report);
  ASSERT_EQ((*report)["cycles"].size(), 1u) << report->dump(2);

  auto field_of = [&](const char* which, json changes) {
    auto r = service->update_service(which, changes);
    return r ? std::string("(accepted)") : r.error().field + " | " + r.error().message;
  };
  EXPECT_EQ(field_of("EHR", {{"depends_on", {"EHR"}}}), "depends_on[0] | depends_on[0]: service EHR cannot depend on itself");
  EXPECT_EQ(field_of("EHR", {{"vendors", {9}}}), "vendors[0] | vendors[0]: there is no vendor 9 (ward program vendor list)");
  EXPECT_EQ(field_of("EHR", {{"name", "interface engine"}}),
            "name | name: service 2 \"Interface engine\" already exists; a service is added once");
  EXPECT_EQ(field_of("EHR", {{"rto", "soon"}}).substr(0, 6), "rto | ");
  EXPECT_EQ(field_of("EHR", {{"colour", "red"}}), "colour | colour: unknown field");
  EXPECT_EQ(field_of("PACS", {{"tier", 1}}), "service | there is no service \"PACS\" (ward program service list)");
  auto kept = service->service("EHR");  // none of the refused edits changed it
  ASSERT_TRUE(kept && *kept);
  EXPECT_EQ((**kept)["rto"], "2h");
  EXPECT_EQ((**kept)["vendors"].size(), 1u);
}

TEST_F(ResilienceStoreTest, DeletingAVendorIsRefusedWhileServicesDependOnItUnlessForced) {
  ASSERT_TRUE(service->add_service({{"name", "EHR"}, {"rto", "4h"}, {"rpo", "15m"}, {"vendors", {1}}}));
  ASSERT_TRUE(service->add_service({{"name", "Billing"}, {"rto", "2d"}, {"rpo", "1d"}, {"vendors", {1}}}));
  auto refused = remove_vendor(dir.path(), "change healthcare", false);
  ASSERT_TRUE(refused) << refused.error().message;
  EXPECT_FALSE(refused->removed);
  EXPECT_EQ(refusal_message(*refused, "--force"),
            "vendor 1 \"Change Healthcare\" is a dependency of 2 services (Billing, EHR): edit them first, or --force to "
            "detach them and delete");
  EXPECT_EQ((*service->service("EHR"))->at("vendors").size(), 1u);  // nothing changed

  auto forced = remove_vendor(dir.path(), "1", true);
  ASSERT_TRUE(forced) << forced.error().message;
  EXPECT_TRUE(forced->removed);
  EXPECT_EQ(forced->services, (std::vector<std::string>{"Billing", "EHR"}));
  EXPECT_EQ((*service->service("EHR"))->at("vendors").size(), 0u);
  auto vendors = third_parties::VendorStore::open(dir.path());
  EXPECT_TRUE((*vendors)->list()->empty());
  auto gone = remove_vendor(dir.path(), "1", false);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace ward::resilience
