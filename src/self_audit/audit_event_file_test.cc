// The AuditEvent file: an export holds every entry once, a follower appends only what is new,
// also after a restart and after a line cut short, and the file is its owner's alone.
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "self_audit/audit_event_file.h"
#include "self_audit/audit_event_follower.h"
#include "testing/shared_data.h"

namespace ward::self_audit {
namespace {

using ward::testing::TempDir;

std::vector<std::string> lines_of(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string id_on(const std::string& line) {
  auto j = nlohmann::json::parse(line, nullptr, false);
  return j.is_object() ? j.value("id", "") : "(not JSON)";
}

class AuditEventFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_sqlite_store(dir_.path() / "store");
    ASSERT_TRUE(opened);
    store_ = std::move(*opened);
    append(3);
  }
  void append(int n) {
    for (int i = 0; i < n; ++i)
      ASSERT_TRUE(store_->record_api_request({++time_, 1, "GET", "/api/v1/stats", "", 200, "", "R", "127.0.0.1"}));
  }
  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  TimeNs time_ = 1'000'000'000;
  std::filesystem::path file_ = dir_.path() / "audit.ndjson";
};

TEST_F(AuditEventFileTest, AnExportHoldsEveryEntryOnceInAPrivateFile) {
  {
    std::ofstream old(file_);
    old << "an older export\n";
  }
  ::chmod(file_.c_str(), 0600);
  auto f = AuditEventFile::open(file_, "w", AuditEventFile::Mode::replace);
  ASSERT_TRUE(f) << f.error().describe();
  auto n = f->catch_up(*store_);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 3u);
  auto lines = lines_of(file_);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(id_on(lines[0]), "ward-audit-1");
  EXPECT_EQ(id_on(lines[2]), "ward-audit-3");
  struct stat st {};
  ASSERT_EQ(::stat(file_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(AuditEventFileTest, AFollowerAppendsOnlyWhatIsNewAlsoAfterARestart) {
  {
    auto f = AuditEventFile::open(file_, "w", AuditEventFile::Mode::resume);
    ASSERT_TRUE(f);
    ASSERT_TRUE(f->catch_up(*store_));
    append(2);
    auto n = f->catch_up(*store_);
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 2u);
    EXPECT_EQ(*f->catch_up(*store_), 0u);
  }
  append(1);
  {
    std::ofstream cut(file_, std::ios::app);
    cut << R"({"resourceType":"AuditEvent","id":"ward-au)";  // a crash mid-line
  }
  auto f = AuditEventFile::open(file_, "w", AuditEventFile::Mode::resume);
  ASSERT_TRUE(f) << f.error().describe();
  EXPECT_EQ(f->last_seq(), 5);
  ASSERT_TRUE(f->catch_up(*store_));
  auto lines = lines_of(file_);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(id_on(lines[4]), "ward-audit-5");
  EXPECT_EQ(id_on(lines[5]), "(not JSON)");  // the cut line stays on its own
  EXPECT_EQ(id_on(lines[6]), "ward-audit-6");
}

TEST_F(AuditEventFileTest, AFileOthersMayReadOrThatWardDidNotWriteIsRefused) {
  {
    std::ofstream open_file(file_);
  }
  ::chmod(file_.c_str(), 0644);
  EXPECT_FALSE(AuditEventFile::open(file_, "w", AuditEventFile::Mode::resume));
  ::chmod(file_.c_str(), 0600);
  {
    std::ofstream other(file_);
    other << "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n";
  }
  EXPECT_FALSE(AuditEventFile::open(file_, "w", AuditEventFile::Mode::resume));
}

TEST_F(AuditEventFileTest, AFollowerHasEveryEntryOnceItStops) {
  {
    auto f = AuditEventFile::open(file_, "w", AuditEventFile::Mode::resume);
    ASSERT_TRUE(f);
    AuditEventFollower follower(*store_, std::move(*f), std::chrono::milliseconds(5));
    append(4);  // while it runs, and just before it stops
  }
  auto lines = lines_of(file_);
  ASSERT_EQ(lines.size(), 7u);
  for (std::size_t i = 0; i < lines.size(); ++i) EXPECT_EQ(id_on(lines[i]), "ward-audit-" + std::to_string(i + 1));
}

}  // namespace
}  // namespace ward::self_audit
