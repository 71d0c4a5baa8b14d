// PHI sent to AI services: a request with PHI to chat.openai.com goes through the DLP's decision
// (the function the ICAP server calls) and its alert (what `ward serve --icap` stores); the alert
// read back is counted for the service and the user; the usage kept in the store over a window
// shows it beside the counted use, with the registry's status now and the BAA.
#include "ai_governance/phi_to_ai.h"

#include <gtest/gtest.h>

#include "ai_governance/ai_store.h"
#include "ai_governance/ai_system_json.h"
#include "ai_governance/ai_usage_report.h"
#include "ai_governance/workflow.h"
#include "core/time.h"
#include "dlp/phi_alert.h"
#include "phi/scanner_testing.h"
#include "store/store.h"
#include "testing/instants.h"
#include "testing/shared_data.h"

namespace ward::ai_governance {
namespace {

using ward::testing::TempDir;

using ward::testing::kDec1;

// The alert `ward serve --icap` keeps for this request (blocked, as by default).
store::AlertRecord alert_for(std::string_view host, std::string_view user, TimeNs at) {
  const phi::Scanner& scanner = phi::testing::shared_scanner();
  dlp::OutboundInspector inspector(scanner, dlp::DestinationCatalogue::ai_services(), dlp::DlpPolicy{});
  dlp::IcapRequest r;
  r.method = "REQMOD";
  r.http_head = "POST http://" + std::string(host) + "/v1/chat HTTP/1.1\r\n\r\n";
  r.body = R"({"prompt":"Patient John Smith, MRN: 00123456, SSN 460-89-9847, has chest pain."})";
  r.body_bytes = r.body.size();
  r.has_body = true;
  r.headers = {{"x-client-ip", "10.1.2.3"}, {"x-client-username", std::string(user)}};
  auto scratch = phi::ScanScratch::make(scanner);
  auto verdict = inspector.inspect(r, *scratch);
  EXPECT_TRUE(verdict && verdict->total > 0);
  return dlp::phi_alert(*verdict, "127.0.0.1:40000", 1, at);
}

TEST(PhiToAi, TheDlpAlertIsCountedForTheServiceAndTheUser) {
  const auto& catalogue = dlp::DestinationCatalogue::ai_services();
  PhiToAiRows rows;
  EXPECT_TRUE(add_phi_alert(rows, alert_for("chat.openai.com", "alice", kDec1), catalogue));
  EXPECT_TRUE(add_phi_alert(rows, alert_for("api.openai.com", "alice", kDec1 + kNsPerHour), catalogue));
  EXPECT_TRUE(add_phi_alert(rows, alert_for("claude.ai", "", kDec1), catalogue)) << "no user: the client address";
  ASSERT_EQ(rows.size(), 2u);
  const PhiToAiRow& alice = rows.at({"openai", "alice"});
  EXPECT_TRUE(alice.is_user);
  EXPECT_EQ(alice.requests, 2u);
  EXPECT_EQ(alice.blocked, 2u);
  EXPECT_EQ(alice.phi.at("ssn"), 2u);
  EXPECT_EQ(alice.phi.at("mrn"), 2u);
  EXPECT_EQ(alice.hosts, (std::set<std::string>{"api.openai.com", "chat.openai.com"}));
  EXPECT_EQ(alice.last - alice.first, kNsPerHour);
  EXPECT_FALSE(rows.at({"anthropic", "10.1.2.3"}).is_user);

  // The DLP may watch destinations the AI catalogue does not hold (--dlp-destinations): not AI use.
  auto only_anthropic = dlp::DestinationCatalogue::parse("anthropic\tclaude.ai\n", "t.tsv");
  ASSERT_TRUE(only_anthropic);
  PhiToAiRows other;
  EXPECT_FALSE(add_phi_alert(other, alert_for("chat.openai.com", "bob", kDec1), *only_anthropic));
  store::AlertRecord sigma;
  sigma.rule_id = "some-sigma-rule";
  sigma.matched = R"({"destination":"claude.ai"})";
  EXPECT_FALSE(add_phi_alert(other, sigma, catalogue)) << "only the DLP's alerts";
  store::AlertRecord broken = alert_for("claude.ai", "bob", kDec1);
  broken.matched = "not json";
  EXPECT_FALSE(add_phi_alert(other, broken, catalogue));
  EXPECT_TRUE(other.empty());
}

TEST(AiUsageStore, CountsPerSourceAWindowAndPhiWithTheRegistryStatusNow) {
  TempDir dir;
  auto ai = AiStore::open(dir.path());
  ASSERT_TRUE(ai) << ai.error().describe();
  auto store = store::open_sqlite_store(dir.path());
  ASSERT_TRUE(store) << store.error().describe();

  UsageRows day1;
  UsageRow r{true, "ai", 5, kDec1, kDec1 + kNsPerHour, {"chat.openai.com"}};
  day1[{"alice", "openai", "2026-12-01", UsageStatus::unknown}] = r;
  UsageRows day2;
  UsageRow r2{true, "ai", 3, kDec1 + 24 * kNsPerHour, kDec1 + 25 * kNsPerHour, {"claude.ai"}};
  day2[{"alice", "anthropic", "2026-12-02", UsageStatus::unknown}] = r2;
  day2[{"alice", "openai", "2026-12-01", UsageStatus::unknown}] = r;
  ASSERT_TRUE(ai->record_usage("/logs/a.log", day1));
  ASSERT_TRUE(ai->record_usage("/logs/a.log", day1)) << "counting a file again";
  ASSERT_TRUE(ai->record_usage("/logs/b.log", day2));
  auto both = ai->usage_between("2026-12-01", "2026-12-02");
  ASSERT_TRUE(both) << both.error().describe();
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ(both->at({"alice", "openai", "2026-12-01", UsageStatus::unknown}).requests, 10u)
      << "a.log once (replaced, not added) and b.log";
  auto first_day = ai->usage_between("2026-12-01", "2026-12-01");
  ASSERT_TRUE(first_day);
  EXPECT_EQ(first_day->size(), 1u);

  // OpenAI is approved in the registry with a BAA since the logs were counted.
  auto system = parse_ai_system(R"({"name":"ChatGPT Enterprise","domains":["openai.com"],"incident_contact":"x@example.org"})");
  ASSERT_TRUE(system);
  ASSERT_TRUE(ai->put_system(*system, "cli:test"));
  ASSERT_TRUE(record_evidence(*ai, "chatgpt-enterprise", {0, "baa", "BAA signed", "", "cli:test", 0}));
  for (std::string_view area : kReviewAreas) ASSERT_TRUE(record_review(*ai, "chatgpt-enterprise", {std::string(area), "pass", "cli:test", "", 0}));
  ASSERT_TRUE(decide(*ai, "chatgpt-enterprise", {true, "cli:test", "enterprise contract", "", ""}, kDec1));
  ASSERT_TRUE((*store)->add_alerts({alert_for("chat.openai.com", "alice", kDec1 + 2 * kNsPerHour),
                                   alert_for("claude.ai", "alice", kDec1 + 3 * kNsPerHour),
                                   alert_for("claude.ai", "alice", kDec1 + 40 * kNsPerHour)}));

  auto report = usage_from_store(*ai, **store, dlp::DestinationCatalogue::ai_services(), "2026-12-01", "2026-12-01");
  ASSERT_TRUE(report) << report.error().describe();
  const nlohmann::json& j = *report;
  EXPECT_EQ(j["window"]["from"], "2026-12-01");
  EXPECT_EQ(j["ai_requests"], 10);
  ASSERT_EQ(j["usage"].size(), 1u);
  EXPECT_EQ(j["usage"][0]["status"], "approved") << "the registry's status now, not when counted";
  ASSERT_EQ(j["phi_to_ai"].size(), 2u) << "the alert of Dec 2 is outside the window";
  EXPECT_EQ(j["phi_to_ai"][0]["service"], "anthropic");
  EXPECT_EQ(j["phi_to_ai"][0]["status"], "unknown");
  EXPECT_EQ(j["phi_to_ai"][0]["baa"], false);
  EXPECT_EQ(j["phi_to_ai"][1]["service"], "openai");
  EXPECT_EQ(j["phi_to_ai"][1]["status"], "approved");
  EXPECT_EQ(j["phi_to_ai"][1]["baa"], true);
  EXPECT_EQ(j["phi_to_ai"][1]["phi"]["ssn"], 1);
  EXPECT_EQ(j["phi_requests"], 2);
  ASSERT_EQ(j["services"].size(), 2u);
  EXPECT_EQ(j["services"][0]["service"], "anthropic");
  EXPECT_EQ(j["services"][0]["flagged"], true);
  EXPECT_EQ(j["services"][0]["phi_requests"], 1);
  EXPECT_EQ(j["services"][1]["flagged"], false);
  ASSERT_EQ(j["by_user"].size(), 1u);
  EXPECT_EQ(j["by_user"][0]["phi_requests"], 2);
  const std::string text = usage_text(j);
  EXPECT_NE(text.find("PHI sent to AI services"), std::string::npos) << text;
  EXPECT_NE(text.find("approved (BAA)"), std::string::npos) << text;

  auto bad = usage_from_store(*ai, **store, dlp::DestinationCatalogue::ai_services(), "2026-12-02", "2026-12-01");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "to");
  EXPECT_FALSE(usage_from_store(*ai, **store, dlp::DestinationCatalogue::ai_services(), "Dec 1", "2026-12-01"));
}

}  // namespace
}  // namespace ward::ai_governance
