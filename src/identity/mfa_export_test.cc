// Identity-provider exports as they come: Entra ID's user registration details (Graph property
// names and the portal's column labels), a plain user_id,enabled,mfa file; bad rows rejected
// with file, line and column while the rest are read; files Ward cannot use refused whole.
#include <gtest/gtest.h>

#include "identity/mfa_export.h"

namespace ward::identity {
namespace {

// As Get-MgReportAuthenticationMethodUserRegistrationDetail | Export-Csv writes it (quoted, with
// Graph's property names; methodsRegistered joined by spaces or commas depending on the script).
constexpr std::string_view kEntraGraph =
    "\"id\",\"userPrincipalName\",\"userDisplayName\",\"userType\",\"isAdmin\",\"isMfaRegistered\",\"isMfaCapable\","
    "\"methodsRegistered\"\r\n"
    "\"0a1\",\"ana.ruiz@hospital.example\",\"Ana Ruiz\",\"member\",\"False\",\"True\",\"True\",\"microsoftAuthenticatorPush, softwareOneTimePasscode\"\r\n"
    "\"0a2\",\"ben.ito@hospital.example\",\"Ben Ito\",\"member\",\"True\",\"True\",\"True\",\"fido2\"\r\n"
    "\"0a3\",\"cy.dale@hospital.example\",\"Cy Dale\",\"member\",\"False\",\"False\",\"False\",\"email\"\r\n";

TEST(MfaExport, ReadsEntraRegistrationDetailsWithGraphNames) {
  auto r = read_mfa_export(kEntraGraph, "entra.csv");
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->format, "entra");
  EXPECT_EQ(r->mfa_column, "isMfaRegistered");
  EXPECT_FALSE(r->has_enabled_column);  // Entra lists enabled users only
  EXPECT_TRUE(r->has_privileged_column);
  EXPECT_EQ(r->rows, 3u);
  EXPECT_TRUE(r->rejected.empty());
  ASSERT_EQ(r->accounts.size(), 3u);
  EXPECT_EQ(r->accounts[0].user_id, "ana.ruiz@hospital.example");  // the UPN, not the object id
  EXPECT_EQ(r->accounts[0].display_name, "Ana Ruiz");
  EXPECT_TRUE(r->accounts[0].enabled);
  EXPECT_TRUE(r->accounts[0].mfa);
  EXPECT_EQ(r->accounts[0].methods, "microsoftAuthenticatorPush, softwareOneTimePasscode");
  EXPECT_EQ(r->accounts[1].privileged, true);
  EXPECT_EQ(r->accounts[0].privileged, false);
  EXPECT_FALSE(r->accounts[2].mfa);
}

TEST(MfaExport, ReadsThePortalsColumnLabelsAndMethodsWhenNoFlag) {
  // The portal's download labels its columns in words; without a registered flag the methods decide.
  const std::string text =
      "User principal name,Name,Admin,Methods registered\n"
      "ana.ruiz@hospital.example,Ana Ruiz,No,\"Microsoft Authenticator app, Email\"\n"
      "cy.dale@hospital.example,Cy Dale,,\"Email; Security question\"\n"
      "dee.moss@hospital.example,Dee Moss,Yes,[]\n";
  auto r = read_mfa_export(text, "portal.csv");
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->format, "entra");
  EXPECT_EQ(r->mfa_column, "Methods registered");
  ASSERT_EQ(r->accounts.size(), 3u);
  EXPECT_TRUE(r->accounts[0].mfa);
  EXPECT_FALSE(r->accounts[1].mfa);  // email and security questions reset passwords; they are not a second factor
  EXPECT_EQ(r->accounts[1].privileged, false);  // a blank admin flag is an ordinary account
  EXPECT_FALSE(r->accounts[2].mfa);
  EXPECT_EQ(r->accounts[2].privileged, true);
}

