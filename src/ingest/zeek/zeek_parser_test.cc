#include "ingest/zeek/zeek_parser.h"

#include <map>
#include <regex>

#include <gtest/gtest.h>

#include "core/file_reader.h"
#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using testing::OwnedEvent;

constexpr TimeNs kUnmasked = 1300000000LL * kNsPerSecond + 123456000;

std::string read_sample(const std::filesystem::path& path) {
  auto bytes = read_input_file(path);
  EXPECT_TRUE(bytes) << path;
  return bytes ? std::string(bytes->view()) : std::string();
}

// Zeek's btest baselines mask times as XXXXXXXXXX.XXXXXX; for field tests they get a real one.
std::string unmask(std::string text) {
  return std::regex_replace(text, std::regex("XXXXXXXXXX\\.XXXXXX"), "1300000000.123456");
}

std::unique_ptr<testing::ParsedInput> parse(std::string_view data, std::string source = "zeek.log",
                                             ParseOptions options = {}) {
  return testing::parse_input(std::move(source), options,
                              [&](ParseContext& ctx) { return parse_zeek(data, ctx); });
}

std::vector<std::string> all(const OwnedEvent& e, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& [n, v] : e.fields)
    if (n == name) values.push_back(v);
  return values;
}

bool has_field(const OwnedEvent& e, std::string_view name) { return !all(e, name).empty(); }

std::uint64_t data_lines(std::string_view text) {
  std::uint64_t n = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > pos && text[pos] != '#') ++n;
    pos = end + 1;
  }
  return n;
}

std::filesystem::path btest(std::string_view name) {
  return testing::shared_data("zeek_logs/zeek_btest") / std::string(name);
}

TEST(ZeekTsv, ConnRecordGivesAddressesPortsAndProtocol) {
  auto p = parse(unmask(testing::read_file(btest("opt.basic__conn.log"))));
  ASSERT_EQ(p->sink.events.size(), 34u);
  EXPECT_EQ(p->summary.by_type["zeek conn"].accepted, 34u);
  EXPECT_TRUE(p->sink.rejections.empty());
  const OwnedEvent& e = p->sink.events[0];
  EXPECT_EQ(e.time, kUnmasked);
  EXPECT_EQ(e.kind, EventKind::network);
  EXPECT_EQ(e.id, "CHhAvVGS1DHFjwGM9");
  EXPECT_EQ(e.ip, "141.142.220.202");
  EXPECT_EQ(e.object, "224.0.0.251:5353");
  EXPECT_EQ(e.outcome, Outcome::failure);  // S0: no reply
  EXPECT_EQ(e.field("id.orig_h"), "141.142.220.202");
  EXPECT_EQ(e.field("id.resp_p"), "5353");
  EXPECT_EQ(e.field("proto"), "udp");
  EXPECT_EQ(e.field("_path"), "conn");
  EXPECT_FALSE(has_field(e, "duration"));        // "-": unset
  EXPECT_FALSE(has_field(e, "tunnel_parents"));  // an unset set
  EXPECT_EQ(p->sink.events[1].object, "[ff02::fb]:5353");
  EXPECT_EQ(p->sink.events[3].outcome, Outcome::success);  // SF
  EXPECT_EQ(p->sink.events[3].field("duration"), "0.000435");
}

