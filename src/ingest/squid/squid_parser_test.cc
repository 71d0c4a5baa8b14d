#include "ingest/squid/squid_parser.h"

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using testing::OwnedEvent;

std::unique_ptr<testing::ParsedInput> parse(std::string_view data, ParseOptions options = {}) {
  return testing::parse_input("access.log", options,
                              [&](ParseContext& ctx) { return parse_squid(data, ctx); });
}

TEST(SquidNative, EveryLineOfTheSampleParses) {
  auto p = parse(testing::read_file(testing::shared_data("proxy_dns/squid_access.log")));
  ASSERT_EQ(p->sink.events.size(), 8u);
  EXPECT_TRUE(p->sink.rejections.empty());
  EXPECT_EQ(p->summary.by_type["squid access"].accepted, 8u);

  const OwnedEvent& tunnel = p->sink.events[0];
  EXPECT_EQ(tunnel.time, 1677971734079000000);  // 1677971734.079
  EXPECT_EQ(tunnel.kind, EventKind::http);
  EXPECT_EQ(tunnel.ip, "1.2.3.4");
  EXPECT_EQ(tunnel.object, "domain.xyz:443");
  EXPECT_EQ(tunnel.outcome, Outcome::success);
  EXPECT_EQ(tunnel.user_id, "");
  EXPECT_EQ(tunnel.field("elapsed"), "1234");
  EXPECT_EQ(tunnel.field("code"), "TCP_TUNNEL");
  EXPECT_EQ(tunnel.field("status"), "200");
  EXPECT_EQ(tunnel.field("method"), "CONNECT");
  EXPECT_EQ(tunnel.field("peerstatus"), "HIER_DIRECT");
  EXPECT_EQ(tunnel.field("peerhost"), "1.2.3.4");
  EXPECT_EQ(tunnel.field("rfc931"), "");  // "-" is left out
  EXPECT_EQ(p->sink.events[1].field("peerhost"), "1.2.3.4");  // double space before the type

  const OwnedEvent& miss = p->sink.events[2];
  EXPECT_EQ(miss.user_id, "user1");
  EXPECT_EQ(miss.object, "http://example.com/index.html");
  EXPECT_EQ(miss.field("type"), "text/html");
  EXPECT_EQ(miss.field("bytes"), "5432");
  EXPECT_EQ(p->sink.events[3].field("peerstatus"), "NONE");  // NONE/-
  EXPECT_EQ(p->sink.events[3].field("peerhost"), "");
  EXPECT_EQ(p->sink.events[4].ip, "2001:db8::1");
  EXPECT_EQ(p->sink.events[4].outcome, Outcome::failure);  // 404
  EXPECT_EQ(p->sink.events[5].field("code"), "TCP_DENIED");
  EXPECT_EQ(p->sink.events[5].outcome, Outcome::failure);
  EXPECT_EQ(p->sink.events[7].user_id, "user@domain.com");
}

TEST(SquidCombined, LineGivesRequestRefererAndAgent) {
  auto p = parse(
      "10.1.2.3 - jdoe [24/Mar/2018:08:59:37 -0700] \"GET http://example.org/a?b=1 HTTP/1.1\" "
      "200 5432 \"http://ref.example/\" \"Mozilla/5.0 (X11; Linux)\" TCP_MISS:HIER_DIRECT\n");
  ASSERT_EQ(p->sink.events.size(), 1u) << (p->sink.rejections.empty()
                                               ? ""
                                               : p->sink.rejections[0].error.describe());
  const OwnedEvent& e = p->sink.events[0];
  EXPECT_EQ(e.time, 1521907177LL * kNsPerSecond);  // 15:59:37 UTC
  EXPECT_EQ(e.ip, "10.1.2.3");
  EXPECT_EQ(e.user_id, "jdoe");
  EXPECT_EQ(e.object, "http://example.org/a?b=1");
  EXPECT_EQ(e.outcome, Outcome::success);
  EXPECT_EQ(e.field("method"), "GET");
  EXPECT_EQ(e.field("version"), "HTTP/1.1");
  EXPECT_EQ(e.field("user_agent"), "Mozilla/5.0 (X11; Linux)");
  EXPECT_EQ(e.field("referer"), "http://ref.example/");
  EXPECT_EQ(e.field("code"), "TCP_MISS");
  EXPECT_EQ(e.field("peerstatus"), "HIER_DIRECT");
}