TEST(MfaExport, ReadsAGenericFileCaseInsensitively) {
  auto r = read_mfa_export("User_ID;Enabled;MFA\nE10001;yes;yes\nE10002;no;no\nE10003;1;0\n", "idp.csv");
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->format, "generic");
  EXPECT_TRUE(r->has_enabled_column);
  EXPECT_FALSE(r->has_privileged_column);
  ASSERT_EQ(r->accounts.size(), 3u);
  EXPECT_FALSE(r->accounts[1].enabled);
  EXPECT_TRUE(r->accounts[2].enabled);
  EXPECT_FALSE(r->accounts[2].mfa);
  EXPECT_FALSE(r->accounts[0].privileged.has_value());
}

TEST(MfaExport, RejectsBadRowsWithFileLineAndColumnAndReadsTheRest) {
  const std::string text =
      "user_id,accountEnabled,mfa\n"
      "E1,true,true\n"
      ",true,true\n"          // line 3: no user
      "E2,maybe,true\n"       // line 4: enabled is not a flag
      "E3,true,\n"            // line 5: mfa empty
      "e1,true,false\n"       // line 6: E1 again (ids compare without case)
      "E4,false,true\n";
  auto r = read_mfa_export(text, "idp.csv");
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->rows, 6u);
  ASSERT_EQ(r->accounts.size(), 2u);
  EXPECT_EQ(r->accounts[1].user_id, "E4");
  ASSERT_EQ(r->rejected.size(), 4u);
  EXPECT_EQ(r->rejected[0].describe(), "idp.csv:3: user_id: empty; every row needs its user");
  EXPECT_EQ(r->rejected[1].describe(), "idp.csv:4: accountEnabled: \"maybe\" is not yes or no (true/false, 1/0)");
  EXPECT_EQ(r->rejected[2].describe(), "idp.csv:5: mfa: empty; expected yes or no");
  EXPECT_EQ(r->rejected[3].describe(), "idp.csv:6: user_id: \"e1\" is already on line 2; an account is listed once");
  EXPECT_EQ(r->rejected[3].field, "user_id");
}

TEST(MfaExport, AnUnclosedQuoteLosesOnlyTheRestOfTheFile) {
  auto r = read_mfa_export("user_id,mfa\nE1,yes\nE2,\"yes\nE3,no\n", "idp.csv");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->accounts.size(), 1u);
  ASSERT_EQ(r->rejected.size(), 1u);
  EXPECT_EQ(r->rejected[0].line, 3u);
  EXPECT_EQ(r->rejected[0].source, "idp.csv");
}

TEST(MfaExport, RefusesFilesWithoutTheColumnsItNeeds) {
  auto no_user = read_mfa_export("name,mfa\nAna,yes\n", "a.csv");
  ASSERT_FALSE(no_user);
  EXPECT_EQ(no_user.error().field, "user_id");
  EXPECT_EQ(no_user.error().line, 1u);
  EXPECT_EQ(no_user.error().source, "a.csv");
  auto no_mfa = read_mfa_export("userPrincipalName,accountEnabled\nana@x.example,true\n", "b.csv");
  ASSERT_FALSE(no_mfa);
  EXPECT_EQ(no_mfa.error().field, "mfa");
  EXPECT_NE(no_mfa.error().describe().find("b.csv:1: mfa: no MFA column"), std::string::npos);
  auto empty = read_mfa_export("", "c.csv");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().describe(), "c.csv:1: the export is empty (no header row)");
}

TEST(MfaExport, StrongMethodsAreSecondFactors) {
  EXPECT_TRUE(has_strong_method("[\"mobilePhone\"]"));
  EXPECT_TRUE(has_strong_method("email, windowsHelloForBusiness"));
  EXPECT_FALSE(has_strong_method("email|securityQuestion|temporaryAccessPass"));
  EXPECT_FALSE(has_strong_method(""));
  EXPECT_FALSE(has_strong_method("none"));
}

}  // namespace
}  // namespace ward::identity
