// A generated week for 2,000 users: `ward ai usage`'s counting finds every injected service and
// user, nothing else, and flags none of the approved service's use.
#include "bench/ai_usage_logs.h"

#include <fstream>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "ai_governance/ai_usage.h"

namespace ward::bench {
namespace {

using ai_governance::UsageStatus;

TEST(AiUsageLogs, EveryInjectedUseIsFoundAndTheApprovedServiceIsNotFlagged) {
  const AiUsageLogs logs = generate_ai_usage_logs({.users = 2000, .days = 7, .lines = 100'000, .seed = 7});
  ASSERT_EQ(logs.injected.size(), 40u);
  const std::filesystem::path dir = ::testing::TempDir();
  std::ofstream(dir / "ai_usage_access.log") << logs.squid;
  std::ofstream(dir / "ai_usage_queries.log") << logs.dns;

  ai_governance::UsageOptions options;
  options.status_of = [](std::string_view host) {  // the registry approves Microsoft Copilot only
    return host.ends_with("copilot.microsoft.com") ? UsageStatus::approved : UsageStatus::unknown;
  };
  ai_governance::UsageCounter counter(dlp::DestinationCatalogue::ai_services(), options);
  auto files = ai_governance::count_usage({dir / "ai_usage_access.log", dir / "ai_usage_queries.log"}, counter, 2);
  ASSERT_TRUE(files) << files.error().describe();
  for (const auto& f : *files) {
    EXPECT_FALSE(f.failure);
    EXPECT_EQ(f.summary.rejected(), 0u) << f.path;
  }
  EXPECT_EQ(counter.events(), logs.lines);

  std::set<std::tuple<std::string, std::string, std::string>> found, expected;
  for (const auto& [key, row] : counter.rows()) {
    found.emplace(key.who, key.service, key.day);
    if (key.service == "copilot") EXPECT_EQ(key.status, UsageStatus::approved) << key.who;
    else EXPECT_EQ(key.status, UsageStatus::unknown) << key.who << " " << key.service;
  }
  for (const InjectedAiUse& u : logs.injected) {
    expected.emplace(u.user, u.service, u.day);    // by the proxy, named
    expected.emplace(u.client, u.service, u.day);  // by DNS, the address
  }
  EXPECT_EQ(found, expected) << "every injected user and service, and no ordinary host";
}

}  // namespace
}  // namespace ward::bench
