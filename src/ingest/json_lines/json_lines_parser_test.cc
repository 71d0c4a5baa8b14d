// JSON lines as `ward import --format json-lines` reads them: SigmaHQ's regression events
// (Windows exports, pretty-printed in ../shared/data/sigma, compacted one per line here), the
// time field chosen, lines without a usable time kept and noted, bad lines rejected by line.
#include "ingest/json_lines/json_lines_parser.h"

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using testing::OwnedEvent;

// Four Sysmon process creations (reg.exe changing System Restore settings), back to back.
constexpr std::string_view kRestoreEvents =
    "sigma/regression_data/rules/windows/process_creation/proc_creation_win_reg_system_restore_modification/"
    "7c06ab9b-b1d2-4ba9-b06e-09491ded20d9.json";

std::unique_ptr<testing::ParsedInput> parse(std::string_view data, JsonLinesOptions options = {}) {
  return testing::parse_input("events.jsonl", {},
                              [&](ParseContext& ctx) { return parse_json_lines(data, options, ctx); });
}

TimeNs iso(std::string_view text) {
  auto t = parse_iso8601(text);
  EXPECT_TRUE(t) << text;
  return t ? *t : 0;
}

TEST(JsonLines, EachRegressionEventIsAnEventAtItsWindowsSystemTime) {
  const std::string lines = testing::as_json_lines(testing::shared_data(kRestoreEvents));
  auto p = parse(lines);
  ASSERT_EQ(p->sink.events.size(), 4u);
  EXPECT_TRUE(p->sink.rejections.empty());
  EXPECT_EQ(p->summary.by_type["json line"].accepted, 4u);
  EXPECT_EQ(p->summary.notes, 0u);
  std::size_t line_start = 0;
  for (const OwnedEvent& e : p->sink.events) {
    const std::size_t line_end = lines.find('\n', line_start);
    const std::string_view line = std::string_view(lines).substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    EXPECT_EQ(e.field(kJsonLineField), line) << "the line is kept whole, for live detection";
    EXPECT_TRUE(e.id.starts_with("c:")) << e.id;
    EXPECT_EQ(e.source, "events.jsonl");
    // Its own SystemTime, which the line holds as written.
    const auto at = line.find("\"SystemTime\":\"");
    ASSERT_NE(at, std::string_view::npos);
    const std::string_view system_time = line.substr(at + 14, line.find('"', at + 14) - at - 14);
    EXPECT_EQ(e.time, iso(system_time)) << system_time;
  }
  EXPECT_NE(p->sink.events[0].id, p->sink.events[1].id);
}

TEST(JsonLines, TheNamedTimeFieldIsADottedPathOrAKeyWithDots) {
  const std::string line =
      R"({"@timestamp":"2026-11-30T09:00:00Z","meta":{"seen":{"at":1796029500.25}},"event.created":"2026-11-30T09:10:00+01:00","ms":1796029800000})"
      "\n";
  EXPECT_EQ(parse(line)->sink.events.at(0).time, iso("2026-11-30T09:00:00Z")) << "@timestamp by default";
  EXPECT_EQ(parse(line, {"meta.seen.at"})->sink.events.at(0).time, iso("2026-11-30T09:05:00.25Z"))
      << "epoch seconds, nested";
  EXPECT_EQ(parse(line, {"event.created"})->sink.events.at(0).time, iso("2026-11-30T08:10:00Z"))
      << "a top-level key with dots, with its offset";
  EXPECT_EQ(parse(line, {"ms"})->sink.events.at(0).time, iso("2026-11-30T09:10:00Z")) << "epoch milliseconds";
}

TEST(JsonLines, WindowsSystemTimeComesBeforeTimestampAndSysmonUtcTimeIsFound) {
  auto p = parse(
      R"({"timestamp":"2020-01-01T00:00:00Z","Event":{"System":{"TimeCreated":{"#attributes":{"SystemTime":"2025-11-27T07:40:10.1653241Z"}}}}})"
      "\n"
      R"({"Event":{"EventData":{"UtcTime":"2025-11-27 07:40:10.132"}}})"
      "\n");
  ASSERT_EQ(p->sink.events.size(), 2u);
  EXPECT_EQ(p->sink.events[0].time, iso("2025-11-27T07:40:10.1653241Z"));
  EXPECT_EQ(p->sink.events[1].time, iso("2025-11-27T07:40:10.132Z"));
}

