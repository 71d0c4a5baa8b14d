// Assessments as a compliance officer uses them: start one on CSF 2.0, rate controls, read the
// posture per function; Ward's vendors and device findings show up as evidence on the controls
// they bear on; bad input saves nothing.
#include <gtest/gtest.h>

#include "controls/assessment_service.h"
#include "devices/remediation_store.h"
#include "identity/mfa_import.h"
#include "testing/shared_data.h"
#include "third_parties/vendor_store.h"

namespace ward::controls {
namespace {

const Posture& group(const AssessmentReport& r, const std::string& id) {
  for (const Posture& p : r.posture)
    if (p.group_id == id) return p;
  ADD_FAILURE() << "no group " << id;
  return r.overall;
}

ControlRating rating(const char* id, ControlStatus s, std::string target = "") {
  ControlRating r;
  r.control_id = id;
  r.status = s;
  r.target = std::move(target);
  return r;
}

TEST(Assessment, PostureCountsImplementedAndHalfOfPartialPerFunction) {
  ward::testing::TempDir dir;
  auto store = AssessmentStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  auto a = start_assessment(**store, "csf-2.0", "", "alice");
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_NE(a->name.find("Cybersecurity Framework 2.0"), std::string::npos);
  for (auto [id, s] : {std::pair{"RC.RP-01", ControlStatus::implemented}, std::pair{"RC.RP-02", ControlStatus::partial},
                       std::pair{"RC.CO-03", ControlStatus::not_applicable}, std::pair{"GV.OC-01", ControlStatus::implemented}})
    ASSERT_TRUE(rate_control(**store, a->id, rating(id, s, "2027-03-31"), "alice"));
  // Rated again: the newer rating replaces the older.
  ASSERT_TRUE(rate_control(**store, a->id, rating("RC.RP-02", ControlStatus::partial), "bob"));
  auto loaded = load_report(**store, dir.path(), a->id);
  ASSERT_TRUE(loaded) << loaded.error().describe();
  const AssessmentReport& r = loaded->report;
  ASSERT_EQ(r.posture.size(), 6u);
  EXPECT_EQ(r.controls.size(), 106u);
  // RC (Recover) has 8 active subcategories: (1 + 0.5) / (8 - 1).
  const Posture& rc = group(r, "RC");
  EXPECT_EQ(rc.controls, 8);
  EXPECT_EQ(rc.implemented, 1);
  EXPECT_EQ(rc.partial, 1);
  EXPECT_EQ(rc.not_applicable, 1);
  EXPECT_EQ(rc.unrated, 5);
  EXPECT_DOUBLE_EQ(rc.score, 1.5 / 7);
  EXPECT_DOUBLE_EQ(r.overall.score, 2.5 / 105);
  EXPECT_EQ(group(r, "DE").score, 0);
  const std::string text = report_text(r);
  EXPECT_NE(text.find("RC        21%"), std::string::npos) << text;
  EXPECT_NE(text.find("RC.RP-02 partial"), std::string::npos) << text;
  const std::string csv = report_csv(r);
  EXPECT_NE(csv.find("RC.RP-01,RC,implemented,,2027-03-31,,\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("RC.RP-02,RC,partial,,,,\n"), std::string::npos);
  auto j = report_json(r);
  EXPECT_EQ(j["posture"][5]["id"], "RC");
  EXPECT_EQ(j["posture"][5]["score"], 0.214);
}

TEST(Assessment, BadInputSavesNothing) {
  ward::testing::TempDir dir;
  auto store = AssessmentStore::open(dir.path());
  ASSERT_TRUE(store);
  EXPECT_EQ(start_assessment(**store, "iso-27001", "x", "alice").error().code, ErrorCode::not_found);
  EXPECT_TRUE((*store)->list()->empty());
  auto a = start_assessment(**store, "hph-cpg", "CPG review", "alice");
  ASSERT_TRUE(a);
  auto field_of = [&](std::int64_t id, ControlRating r) {
    auto done = rate_control(**store, id, std::move(r), "alice");
    return done ? std::string("(saved)") : done.error().field;
  };
  EXPECT_EQ(field_of(a->id, rating("GV.OC-01", ControlStatus::implemented)), "control");  // a CSF id, not a CPG
  EXPECT_EQ(field_of(a->id, rating("hph-cpg-essential-01", ControlStatus::implemented, "31/03/2027")), "target");
  EXPECT_EQ(field_of(a->id + 1, rating("hph-cpg-essential-01", ControlStatus::implemented)), "assessment");
  EXPECT_TRUE((*store)->ratings(a->id)->empty());
  EXPECT_EQ(parse_control_status("done").error().field, "status");
  // A withdrawn CSF 1.1 subcategory and a category are not rated.
  auto csf = start_assessment(**store, "csf-2.0", "x", "alice");
  EXPECT_EQ(field_of(csf->id, rating("PR.AC-01", ControlStatus::implemented)), "control");
  EXPECT_EQ(field_of(csf->id, rating("GV.OC", ControlStatus::implemented)), "control");
}

TEST(Assessment, WardEvidenceFromVendorsAndKevFindingsLandsOnTheirControls) {
  ward::testing::TempDir dir;
  std::string provenance;  // "imported <day> from idp.csv"
  {
    auto vendors = third_parties::VendorStore::open(dir.path());
    ASSERT_TRUE(vendors);
    third_parties::Vendor signed_ba{.name = "Clearinghouse", .business_associate = true, .baa_status = "signed",
                                    .baa_signed = "2024-01-01"};
    third_parties::Vendor no_baa{.name = "Transcription Co", .business_associate = true, .baa_status = "requested"};
    third_parties::Vendor not_ba{.name = "Coffee", .business_associate = false};
    for (auto v : {signed_ba, no_baa, not_ba}) ASSERT_TRUE((*vendors)->add(v));
    auto remediation = devices::RemediationStore::open(dir.path());
    ASSERT_TRUE(remediation);
    devices::TrackedFinding kev{.device_id = "pump-1", .advisory_id = "CISA-KEV", .cve = "CVE-2017-0144"};
    devices::TrackedFinding kev_patched = kev;
    kev_patched.device_id = "pump-2";
    devices::TrackedFinding csaf{.device_id = "pump-3", .advisory_id = "ICSMA-20-001-01", .cve = "CVE-2019-0001"};
    ASSERT_TRUE(remediation->record_match({kev, kev_patched, csaf}, 1));
    devices::StateChange patched{devices::RemediationState::patched, "vendor patch 2.1 installed", ""};
    ASSERT_TRUE(remediation->set_state("pump-2", "CISA-KEV", "CVE-2017-0144", patched, "bob", 2));
    auto mfa = identity::MfaStore::open(dir.path());
    ASSERT_TRUE(mfa);
    auto imported = identity::import_mfa_export(*mfa, "user_id,enabled,mfa\nE1,yes,yes\nE2,yes,no\nE3,no,no\n", "idp.csv", "alice");
    ASSERT_TRUE(imported);
    provenance = identity::provenance(imported->saved);
  }
  auto store = AssessmentStore::open(dir.path());
  auto a = start_assessment(**store, "csf-2.0", "", "alice");
  auto loaded = load_report(**store, dir.path(), a->id);
  ASSERT_TRUE(loaded) << loaded.error().describe();
  auto notes_of = [&](const std::string& id) {
    for (const ControlLine& l : loaded->report.controls)
      if (l.entry.control->id == id) return l.ward_evidence;
    return std::vector<EvidenceNote>();
  };
  ASSERT_EQ(notes_of("GV.SC-05").size(), 1u);
  EXPECT_EQ(notes_of("GV.SC-05")[0].count, 1);
  EXPECT_EQ(notes_of("GV.SC-05")[0].text,
            "Ward: 1 of 2 business associates has no signed BAA in force: Transcription Co (requested)");
  EXPECT_EQ(notes_of("GV.SC-07").size(), 1u);
  ASSERT_EQ(notes_of("ID.RA-01").size(), 1u);
  EXPECT_EQ(notes_of("ID.RA-01")[0].count, 1);  // pump-2's is patched, pump-3's is not from KEV
  EXPECT_EQ(notes_of("ID.RA-01")[0].text, "Ward: 1 device has 1 open finding in CISA KEV (CVE-2017-0144)");
  EXPECT_EQ(notes_of("PR.PS-02").size(), 1u);
  EXPECT_TRUE(notes_of("GV.OC-01").empty());
  ASSERT_EQ(notes_of("PR.AA-03").size(), 1u);
  EXPECT_EQ(notes_of("PR.AA-03")[0].text,
            "Ward: MFA coverage 1 of 2 enabled accounts (50.0%), " + provenance);
  EXPECT_NE(provenance.find(" from idp.csv"), std::string::npos);
  EXPECT_NE(report_text(loaded->report).find("GV.SC-05 unrated\n  Ward: 1 of 2"), std::string::npos);
  // The CPG catalogue gets the same numbers on its own goals.
  auto cpg = start_assessment(**store, "hph-cpg", "", "alice");
  auto cpg_report = load_report(**store, dir.path(), cpg->id);
  ASSERT_TRUE(cpg_report);
  EXPECT_EQ(cpg_report->report.controls[0].ward_evidence.size(), 1u);  // essential-01: KEV
  EXPECT_EQ(cpg_report->report.controls[9].ward_evidence.size(), 1u);  // essential-10: vendors
}

// The HIPAA Security Rule end to end: rated per safeguard type, a standard with specifications
// refused (it is rated through them), the report showing each control's CFR paragraph and mark.
TEST(Assessment, HipaaSecurityRuleIsRatedPerSafeguardType) {
  ward::testing::TempDir dir;
  auto store = AssessmentStore::open(dir.path());
  ASSERT_TRUE(store);
  auto a = start_assessment(**store, "hipaa-security", "", "alice");
  ASSERT_TRUE(a) << a.error().describe();
  ASSERT_TRUE(rate_control(**store, a->id, rating("hipaa-164.312-a-2-i", ControlStatus::implemented), "alice"));
  ASSERT_TRUE(rate_control(**store, a->id, rating("hipaa-164.312-b", ControlStatus::partial), "alice"));
  auto standard = rate_control(**store, a->id, rating("hipaa-164.312-a-1", ControlStatus::implemented), "alice");
  ASSERT_FALSE(standard);
  EXPECT_EQ(standard.error().field, "control");
  auto loaded = load_report(**store, dir.path(), a->id);
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded->report.posture.size(), 5u);
  EXPECT_EQ(group(loaded->report, "technical").controls, 9);
  EXPECT_DOUBLE_EQ(group(loaded->report, "technical").score, 1.5 / 9);
  const auto j = report_json(loaded->report);
  bool seen = false;
  for (const auto& c : j["controls"])
    if (c["id"] == "hipaa-164.312-a-2-i") {
      EXPECT_EQ(c["label"], "164.312(a)(2)(i)");
      EXPECT_EQ(c["implementation"], "required");
      seen = true;
    }
  EXPECT_TRUE(seen);
}

// SP 800-53 with the LOW baseline: the profile is kept with the assessment and applied again
// when it is read; a MODERATE profile against the LOW catalogue saves nothing.
TEST(Assessment, Sp80053WithABaselineKeepsItsProfile) {
  ward::testing::TempDir dir;
  auto store = AssessmentStore::open(dir.path());
  ASSERT_TRUE(store);
  const std::string frameworks = ward::testing::shared_data("frameworks").string() + "/";
  const std::string catalog = frameworks + "NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json";
  auto a = start_assessment(**store, catalog, "LOW", "alice", frameworks + "NIST_SP-800-53_rev5_LOW-baseline_profile.json");
  ASSERT_TRUE(a) << a.error().describe();
  ASSERT_TRUE(rate_control(**store, a->id, rating("ac-2", ControlStatus::implemented), "alice"));
  auto found = (*store)->find(a->id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->profile, frameworks + "NIST_SP-800-53_rev5_LOW-baseline_profile.json");
  auto loaded = load_report(**store, dir.path(), a->id);
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded->report.overall.implemented, 1);
  EXPECT_EQ(loaded->report.posture.size(), 18u);
  auto moderate = start_assessment(**store, catalog, "MODERATE", "alice", frameworks + "NIST_SP-800-53_rev5_MODERATE-baseline_profile.json");
  ASSERT_FALSE(moderate);
  EXPECT_EQ(moderate.error().field, "profile");
  EXPECT_EQ((*store)->list()->size(), 1u);
}

}  // namespace
}  // namespace ward::controls
