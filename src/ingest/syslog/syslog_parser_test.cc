#include "ingest/syslog/syslog_parser.h"

#include <cctype>

#include <gtest/gtest.h>

#include "core/file_reader.h"
#include "ingest/syslog/syslog_message.h"
#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using testing::OwnedEvent;

// 2018-04-01T00:00:00Z: what "now" is for the RFC 3164 lines below.
constexpr TimeNs kReference = 1522540800LL * kNsPerSecond;

std::unique_ptr<testing::ParsedInput> parse(std::string_view data, ParseOptions options = {}) {
  return testing::parse_input("messages.log", options, [&](ParseContext& ctx) {
    return parse_syslog(data, ctx, {kReference});
  });
}

TimeNs iso(std::string_view text) { return *parse_iso8601(text); }

// RFC 5424 §6.5, examples 1–4 (BOM written as the bytes EF BB BF).
TEST(Syslog5424, RfcExamples) {
  auto p = parse(
      "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \xef\xbb\xbf'su root' "
      "failed for lonvick on /dev/pts/8\n"
      "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make "
      "the do-nuts.\n"
      "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 "
      "iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] \xef\xbb\xbf" "An application event "
      "log entry...\n"
      "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 "
      "iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 "
      "class=\"high\"]\n");
  ASSERT_EQ(p->sink.events.size(), 4u);
  EXPECT_TRUE(p->sink.rejections.empty());
  const OwnedEvent& su = p->sink.events[0];
  EXPECT_EQ(su.time, iso("2003-10-11T22:14:15.003Z"));
  EXPECT_EQ(su.host, "mymachine.example.com");
  EXPECT_EQ(su.kind, EventKind::authentication);  // facility 4, auth
  EXPECT_EQ(su.field("facility"), "auth");
  EXPECT_EQ(su.field("severity"), "crit");
  EXPECT_EQ(su.field("pri"), "34");
  EXPECT_EQ(su.field("version"), "1");
  EXPECT_EQ(su.field("app_name"), "su");
  EXPECT_EQ(su.field("procid"), "");  // NILVALUE: left out
  EXPECT_EQ(su.field("msgid"), "ID47");
  EXPECT_EQ(su.field("message"), "'su root' failed for lonvick on /dev/pts/8");  // BOM dropped

  const OwnedEvent& donuts = p->sink.events[1];
  EXPECT_EQ(donuts.time, iso("2003-08-24T12:14:15.000003Z"));
  EXPECT_EQ(donuts.field("facility"), "local4");
  EXPECT_EQ(donuts.field("severity"), "notice");
  EXPECT_EQ(donuts.field("procid"), "8710");
  EXPECT_EQ(donuts.field("message"), "%% It's time to make the do-nuts.");

  const OwnedEvent& sd = p->sink.events[2];
  EXPECT_EQ(sd.field("sd.exampleSDID@32473.iut"), "3");
  EXPECT_EQ(sd.field("sd.exampleSDID@32473.eventSource"), "Application");
  EXPECT_EQ(sd.field("sd.exampleSDID@32473.eventID"), "1011");
  EXPECT_EQ(sd.field("message"), "An application event log entry...");
  const OwnedEvent& two = p->sink.events[3];
  EXPECT_EQ(two.field("sd.examplePriority@32473.class"), "high");
  EXPECT_EQ(two.field("message"), "");
}

TEST(Syslog5424, StructuredDataEscapesAndNilTime) {
  auto p = parse(
      "<14>1 - host app 12 - [ex@1 a=\"x\\\"y\\\\z\\]w\" b=\"c\\d\"] msg with [brackets]\n");
  ASSERT_EQ(p->sink.events.size(), 1u);
  const OwnedEvent& e = p->sink.events[0];
  EXPECT_EQ(e.field("sd.ex@1.a"), "x\"y\\z]w");
  EXPECT_EQ(e.field("sd.ex@1.b"), "c\\d");  // not an escape: kept
  EXPECT_EQ(e.field("message"), "msg with [brackets]");
  EXPECT_EQ(e.time, kReference);  // NILVALUE time: when it was read
  EXPECT_EQ(e.field("timestamp"), "");
}