TEST(SquidNative, BadLinesAreRejectedNamingTheFieldAndTheRestGoesOn) {
  std::string text =
      "1677971735.123    567 192.168.1.100 TCP_MISS/200 5432 GET http://a.example/ u1 "
      "HIER_DIRECT/93.184.216.34 text/html\n"
      "1677971735.123    567 192.168.1.100 TCP_MISS/200 54\n"        // truncated
      "16779717x5.123    567 192.168.1.100 TCP_MISS/200 5 GET u - HIER_NONE/- -\n"  // time
      "1677971735.123    5x7 192.168.1.100 TCP_MISS/200 5 GET u - HIER_NONE/- -\n"  // elapsed
      "1677971735.123    567 192.168.1.100 TCP_MISS 5 GET u - HIER_NONE/- -\n"      // status
      "1677971735.123 1 10.0.0.1 TCP_MISS/200 5 GET http://\xe9t\xe9/ - HIER_NONE/- -\n"
      "1677971735.123 1 10.0.0.1 TCP_MISS/200 5 GET http://" + std::string(300, 'a') +
      " - HIER_NONE/- -\n"
      "10.1.2.3 - - [24/Mar/2018:08:59:37 -0700] \"GET http://x/ HTTP/1.1\n"  // unclosed quote
      "\n"
      "1677971736.000 2 10.0.0.2 TCP_HIT/200 7 GET http://b.example/ - NONE/- image/png";
  ParseOptions options;
  options.max_record_bytes = 200;
  auto p = parse(text, options);
  ASSERT_EQ(p->sink.events.size(), 2u);
  EXPECT_EQ(p->sink.events[1].object, "http://b.example/");
  const auto& r = p->sink.rejections;
  ASSERT_EQ(r.size(), 7u);
  EXPECT_EQ(r[0].error.line, 2u);
  EXPECT_EQ(r[0].error.field, "peerstatus/peerhost");
  EXPECT_EQ(r[0].error.source, "access.log");
  EXPECT_EQ(r[1].error.field, "time");
  EXPECT_EQ(r[2].error.field, "elapsed");
  EXPECT_EQ(r[3].error.field, "code/status");
  EXPECT_EQ(r[4].error.message, "not valid UTF-8");
  EXPECT_EQ(r[5].error.code, ErrorCode::too_large);
  EXPECT_EQ(r[6].error.field, "request");
  EXPECT_EQ(r[6].error.line, 8u);
  EXPECT_EQ(p->summary.by_type["squid access"].rejected, 7u);
}

TEST(SquidDetect, RecognisesNativeAndCombinedLines) {
  EXPECT_TRUE(looks_like_squid(
      "1677971734.079  1234 1.2.3.4 TCP_TUNNEL/200 39 CONNECT domain.xyz:443 - HIER_DIRECT/1.2.3.4 -\n"));
  EXPECT_TRUE(looks_like_squid("10.1.2.3 - - [24/Mar/2018:08:59:37 -0700] \"GET / HTTP/1.1\" 200 1 "
                               "\"-\" \"curl\" TCP_MISS:HIER_DIRECT\n"));
  // An Apache combined line without squid's code:hierarchy is not squid's.
  EXPECT_FALSE(looks_like_squid("10.1.2.3 - - [24/Mar/2018:08:59:37 -0700] \"GET / HTTP/1.1\" 200 1 "
                                "\"-\" \"curl\"\n"));
  EXPECT_FALSE(looks_like_squid("#separator \\x09\n"));
  EXPECT_FALSE(looks_like_squid("<34>Oct 11 22:14:15 mymachine su: 'su root' failed\n"));
  EXPECT_FALSE(looks_like_squid("timestamp,user_id,patient_id\n"));
}

}  // namespace
}  // namespace ward::ingest
