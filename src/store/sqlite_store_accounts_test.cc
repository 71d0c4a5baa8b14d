// Ward's own accounts and sessions in SQLite: a username is taken once, changes apply and end
// sessions when they must, failed sign-ins lock an account, sessions are found by their hash
// and pruned when ended, tokens are listed and revoked, and older token roles are renamed.
#include <gtest/gtest.h>

#include "core/time.h"
#include "store/store.h"
#include "store/store_test_support.h"
#include "testing/shared_data.h"

namespace ward::store {
namespace {

using ward::testing::TempDir;

AccountRecord alice() {
  AccountRecord a;
  a.username = "alice";
  a.display_name = "Alice Adams";
  a.role = "privacy_officer";
  a.password_hash = "$argon2id$not-a-real-one";
  a.created = a.changed = 1000;
  return a;
}

SessionRecord session_of(std::int64_t account, std::string hash, TimeNs at) {
  SessionRecord s;
  s.secret_hash = std::move(hash);
  s.csrf_token = "csrf-" + s.secret_hash;
  s.account_id = account;
  s.created = s.last_seen = at;
  s.idle = 30 * kNsPerMinute;
  s.expires = at + 12 * 60 * kNsPerMinute;
  return s;
}

class SqliteStoreAccounts : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = open_sqlite_store(dir_.path());
    ASSERT_TRUE(s) << s.error().describe();
    store_ = std::move(*s);
    auto id = store_->add_account(alice());
    ASSERT_TRUE(id) << id.error().describe();
    alice_ = *id;
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::int64_t alice_ = 0;
};

TEST_F(SqliteStoreAccounts, AnAccountIsStoredOnceAndReadBack) {
  auto again = store_->add_account(alice());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(again.error().message, "there is already an account \"alice\"");
  auto a = store_->account("alice");
  ASSERT_TRUE(a && *a);
  EXPECT_EQ((*a)->id, alice_);
  EXPECT_EQ((*a)->display_name, "Alice Adams");
  EXPECT_EQ((*a)->role, "privacy_officer");
  EXPECT_EQ((*a)->password_hash, "$argon2id$not-a-real-one");
  EXPECT_FALSE((*a)->disabled);
  auto missing = store_->account("Alice");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
  AccountRecord bob = alice();
  bob.username = "bob";
  bob.display_name = "";
  ASSERT_TRUE(store_->add_account(bob));
  auto all = store_->accounts();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].username, "alice");
  EXPECT_EQ((*all)[1].username, "bob");
  EXPECT_EQ((*all)[1].display_name, "");
}

TEST_F(SqliteStoreAccounts, FailedSignInsLockTheAccountAndUnlockClearsThem) {
  for (int i = 1; i <= 4; ++i) {
    auto until = store_->note_login_failure(alice_, 100 * i, 5, 15 * kNsPerMinute);
    ASSERT_TRUE(until);
    EXPECT_EQ(*until, 0) << "failure " << i;
  }
  EXPECT_EQ((*store_->account("alice"))->failed_logins, 4);
  auto until = store_->note_login_failure(alice_, 500, 5, 15 * kNsPerMinute);
  ASSERT_TRUE(until);
  EXPECT_EQ(*until, 500 + 15 * kNsPerMinute);
  auto locked = *store_->account("alice");
  EXPECT_EQ(locked->locked_until, 500 + 15 * kNsPerMinute);
  EXPECT_EQ(locked->failed_logins, 0);

  ASSERT_TRUE(store_->note_login_failure(alice_, 600, 5, 15 * kNsPerMinute));
  ASSERT_TRUE(store_->note_login_success(alice_));
  EXPECT_EQ((*store_->account("alice"))->failed_logins, 0);

  auto unlocked = store_->change_account({.username = "alice", .unlock = true, .time = 700});
  ASSERT_TRUE(unlocked);
  EXPECT_EQ(unlocked->locked_until, 0);
  EXPECT_EQ(unlocked->changed, 700);
}

