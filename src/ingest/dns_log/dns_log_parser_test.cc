// No public BIND or dnsmasq query log is in ../shared/data: these lines are written from BIND's
// ARM (the querylog entry: client object, address#port, (name), view, query: name class type
// flags (destination) [ECS …]), the 9.8-era form jpmens.net quotes, and dnsmasq's log-queries
// output (cache.c: "query[T] name from ip", "forwarded name to ip", "reply name is answer").
#include "ingest/dns_log/dns_log_parser.h"

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using testing::OwnedEvent;

constexpr TimeNs kReference = 1522540800LL * kNsPerSecond;  // 2018-04-01T00:00:00Z

std::unique_ptr<testing::ParsedInput> parse(std::string_view data, ParseOptions options = {}) {
  return testing::parse_input("query.log", options, [&](ParseContext& ctx) {
    return parse_dns_log(data, ctx, {kReference});
  });
}

TimeNs iso(std::string_view text) { return *parse_iso8601(text); }

TEST(BindQueryLog, EntriesWithAndWithoutTimeAndSyslog) {
  auto p = parse(
      "client @0x7f8b1c0a8b20 10.0.0.1#53124 (example.com): query: example.com IN A +E(0)K "
      "(10.0.0.53)\n"
      "24-Mar-2018 08:59:37.123 queries: info: client @0x7fa0d607f200 192.168.1.130#63565 "
      "(example.org): view internal: query: example.org IN NS +E(0)K (192.168.1.130)\n"
      "client 192.168.117.234#53311: view authoritative: query: example.org IN NS -EDC "
      "(192.168.36.217)\n"
      "Mar 24 08:59:38 ns1 named[1234]: client @0x7f00 10.0.0.7#5353 (chatgpt.com): query: "
      "chatgpt.com IN AAAA +E(0)DC (10.0.0.53) [ECS 10.0.0.0/24/0]\n"
      "24-Mar-2018 08:59:39.000 client @0x7f 2001:db8::5#4053 (x.test): query: x.test IN A + "
      "(2001:db8::53)\n"
      "24-Mar-2018 08:59:40.000 query-errors: info: client @0x7f 10.0.0.1#5 (bad.test): query "
      "failed (SERVFAIL) for bad.test/IN/A at query.c:1234\n"
      "24-Mar-2018 08:59:40.000 general: info: zone example.com/IN: loaded serial 7\n");
  ASSERT_EQ(p->sink.events.size(), 5u) << p->sink.rejections[0].error.describe();
  EXPECT_TRUE(p->sink.rejections.empty());
  EXPECT_EQ(p->summary.by_type["bind query"].accepted, 5u);
  EXPECT_EQ(p->summary.by_type["bind query"].skipped, 2u);

  const OwnedEvent& bare = p->sink.events[0];
  EXPECT_EQ(bare.kind, EventKind::dns);
  EXPECT_EQ(bare.action, Action::query);
  EXPECT_EQ(bare.ip, "10.0.0.1");
  EXPECT_EQ(bare.object, "example.com");
  EXPECT_EQ(bare.time, kReference);  // no time on the line: when it was read
  EXPECT_EQ(bare.field("client_port"), "53124");
  EXPECT_EQ(bare.field("qclass"), "IN");
  EXPECT_EQ(bare.field("qtype"), "A");
  EXPECT_EQ(bare.field("flags"), "+E(0)K");
  EXPECT_EQ(bare.field("server"), "10.0.0.53");

  const OwnedEvent& timed = p->sink.events[1];
  EXPECT_EQ(timed.time, iso("2018-03-24T08:59:37.123Z"));
  EXPECT_EQ(timed.field("view"), "internal");
  EXPECT_EQ(timed.field("qtype"), "NS");
  EXPECT_EQ(p->sink.events[2].ip, "192.168.117.234");
  EXPECT_EQ(p->sink.events[2].field("view"), "authoritative");
  EXPECT_EQ(p->sink.events[2].field("flags"), "-EDC");

  const OwnedEvent& via_syslog = p->sink.events[3];
  EXPECT_EQ(via_syslog.time, iso("2018-03-24T08:59:38Z"));
  EXPECT_EQ(via_syslog.host, "ns1");
  EXPECT_EQ(via_syslog.field("app_name"), "named");
  EXPECT_EQ(via_syslog.object, "chatgpt.com");
  EXPECT_EQ(via_syslog.field("ecs"), "ECS 10.0.0.0/24/0");
  EXPECT_EQ(p->sink.events[4].ip, "2001:db8::5");
  EXPECT_EQ(p->sink.events[4].field("client_port"), "4053");
}

