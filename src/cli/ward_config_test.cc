#include "cli/ward_config.h"

#include <date/tz.h>
#include <gtest/gtest.h>

namespace ward::cli {
namespace {

TEST(WardConfig, EmptyFileGivesDefaults) {
  auto c = config_from_yaml_text("", "ward.yaml");
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_EQ(c->server.address, "127.0.0.1");
  EXPECT_EQ(c->server.port, 8080);
  EXPECT_EQ(c->import.parse.max_record_bytes, 16u * 1024 * 1024);
  EXPECT_EQ(c->import.csv_access.time, "timestamp");
}

TEST(WardConfig, ReadsEverySection) {
  auto c = config_from_yaml_text(
      "ingest:\n  time_zone: America/Chicago\n  max_line_bytes: 1000\n"
      "  csv_access:\n    columns: {time: AccessTime}\n    time_format: \"%m/%d/%Y %H:%M\"\n"
      "serve:\n  listen: 127.0.0.1:9999\n  threads: 4\n",
      "ward.yaml");
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_EQ(c->import.parse.local_zone->name(), "America/Chicago");
  EXPECT_EQ(c->import.parse.max_record_bytes, 1000u);
  EXPECT_EQ(c->import.csv_access.time, "AccessTime");
  EXPECT_EQ(c->server.port, 9999);
  EXPECT_EQ(c->server.threads, 4);
}

TEST(WardConfig, ProblemsNameFileAndKey) {
  auto unknown = config_from_yaml_text("serve:\n  port: 1\n", "site.yaml");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().source, "site.yaml");
  EXPECT_EQ(unknown.error().message, "serve.port: unknown key");
  auto zone = config_from_yaml_text("ingest:\n  time_zone: Mars/Base\n", "site.yaml");
  ASSERT_FALSE(zone);
  EXPECT_NE(zone.error().message.find("ingest.time_zone"), std::string::npos);
  auto listen = config_from_yaml_text("serve:\n  listen: everywhere\n", "site.yaml");
  ASSERT_FALSE(listen);
  EXPECT_NE(listen.error().message.find("serve.listen"), std::string::npos);
  auto top = config_from_yaml_text("detect: {}\n", "site.yaml");
  ASSERT_FALSE(top);
  EXPECT_NE(top.error().message.find("detect"), std::string::npos);
}

TEST(WardConfig, MissingDefaultFileIsFineButMissingExplicitFileIsNot) {
  EXPECT_TRUE(load_config(std::nullopt, "/nonexistent-ward-dir"));
  auto r = load_config(std::filesystem::path("/nonexistent-ward-dir/site.yaml"), "/tmp");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().source, "/nonexistent-ward-dir/site.yaml");
}

}  // namespace
}  // namespace ward::cli
