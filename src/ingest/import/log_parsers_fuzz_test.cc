// Mutated inputs through the text log parsers (Zeek, squid, DNS logs, syslog, ATNA): bytes flipped,
// lines cut short, invalid UTF-8 and separators inserted. Nothing crashes, every parser returns
// normally, and every rejection says where (source, line) and what (field). Deterministic seed.
#include <functional>
#include <random>

#include <gtest/gtest.h>

#include "ingest/atna/atna_parser.h"
#include "ingest/atna/atna_test_support.h"
#include "ingest/dns_log/dns_log_parser.h"
#include "ingest/squid/squid_parser.h"
#include "ingest/syslog/syslog_parser.h"
#include "ingest/zeek/zeek_parser.h"
#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using Parser = std::function<Result<void>(std::string_view, ParseContext&)>;

std::string mutate(std::string text, std::mt19937& rng) {
  static constexpr char kInserts[] = {'\t', ' ', '"', '[', ']', '\\', '<', '>', ':', '#', '\n',
                                      '\xff', '\xc3', '\0', '{', '}', ','};
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    const std::size_t at = rng() % text.size();
    switch (rng() % 4) {
      case 0: text[at] = kInserts[rng() % sizeof kInserts]; break;
      case 1: text.insert(at, 1, kInserts[rng() % sizeof kInserts]); break;
      case 2: text.erase(at, 1 + rng() % 40); break;
      default: text.resize(at); break;  // cut short
    }
  }
  return text;
}

void fuzz(std::string_view name, const std::string& sample, const Parser& parse) {
  std::mt19937 rng(20261130);
  for (int round = 0; round < 300; ++round) {
    const std::string input = mutate(sample, rng);
    testing::CollectingSink sink;
    ParseOptions options;
    options.keep_fields = true;
    options.max_record_bytes = 4096;
    ParseContext ctx("fuzz.log", sink, options);
    auto ok = parse(input, ctx);
    ASSERT_TRUE(ok) << name << " round " << round;
    for (const Rejection& r : sink.rejections) {
      EXPECT_EQ(r.error.source, "fuzz.log") << name;
      EXPECT_GE(r.error.line, 1u) << name << " round " << round;
      EXPECT_FALSE(r.error.field.empty()) << name << " round " << round << ": "
                                          << r.error.message;
      EXPECT_FALSE(r.error.message.empty()) << name;
    }
    EXPECT_EQ(ctx.summary().accepted(), sink.events.size()) << name;
  }
}

TEST(LogParsersFuzz, ZeekTsvAndJson) {
  const auto btest = testing::shared_data("zeek_logs/zeek_btest");
  fuzz("zeek tsv", testing::read_file(btest / "opt.basic__dns.log"), parse_zeek);
  fuzz("zeek json",
       testing::read_file(
           btest / "scripts.base.frameworks.logging.json-non-printable-escaping__http.log.json"),
       parse_zeek);
}

TEST(LogParsersFuzz, Squid) {
  fuzz("squid", testing::read_file(testing::shared_data("proxy_dns/squid_access.log")),
       parse_squid);
}

TEST(LogParsersFuzz, DnsLogsAndSyslog) {
  const std::string dns =
      "24-Mar-2018 08:59:37.123 queries: info: client @0x7fa0 192.168.1.130#63565 (example.org): "
      "view internal: query: example.org IN NS +E(0)K (192.168.1.130) [ECS 10.0.0.0/24/0]\n"
      "Mar 24 08:59:41 gw dnsmasq[812]: 17 10.0.0.5/41234 query[A] api.openai.com from 10.0.0.5\n"
      "Mar 24 08:59:41 gw dnsmasq[812]: reply api.openai.com is 104.18.33.45\n";
  fuzz("dns-log", dns, [](std::string_view d, ParseContext& c) { return parse_dns_log(d, c); });
  const std::string syslog =
      "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 "
      "iut=\"3\" eventSource=\"App\\]lication\" eventID=\"1011\"][p@1 class=\"high\"] "
      "\xef\xbb\xbf" "An application event\n"
      "<38>Mar 24 08:59:37 web01 sshd[2231]: Accepted publickey for alice from 10.0.0.7\n";
  fuzz("syslog", syslog, [](std::string_view d, ParseContext& c) { return parse_syslog(d, c); });
}

// Messages that name at most one patient, so that each accepted message is one event.
std::string atna_sample(std::string_view separator) {
  std::string out;
  for (const char* file : {"dicom-instances-accessed.xml", "dicom-login-failure.xml",
                           "rfc3881-patient-record-read.xml"}) {
    out += testing::read_file(atna_testing::golden(file));
    out += separator;
  }
  return out;
}

TEST(LogParsersFuzz, AtnaFilesAndAtnaInSyslog) {
  fuzz("atna", atna_sample(""), parse_atna);
  fuzz("atna in syslog", testing::read_file(atna_testing::golden("atna-over-syslog.log")),
       [](std::string_view d, ParseContext& c) { return parse_syslog(d, c); });
}

// A damaged message between two good ones costs that message only.
TEST(LogParsersFuzz, AtnaMutationsLoseOnlyTheMutatedMessage) {
  const std::string first =
      testing::read_file(atna_testing::golden("dicom-instances-accessed.xml"));
  const std::string middle = testing::read_file(atna_testing::golden("dicom-query.xml"));
  const std::string last =
      testing::read_file(atna_testing::golden("rfc3881-patient-record-read.xml"));
  std::mt19937 rng(20261130);
  for (int round = 0; round < 300; ++round) {
    const std::string input = first + mutate(middle, rng) + "\n" + last;
    testing::CollectingSink sink;
    ParseContext ctx("fuzz.xml", sink);
    ASSERT_TRUE(parse_atna(input, ctx)) << round;
    ASSERT_TRUE(ctx.flush());
    ASSERT_GE(sink.events.size(), 2u) << round;
    EXPECT_EQ(sink.events.front().patient_id, "MRN-100234") << round;
    EXPECT_EQ(sink.events.back().patient_id, "PT-77812") << round;
    EXPECT_EQ(sink.events.back().purpose, "TREAT") << round;
  }
}

}  // namespace
}  // namespace ward::ingest