TEST(BindQueryLog, PrintTimeIsReadInTheConfiguredZone) {
  ParseOptions options;
  auto zone = find_time_zone("Europe/Berlin");
  ASSERT_TRUE(zone);
  options.local_zone = *zone;
  auto p = parse("24-Mar-2018 08:59:37.123 client @0x1 10.0.0.1#1 (a.test): query: a.test IN A "
                 "+ (10.0.0.53)\n", options);
  ASSERT_EQ(p->sink.events.size(), 1u);
  EXPECT_EQ(p->sink.events[0].time, iso("2018-03-24T07:59:37.123Z"));  // CET, UTC+1
}

TEST(DnsmasqLog, QueriesAnswersAndForwards) {
  auto p = parse(
      "Mar 24 08:59:41 gw dnsmasq[812]: query[A] api.openai.com from 10.0.0.5\n"
      "Mar 24 08:59:41 gw dnsmasq[812]: forwarded api.openai.com to 1.1.1.1\n"
      "Mar 24 08:59:41 gw dnsmasq[812]: reply api.openai.com is 104.18.33.45\n"
      "Mar 24 08:59:42 gw dnsmasq[812]: cached nosuch.example is NXDOMAIN\n"
      "dnsmasq[812]: query[AAAA] example.com from 10.0.0.6\n"
      "Mar 24 08:59:43 dnsmasq[812]: 17 10.0.0.5/41234 query[A] example.net from 10.0.0.5\n"
      "Mar 24 08:59:44 gw dnsmasq[812]: DHCPACK(eth0) 10.0.0.5 00:11:22:33:44:55 laptop\n"
      "Mar 24 08:59:44 gw sshd[99]: Accepted password for bob from 10.0.0.8 port 2 ssh2\n"
      "<30>Mar 24 08:59:45 gw dnsmasq[812]: config printer.lan is 10.0.0.9\n");
  ASSERT_EQ(p->sink.events.size(), 7u) << p->sink.rejections[0].error.describe();
  EXPECT_TRUE(p->sink.rejections.empty());
  EXPECT_EQ(p->summary.by_type["dnsmasq line"].accepted, 7u);
  EXPECT_EQ(p->summary.by_type["dnsmasq line"].skipped, 1u);  // DHCP
  EXPECT_EQ(p->summary.by_type["other syslog message"].skipped, 1u);

  const OwnedEvent& query = p->sink.events[0];
  EXPECT_EQ(query.time, iso("2018-03-24T08:59:41Z"));
  EXPECT_EQ(query.action, Action::query);
  EXPECT_EQ(query.ip, "10.0.0.5");
  EXPECT_EQ(query.host, "gw");
  EXPECT_EQ(query.object, "api.openai.com");
  EXPECT_EQ(query.field("qtype"), "A");
  EXPECT_EQ(query.field("action"), "query");
  const OwnedEvent& forwarded = p->sink.events[1];
  EXPECT_EQ(forwarded.action, Action::unknown);
  EXPECT_EQ(forwarded.field("upstream"), "1.1.1.1");
  const OwnedEvent& reply = p->sink.events[2];
  EXPECT_EQ(reply.field("answer"), "104.18.33.45");
  EXPECT_EQ(reply.outcome, Outcome::success);
  EXPECT_EQ(p->sink.events[3].outcome, Outcome::failure);  // NXDOMAIN
  EXPECT_EQ(p->sink.events[3].field("action"), "cached");
  EXPECT_EQ(p->sink.events[4].time, kReference);
  EXPECT_EQ(p->sink.events[4].field("qtype"), "AAAA");
  const OwnedEvent& extra = p->sink.events[5];
  EXPECT_EQ(extra.field("serial"), "17");
  EXPECT_EQ(extra.field("client_port"), "41234");
  EXPECT_EQ(extra.host, "");
  EXPECT_EQ(p->sink.events[6].field("answer"), "10.0.0.9");
  EXPECT_EQ(p->sink.events[6].object, "printer.lan");
}