TEST(ZeekTsv, DnsRecordGivesQueryAnswersAndRcode) {
  auto p = parse(unmask(testing::read_file(btest("opt.basic__dns.log"))));
  ASSERT_EQ(p->sink.events.size(), 34u);
  const OwnedEvent& first = p->sink.events[0];
  EXPECT_EQ(first.kind, EventKind::dns);
  EXPECT_EQ(first.action, Action::query);
  EXPECT_EQ(first.object, "gemini._sftp-ssh._tcp.local");
  EXPECT_EQ(first.field("query"), "gemini._sftp-ssh._tcp.local");
  EXPECT_EQ(first.field("qtype_name"), "SRV");
  EXPECT_EQ(first.outcome, Outcome::unknown);  // no rcode
  EXPECT_EQ(p->sink.events[4].field("rcode_name"), "NXDOMAIN");
  EXPECT_EQ(p->sink.events[4].outcome, Outcome::failure);
  const OwnedEvent& answered = p->sink.events[5];
  EXPECT_EQ(answered.outcome, Outcome::success);
  EXPECT_EQ(all(answered, "answers"),
            (std::vector<std::string>{"upload.pmtpa.wikimedia.org", "208.80.152.3"}));
  EXPECT_EQ(all(answered, "TTLs"), (std::vector<std::string>{"124.000000", "2156.000000"}));
  int nxdomain = 0;
  for (const OwnedEvent& e : p->sink.events) nxdomain += e.field("rcode_name") == "NXDOMAIN";
  EXPECT_EQ(nxdomain, 4);
  EXPECT_EQ(answered.id.rfind("dns/", 0), 0u);
}

TEST(ZeekTsv, TxtAnswersSplitOnTheSetSeparatorOnly) {
  auto p = parse(unmask(
      testing::read_file(btest("scripts.base.protocols.dns.multiple-txt-strings__dns.log"))));
  ASSERT_EQ(p->sink.events.size(), 1u);
  auto answers = all(p->sink.events[0], "answers");
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0], "fa14._domainkey.flickr.com");
  EXPECT_EQ(answers[2].rfind("TXT 127 k=rsa; p=MIGf", 0), 0u);
  EXPECT_EQ(all(p->sink.events[0], "TTLs").size(), 3u);
}

TEST(ZeekTsv, HttpRecordGivesUrlAndStatus) {
  auto p = parse(unmask(testing::read_file(btest("opt.basic__http.log"))));
  ASSERT_EQ(p->sink.events.size(), 14u);
  const OwnedEvent& e = p->sink.events[0];
  EXPECT_EQ(e.kind, EventKind::http);
  EXPECT_EQ(e.object, "http://bits.wikimedia.org/skins-1.5/monobook/main.css");
  EXPECT_EQ(e.field("status_code"), "304");
  EXPECT_EQ(e.outcome, Outcome::success);
  EXPECT_EQ(e.field("user_agent").rfind("Mozilla/5.0 (X11;", 0), 0u);
  EXPECT_FALSE(has_field(e, "tags"));  // (empty) set: no items
  EXPECT_EQ(e.id, "http/CUM0KZ3MLUfNB0cl11/1");
}

TEST(ZeekTsv, EmptyStringFieldIsPresentAndEmpty) {
  auto p = parse(
      unmask(testing::read_file(btest("scripts.base.protocols.http.http-methods__http.log"))));
  ASSERT_EQ(p->sink.events.size(), 49u);
  const OwnedEvent& e = p->sink.events[1];
  EXPECT_EQ(e.field("method"), "OPTIONS");
  EXPECT_TRUE(has_field(e, "uri"));
  EXPECT_EQ(e.field("uri"), "");
  EXPECT_EQ(e.outcome, Outcome::failure);  // 400
  EXPECT_FALSE(has_field(p->sink.events[2], "method"));  // unset
}

TEST(ZeekTsv, SslRecordGivesServerNameAndEstablished) {
  auto p = parse(unmask(testing::read_file(btest("scripts.base.protocols.ssl.basic__ssl.log"))));
  ASSERT_EQ(p->sink.events.size(), 1u);
  const OwnedEvent& e = p->sink.events[0];
  EXPECT_EQ(e.object, "ssl.gstatic.com");
  EXPECT_EQ(e.field("server_name"), "ssl.gstatic.com");
  EXPECT_EQ(e.outcome, Outcome::success);
  EXPECT_EQ(all(e, "cert_chain_fps").size(), 2u);
  EXPECT_EQ(e.id, "ssl/CHhAvVGS1DHFjwGM9");
  auto p2 = parse(unmask(
      testing::read_file(btest("scripts.policy.protocols.ssl.validate-certs-no-cache__ssl.log"))));
  ASSERT_EQ(p2->sink.events.size(), 3u);
  EXPECT_EQ(p2->sink.events[0].object, "128.32.169.140:443");  // no SNI: the server
  EXPECT_EQ(p2->sink.events[1].field("validation_status"), "ok");
}

