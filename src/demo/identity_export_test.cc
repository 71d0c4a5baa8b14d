// The demo's identity export reads as an Entra ID user registration details export: one account
// per member of staff still employed, IT support as admins, most but not all with MFA; the same
// seed gives the same file.
#include <gtest/gtest.h>

#include "demo/hospital_generator.h"
#include "identity/mfa_coverage.h"
#include "testing/shared_data.h"

namespace ward::demo {
namespace {

TEST(IdentityExport, ReadsAsAnEntraExportOfTheStaff) {
  ward::testing::TempDir dir;
  HospitalSpec spec;
  spec.users = 200;
  spec.patients = 100;
  spec.days = 2;
  spec.identity_export = dir.path() / "entra_user_registration.csv";
  auto files = generate_hospital(spec, dir.path() / "hospital");
  ASSERT_TRUE(files) << files.error().describe();
  EXPECT_EQ(files->files.back(), spec.identity_export);
  const std::string text = ward::testing::read_file(spec.identity_export);
  auto read = identity::read_mfa_export(text, "entra_user_registration.csv");
  ASSERT_TRUE(read) << read.error().describe();
  EXPECT_EQ(read->format, "entra");
  EXPECT_TRUE(read->rejected.empty());
  EXPECT_GT(read->accounts.size(), 180u);  // the staff but the few who left in the window
  EXPECT_LE(read->accounts.size(), 200u);
  const identity::MfaCoverage c = identity::mfa_coverage(read->accounts);
  EXPECT_TRUE(c.privileged_known);
  EXPECT_GT(c.privileged, 0);
  EXPECT_GT(c.enabled_with_mfa, c.enabled * 8 / 10);
  EXPECT_LT(c.enabled_with_mfa, c.enabled);  // some have no MFA: the demo has something to show

  ward::testing::TempDir again;
  spec.identity_export = again.path() / "entra_user_registration.csv";
  ASSERT_TRUE(generate_hospital(spec, again.path() / "hospital"));
  EXPECT_EQ(ward::testing::read_file(spec.identity_export), text);
}

}  // namespace
}  // namespace ward::demo
