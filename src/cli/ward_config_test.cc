#include "cli/ward_config.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

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

TEST(WardConfig, DevicesVendorAliasesAddToTheBuiltInTable) {
  auto c = config_from_yaml_text("devices:\n  vendor_aliases:\n    philips: [\"Royal Philips Electronics\"]\n", "ward.yaml");
  ASSERT_TRUE(c) << c.error().describe();
  const auto& philips = c->devices.vendor_aliases.at("philips");
  EXPECT_NE(std::find(philips.begin(), philips.end(), "phillips"), philips.end());
  EXPECT_EQ(philips.back(), "Royal Philips Electronics");
  auto bad = config_from_yaml_text("devices:\n  vendor_aliases:\n    philips: phillips\n", "ward.yaml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("devices.vendor_aliases.philips"), std::string::npos);
  auto unknown = config_from_yaml_text("devices:\n  aliases: {}\n", "ward.yaml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("devices.aliases"), std::string::npos);
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

TEST(WardConfig, ReadsTheSessionsSectionAndNamesABadKey) {
  auto defaults = config_from_yaml_text("", "ward.yaml");
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->sessions.idle_timeout, 30 * 60 * kNsPerSecond);
  EXPECT_EQ(defaults->sessions.absolute_timeout, 12 * 3600 * kNsPerSecond);
  EXPECT_EQ(defaults->sessions.max_failed_logins, 5);
  auto c = config_from_yaml_text(
      "sessions: {idle_timeout: 10m, absolute_timeout: 8h, max_failed_logins: 3, "
      "max_failed_logins_per_address: 50, lockout: 1h}\n",
      "ward.yaml");
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_EQ(c->sessions.idle_timeout, 10 * 60 * kNsPerSecond);
  EXPECT_EQ(c->sessions.absolute_timeout, 8 * 3600 * kNsPerSecond);
  EXPECT_EQ(c->sessions.max_failed_logins, 3);
  EXPECT_EQ(c->sessions.max_failed_logins_per_address, 50);
  EXPECT_EQ(c->sessions.lockout, 3600 * kNsPerSecond);
  auto unknown = config_from_yaml_text("sessions: {idle: 10m}\n", "ward.yaml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().describe().find("sessions.idle"), std::string::npos) << unknown.error().describe();
  auto longer = config_from_yaml_text("sessions: {idle_timeout: 13h}\n", "ward.yaml");
  ASSERT_FALSE(longer);
  EXPECT_EQ(longer.error().message, "sessions.idle_timeout must not be longer than sessions.absolute_timeout");
  EXPECT_FALSE(config_from_yaml_text("sessions: {lockout: soon}\n", "ward.yaml"));
}

TEST(WardConfig, JsonLinesTimeFieldAndStorePollInterval) {
  auto defaults = config_from_yaml_text("", "ward.yaml");
  ASSERT_TRUE(defaults) << defaults.error().describe();
  EXPECT_EQ(defaults->import.json_lines.time_field, "") << "the usual fields in turn";
  EXPECT_EQ(defaults->detection.store_poll_interval, 2 * kNsPerSecond);
  auto c = config_from_yaml_text("ingest:\n  json_time_field: event.created\ndetection:\n  store_poll_interval: 0\n",
                                 "ward.yaml");
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_EQ(c->import.json_lines.time_field, "event.created");
  EXPECT_EQ(c->detection.store_poll_interval, 0);
  auto bad = config_from_yaml_text("detection:\n  store_poll_interval: soon\n", "ward.yaml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().describe().find("detection.store_poll_interval"), std::string::npos) << bad.error().describe();
}

TEST(WardConfig, ReadsTheDetectionSection) {
  auto c = config_from_yaml_text(
      "detection:\n  field_mappings:\n    \"category:proxy\": {cs-host: host}\n  logsources:\n    squid: \"product:squid\"\n",
      "ward.yaml");
  ASSERT_TRUE(c) << c.error().describe();
  ASSERT_EQ(c->detection.field_mappings.entries.size(), 1u);
  EXPECT_EQ(c->detection.field_mappings.entries[0].fields[0].second, "host");
  EXPECT_EQ(c->detection.logsources.at("squid").product, "squid");
  auto bad = config_from_yaml_text("detection:\n  mappings: {}\n", "site.yaml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().source, "site.yaml");
  EXPECT_EQ(bad.error().message, "detection.mappings: unknown key");
}

TEST(WardConfig, DetectionRulesAreRelativeToTheConfigFilesFolder) {
  auto c = config_from_yaml_text("detection:\n  rules: [rules/healthcare, /opt/sigma/rules]\n", "/etc/ward/ward.yaml");
  ASSERT_TRUE(c.has_value()) << c.error().describe();
  ASSERT_EQ(c->detection.rules.size(), 2u);
  EXPECT_EQ(c->detection.rules[0], std::filesystem::path("/etc/ward/rules/healthcare"));
  EXPECT_EQ(c->detection.rules[1], std::filesystem::path("/opt/sigma/rules"));
  auto one = config_from_yaml_text("detection:\n  rules: sigma\n", "site/ward.yaml");
  ASSERT_TRUE(one.has_value()) << one.error().describe();
  ASSERT_EQ(one->detection.rules.size(), 1u);
  EXPECT_EQ(one->detection.rules[0], std::filesystem::path("site/sigma"));
  auto bad = config_from_yaml_text("detection:\n  rules: [{a: b}]\n", "site.yaml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "detection.rules[0]: expected the path of a rule file or folder");
}

TEST(WardConfig, TheAuditFhirFileIsOffByDefaultAndRelativeToTheConfigFilesFolder) {
  auto defaults = config_from_yaml_text("", "/etc/ward/ward.yaml");
  ASSERT_TRUE(defaults);
  EXPECT_TRUE(defaults->audit.fhir_file.empty());
  auto c = config_from_yaml_text("audit:\n  fhir_file: audit/ward-audit.ndjson\n", "/etc/ward/ward.yaml");
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_EQ(c->audit.fhir_file, "/etc/ward/audit/ward-audit.ndjson");
  auto unknown = config_from_yaml_text("audit:\n  fhir_path: x\n", "ward.yaml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("fhir_path"), std::string::npos) << unknown.error().message;
}

TEST(WardConfig, TheAiServiceCatalogueIsBuiltInByDefaultAndRelativeToTheConfigFilesFolder) {
  auto none = config_from_yaml_text("", "ward.yaml");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->ai.service_catalogue.empty());
  const std::filesystem::path folder = std::filesystem::path(::testing::TempDir()) / "ward_config_ai";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "ai.tsv") << "openai\topenai.com\n";
  auto c = config_from_yaml_text("ai:\n  service_catalogue: ai.tsv\n", (folder / "ward.yaml").string());
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_EQ(c->ai.service_catalogue, folder / "ai.tsv");
  auto missing = config_from_yaml_text("ai:\n  service_catalogue: nope.tsv\n", (folder / "ward.yaml").string());
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().describe().find("ai.service_catalogue: no such file"), std::string::npos) << missing.error().describe();
  auto unknown = config_from_yaml_text("ai:\n  catalogue: ai.tsv\n", "ward.yaml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().describe().find("catalogue"), std::string::npos) << unknown.error().describe();
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

TEST(WardConfig, ServeTlsAndIdleTimeout) {
  auto defaults = config_from_yaml_text("", "ward.yaml");
  ASSERT_TRUE(defaults) << defaults.error().describe();
  EXPECT_FALSE(defaults->server.tls_files) << "plain HTTP on loopback unless configured";
  EXPECT_EQ(defaults->server.idle_timeout, std::chrono::seconds(30));
  auto c = config_from_yaml_text(
      "serve:\n  idle_timeout: 10s\n  tls:\n    certificate: /etc/ward/cert.pem\n    key: /etc/ward/key.pem\n",
      "ward.yaml");
  ASSERT_TRUE(c) << c.error().describe();
  ASSERT_TRUE(c->server.tls_files);
  EXPECT_EQ(c->server.tls_files->certificate, "/etc/ward/cert.pem");
  EXPECT_EQ(c->server.tls_files->key, "/etc/ward/key.pem");
  EXPECT_EQ(c->server.idle_timeout, std::chrono::seconds(10));
  auto no_key = config_from_yaml_text("serve:\n  tls:\n    certificate: c.pem\n", "site.yaml");
  ASSERT_FALSE(no_key);
  EXPECT_EQ(no_key.error().message, "serve.tls needs certificate and key (PEM files)");
  auto mllp = config_from_yaml_text("mllp:\n  tls: {certificate: m.pem, key: m.key}\n", "ward.yaml");
  ASSERT_TRUE(mllp) << mllp.error().describe();
  ASSERT_TRUE(mllp->mllp.listener.tls_files);
  EXPECT_EQ(mllp->mllp.listener.tls_files->key, "m.key");
  auto mllp_no_cert = config_from_yaml_text("mllp:\n  tls: {key: m.key}\n", "site.yaml");
  ASSERT_FALSE(mllp_no_cert);
  EXPECT_EQ(mllp_no_cert.error().message, "mllp.tls needs certificate and key (PEM files)");
  auto zero = config_from_yaml_text("serve:\n  idle_timeout: 0s\n", "site.yaml");
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().message, "serve.idle_timeout: must be 1s or more");
}

TEST(WardConfig, MllpIsOffByDefaultAndReadsItsSection) {
  auto defaults = config_from_yaml_text("", "ward.yaml");
  ASSERT_TRUE(defaults) << defaults.error().describe();
  EXPECT_FALSE(defaults->mllp.enabled);
  EXPECT_EQ(defaults->mllp.listener.port, 2575);
  EXPECT_EQ(defaults->mllp.listener.max_message_bytes, 16u * 1024 * 1024);
  auto c = config_from_yaml_text(
      "mllp:\n  enabled: true\n  listen: 0.0.0.0:6661\n  max_message_bytes: 1048576\n"
      "  idle_timeout: 10m\n  max_connections: 8\n  threads: 3\n",
      "ward.yaml");
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_TRUE(c->mllp.enabled);
  EXPECT_EQ(c->mllp.listener.address, "0.0.0.0");
  EXPECT_EQ(c->mllp.listener.port, 6661);
  EXPECT_EQ(c->mllp.listener.max_message_bytes, 1048576u);
  EXPECT_EQ(c->mllp.listener.idle_timeout, std::chrono::minutes(10));
  EXPECT_EQ(c->mllp.listener.max_connections, 8);
  EXPECT_EQ(c->mllp.listener.threads, 3);
}

TEST(WardConfig, MllpProblemsNameTheKey) {
  auto listen = config_from_yaml_text("mllp:\n  listen: 2575\n", "site.yaml");
  ASSERT_FALSE(listen);
  EXPECT_EQ(listen.error().message,
            "mllp.listen: listen address \"2575\" must be HOST:PORT, e.g. 127.0.0.1:2575");
  auto idle = config_from_yaml_text("mllp:\n  idle_timeout: soon\n", "site.yaml");
  ASSERT_FALSE(idle);
  EXPECT_NE(idle.error().message.find("mllp.idle_timeout"), std::string::npos);
  auto unknown = config_from_yaml_text("mllp:\n  port: 2575\n", "site.yaml");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "mllp.port: unknown key");
  EXPECT_FALSE(config_from_yaml_text("mllp:\n  max_message_bytes: 0\n", "site.yaml"));
}

TEST(WardConfig, SyslogIsOffByDefaultAndReadsItsSection) {
  auto defaults = config_from_yaml_text("", "site.yaml");
  ASSERT_TRUE(defaults);
  EXPECT_FALSE(defaults->syslog.enabled);
  ASSERT_TRUE(defaults->syslog.listener.udp);
  EXPECT_EQ(defaults->syslog.listener.udp->port, 5514);
  EXPECT_FALSE(defaults->syslog.listener.tls);
  auto c = config_from_yaml_text(
      "syslog:\n  enabled: true\n  udp: \"\"\n  tcp: 0.0.0.0:1514\n"
      "  tls:\n    listen: '[::1]:6514'\n    certificate: /etc/ward/syslog.crt\n    key: /etc/ward/syslog.key\n"
      "  max_message_bytes: 8192\n  idle_timeout: 10m\n",
      "site.yaml");
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_TRUE(c->syslog.enabled);
  EXPECT_FALSE(c->syslog.listener.udp) << "\"\" turns UDP off";
  ASSERT_TRUE(c->syslog.listener.tcp);
  EXPECT_EQ(c->syslog.listener.tcp->host, "0.0.0.0");
  EXPECT_EQ(c->syslog.listener.tcp->port, 1514);
  ASSERT_TRUE(c->syslog.listener.tls);
  EXPECT_EQ(c->syslog.listener.tls->host, "::1");
  EXPECT_EQ(c->syslog.listener.tls_files.certificate, "/etc/ward/syslog.crt");
  EXPECT_EQ(c->syslog.listener.tls_files.key, "/etc/ward/syslog.key");
  EXPECT_EQ(c->syslog.listener.max_message_bytes, 8192u);
  EXPECT_EQ(c->syslog.listener.idle_timeout, std::chrono::minutes(10));
}

TEST(WardConfig, SyslogProblemsNameTheKey) {
  auto tcp = config_from_yaml_text("syslog:\n  tcp: localhost:514\n", "site.yaml");
  ASSERT_FALSE(tcp);
  EXPECT_EQ(tcp.error().message.substr(0, 11), "syslog.tcp:");
  auto no_key = config_from_yaml_text("syslog:\n  tls:\n    listen: 127.0.0.1:6514\n    certificate: c.pem\n",
                                      "site.yaml");
  ASSERT_FALSE(no_key);
  EXPECT_EQ(no_key.error().message, "syslog.tls needs certificate and key (PEM files) with listen");
  auto unknown = config_from_yaml_text("syslog:\n  port: 514\n", "site.yaml");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "syslog.port: unknown key");
  auto nothing = config_from_yaml_text("syslog:\n  enabled: true\n  udp: ''\n  tcp: ''\n", "site.yaml");
  ASSERT_FALSE(nothing);
  EXPECT_EQ(nothing.error().message, "syslog is enabled but udp, tcp and tls.listen are all off");
  EXPECT_FALSE(config_from_yaml_text("syslog:\n  max_message_bytes: 100\n", "site.yaml"));
}

TEST(WardConfig, MissingDefaultFileIsFineButMissingExplicitFileIsNot) {
  EXPECT_TRUE(load_config(std::nullopt, "/nonexistent-ward-dir"));
  auto r = load_config(std::filesystem::path("/nonexistent-ward-dir/site.yaml"), "/tmp");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().source, "/nonexistent-ward-dir/site.yaml");
}

}  // namespace
}  // namespace ward::cli