TEST(ZeekJson, SameFieldsAsTheTsvOfTheSameLog) {
  const std::string base = "scripts.base.frameworks.logging.json-non-printable-escaping__http.log";
  auto tsv = parse(unmask(testing::read_file(btest(base + ".tsv"))));
  auto json = parse(unmask(testing::read_file(btest(base + ".json"))));
  ASSERT_EQ(tsv->sink.events.size(), 4u);
  ASSERT_EQ(json->sink.events.size(), 4u);
  EXPECT_TRUE(json->sink.rejections.empty());
  for (std::size_t i = 0; i < 4; ++i) {
    const OwnedEvent &t = tsv->sink.events[i], &j = json->sink.events[i];
    EXPECT_EQ(t.time, j.time);
    EXPECT_EQ(t.object, j.object);
    EXPECT_EQ(t.ip, j.ip);
    for (std::string_view name : {"uid", "id.orig_h", "id.resp_p", "uri", "status_msg"})
      EXPECT_EQ(t.field(name), j.field(name)) << name;
    EXPECT_EQ(all(t, "resp_mime_types"), all(j, "resp_mime_types"));
  }
  EXPECT_EQ(json->sink.events[1].field("uri"), "/printable_\xf0\x9f\x98\x84");
  EXPECT_EQ(json->sink.events[2].field("uri"), "/non_printable_\\x07");  // as Zeek wrote it
  // The TSV's doubled backslash is undone: both formats give Zeek's own text.
  EXPECT_EQ(tsv->sink.events[3].field("uri"), "/non_printable_literal_\\x07");
  EXPECT_EQ(tsv->sink.events[0].object, "http://172.24.0.3/regular_file.html");
  EXPECT_EQ(json->summary.by_type["zeek http"].accepted, 4u);  // no _path: told by its fields
  EXPECT_EQ(json->sink.events[0].time, kUnmasked);
}

TEST(ZeekTsv, MaskedBtestTimesAreRejectedNamingTs) {
  for (const char* name : {"opt.basic__conn.log", "core.cisco-fabric-path__conn.log"}) {
    auto p = parse(testing::read_file(btest(name)), name);
    EXPECT_TRUE(p->sink.events.empty());
    ASSERT_FALSE(p->sink.rejections.empty());
    const Rejection& r = p->sink.rejections[0];
    EXPECT_EQ(r.error.field, "ts");
    EXPECT_EQ(r.error.source, name);
    EXPECT_EQ(r.error.line, 10u);  // after the banner and eight header lines
    EXPECT_EQ(r.record_type, "zeek conn");
  }
}

TEST(ZeekTsv, EveryBtestLogParses) {
  const std::map<std::string, std::uint64_t> expected = {
      {"core.cisco-fabric-path__conn.log", 64},
      {"opt.basic__conn.log", 34},
      {"opt.basic__dns.log", 34},
      {"opt.basic__http.log", 14},
      {"scripts.base.frameworks.logging.json-non-printable-escaping__http.log.json", 4},
      {"scripts.base.frameworks.logging.json-non-printable-escaping__http.log.tsv", 4},
      {"scripts.base.protocols.dns.multiple-txt-strings__dns.log", 1},
      {"scripts.base.protocols.http.http-methods__http.log", 49},
      {"scripts.base.protocols.ssl.basic__ssl.log", 1},
      {"scripts.policy.protocols.ssl.validate-certs-no-cache__ssl.log", 3}};
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(btest(""))) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("LICENSE", 0) == 0) continue;
    ++files;
    auto p = parse(unmask(testing::read_file(entry.path())), name);
    ASSERT_TRUE(expected.count(name)) << name;
    EXPECT_EQ(p->sink.events.size(), expected.at(name)) << name;
    EXPECT_TRUE(p->sink.rejections.empty()) << name;
  }
  EXPECT_EQ(files, expected.size());
}

