// Vendors as the compliance team sees them: checked forms, duplicates refused, the risk score
// with its reasons, expiry reminders and the services that hang on one vendor.
#include <gtest/gtest.h>

#include "testing/shared_data.h"
#include "third_parties/vendor_json.h"
#include "third_parties/vendor_risk.h"
#include "third_parties/vendor_store.h"

namespace ward::third_parties {
namespace {

using nlohmann::json;

incidents::Day day(const char* t) { return *incidents::parse_day(t, "test"); }

const json kClearinghouse = {{"name", "Change Healthcare, Inc."},
                             {"services", {"claims clearinghouse", "eligibility checks"}},
                             {"systems", {"billing", "patient access"}},
                             {"criticality", "critical"},
                             {"business_associate", true},
                             {"phi_categories", {"demographic", "financial"}},
                             {"phi_records", 250000},
                             {"baa_status", "signed"},
                             {"baa_signed", "2024-01-15"},
                             {"baa_expires", "2026-12-20"},
                             {"certifications", {{{"name", "HITRUST r2"}, {"expires", "2027-06-30"}}}},
                             {"access_paths", {"interface", "vpn"}}};

TEST(VendorJson, RefusesBadFormsNamingTheField) {
  auto field_of = [](json body) {
    auto v = vendor_from_json(body);
    return v ? std::string("(accepted)") : v.error().field;
  };
  EXPECT_EQ(field_of(json::object()), "name");
  EXPECT_EQ(field_of({{"name", "X"}, {"criticality", "extreme"}}), "criticality");
  EXPECT_EQ(field_of({{"name", "X"}, {"baa_signed", "2026-02-01"}, {"baa_expires", "2026-01-01"}}), "baa_expires");
  EXPECT_EQ(field_of({{"name", "X"}, {"baa_status", "signed"}}), "baa_signed");
  EXPECT_EQ(field_of({{"name", "X"}, {"access_paths", {"telepathy"}}}), "access_paths");
  EXPECT_EQ(field_of({{"name", "X"}, {"certifications", {{{"name", "SOC 2"}}}}}), "certifications[0].expires");
  EXPECT_EQ(field_of({{"name", "X"}, {"colour", "red"}}), "colour");
  auto v = vendor_from_json(kClearinghouse);
  ASSERT_TRUE(v) << v.error().describe();
  EXPECT_EQ(vendor_from_json(vendor_to_json(*v))->services, v->services);  // round trip
}

TEST(VendorStore, RefusesTheSameVendorTwiceUnderAnotherSpelling) {
  ward::testing::TempDir dir;
  auto store = VendorStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  auto added = (*store)->add(*vendor_from_json(kClearinghouse));
  ASSERT_TRUE(added) << added.error().describe();
  auto again = (*store)->add(*vendor_from_json({{"name", "change healthcare"}}));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().field, "name");
  EXPECT_NE(again.error().message.find("already exists"), std::string::npos);
  EXPECT_EQ((*store)->list()->size(), 1u);
  auto by_name = (*store)->find("CHANGE HEALTHCARE");
  ASSERT_TRUE(by_name && *by_name);
  EXPECT_EQ((*by_name)->id, added->id);
  EXPECT_EQ((*by_name)->certifications.at(0).name, "HITRUST r2");
  EXPECT_TRUE((*store)->find(std::to_string(added->id))->has_value());
  EXPECT_FALSE((*store)->find("99")->has_value());
}

TEST(VendorStore, EditsAVendorKeepingWhatIsNotChangedAndRefusingATakenName) {
  ward::testing::TempDir dir;
  auto store = VendorStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  auto ch = (*store)->add(*vendor_from_json(kClearinghouse));
  auto shred = (*store)->add(*vendor_from_json({{"name", "Shred Co"}}));
  ASSERT_TRUE(ch && shred);

  auto edited = vendor_with_changes(*ch, {{"baa_status", "expired"}, {"criticality", "high"}});
  ASSERT_TRUE(edited) << edited.error().describe();
  ASSERT_TRUE((*store)->update(*edited));
  auto back = (*store)->find(std::to_string(ch->id));
  ASSERT_TRUE(back && *back);
  EXPECT_EQ((*back)->baa_status, "expired");
  EXPECT_EQ((*back)->criticality, "high");
  EXPECT_EQ((*back)->services, ch->services);  // not in the change: kept
  EXPECT_EQ((*back)->baa_expires, "2026-12-20");

  // Checked as a whole: an edit cannot put the dates in the wrong order, nor change the id.
  auto wrong = vendor_with_changes(*ch, {{"baa_expires", "2023-01-01"}});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().field, "baa_expires");
  EXPECT_EQ(vendor_with_changes(*ch, {{"id", 7}}).error().field, "id");
  // Shred Co renamed to the clearinghouse's name: refused, nothing changed.
  auto taken = (*store)->update(*vendor_with_changes(*shred, {{"name", "CHANGE HEALTHCARE"}}));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().field, "name");
  EXPECT_EQ((*(*store)->find(std::to_string(shred->id)))->name, "Shred Co");
  // Renaming itself (another spelling of its own name) is fine.
  EXPECT_TRUE((*store)->update(*vendor_with_changes(*shred, {{"name", "Shred Co."}})));
  Vendor ghost = *shred;
  ghost.id = 99;
  ghost.name = "Ghost";
  EXPECT_EQ((*store)->update(ghost).error().code, ErrorCode::not_found);
  EXPECT_EQ((*store)->remove(99).error().code, ErrorCode::not_found);
  ASSERT_TRUE((*store)->remove(shred->id));
  EXPECT_EQ((*store)->list()->size(), 1u);
}