TEST_F(SqliteStoreAccounts, SessionsAreFoundByTheirHashWithTheirAccount) {
  ASSERT_TRUE(store_->add_session(session_of(alice_, "hash-1", 1000)));
  auto found = store_->session("hash-1");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->session.csrf_token, "csrf-hash-1");
  EXPECT_EQ((*found)->session.idle, 30 * kNsPerMinute);
  EXPECT_EQ((*found)->account.username, "alice");
  EXPECT_FALSE(*store_->session("hash-2"));

  ASSERT_TRUE(store_->touch_session((*found)->session.id, 5000));
  EXPECT_EQ((*store_->session("hash-1"))->session.last_seen, 5000);
  ASSERT_TRUE(store_->delete_session((*found)->session.id));
  EXPECT_FALSE(*store_->session("hash-1"));
}

TEST_F(SqliteStoreAccounts, ANewSessionPrunesThoseThatHaveEnded) {
  ASSERT_TRUE(store_->add_session(session_of(alice_, "idle", 0)));
  SessionRecord old = session_of(alice_, "old", 0);
  old.idle = 24 * 60 * kNsPerMinute;
  old.expires = 60 * kNsPerMinute;
  ASSERT_TRUE(store_->add_session(old));
  ASSERT_TRUE(store_->add_session(session_of(alice_, "recent", 40 * kNsPerMinute)));
  EXPECT_EQ(ward::store::testing::query(dir_, "SELECT group_concat(secret_hash) FROM (SELECT secret_hash FROM sessions ORDER BY id)"), "old,recent");
  ASSERT_TRUE(store_->add_session(session_of(alice_, "new", 61 * kNsPerMinute)));
  EXPECT_EQ(ward::store::testing::query(dir_, "SELECT group_concat(secret_hash) FROM (SELECT secret_hash FROM sessions ORDER BY id)"), "recent,new");
}

TEST_F(SqliteStoreAccounts, DisablingOrANewPasswordEndsTheSessionsButARoleChangeDoesNot) {
  ASSERT_TRUE(store_->add_session(session_of(alice_, "s1", 1000)));
  auto changed = store_->change_account({.username = "alice", .role = "compliance", .time = 2000});
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->role, "compliance");
  ASSERT_TRUE(*store_->session("s1"));
  EXPECT_EQ((*store_->session("s1"))->account.role, "compliance");

  ASSERT_TRUE(store_->change_account({.username = "alice", .password_hash = "$argon2id$new", .time = 3000}));
  EXPECT_FALSE(*store_->session("s1"));
  EXPECT_EQ((*store_->account("alice"))->password_hash, "$argon2id$new");

  ASSERT_TRUE(store_->add_session(session_of(alice_, "s2", 4000)));
  ASSERT_TRUE(store_->change_account({.username = "alice", .disabled = true, .time = 5000}));
  EXPECT_FALSE(*store_->session("s2"));
  EXPECT_TRUE((*store_->account("alice"))->disabled);

  auto nobody = store_->change_account({.username = "nobody", .disabled = true});
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().code, ErrorCode::not_found);
}

TEST_F(SqliteStoreAccounts, TokensAreListedNewestFirstAndRevoked) {
  ASSERT_TRUE(store_->add_token("h1", "admin", "first"));
  ASSERT_TRUE(store_->add_token("h2", "compliance", "second"));
  auto list = store_->tokens();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].label, "second");
  EXPECT_EQ((*list)[0].revoked, 0);
  ASSERT_TRUE(store_->revoke_token((*list)[1].id, 9000));
  ASSERT_TRUE(store_->revoke_token((*list)[1].id, 9999));  // the first revocation's time stays
  EXPECT_EQ((*store_->tokens())[1].revoked, 9000);
  EXPECT_TRUE((*store_->find_token("h1"))->revoked);
  auto missing = store_->revoke_token(99, 1);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST(SqliteStoreAccountsMigration, OlderTokenRolesTakeIssue7sNames) {
  TempDir dir;
  {
    auto db = ward::store::testing::db_at_version(dir, 14);
    ASSERT_TRUE(db) << db.error().describe();
    ASSERT_TRUE(db->exec(
        "INSERT INTO api_tokens (token_hash, role, label, created_ns) VALUES "
        "('a', 'analyst', 'x', 1), ('b', 'auditor', 'y', 1), ('c', 'privacy_officer', 'z', 1)"));
  }
  auto store = open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();
  EXPECT_EQ((*(*store)->find_token("a"))->role, "security_analyst");
  EXPECT_EQ((*(*store)->find_token("b"))->role, "compliance");
  EXPECT_EQ((*(*store)->find_token("c"))->role, "privacy_officer");
}

}  // namespace
}  // namespace ward::store