TEST(ZeekTsv, EveryZeekDefaultLogParsesWithoutRejections) {
  std::size_t files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::shared_data("zeek_logs/zeek-default"))) {
    const std::string text = read_sample(entry.path());
    auto p = parse(text, entry.path().string());
    EXPECT_EQ(p->sink.events.size(), data_lines(text)) << entry.path();
    EXPECT_TRUE(p->sink.rejections.empty()) << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 30u);
}

TEST(ZeekTsv, RealDnsAndSslLogsCountsAndTimes) {
  const auto dir = testing::shared_data("zeek_logs/zeek-default");
  auto ssl = parse(read_sample(dir / "ssl.log.gz"));
  ASSERT_EQ(ssl->sink.events.size(), 49474u);
  EXPECT_EQ(ssl->summary.by_type["zeek ssl"].accepted, 49474u);
  const OwnedEvent& first = ssl->sink.events[0];
  EXPECT_EQ(first.time, 1521911720615923000);  // ts 1521911720.615923
  EXPECT_EQ(first.ip, "10.164.94.120");
  EXPECT_EQ(first.object, "10.47.3.200:443");
  EXPECT_EQ(first.field("validation_status"), "unable to get local issuer certificate");
  auto dns = parse(read_sample(dir / "dns.log.gz"));
  ASSERT_EQ(dns->sink.events.size(), 53615u);
  const OwnedEvent& last = dns->sink.events.back();
  EXPECT_EQ(last.object, "talk.google.com");
  EXPECT_EQ(last.field("qtype_name"), "A");
  EXPECT_EQ(last.time, 1521912990151237000);
}

TEST(ZeekJson, EveryZeekJsonLogParsesWithIsoTimes) {
  std::size_t files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::shared_data("zeek_logs/zeek-json"))) {
    const std::string text = read_sample(entry.path());
    auto p = parse(text, entry.path().string());
    EXPECT_EQ(p->sink.events.size(), data_lines(text)) << entry.path();
    EXPECT_TRUE(p->sink.rejections.empty()) << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 28u);
  auto smtp = parse(read_sample(testing::shared_data("zeek_logs/zeek-json/smtp.json.gz")));
  ASSERT_EQ(smtp->sink.events.size(), 1188u);
  const OwnedEvent& e = smtp->sink.events[0];
  EXPECT_EQ(e.time, 1521911721789543000);  // "2018-03-24T17:15:21.789543Z", as in the TSV
  EXPECT_EQ(e.field("_path"), "smtp");
  EXPECT_EQ(e.field("id.resp_p"), "25");
  EXPECT_EQ(e.field("tls"), "true");
  EXPECT_EQ(all(e, "path"), (std::vector<std::string>{"10.47.8.208", "10.164.94.120"}));
  EXPECT_EQ(smtp->summary.by_type["zeek smtp"].accepted, 1188u);
}

TEST(ZeekJson, RealSyslogLogReadsAlikeInBothFormats) {
  // 606 of its messages carry backslashes (Windows paths), doubled in the TSV only.
  auto tsv = parse(read_sample(testing::shared_data("zeek_logs/zeek-default/syslog.log.gz")));
  auto json = parse(read_sample(testing::shared_data("zeek_logs/zeek-json/syslog.json.gz")));
  ASSERT_EQ(tsv->sink.events.size(), 2378u);
  ASSERT_EQ(json->sink.events.size(), 2378u);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < 2378; ++i) {
    differ += tsv->sink.events[i].field("message") != json->sink.events[i].field("message");
    differ += tsv->sink.events[i].time != json->sink.events[i].time;
  }
  EXPECT_EQ(differ, 0u);
  EXPECT_EQ(tsv->sink.events[0].field("facility"), "LOCAL0");
}

