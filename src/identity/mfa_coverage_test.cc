// MFA coverage maths: enabled accounts with MFA over enabled accounts, disabled ones left out,
// privileged accounts apart when the export says which; and the sentence that states it.
#include <gtest/gtest.h>

#include "core/plural.h"
#include "identity/mfa_coverage.h"

namespace ward::identity {
namespace {

MfaAccount account(const char* id, bool enabled, bool mfa, std::optional<bool> privileged = std::nullopt) {
  MfaAccount a;
  a.user_id = id;
  a.enabled = enabled;
  a.mfa = mfa;
  a.privileged = privileged;
  return a;
}

TEST(MfaCoverage, CountsEnabledAccountsOnly) {
  const MfaCoverage c = mfa_coverage({account("a", true, true), account("b", true, false), account("c", true, true),
                                      account("d", false, false), account("e", false, true)});
  EXPECT_EQ(c.accounts, 5);
  EXPECT_EQ(c.enabled, 3);
  EXPECT_EQ(c.enabled_with_mfa, 2);
  EXPECT_FALSE(c.privileged_known);
  EXPECT_DOUBLE_EQ(*coverage_share(c.enabled_with_mfa, c.enabled), 2.0 / 3);
  EXPECT_EQ(coverage_text(c), "2 of 3 enabled accounts (66.7%)");
}

TEST(MfaCoverage, PrivilegedAccountsApartWhenKnown) {
  const MfaCoverage c = mfa_coverage({account("admin1", true, true, true), account("admin2", true, false, true),
                                      account("admin3", false, false, true), account("u1", true, true, false)});
  EXPECT_TRUE(c.privileged_known);
  EXPECT_EQ(c.privileged, 2);  // the disabled admin does not count
  EXPECT_EQ(c.privileged_with_mfa, 1);
  EXPECT_EQ(coverage_text(c), "2 of 3 enabled accounts (66.7%); privileged: 1 of 2 accounts (50.0%)");
}

TEST(MfaCoverage, NoEnabledAccountHasNoShare) {
  const MfaCoverage c = mfa_coverage({account("d", false, true)});
  EXPECT_FALSE(coverage_share(c.enabled_with_mfa, c.enabled));
  EXPECT_EQ(coverage_text(c), "0 enabled accounts");
  EXPECT_EQ(coverage_text(mfa_coverage({account("a", true, true)})), "1 of 1 enabled account (100.0%)");
}

TEST(Plural, OneIsSingular) {
  EXPECT_EQ(counted(1, "exported user", "exported users"), "1 exported user");
  EXPECT_EQ(counted(2, "exported user", "exported users"), "2 exported users");
  EXPECT_EQ(counted(0, "exported user", "exported users"), "0 exported users");
}

}  // namespace
}  // namespace ward::identity