TEST(Syslog3164, RealisticLines) {
  auto p = parse(
      "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8\n"
      "<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!\n"
      "<38>Mar 24 08:59:37 web01 sshd[2231]: Accepted publickey for alice from 10.0.0.7 port "
      "52514 ssh2\n"
      "Mar  4 02:03:04 db01 CRON[123]: (root) CMD (run-parts /etc/cron.hourly)\n"
      "<86>Mar 31 23:59:59 su: pam_unix(su:session): session opened for user root\n"
      "<30>2018-03-24T08:59:37.123456+01:00 nas01 smbd[77]: connect to service share\n");
  ASSERT_EQ(p->sink.events.size(), 6u) << p->sink.rejections[0].error.describe();
  const OwnedEvent& su = p->sink.events[0];
  EXPECT_EQ(su.time, iso("2017-10-11T22:14:15Z"));  // October after an April reference: last year
  EXPECT_EQ(su.host, "mymachine");
  EXPECT_EQ(su.field("app_name"), "su");
  EXPECT_EQ(su.field("message"), "'su root' failed for lonvick on /dev/pts/8");
  EXPECT_EQ(su.field("timestamp"), "Oct 11 22:14:15");
  const OwnedEvent& bfg = p->sink.events[1];
  EXPECT_EQ(bfg.time, iso("2018-02-05T17:32:18Z"));
  EXPECT_EQ(bfg.host, "10.0.0.99");
  EXPECT_EQ(bfg.field("app_name"), "");
  EXPECT_EQ(bfg.field("message"), "Use the BFG!");
  const OwnedEvent& ssh = p->sink.events[2];
  EXPECT_EQ(ssh.kind, EventKind::authentication);
  EXPECT_EQ(ssh.field("app_name"), "sshd");
  EXPECT_EQ(ssh.field("procid"), "2231");
  EXPECT_EQ(ssh.field("severity"), "info");
  EXPECT_EQ(ssh.field("message").rfind("Accepted publickey for alice", 0), 0u);
  const OwnedEvent& cron = p->sink.events[3];
  EXPECT_EQ(cron.time, iso("2018-03-04T02:03:04Z"));
  EXPECT_EQ(cron.field("pri"), "");  // a file line without <PRI>
  EXPECT_EQ(cron.field("app_name"), "CRON");
  const OwnedEvent& no_host = p->sink.events[4];
  EXPECT_EQ(no_host.host, "");
  EXPECT_EQ(no_host.field("app_name"), "su");
  EXPECT_EQ(no_host.field("facility"), "authpriv");
  EXPECT_EQ(p->sink.events[5].time, iso("2018-03-24T07:59:37.123456Z"));
  EXPECT_EQ(p->sink.events[5].host, "nas01");
}

TEST(Syslog3164, TimesAreReadInTheConfiguredZone) {
  ParseOptions options;
  auto zone = find_time_zone("America/Chicago");
  ASSERT_TRUE(zone);
  options.local_zone = *zone;
  auto p = parse("<38>Mar 24 08:59:37 web01 sshd[1]: x\n<38>Jan  2 08:00:00 web01 sshd[1]: y\n",
                 options);
  ASSERT_EQ(p->sink.events.size(), 2u);
  EXPECT_EQ(p->sink.events[0].time, iso("2018-03-24T13:59:37Z"));  // CDT, UTC-5
  EXPECT_EQ(p->sink.events[1].time, iso("2018-01-02T14:00:00Z"));  // CST, UTC-6
}