TEST(ZeekTsv, LogWithoutTsTakesTheOpenTime) {
  auto p = parse(read_sample(testing::shared_data("zeek_logs/zeek-default/loaded_scripts.log.gz")));
  ASSERT_EQ(p->sink.events.size(), 512u);
  EXPECT_EQ(p->sink.events[0].time, 1712950152LL * kNsPerSecond);  // #open 2024-04-12-19-29-12
  EXPECT_EQ(p->sink.events[0].kind, EventKind::unknown);
}

constexpr std::string_view kHeader =
    "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
    "#fields\tts\tuid\tid.orig_h\tid.resp_h\tid.resp_p\tproto\n"
    "#types\ttime\tstring\taddr\taddr\tport\tenum\n";

TEST(ZeekTsv, BadRowsAreRejectedAndTheRestGoesOn) {
  std::string text(kHeader);
  text += "1521911720.5\tC1\t10.0.0.1\t10.0.0.2\t443\ttcp\n";  // line 8: good
  text += "1521911720.5\tC2\t10.0.0.1\t10.0.0.2\n";            // truncated
  text += "1521911720.5\tC3\t10.0.0.1\t10.0.0.2\t443\ttcp\textra\n";
  text += "15219x1720.5\tC4\t10.0.0.1\t10.0.0.2\t443\ttcp\n";  // bad time
  text += "1521911720.5\tC5\t10.0.0.\xff\t10.0.0.2\t443\ttcp\n";  // invalid UTF-8
  text += "1521911720.5\tC6\t" + std::string(300, 'a') + "\t10.0.0.2\t443\ttcp\n";  // huge
  text += "#separator \\xZZ\n";  // bad escape: the header keeps its tab
  text += "#types\ttime\n";       // wrong count
  text += "1521911721\tC7\t10.0.0.3\t10.0.0.2\t443\ttcp\n";
  text += "1521911721\tC8";  // truncated last line, no newline
  ParseOptions options;
  options.max_record_bytes = 200;
  auto p = parse(text, "bad.log", options);
  ASSERT_EQ(p->sink.events.size(), 2u);
  EXPECT_EQ(p->sink.events[0].id, "C1");
  EXPECT_EQ(p->sink.events[1].id, "C7");
  EXPECT_EQ(p->sink.events[1].time, 1521911721LL * kNsPerSecond);
  ASSERT_EQ(p->sink.rejections.size(), 8u);
  const auto& r = p->sink.rejections;
  EXPECT_EQ(r[0].error.line, 9u);
  EXPECT_EQ(r[0].error.field, "#fields");
  EXPECT_EQ(r[0].error.source, "bad.log");
  EXPECT_EQ(r[1].error.field, "#fields");
  EXPECT_EQ(r[2].error.field, "ts");
  EXPECT_EQ(r[3].error.message, "not valid UTF-8");
  EXPECT_EQ(r[4].error.code, ErrorCode::too_large);
  EXPECT_EQ(r[5].error.field, "#separator");
  EXPECT_EQ(r[6].error.field, "#types");
  EXPECT_EQ(r[7].error.line, 17u);
  EXPECT_EQ(r[7].record_type, "zeek conn");
  EXPECT_EQ(p->summary.by_type["zeek conn"].rejected, 8u);
}

TEST(ZeekTsv, RowBeforeAnyHeaderIsRejected) {
  auto p = parse("1521911720.5\tC1\t10.0.0.1\n");
  EXPECT_TRUE(p->sink.events.empty());
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  EXPECT_EQ(p->sink.rejections[0].error.field, "#fields");
}

