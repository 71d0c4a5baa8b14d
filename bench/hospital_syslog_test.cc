// The generated syslog the syslog benchmarks send: every message is one event for Ward (so the
// count at the other end is exact), markers carry their word in `message`, and a seed always
// gives the same stream.
#include "bench/hospital_syslog.h"

#include <set>

#include <gtest/gtest.h>

#include "ingest/syslog/syslog_parser.h"
#include "testing/shared_data.h"

namespace ward::bench {
namespace {

TEST(HospitalSyslog, EveryMessageIsOneEventAndNoneIsRejected) {
  HospitalSyslog generator(42);
  std::string file;
  std::set<std::string> programs;
  for (int i = 0; i < 5000; ++i) file += generator.next() + "\n";
  auto parsed = testing::parse_input("generated.log", {}, [&](ingest::ParseContext& ctx) {
    return ingest::parse_syslog(file, ctx);
  });
  EXPECT_EQ(parsed->sink.rejections.size(), 0u);
  ASSERT_EQ(parsed->sink.events.size(), 5000u);
  for (const auto& e : parsed->sink.events) programs.insert(e.field("app_name"));
  EXPECT_EQ(programs, (std::set<std::string>{"dcmqrscp", "ehr-audit", "kernel", "sshd", "sudo"}));
  EXPECT_EQ(parsed->sink.events[0].field("timestamp"), "2026-01-01T00:00:00.000000Z");
}

TEST(HospitalSyslog, AMarkerIsAnSshdLineHoldingItsWord) {
  HospitalSyslog generator(7);
  auto parsed = testing::parse_input("marker.log", {}, [&](ingest::ParseContext& ctx) {
    return ingest::parse_syslog(generator.marker("ward-bench-marker-12") + "\n", ctx);
  });
  ASSERT_EQ(parsed->sink.events.size(), 1u);
  EXPECT_EQ(parsed->sink.events[0].field("app_name"), "sshd");
  EXPECT_NE(parsed->sink.events[0].field("message").find("Invalid user ward-bench-marker-12 "), std::string::npos);
}

TEST(HospitalSyslog, TheSameSeedGivesTheSameStreamAndAnotherDoesNot) {
  HospitalSyslog a(42), b(42), c(43);
  std::string first, again, other;
  for (int i = 0; i < 100; ++i) {
    first += a.next();
    again += b.next();
    other += c.next();
  }
  EXPECT_EQ(first, again);
  EXPECT_NE(first, other);
}

TEST(HospitalSyslog, OctetCountingPrefixesTheLengthAndNewlineFramingEndsTheLine) {
  std::string out;
  append_octet_counted(out, "<13>1 - h a - - hi");
  append_newline_framed(out, "<13>1 - h a - - hi");
  EXPECT_EQ(out, "18 <13>1 - h a - - hi<13>1 - h a - - hi\n");
}

}  // namespace
}  // namespace ward::bench
