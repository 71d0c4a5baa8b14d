// The DLP decision: watched destinations from the embedded AI service catalogue, PHI counted by
// type, a block page that names no PHI.
#include "dlp/outbound_inspector.h"

#include <gtest/gtest.h>

#include "phi/scanner_testing.h"

namespace ward::dlp {
namespace {

TEST(DestinationCatalogue, TheEmbeddedAiServices) {
  const DestinationCatalogue& c = DestinationCatalogue::ai_services();
  EXPECT_EQ(c.size(), 348u) << "every rule of data/dlp/ai_service_domains.tsv (MANIFEST: 348)";
  EXPECT_EQ(c.service_of("chat.openai.com"), "openai");
  EXPECT_EQ(c.service_of("CLAUDE.AI"), "anthropic") << "host names compare without case";
  EXPECT_EQ(c.service_of("api.anthropic.com."), "anthropic") << "subdomains, and a trailing dot";
  EXPECT_EQ(c.service_of("notanthropic.com"), "") << "a domain rule matches whole labels only";
  EXPECT_EQ(c.service_of("intranet.hospital.test"), "");
}

TEST(DestinationCatalogue, RuleKindsAndErrors) {
  auto c = DestinationCatalogue::parse("# comment\nx\tfull:exact.example\ny\tkeyword:gpt\nz\tregexp:^ai[0-9]+\\.example$ @ads\n", "t.tsv");
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_EQ(c->service_of("exact.example"), "x");
  EXPECT_EQ(c->service_of("sub.exact.example"), "");
  EXPECT_EQ(c->service_of("mygptbox.net"), "y");
  EXPECT_EQ(c->service_of("ai42.example"), "z");
  auto bad = DestinationCatalogue::parse("ok\tok.example\nbad\tregexp:([\n", "t.tsv");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().line, 2u);
  EXPECT_NE(bad.error().describe().find("t.tsv:2"), std::string::npos);
}

TEST(DestinationHost, FromTheUriOrTheHostHeader) {
  EXPECT_EQ(destination_host("POST http://Chat.OpenAI.com:8080/v1 HTTP/1.1\r\nHost: other\r\n\r\n"), "chat.openai.com");
  EXPECT_EQ(destination_host("POST /v1 HTTP/1.1\r\nhost: api.example.org:443\r\n\r\n"), "api.example.org");
  EXPECT_EQ(destination_host("POST http://user@[::1]:80/ HTTP/1.1\r\n\r\n"), "[::1]");
}

class InspectorTest : public ::testing::Test {
 protected:
  Verdict inspect(std::string_view host, std::string_view body, DlpAction action = DlpAction::block) {
    OutboundInspector inspector(*scanner_, DestinationCatalogue::ai_services(), DlpPolicy{.action = action});
    IcapRequest r;
    r.method = "REQMOD";
    r.http_head = "POST http://" + std::string(host) + "/v1/chat HTTP/1.1\r\n\r\n";
    r.body = body;
    r.body_bytes = body.size();
    r.has_body = true;
    r.headers = {{"x-client-ip", "10.1.2.3"}};
    auto scratch = phi::ScanScratch::make(*scanner_);
    auto v = inspector.inspect(r, *scratch);
    EXPECT_TRUE(v);
    return *v;
  }
  const phi::Scanner* scanner_ = &phi::testing::shared_scanner();
};

constexpr std::string_view kPrompt = R"({"prompt":"Patient John Smith, MRN: 00123456, SSN 460-89-9847, has chest pain."})";

TEST_F(InspectorTest, PhiToAnAiServiceIsBlockedAndCounted) {
  const Verdict v = inspect("chat.openai.com", kPrompt);
  EXPECT_EQ(v.service, "openai");
  EXPECT_EQ(v.client, "10.1.2.3");
  EXPECT_TRUE(v.blocked);
  EXPECT_EQ(v.phi[static_cast<std::size_t>(phi::PhiType::ssn)], 1u);
  EXPECT_EQ(v.phi[static_cast<std::size_t>(phi::PhiType::mrn)], 1u);
  const std::string page = block_page(v);
  EXPECT_NE(page.find("chat.openai.com"), std::string::npos);
  EXPECT_NE(page.find("1 Social Security number"), std::string::npos);
  for (std::string_view value : {"Smith", "00123456", "460-89-9847"}) EXPECT_EQ(page.find(value), std::string::npos) << value;
}

TEST_F(InspectorTest, OtherDestinationsCleanTextAndOtherActionsGoThrough) {
  EXPECT_FALSE(inspect("intranet.hospital.test", kPrompt).scanned) << "not a watched destination: not even scanned";
  const Verdict clean = inspect("claude.ai", R"({"prompt":"List the causes of atrial fibrillation."})");
  EXPECT_TRUE(clean.scanned);
  EXPECT_EQ(clean.total, 0u);
  EXPECT_FALSE(clean.blocked);
  const Verdict alerted = inspect("chat.openai.com", kPrompt, DlpAction::alert);
  EXPECT_GT(alerted.total, 0u);
  EXPECT_FALSE(alerted.blocked) << "alert: let through, an alert is raised";
}

TEST(BlockPage, EscapesWhatItShows) {
  Verdict v;
  v.host = "<script>x</script>";
  EXPECT_EQ(block_page(v).find("<script>"), std::string::npos);
}

}  // namespace
}  // namespace ward::dlp
