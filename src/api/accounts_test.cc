// Passwords as Ward keeps them (Argon2id strings at the cost asked for), what create_account
// takes, the older role names, and the in-memory throttle's window and bound.
#include "api/accounts.h"

#include <gtest/gtest.h>

#include "api/login_throttle.h"
#include "api/roles.h"
#include "store/store.h"
#include "testing/shared_data.h"

namespace ward::api {
namespace {

TEST(Passwords, AreKeptAsArgon2idStringsThatOnlyTheirPasswordMatches) {
  auto hash = hash_password("correct horse battery", interactive_password_cost());
  ASSERT_TRUE(hash) << hash.error().describe();
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
  EXPECT_TRUE(password_matches(*hash, "correct horse battery"));
  EXPECT_FALSE(password_matches(*hash, "correct horse batterY"));
  EXPECT_FALSE(password_matches(*hash, ""));
  EXPECT_FALSE(password_matches("not a hash", "correct horse battery"));
  auto again = hash_password("correct horse battery", cheap_password_cost());
  ASSERT_TRUE(again);
  EXPECT_NE(*again, *hash) << "a salt of its own";
  EXPECT_TRUE(password_matches(*again, "correct horse battery"));
}

TEST(Passwords, ShorterThanTwelveOrLongerThan1024AreRefusedWithoutBeingEchoed) {
  auto short_one = hash_password("elevenchars", cheap_password_cost());
  ASSERT_FALSE(short_one);
  EXPECT_EQ(short_one.error().message, "the password is too short: use at least 12 characters");
  EXPECT_TRUE(hash_password("twelve chars", cheap_password_cost()));
  EXPECT_FALSE(hash_password(std::string(1025, 'x'), cheap_password_cost()));
}

TEST(Accounts, CreateAccountChecksTheNameRoleAndPassword) {
  ward::testing::TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store);
  auto ok = create_account(**store, {"alice.a@example", "Alice", "auditor", "a long enough password"}, cheap_password_cost());
  ASSERT_TRUE(ok) << ok.error().describe();
  EXPECT_EQ(ok->role, "compliance");
  EXPECT_TRUE(password_matches((*(*store)->account("alice.a@example"))->password_hash, "a long enough password"));
  for (const char* bad : {"", "has space", "semi;colon", "quote'"}) {
    auto r = create_account(**store, {bad, "", "admin", "a long enough password"}, cheap_password_cost());
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "username");
  }
  auto role = create_account(**store, {"bob", "", "root", "a long enough password"}, cheap_password_cost());
  ASSERT_FALSE(role);
  EXPECT_EQ(role.error().message,
            "unknown role \"root\" (use admin, privacy_officer, security_analyst, compliance or executive)");
}

TEST(Roles, OlderNamesMeanIssue7s) {
  EXPECT_EQ(*role_named("analyst"), "security_analyst");
  EXPECT_EQ(*role_named("auditor"), "compliance");
  for (std::string_view r : kRoles) EXPECT_EQ(*role_named(r), r);
  EXPECT_FALSE(role_named("Admin"));
}

TEST(LoginThrottle, LocksAKeyForTheWindowAfterMaxFailuresWithinIt) {
  LoginThrottle t(3, 100);
  EXPECT_EQ(t.note_failure("a", 0), 0);
  EXPECT_EQ(t.note_failure("a", 10), 0);
  EXPECT_EQ(t.note_failure("a", 20), 120);
  EXPECT_EQ(t.locked_until("a", 50), 120);
  EXPECT_EQ(t.locked_until("a", 120), 0);
  EXPECT_EQ(t.locked_until("b", 50), 0);
  // Failures further apart than the window do not add up.
  EXPECT_EQ(t.note_failure("c", 0), 0);
  EXPECT_EQ(t.note_failure("c", 50), 0);
  EXPECT_EQ(t.note_failure("c", 200), 0);
}

TEST(LoginThrottle, AtItsBoundItForgetsEndedWindowsFirstThenTheOldest) {
  LoginThrottle t(2, 100, /*max_keys=*/2);
  t.note_failure("old", 0);
  t.note_failure("locked", 50);
  EXPECT_EQ(t.note_failure("locked", 51), 151);
  t.note_failure("new", 120);  // "old" has ended and goes; "locked" stays
  EXPECT_EQ(t.locked_until("locked", 130), 151);
  t.note_failure("newer", 125);  // nothing has ended: the key seen least recently ("new") goes
  EXPECT_EQ(t.locked_until("locked", 130), 151);
  EXPECT_EQ(t.note_failure("new", 126), 0) << "counted from scratch";
}

}  // namespace
}  // namespace ward::api