TEST(DnsLog, BadLinesAreRejectedNamingThePartAndTheRestGoesOn) {
  std::string text =
      "client @0x7f 10.0.0.1#5 (a.test): query: a.test IN\n"
      "client @0x7f 10.0.0.1#5 (a.test): query: a.test IN A + 10.0.0.53\n"
      "client @0x7f 10.0.0.1#5 a.test query: a.test IN A + (10.0.0.53)\n"
      "31-Foo-2018 08:59:37.123 queries: info: client @0x1 10.0.0.1#1 (a): query: a IN A + (b)\n"
      "hello world, not a log line at all\n"
      "dnsmasq[1]: query[A] caf\xe9.example from 10.0.0.5\n"
      "dnsmasq[1]: query[A] " + std::string(300, 'a') + ".example from 10.0.0.5\n"
      "dnsmasq[1]: query[A] ok.example from 10.0.0.5";
  ParseOptions options;
  options.max_record_bytes = 200;
  auto p = parse(text, options);
  ASSERT_EQ(p->sink.events.size(), 1u);
  EXPECT_EQ(p->sink.events[0].object, "ok.example");
  const auto& r = p->sink.rejections;
  ASSERT_EQ(r.size(), 7u);
  EXPECT_EQ(r[0].error.field, "query");
  EXPECT_EQ(r[0].error.line, 1u);
  EXPECT_EQ(r[0].error.source, "query.log");
  EXPECT_EQ(r[0].record_type, "bind query");
  EXPECT_EQ(r[1].error.field, "server");
  EXPECT_EQ(r[2].error.field, "client");
  EXPECT_EQ(r[3].error.field, "time");
  EXPECT_EQ(r[4].error.field, "line");
  EXPECT_EQ(r[5].error.message, "not valid UTF-8");
  EXPECT_EQ(r[6].error.code, ErrorCode::too_large);
  EXPECT_EQ(r[6].error.line, 7u);
}

TEST(DnsLogDetect, RecognisesQueryLinesOnly) {
  EXPECT_TRUE(looks_like_dns_log("client @0x7f8b 10.0.0.1#53124 (example.com): query: example.com "
                                 "IN A +E(0)K (10.0.0.53)\n"));
  EXPECT_TRUE(looks_like_dns_log("\nMar 24 08:59:41 gw dnsmasq[812]: query[A] x.test from 10.0.0.5\n"));
  EXPECT_TRUE(looks_like_dns_log("<30>Mar 24 08:59:41 gw dnsmasq[812]: query[A] x from 10.0.0.5"));
  EXPECT_FALSE(looks_like_dns_log("<34>Oct 11 22:14:15 mymachine su: 'su root' failed\n"));
  EXPECT_FALSE(looks_like_dns_log("1677971734.079  1234 1.2.3.4 TCP_TUNNEL/200 39 CONNECT x:443 - "
                                  "HIER_DIRECT/1.2.3.4 -\n"));
  EXPECT_FALSE(looks_like_dns_log(""));
}

}  // namespace
}  // namespace ward::ingest