TEST(VendorRisk, ScoresWithReasons) {
  Vendor ch = *vendor_from_json(kClearinghouse);
  RiskScore r = vendor_risk(ch, day("2026-12-01"));
  EXPECT_EQ(r.score, 30 + 15 + 10 + 5);  // critical, 250k records, vpn, interface; BAA and HITRUST current
  EXPECT_EQ(r.level, "high");
  RiskScore later = vendor_risk(ch, day("2026-12-21"));  // the BAA has expired
  EXPECT_EQ(later.score, 85);
  EXPECT_NE(std::find(later.reasons.begin(), later.reasons.end(), "+25 BAA expired on 2026-12-20"), later.reasons.end());
  Vendor shredder = *vendor_from_json({{"name", "Shred Co"}, {"criticality", "low"}, {"business_associate", true}});
  RiskScore s = vendor_risk(shredder, day("2026-12-01"));
  EXPECT_EQ(s.score, 25);
  EXPECT_EQ(s.level, "low");
  EXPECT_EQ(s.reasons.at(0), "+25 handles PHI without a signed BAA (status none)");
}

TEST(VendorRisk, RemindsOfExpiriesWithinTheWindowAndWhatHasExpired) {
  std::vector<Vendor> vendors = {
      *vendor_from_json(kClearinghouse),
      *vendor_from_json({{"name", "Old Cloud"},
                         {"certifications", {{{"name", "SOC 2 Type II"}, {"expires", "2026-11-01"}}}}})};
  auto r = expiry_reminders(vendors, day("2026-12-01"), 30);
  ASSERT_EQ(r.size(), 2u);  // HITRUST (2027-06-30) is outside the window
  EXPECT_EQ(r[0].vendor, "Old Cloud");
  EXPECT_EQ(r[0].days_left, -30);
  EXPECT_EQ(r[1].what, "BAA");
  EXPECT_EQ(r[1].days_left, 19);
}

TEST(VendorRisk, FindsCriticalServicesThatHangOnOneVendor) {
  std::vector<Vendor> vendors = {
      *vendor_from_json(kClearinghouse),
      *vendor_from_json({{"name", "Availity"}, {"services", {"Eligibility checks"}}, {"criticality", "high"}}),
      *vendor_from_json({{"name", "Shred Co"}, {"services", {"shredding"}}, {"criticality", "low"}})};
  auto c = single_vendor_services(vendors);
  ASSERT_EQ(c.size(), 1u);  // eligibility has two providers; shredding is not critical
  EXPECT_EQ(c[0].service, "claims clearinghouse");
  EXPECT_EQ(c[0].vendor, "Change Healthcare, Inc.");
  EXPECT_EQ(c[0].systems, (std::vector<std::string>{"billing", "patient access"}));
}

}  // namespace
}  // namespace ward::third_parties
