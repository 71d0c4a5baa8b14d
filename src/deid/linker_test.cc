// Consistent numbers: keyed ones the same for the same key and value, vault ones random but kept;
// secret files made with mode 0600 and refused when others may read them.
#include "deid/linker.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::deid {
namespace {

namespace fs = std::filesystem;

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0);
  return st.st_mode & 0777;
}

TEST(KeyedLinker, SameKeyAndValueSameNumber) {
  SecretKey a{}, b{};
  b[0] = 1;
  KeyedLinker one(a), again(a), other(b);
  EXPECT_EQ(*one.number("mrn", "4829173"), *again.number("mrn", "4829173"));
  EXPECT_NE(*one.number("mrn", "4829173"), *one.number("mrn", "4829174"));
  EXPECT_NE(*one.number("mrn", "4829173"), *one.number("account", "4829173")) << "kinds are separate spaces";
  EXPECT_NE(*one.number("mrn", "4829173"), *other.number("mrn", "4829173")) << "another key, other codes";
}

TEST(SecretKey, MadeWithMode0600AndReadBack) {
  ward::testing::TempDir dir;
  const fs::path path = dir.path() / "deid.key";
  auto made = load_or_create_key(path);
  ASSERT_TRUE(made) << made.error().describe();
  EXPECT_EQ(mode_of(path), 0600u);
  std::ifstream in(path);
  std::string hex;
  in >> hex;
  EXPECT_EQ(hex.size(), 64u);
  auto read = load_or_create_key(path);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, *made);
}

TEST(SecretKey, RefusedWhenOthersMayReadItOrItIsNotAKey) {
  ward::testing::TempDir dir;
  const fs::path path = dir.path() / "deid.key";
  ASSERT_TRUE(load_or_create_key(path));
  fs::permissions(path, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
  auto open = load_or_create_key(path);
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().describe(), path.string() + ": holds a secret but others may read it (mode 0644); run chmod 600 on it");
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  std::ofstream(path) << "not hex\n";
  auto bad = load_or_create_key(path);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("expected 64 hex digits"), std::string::npos);
  EXPECT_EQ(bad.error().message.find("not hex"), std::string::npos) << "the file's contents are never repeated";
}

TEST(VaultLinker, RandomNumbersKeptAcrossRuns) {
  ward::testing::TempDir dir;
  const fs::path path = dir.path() / "vault.db";
  std::uint64_t first = 0, second = 0;
  {
    auto vault = VaultLinker::open(path);
    ASSERT_TRUE(vault) << vault.error().describe();
    first = *(*vault)->number("mrn", "4829173");
    EXPECT_EQ(*(*vault)->number("mrn", "4829173"), first);
    second = *(*vault)->number("mrn", "4829174");
    EXPECT_NE(first, second);
    ASSERT_TRUE((*vault)->commit());
  }
  EXPECT_EQ(mode_of(path), 0600u);
  auto reopened = VaultLinker::open(path);
  ASSERT_TRUE(reopened);
  EXPECT_EQ(*(*reopened)->number("mrn", "4829173"), first) << "the same code in a later run";
  // Not derived from the value: another vault gives another number.
  ward::testing::TempDir other_dir;
  auto other = VaultLinker::open(other_dir.path() / "vault.db");
  ASSERT_TRUE(other);
  EXPECT_NE(*(*other)->number("mrn", "4829173"), first);
}

TEST(LinkCode, TenCrockfordCharacters) {
  std::set<std::string> codes;
  for (std::uint64_t n : {0ull, 1ull, 0xffffffffffffffffull, 0x123456789abcdefull}) {
    const std::string code = link_code(n);
    EXPECT_EQ(code.size(), 10u);
    EXPECT_EQ(code.find_first_of("ILOU"), std::string::npos) << code;
    codes.insert(code);
  }
  EXPECT_EQ(codes.size(), 4u);
}

}  // namespace
}  // namespace ward::deid