TEST(Syslog, BadLinesAreRejectedNamingThePartAndTheRestGoesOn) {
  std::string text =
      "<34\n"
      "<999>1 2003-10-11T22:14:15.003Z h a - - - m\n"
      "<34>1 2003-13-45T22:14:15Z h a - - - m\n"
      "<34>1 2003-10-11T22:14:15Z h a - - [unclosed a=\"b]\n"
      "<34>1 2003-10-11T22:14:15Z h a - - [id a=\"b\"] \xc0\xaf\n"
      "<34>Foo 11 22:14:15 mymachine su: x\n"
      "just some text that is not syslog\n"
      "<0>1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All\n"
      "<34>1 2003-10-11T22:14:15Z h a - - - " + std::string(300, 'x') + "\n"
      "<34>1 2003-10-11T22:14:15Z h a - - -\n"
      "<34>1 2003-10-11T22:14:15Z h a - -";
  ParseOptions options;
  options.max_record_bytes = 200;
  auto p = parse(text, options);
  ASSERT_EQ(p->sink.events.size(), 1u);
  EXPECT_EQ(p->sink.events[0].field("app_name"), "a");
  const auto& r = p->sink.rejections;
  ASSERT_EQ(r.size(), 10u);
  EXPECT_EQ(r[0].error.field, "pri");
  EXPECT_EQ(r[0].error.line, 1u);
  EXPECT_EQ(r[0].error.source, "messages.log");
  EXPECT_EQ(r[1].error.field, "pri");
  EXPECT_EQ(r[2].error.field, "timestamp");
  EXPECT_EQ(r[3].error.field, "structured_data");
  EXPECT_EQ(r[4].error.message, "not valid UTF-8");
  EXPECT_EQ(r[5].error.field, "timestamp");
  EXPECT_EQ(r[6].error.field, "timestamp");
  EXPECT_EQ(r[7].error.field, "timestamp");
  EXPECT_EQ(r[8].error.code, ErrorCode::too_large);
  EXPECT_EQ(r[9].error.field, "structured_data");
  EXPECT_EQ(r[9].error.line, 11u);
  EXPECT_EQ(p->summary.by_type["syslog message"].rejected, 10u);
}

// Zeek's syslog.log keeps each message without its <PRI> (as facility and severity names):
// put back, the 2378 messages of a real capture are RFC 5424 from Windows event forwarders.
TEST(Syslog5424, MessagesFromZeeksSyslogLog) {
  auto bytes = read_input_file(testing::shared_data("zeek_logs/zeek-default/syslog.log.gz"));
  ASSERT_TRUE(bytes);
  auto code = [](std::string_view upper, auto name_of, int n) {
    for (int i = 0; i < n; ++i) {
      std::string name(name_of(i));
      for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (name == upper) return i;
    }
    return -1;
  };
  std::string lines;
  std::size_t count = 0;
  std::string_view rest = bytes->view();
  while (!rest.empty()) {
    std::string_view line = rest.substr(0, rest.find('\n'));
    rest.remove_prefix(std::min(line.size() + 1, rest.size()));
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> cols;
    for (std::size_t at; (at = line.find('\t')) != std::string_view::npos; line.remove_prefix(at + 1))
      cols.push_back(line.substr(0, at));
    cols.push_back(line);
    ASSERT_EQ(cols.size(), 10u);
    const int facility = code(cols[7], facility_name, 24), severity = code(cols[8], severity_name, 8);
    ASSERT_GE(facility, 0) << cols[7];
    ASSERT_GE(severity, 0) << cols[8];
    std::string message(cols[9]);
    for (std::size_t at = 0; (at = message.find("\\\\", at)) != std::string::npos; ++at)
      message.erase(at, 1);  // the TSV's doubled backslashes
    lines += "<" + std::to_string(facility * 8 + severity) + ">" + message + "\n";
    ++count;
  }
  ASSERT_EQ(count, 2378u);
  auto p = parse(lines);
  EXPECT_EQ(p->sink.events.size(), 2378u);
  EXPECT_TRUE(p->sink.rejections.empty()) << p->sink.rejections[0].error.describe();
  const OwnedEvent& first = p->sink.events[0];
  EXPECT_EQ(first.time, iso("2018-03-24T15:59:37Z"));  // 08:59:37-07:00
  EXPECT_EQ(first.host, "PC-helen.jerry.land");
  EXPECT_EQ(first.field("app_name"), "EvntSLog");
  EXPECT_EQ(first.field("facility"), "local0");
  EXPECT_EQ(first.field("severity"), "info");
  EXPECT_EQ(first.field("message").rfind("@cee: {\"source\": \"PC-helen.jerry.land\"", 0), 0u);
}

TEST(SyslogDetect, RecognisesPriLines) {
  EXPECT_TRUE(looks_like_syslog("<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - x\n"));
  EXPECT_TRUE(looks_like_syslog("<34>Oct 11 22:14:15 mymachine su: 'su root' failed\n"));
  EXPECT_FALSE(looks_like_syslog("<?xml version=\"1.0\"?>\n"));
  EXPECT_FALSE(looks_like_syslog("<html><body>\n"));
  EXPECT_FALSE(looks_like_syslog("Oct 11 22:14:15 mymachine su: x\n"));  // name it: --format
}

}  // namespace
}  // namespace ward::ingest
