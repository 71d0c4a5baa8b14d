// The risk register as a risk manager uses it: levels 1-5, controls that exist in Ward's
// catalogues, treatments whose expected levels set the residual score once done; bad input
// saves nothing.
#include <gtest/gtest.h>

#include "risks/risk_service.h"
#include "testing/shared_data.h"

namespace ward::risks {
namespace {

Risk ransomware() {
  Risk r;
  r.title = "Ransomware stops the EHR";
  r.category = "clinical systems";
  r.likelihood = 4;
  r.impact = 5;
  r.owner = "CISO";
  r.controls = {{"csf-2.0", "PR.DS-11"}, {"hph-cpg", "hph-cpg-essential-01"}};
  return r;
}

TEST(RiskRegister, AddsARiskWithControlsAndScoresIt) {
  ward::testing::TempDir dir;
  auto store = RiskStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  auto added = add_risk(**store, ransomware(), "alice");
  ASSERT_TRUE(added) << added.error().describe();
  auto read = existing_risk(**store, added->id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->title, "Ransomware stops the EHR");
  EXPECT_EQ(read->controls.size(), 2u);
  EXPECT_EQ(inherent_score(*read), 20);
  EXPECT_EQ(residual_score(*read), 20);  // nothing done yet
  EXPECT_EQ(risk_json(*read)["inherent_score"], 20);
}

TEST(RiskRegister, ResidualIsTheBestDoneTreatment) {
  ward::testing::TempDir dir;
  auto store = RiskStore::open(dir.path());
  auto risk = add_risk(**store, ransomware(), "alice");
  ASSERT_TRUE(risk);
  Treatment backups;
  backups.description = "immutable backups";
  backups.cost = 40000;
  backups.residual_likelihood = 3;
  backups.residual_impact = 2;
  auto t = treat_risk(**store, risk->id, backups, "alice");
  ASSERT_TRUE(t) << t.error().describe();
  Treatment accept;
  accept.kind = "accept";
  auto a = treat_risk(**store, risk->id, accept, "alice");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->residual_likelihood, 4);  // defaults to the risk's own levels
  EXPECT_EQ(a->residual_impact, 5);
  auto read = existing_risk(**store, risk->id);
  EXPECT_EQ(residual_score(*read), 20);  // planned treatments do not count yet
  EXPECT_EQ(risk_reduced(*read, read->treatments[0]), 14);
  ASSERT_TRUE((*store)->set_treatment_status(risk->id, t->id, "done"));
  read = existing_risk(**store, risk->id);
  EXPECT_EQ(residual_score(*read), 6);
  EXPECT_EQ((*store)->set_treatment_status(risk->id, 999, "done").error().code, ErrorCode::not_found);
}

TEST(RiskRegister, BadInputIsRefusedAndNothingIsSaved) {
  ward::testing::TempDir dir;
  auto store = RiskStore::open(dir.path());
  Risk high = ransomware();
  high.likelihood = 7;
  auto r = add_risk(**store, high, "alice");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "likelihood");
  EXPECT_EQ(r.error().message, "likelihood: 7 is not a level from 1 to 5");

  Risk unknown_control = ransomware();
  unknown_control.controls.push_back({"csf-2.0", "PR.XX-99"});
  r = add_risk(**store, unknown_control, "alice");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "control");
  EXPECT_NE(r.error().message.find("csf-2.0:PR.XX-99"), std::string::npos) << r.error().message;

  Risk unknown_catalog = ransomware();
  unknown_catalog.controls = {{"iso-27001", "A.5.1"}};
  r = add_risk(**store, unknown_catalog, "alice");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "catalog");
  EXPECT_NE(r.error().message.find("no built-in catalogue \"iso-27001\""), std::string::npos) << r.error().message;

  EXPECT_TRUE((*store)->list()->empty());
  EXPECT_EQ(parse_linked_control("GV.SC-05").error().field, "control");

  auto ok = add_risk(**store, ransomware(), "alice");
  ASSERT_TRUE(ok);
  Treatment bad;
  bad.residual_likelihood = 6;
  EXPECT_EQ(treat_risk(**store, ok->id, bad, "alice").error().field, "residual_likelihood");
  bad.residual_likelihood = 2;
  bad.kind = "ignore";
  EXPECT_EQ(treat_risk(**store, ok->id, bad, "alice").error().field, "kind");
  bad.kind = "mitigate";
  bad.target = "2027-02-30";
  EXPECT_EQ(treat_risk(**store, ok->id, bad, "alice").error().field, "target");
  EXPECT_EQ(treat_risk(**store, 42, Treatment{}, "alice").error().code, ErrorCode::not_found);
  EXPECT_TRUE(existing_risk(**store, ok->id)->treatments.empty());
}

}  // namespace
}  // namespace ward::risks