TEST(JsonLines, ALineWithoutAUsableTimeIsKeptAtTheTimeBeforeItAndNotedWithItsLineAndField) {
  auto p = parse(
      "{\"when\":\"not a time\",\"n\":1}\n"
      "{\"when\":\"2026-11-30T09:00:00Z\",\"n\":2}\n"
      "{\"n\":3}\n",
      {"when"});
  ASSERT_EQ(p->sink.events.size(), 3u) << "nothing accepted is lost";
  EXPECT_TRUE(p->sink.rejections.empty());
  EXPECT_EQ(p->sink.events[0].time, 0) << "no line before it had a time";
  EXPECT_EQ(p->sink.events[2].time, iso("2026-11-30T09:00:00Z"));
  ASSERT_EQ(p->summary.notes, 2u);
  ASSERT_EQ(p->summary.first_notes.size(), 2u);
  const Error& bad = p->summary.first_notes[0];
  EXPECT_EQ(bad.describe(),
            "events.jsonl:1: when: not an ISO 8601 time or epoch number; kept at time 0 (1970-01-01), no line "
            "before it had a time");
  const Error& missing = p->summary.first_notes[1];
  EXPECT_EQ(missing.describe(), "events.jsonl:3: when: no such field; kept at the time of the line before it");
}

TEST(JsonLines, WithoutAnyUsualTimeFieldTheNoteSaysHowToNameOne) {
  auto p = parse("{\"msg\":\"hello\"}\n");
  ASSERT_EQ(p->sink.events.size(), 1u);
  ASSERT_EQ(p->summary.first_notes.size(), 1u);
  EXPECT_EQ(p->summary.first_notes[0].field, "time");
  EXPECT_NE(p->summary.first_notes[0].message.find("--time-field"), std::string::npos)
      << p->summary.first_notes[0].message;
}

TEST(JsonLines, ABadLineIsRejectedWithFileAndLineAndTheRestGoesOn) {
  auto p = parse(
      "{\"@timestamp\":\"2026-11-30T09:00:00Z\",\"n\":1}\n"
      "{\"@timestamp\":\"2026-11-30T09:00:01Z\",\"n\":\n"
      "\n"
      "[1,2,3]\n"
      "{\"@timestamp\":\"2026-11-30T09:00:02Z\",\"n\":3}\r\n");
  ASSERT_EQ(p->sink.events.size(), 2u);
  EXPECT_EQ(p->sink.events[1].time, iso("2026-11-30T09:00:02Z"));
  ASSERT_EQ(p->sink.rejections.size(), 2u);
  EXPECT_EQ(p->summary.by_type["json line"].rejected, 2u);
  const Error& cut = p->sink.rejections[0].error;
  EXPECT_EQ(cut.source, "events.jsonl");
  EXPECT_EQ(cut.line, 2u);
  EXPECT_NE(cut.message.find("not valid JSON"), std::string::npos) << cut.message;
  EXPECT_EQ(p->sink.rejections[0].raw, "{\"@timestamp\":\"2026-11-30T09:00:01Z\",\"n\":") << "quarantined as read";
  EXPECT_EQ(p->sink.rejections[1].error.line, 4u);
  EXPECT_NE(p->sink.rejections[1].error.message.find("not a JSON object"), std::string::npos);
}

TEST(JsonLines, TheSameLineTwiceInAFileGivesTwoEvents) {
  auto p = parse(
      "{\"@timestamp\":\"2026-11-30T09:00:00Z\",\"msg\":\"retry\"}\n"
      "{\"@timestamp\":\"2026-11-30T09:00:00Z\",\"msg\":\"retry\"}\n");
  ASSERT_EQ(p->sink.events.size(), 2u);
  EXPECT_NE(p->sink.events[0].id, p->sink.events[1].id);
}

TEST(JsonLines, DetectionTakesOneObjectPerLineOnly) {
  EXPECT_TRUE(looks_like_json_lines(testing::as_json_lines(testing::shared_data(kRestoreEvents))));
  EXPECT_TRUE(looks_like_json_lines("\xEF\xBB\xBF\n{\"a\":1}"));
  EXPECT_FALSE(looks_like_json_lines(testing::read_file(testing::shared_data(kRestoreEvents))))
      << "pretty-printed: for ward detect, or `jq -c .` first";
  EXPECT_FALSE(looks_like_json_lines("[{\"a\":1}]\n"));
  EXPECT_FALSE(looks_like_json_lines("{\"a\":\n"));
  EXPECT_FALSE(looks_like_json_lines("a,b\n1,2\n"));
}

}  // namespace
}  // namespace ward::ingest
