// `ward ai usage`'s matching and counting on the real samples (../shared/data/proxy_dns,
// zeek_logs) and on small logs written here.
#include "ai_governance/ai_usage.h"

#include <fstream>

#include <gtest/gtest.h>

#include "ai_governance/ai_usage_report.h"
#include "testing/shared_data.h"

namespace ward::ai_governance {
namespace {

const dlp::DestinationCatalogue& catalogue() { return dlp::DestinationCatalogue::ai_services(); }

TEST(AiCatalogue, MatchesWithV2flySemantics) {
  const dlp::ServiceMatch* m = catalogue().match("API.OpenAI.com.");
  ASSERT_NE(m, nullptr) << "case and a trailing dot do not matter";
  EXPECT_EQ(m->service, "openai");
  EXPECT_EQ(m->group, "ai");
  EXPECT_EQ(catalogue().service_of("copilot.microsoft.com"), "copilot") << "the longest suffix wins";
  EXPECT_EQ(catalogue().match("www.bing.com")->group, "mixed");
  EXPECT_EQ(catalogue().service_of("chatgpt-async-webps-prod-eastus-7.webpubsub.azure.com"), "openai") << "regexp rule";
  EXPECT_EQ(catalogue().service_of("other.webpubsub.azure.com"), "");
  EXPECT_EQ(catalogue().service_of("sub.copilot-proxy.githubusercontent.com"), "") << "full: is exact";
  EXPECT_EQ(catalogue().service_of("copilot-proxy.githubusercontent.com"), "github-copilot");
  EXPECT_EQ(catalogue().service_of("ehr.hospital.test"), "");
}

TEST(AiUsage, HostOfUrlsConnectTargetsAndNames) {
  EXPECT_EQ(host_of("https://chat.openai.com/c/1?x=2"), "chat.openai.com");
  EXPECT_EQ(host_of("claude.ai:443"), "claude.ai");
  EXPECT_EQ(host_of("http://user@huggingface.co:8080/x"), "huggingface.co");
  EXPECT_EQ(host_of("gemini.google.com"), "gemini.google.com");
  EXPECT_EQ(host_of("[2001:db8::1]:443"), "");
}

TEST(AiUsage, TheSquidSampleHasNoAiUseAndEveryLineIsRead) {
  UsageCounter counter(catalogue(), {});
  auto files = count_usage({testing::shared_data("proxy_dns/squid_access.log")}, counter, 1);
  ASSERT_TRUE(files) << files.error().describe();
  EXPECT_EQ(counter.events(), 8u);
  EXPECT_EQ(counter.matched(), 0u);
  EXPECT_EQ((*files)[0].summary.rejected(), 0u);
}

TEST(AiUsage, ZeekDnsSampleFindsBingPerClientAndDay) {
  UsageCounter counter(catalogue(), {});
  auto files = count_usage({testing::shared_data("zeek_logs/zeek-default/dns.log.gz")}, counter, 1);
  ASSERT_TRUE(files) << files.error().describe();
  EXPECT_GT(counter.events(), 1000u);
  std::uint64_t bing = 0;
  for (const auto& [key, row] : counter.rows()) {
    EXPECT_FALSE(row.is_user) << "Zeek dns has no user: the client address stands in";
    EXPECT_EQ(key.status, UsageStatus::unknown) << "no registry given";
    if (key.service == "bing") {
      bing += row.requests;
      EXPECT_EQ(row.group, "mixed");
      for (const std::string& h : row.hosts) EXPECT_NE(h.find("bing."), std::string::npos) << h;
    }
  }
  EXPECT_GT(bing, 0u);
}

TEST(AiUsage, ApprovalStatusSinceAndMalformedLines) {
  const std::filesystem::path file = std::filesystem::path(::testing::TempDir()) / "ai_usage_access.log";
  {
    std::ofstream out(file);
    out << "1764579600.000    10 10.0.0.5 TCP_TUNNEL/200 39 CONNECT claude.ai:443 alice HIER_DIRECT/1.2.3.4 -\n"
           "1764579601.000    10 10.0.0.5 TCP_MISS/200 39 GET https://chatgpt.com/c/1 alice HIER_DIRECT/1.2.3.4 text/html\n"
           "this is not a squid line\n"
           "1764579602.000    10 10.0.0.6 TCP_TUNNEL/200 39 CONNECT api.openai.com:443 - HIER_DIRECT/1.2.3.4 -\n"
           "1700000000.000    10 10.0.0.6 TCP_TUNNEL/200 39 CONNECT claude.ai:443 - HIER_DIRECT/1.2.3.4 -\n";
  }
  UsageOptions options;
  options.since = 1764547200LL * kNsPerSecond;  // 2025-12-01
  options.status_of = [](std::string_view host) {
    if (host == "claude.ai") return UsageStatus::approved;
    return host == "chatgpt.com" ? UsageStatus::unapproved : UsageStatus::unknown;
  };
  UsageCounter counter(catalogue(), options);
  auto files = count_usage({file}, counter, 1);
  ASSERT_TRUE(files) << files.error().describe();
  EXPECT_EQ(counter.matched(), 3u);
  EXPECT_EQ(counter.before_since(), 1u);
  UsageReportInput input{counter.rows(), counter.events(), counter.matched(), counter.before_since(), &*files};
  input.department_of = [](std::string_view u) { return u == "alice" ? "Radiology" : ""; };
  input.first_seen = {"anthropic"};
  const nlohmann::json report = usage_json(input);
  ASSERT_EQ(report["usage"].size(), 3u);
  EXPECT_EQ(report["usage"][0]["who"], "10.0.0.6");
  EXPECT_EQ(report["usage"][0]["service"], "openai");
  EXPECT_EQ(report["usage"][0]["status"], "unknown");
  EXPECT_EQ(report["usage"][1]["who"], "alice");
  EXPECT_EQ(report["usage"][1]["department"], "Radiology");
  EXPECT_EQ(report["usage"][1]["service"], "anthropic");
  EXPECT_EQ(report["usage"][1]["status"], "approved");
  EXPECT_EQ(report["usage"][1]["day"], "2025-12-01");
  EXPECT_EQ(report["usage"][2]["status"], "unapproved");
  EXPECT_EQ(report["malformed_lines"], 1);
  ASSERT_EQ(report["malformed"].size(), 1u);
  EXPECT_EQ(report["malformed"][0]["line"], 3);
  const std::string text = usage_text(report);
  EXPECT_NE(text.find(":3: "), std::string::npos) << text;
  EXPECT_NE(text.find("first seen: anthropic"), std::string::npos) << text;
  EXPECT_NE(usage_csv(report).find("alice,true,Radiology,anthropic,ai,2025-12-01,approved,1,"), std::string::npos);
}

}  // namespace
}  // namespace ward::ai_governance
