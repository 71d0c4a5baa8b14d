// MFA imports through the store: an import saved and read back with its coverage and accounts,
// the next import replacing the accounts but keeping the history, the report texts; an export
// with nothing readable saves nothing.
#include <gtest/gtest.h>

#include "identity/mfa_import.h"
#include "testing/shared_data.h"

namespace ward::identity {
namespace {

constexpr std::string_view kFirst =
    "userPrincipalName,userDisplayName,isAdmin,isMfaRegistered\n"
    "ana@h.example,Ana Ruiz,false,true\n"
    "ben@h.example,Ben Ito,true,false\n"
    "cy@h.example,Cy Dale,false,maybe\n";

TEST(MfaStore, ImportRoundTripsAndTheNextReplacesTheAccounts) {
  ward::testing::TempDir dir;
  auto store = MfaStore::open(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  auto none = store->latest();
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  EXPECT_EQ(coverage_report_text(*none, {}),
            "No MFA coverage imported yet: ward program mfa import FILE (an identity provider's user export)\n");

  auto first = import_mfa_export(*store, kFirst, "entra.csv", "cli:alice");
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(import_text(*first),
            "entra.csv: read 2 exported users (entra format, MFA from column \"isMfaRegistered\"), 1 rejected row\n"
            "  no enabled column: every listed account counted as enabled\n"
            "  rejected entra.csv:4: isMfaRegistered: \"maybe\" is not yes or no (true/false, 1/0)\n"
            "MFA coverage: 1 of 2 enabled accounts (50.0%); privileged: 0 of 1 account (0.0%)\n");

  // Reopened, as another process would.
  auto again = MfaStore::open(dir.path());
  ASSERT_TRUE(again);
  auto latest = again->latest();
  ASSERT_TRUE(latest && *latest);
  const MfaImport& i = **latest;
  EXPECT_EQ(i.id, first->saved.id);
  EXPECT_EQ(i.source, "entra.csv");
  EXPECT_EQ(i.format, "entra");
  EXPECT_EQ(i.imported_by, "cli:alice");
  EXPECT_EQ(i.rows, 3);
  EXPECT_EQ(i.rejected, 1);
  EXPECT_EQ(i.coverage.enabled, 2);
  EXPECT_EQ(i.coverage.enabled_with_mfa, 1);
  EXPECT_TRUE(i.coverage.privileged_known);
  EXPECT_EQ(i.coverage.privileged, 1);
  EXPECT_EQ(i.coverage.privileged_with_mfa, 0);
  auto accounts = again->accounts();
  ASSERT_TRUE(accounts);
  ASSERT_EQ(accounts->size(), 2u);
  EXPECT_EQ((*accounts)[1].user_id, "ben@h.example");
  EXPECT_EQ((*accounts)[1].display_name, "Ben Ito");
  EXPECT_EQ((*accounts)[1].privileged, true);
  EXPECT_FALSE((*accounts)[1].mfa);
  const std::string shown = coverage_report_text(*latest, *accounts);
  EXPECT_NE(shown.find("MFA coverage: 1 of 2 enabled accounts (50.0%)"), std::string::npos);
  EXPECT_NE(shown.find("from entra.csv by cli:alice (2 exported users, 1 rejected row)\n"
                       "1 enabled account without MFA:\n  ben@h.example  Ben Ito  (privileged)\n"),
            std::string::npos)
      << shown;

  auto second = import_mfa_export(*again, "user_id,enabled,mfa\nE1,yes,yes\nE2,no,no\n", "idp.csv", "token:2 (bob)");
  ASSERT_TRUE(second) << second.error().describe();
  auto replaced = again->accounts();
  ASSERT_TRUE(replaced);
  ASSERT_EQ(replaced->size(), 2u);
  EXPECT_EQ((*replaced)[0].user_id, "E1");
  EXPECT_FALSE((*replaced)[0].privileged.has_value());
  auto history = again->history();
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].source, "entra.csv");
  EXPECT_EQ((*history)[1].coverage.enabled, 1);
  EXPECT_FALSE((*history)[1].coverage.privileged_known);
  const auto j = coverage_report_json(*again->latest(), *replaced);
  EXPECT_EQ(j["import"]["source"], "idp.csv");
  EXPECT_EQ(j["import"]["coverage"]["coverage"], 1.0);
  EXPECT_TRUE(j["import"]["coverage"]["privileged"].is_null());
  EXPECT_TRUE(j["without_mfa"].empty());  // E2 is disabled
}

TEST(MfaStore, NothingReadableSavesNothing) {
  ward::testing::TempDir dir;
  auto store = MfaStore::open(dir.path());
  ASSERT_TRUE(store);
  auto bad = import_mfa_export(*store, "user_id,mfa\nE1,perhaps\n", "idp.csv", "cli:alice");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().describe(),
            "idp.csv: no account could be read (1 rejected row); nothing saved; the first: idp.csv:2: mfa: \"perhaps\" is not "
            "yes or no (true/false, 1/0)");
  auto header_only = import_mfa_export(*store, "user_id,mfa\n", "idp.csv", "cli:alice");
  ASSERT_FALSE(header_only);
  EXPECT_EQ(header_only.error().message, "the export has a header but no account; nothing saved");
  auto no_column = import_mfa_export(*store, "user_id\nE1\n", "idp.csv", "cli:alice");
  ASSERT_FALSE(no_column);
  EXPECT_EQ(no_column.error().field, "mfa");
  auto latest = store->latest();
  ASSERT_TRUE(latest);
  EXPECT_FALSE(*latest);
}

}  // namespace
}  // namespace ward::identity