TEST(ZeekTsv, OtherSeparatorsAndUnsetMarkers) {
  auto p = parse(
      "#separator |\n#set_separator|;\n#empty_field|EMPTY\n#unset_field|NONE\n#path|dns\n"
      "#fields|ts|id.orig_h|query|answers|rcode_name\n#types|time|addr|string|vector[string]|string\n"
      "1521911720.000001|10.1.1.1|example.org|a.example.org;10.2.2.2|NOERROR\n"
      "1521911720.000002|10.1.1.1|EMPTY|EMPTY|NONE\n");
  ASSERT_EQ(p->sink.events.size(), 2u);
  EXPECT_EQ(p->sink.events[0].time, 1521911720000001000);
  EXPECT_EQ(all(p->sink.events[0], "answers"),
            (std::vector<std::string>{"a.example.org", "10.2.2.2"}));
  EXPECT_EQ(p->sink.events[1].field("query"), "");
  EXPECT_TRUE(has_field(p->sink.events[1], "query"));
  EXPECT_FALSE(has_field(p->sink.events[1], "answers"));
  EXPECT_FALSE(has_field(p->sink.events[1], "rcode_name"));
}

TEST(ZeekJson, BadLinesAreRejectedAndTheRestGoesOn) {
  auto p = parse(
      "{\"_path\":\"conn\",\"ts\":1521911720.615923,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.1\","
      "\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":53,\"conn_state\":\"SF\",\"id\":{\"x\":1}}\n"
      "{\"_path\":\"conn\",\"ts\":1521911720.6,\"uid\":\"C2\"\n"
      "[1,2]\n"
      "{\"_path\":\"conn\",\"uid\":\"C3\"}\n"
      "{\"_path\":\"dns\",\"ts\":\"2018-03-24T17:15:21Z\",\"query\":\"\xc3\x28\"}\n"
      "{\"_path\":\"dns\",\"ts\":\"2018-03-24T17:15:21Z\",\"query\":\"example.org\"}\n");
  ASSERT_EQ(p->sink.events.size(), 2u);
  const OwnedEvent& conn = p->sink.events[0];
  EXPECT_EQ(conn.time, 1521911720615923000);
  EXPECT_EQ(conn.object, "10.0.0.2:53");
  EXPECT_EQ(conn.outcome, Outcome::success);
  EXPECT_EQ(conn.field("id.x"), "1");  // nested objects flattened with dots
  EXPECT_EQ(p->sink.events[1].object, "example.org");
  ASSERT_EQ(p->sink.rejections.size(), 4u);
  EXPECT_EQ(p->sink.rejections[0].error.line, 2u);
  EXPECT_EQ(p->sink.rejections[0].error.field, "line");
  EXPECT_EQ(p->sink.rejections[2].error.field, "ts");
  EXPECT_EQ(p->sink.rejections[3].error.line, 5u);
}

TEST(ZeekDetect, RecognisesTsvAndJsonHeads) {
  EXPECT_TRUE(looks_like_zeek(kHeader));
  EXPECT_TRUE(looks_like_zeek("### BTest baseline data\n#separator \\x09\n"));
  EXPECT_TRUE(looks_like_zeek("{\"_path\":\"dns\",\"ts\":1.0}\n"));
  EXPECT_TRUE(looks_like_zeek("### BTest baseline data\n{\"ts\":1.0,\"uid\":\"C1\"}\n"));
  EXPECT_FALSE(looks_like_zeek("hello\n{\"_path\":\"dns\",\"ts\":1.0}\n"));
  EXPECT_TRUE(looks_like_zeek("{\"ts\":1521911720.6,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.1\"}"));
  EXPECT_FALSE(looks_like_zeek("{\"resourceType\":\"AuditEvent\",\"id\":\"1\"}"));
  EXPECT_FALSE(looks_like_zeek("1677971734.079  1234 1.2.3.4 TCP_TUNNEL/200 39 CONNECT x:443 -"));
  EXPECT_FALSE(looks_like_zeek("# a comment\n# another\n#separator \\x09\n"));
}

}  // namespace
}  // namespace ward::ingest
