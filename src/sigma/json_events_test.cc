#include "sigma/json_events.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include "sigma/hunt.h"
#include "sigma/json_flattener.h"
#include "testing/shared_data.h"

namespace ward::sigma {
namespace {

struct Read {
  std::vector<std::vector<std::pair<std::string, std::string>>> events;
  std::vector<Error> errors;
};

Read read(std::string_view text) {
  Read out;
  read_json_text(text, "events.json",
                 [&](std::uint64_t, const FlatEvent& e) {
                   auto& fields = out.events.emplace_back();
                   for (std::size_t i = 0; i < e.size(); ++i) fields.emplace_back(e.name(i), e.value(i).text);
                 },
                 [&](const Error& e) { out.errors.push_back(e); });
  return out;
}

// The text followed by kJsonPadding zero bytes, as read_input_file(path, kJsonPadding) gives it.
class PaddedText {
 public:
  explicit PaddedText(std::string_view text) : bytes_(std::string(text) + std::string(kJsonPadding, '\0')), size_(text.size()) {}
  std::string_view view() const { return std::string_view(bytes_).substr(0, size_); }

 private:
  std::string bytes_;
  std::size_t size_;
};

std::vector<std::string> values(const Read& r, std::size_t event, std::string_view field) {
  std::vector<std::string> out;
  for (const auto& [name, value] : r.events.at(event))
    if (name == field) out.push_back(value);
  return out;
}

constexpr std::string_view kWindowsEvent = R"({
  "Event": {
    "#attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
    "System": {
      "Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon", "Guid": "5770385F"}},
      "EventID": 7,
      "TimeCreated": {"#attributes": {"SystemTime": "2025-11-27T07:40:10.165324Z"}},
      "Execution": {"#attributes": {"ProcessID": 3544, "ThreadID": 4272}},
      "Channel": "Microsoft-Windows-Sysmon/Operational",
      "Computer": "host1",
      "Correlation": null
    },
    "EventData": {"Image": "C:\\Windows\\System32\\WerFaultSecure.exe", "Source Name": "Real-Time Protection"}
  }
}
)";

TEST(JsonEvents, WindowsExportsGetSigmaFieldNames) {
  const Read r = read(kWindowsEvent);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(values(r, 0, "EventID"), std::vector<std::string>{"7"});
  EXPECT_EQ(values(r, 0, "Provider_Name"), std::vector<std::string>{"Microsoft-Windows-Sysmon"});
  EXPECT_EQ(values(r, 0, "Execution_ProcessID"), std::vector<std::string>{"3544"});
  EXPECT_EQ(values(r, 0, "Channel"), std::vector<std::string>{"Microsoft-Windows-Sysmon/Operational"});
  EXPECT_EQ(values(r, 0, "Image"), std::vector<std::string>{"C:\\Windows\\System32\\WerFaultSecure.exe"});
  EXPECT_EQ(values(r, 0, "SourceName"), std::vector<std::string>{"Real-Time Protection"}) << "spaces stripped";
  EXPECT_EQ(values(r, 0, "Event.EventData.Image").size(), 1u) << "dotted paths too";
  EXPECT_EQ(values(r, 0, "Event.System.EventID"), std::vector<std::string>{"7"});
}

TEST(JsonEvents, UserDataLeavesByTheirOwnNames) {
  const Read r = read(R"({"Event": {"System": {"EventID": 5858},
      "UserData": {"Operation_ClientFailure": {"#attributes": {"xmlns": "x"}, "User": "u1", "ResultCode": "0x80041003"}}}})");
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(values(r, 0, "User"), std::vector<std::string>{"u1"});
  EXPECT_EQ(values(r, 0, "ResultCode"), std::vector<std::string>{"0x80041003"});
  EXPECT_TRUE(values(r, 0, "xmlns").empty());
}

// Every field of an awkward Windows export, in the order the event shows them: dotted paths
// first, then System names (attributes as <element>_<attribute>, #text as the element),
// EventData then UserData by their own names (spaces left out too); the Event, System and
// EventData that count are the first of their name; each kind of value as written.
TEST(JsonEvents, WindowsNamesOfAnAwkwardExportComeInOrder) {
  const char* kAwkward = R"({"Event": {"EventData": {"Source Name": "a b", "Data": [{"#text": "t1", "#attributes": {"Name": "n"}},
        {"Name": "Param", "#text": 7}], "Nested": {"Inner": null, "#attributes": {"x": 1}}},
      "System": {"EventID": {"#text": 4688, "#attributes": {"Qualifiers": 0}}, "Version": 2, "Arr": [1, 2],
        "TimeCreated": {"#attributes": {"SystemTime": "2025-01-01T00:00:00Z"}, "Other": "o"}, "EventID": 99,
        "Flag": true, "Execution": {"#attributes": {"ProcessID": 3544, "Obj": {"deep": 1}}, "#text": {"x": 2}}},
      "System": {"Ignored": 1}, "EventData": "second", "UserData": {"Op": {"User": "u1", "#attributes": {"xmlns": "x"}}}},
    "Event": {"System": {"Late": 1}}, "Top": 0.5})";
  std::vector<std::string> fields, leaves;
  read_json_text(kAwkward, "x",
                 [&](std::uint64_t, const FlatEvent& e) {
                   for (std::size_t i = 0; i < e.size(); ++i)
                     fields.push_back(fmt::format("{}={}/{}", e.name(i), e.value(i).text, static_cast<int>(e.value(i).kind)));
                   for (const FieldValue& v : e.all_values()) leaves.emplace_back(v.text);
                 },
                 [](const Error&) {});
  EXPECT_EQ(fmt::format("{}", fmt::join(fields, " ")),
            "Event.EventData.Source Name=a b/0 Event.EventData.Data.#text=t1/0 Event.EventData.Data.#text=7/1"
            " Event.EventData.Data.#attributes.Name=n/0 Event.EventData.Data.Name=Param/0"
            " Event.EventData.Nested.Inner=/3 Event.EventData.Nested.#attributes.x=1/1"
            " Event.System.EventID.#text=4688/1 Event.System.EventID.#attributes.Qualifiers=0/1"
            " Event.System.Version=2/1 Event.System.Arr=1/1 Event.System.Arr=2/1"
            " Event.System.TimeCreated.#attributes.SystemTime=2025-01-01T00:00:00Z/0"
            " Event.System.TimeCreated.Other=o/0 Event.System.EventID=99/1 Event.System.Flag=true/2"
            " Event.System.Execution.#attributes.ProcessID=3544/1 Event.System.Execution.#attributes.Obj.deep=1/1"
            " Event.System.Execution.#text.x=2/1 Event.System.Ignored=1/1 Event.EventData=second/0"
            " Event.UserData.Op.User=u1/0 Event.UserData.Op.#attributes.xmlns=x/0 Event.System.Late=1/1 Top=0.5/1"
            " EventID=4688/1 EventID=99/1 EventID_Qualifiers=0/1 Version=2/1"
            " TimeCreated_SystemTime=2025-01-01T00:00:00Z/0 Flag=true/2 Execution_ProcessID=3544/1 Source Name=a"
            " b/0 SourceName=a b/0 Data=t1/0 Data=7/1 Name=Param/0 Inner=/3 User=u1/0");
  EXPECT_EQ(fmt::format("{}", fmt::join(leaves, " ")), "a b t1 n Param 7  1 4688 0 2 1 2 2025-01-01T00:00:00Z o 99 true 3544 1 2 1 second u1 x 1 0.5");
}

// Read for a hunt whose rules name no dotted path under Event (JsonFileReader(false)): a leaf that
// has a Windows name is not also named by its path; the others are; keyword search sees every
// leaf as before.
TEST(JsonEvents, WithoutWindowsPathsTheLeavesKeepTheirWindowsNamesOnly) {
  const std::string text = R"({"Event": {"#attributes": {"xmlns": "x"}, "System": {"EventID": 4688,)"
                           R"( "Provider": {"#attributes": {"Name": "P"}, "Other": "o"}, "Arr": [1, 2]},)"
                           R"( "EventData": {"Source Name": "a b", "Data": [{"#text": "t1"}]}}, "Top": 0.5})" "\n";
  ward::testing::TempDir dir;
  ward::testing::write_file(dir.path() / "e.json", text);
  auto bytes = read_input_file(dir.path() / "e.json", kJsonPadding, InputUse::parts);
  ASSERT_TRUE(bytes) << bytes.error().describe();
  auto listed = [&](bool keep_windows_paths) {
    std::vector<std::string> fields, leaves;
    JsonFileReader reader(keep_windows_paths);
    reader.read(*bytes, "e.json",
                [&](std::uint64_t, const FlatEvent& e) {
                  for (std::size_t i = 0; i < e.size(); ++i) fields.push_back(fmt::format("{}={}", e.name(i), e.value(i).text));
                  for (const FieldValue& v : e.all_values()) leaves.emplace_back(v.text);
                },
                [](const Error& e) { ADD_FAILURE() << e.describe(); });
    return std::pair(fmt::format("{}", fmt::join(fields, " ")), fmt::format("{}", fmt::join(leaves, " ")));
  };
  const auto whole = listed(true), lean = listed(false);
  EXPECT_EQ(whole.first,
            "Event.#attributes.xmlns=x Event.System.EventID=4688 Event.System.Provider.#attributes.Name=P"
            " Event.System.Provider.Other=o Event.System.Arr=1 Event.System.Arr=2 Event.EventData.Source Name=a b"
            " Event.EventData.Data.#text=t1 Top=0.5 EventID=4688 Provider_Name=P Source Name=a b SourceName=a b Data=t1");
  EXPECT_EQ(lean.first,
            "Event.#attributes.xmlns=x Event.System.Provider.Other=o Event.System.Arr=1 Event.System.Arr=2 Top=0.5"
            " EventID=4688 Provider_Name=P Source Name=a b SourceName=a b Data=t1");
  EXPECT_EQ(lean.second, whole.second) << "keywords see the same values, in the same order";
  EXPECT_EQ(whole.second, "x 4688 P o 1 2 a b t1 0.5");
}

// Every field of an event as a rule sees it (name=value/kind, in order), then the leaves keyword
// search sees.
std::string listing(const FlatEvent& e) {
  std::string out;
  for (std::size_t i = 0; i < e.size(); ++i)
    out += fmt::format("{}={}/{} ", e.name(i), e.value(i).text, static_cast<int>(e.value(i).kind));
  out += "|";
  for (const FieldValue& v : e.all_values()) out += fmt::format(" {}/{}", v.text, static_cast<int>(v.kind));
  return out;
}

// A record whose shape (keys, nesting, kinds of value) was flattened before is replayed from that
// shape, not walked (json_flattener.h): read among others, each record still gives the event it
// gives read alone, with and without Windows paths.
TEST(JsonEvents, ARecordOfAShapeSeenBeforeGivesTheEventItGivesAlone) {
  auto windows = [](std::string_view event_id, std::string_view image, std::string_view extra) {
    return fmt::format(R"({{"Event":{{"#attributes":{{"xmlns":"x"}},"System":{{"Provider":{{"#attributes":{{"Name":"P","Guid":"{{5}}"}}}},)"
                       R"("EventID":{},"Level":4,"Correlation":null,"Execution":{{"#attributes":{{"ProcessID":3550}}}},)"
                       R"("Channel":"Microsoft-Windows-Sysmon/Operational"}},"EventData":{{"Image":"{}","Source Name":"s","On":true{}}}}}}})",
                       event_id, image, extra);
  };
  std::vector<std::string> records = {
      windows("1", "C:\\\\a.exe", ""),
      windows("1", "C:\\\\Windows\\\\System32\\\\cmd.exe", ""),   // the same shape, other values
      windows("\"1\"", "C:\\\\a.exe", ""),                     // EventID a string: another shape
      windows("11", "b", ",\"Hashes\":\"MD5=00\""),            // one more field
      windows("-1.5", "c", ""),                                // a double
      windows("18446744073709551615", "d", ""),                // beyond int64
      windows("2", "C:\\\\b.exe", ""),                         // the first shape again
      windows("-1.2345678901234567e-300", "e", ""),            // a double of 24 characters
      windows("-1.5", "f", ""),
      windows("3", "g", ""),
      R"({"Event":{"EventData":{"Data":[{"#text":"t1"},{"#text":"t2"}],"Source Name":"a"},"System":{"EventID":4688},"UserData":{"U":{"x":1}}}})",
      R"({"Event":{"EventData":{"Data":[{"#text":"t3"},{"#text":"t4"}],"Source Name":"b"},"System":{"EventID":4689},"UserData":{"U":{"x":2}}}})",
      R"({"Event":{"EventData":{"Data":[{"#text":"t3"},{"#text":"t4"}],"Source Name":"b"},"System":{"EventID":4689},"UserData":{"V":{"x":2}}}})",
      R"({"a":{"b":[1,2,{"c":"x"}]},"d":null,"e":false})",
      R"({"a":{"b":[3,4,{"c":"yy"}]},"d":null,"e":false})",
      R"({"a":{"b":[3,4,{"C":"yy"}]},"d":null,"e":false})",    // a key differs only in case
      R"({"a":{"b":[3,4,{"c":"yy"}]},"d":"","e":true})",       // null became a string, false true
  };
  for (int i = 0; i < 2 * static_cast<int>(JsonFlattener::kShapes); ++i)  // older shapes forgotten
    records.push_back(fmt::format(R"({{"k{}":{},"v":"{}"}})", i % (JsonFlattener::kShapes / 2), i, std::string(i, 'v')));
  records.push_back(records[0]);
  records.push_back(records[14]);

  ward::testing::TempDir dir;
  std::string text;
  for (std::size_t i = 0; i < records.size(); ++i) {
    text += records[i] + "\n";
    ward::testing::write_file(dir.path() / fmt::format("{}.json", i), records[i] + "\n");
  }
  ward::testing::write_file(dir.path() / "all.json", text);
  for (bool keep_windows_paths : {true, false}) {
    auto events_of = [&](const std::string& file, JsonReadStats* stats = nullptr) {
      auto bytes = read_input_file(dir.path() / file, kJsonPadding, InputUse::parts);
      EXPECT_TRUE(bytes);
      std::vector<std::string> events;
      JsonFileReader reader(keep_windows_paths);
      const JsonReadStats read = reader.read(*bytes, file, [&](std::uint64_t, const FlatEvent& e) { events.push_back(listing(e)); },
                                             [](const Error& e) { ADD_FAILURE() << e.describe(); });
      if (stats != nullptr) *stats = read;
      return events;
    };
    JsonReadStats stats;
    const std::vector<std::string> together = events_of("all.json", &stats);
    ASSERT_EQ(together.size(), records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
      const std::vector<std::string> alone = events_of(fmt::format("{}.json", i));
      ASSERT_EQ(alone.size(), 1u);
      EXPECT_EQ(together[i], alone[0]) << "record " << i << ": " << records[i];
    }
    // Replayed: records 1, 6 to 9, 11 and 14, the k records after the first of each shape, and
    // the last (record 14's shape is still remembered; record 0's was forgotten).
    EXPECT_EQ(stats.replayed, 7u + (2 * JsonFlattener::kShapes - JsonFlattener::kShapes / 2) + 1u);
  }
}

TEST(JsonEvents, ReadsJsonLinesConcatenatedObjectsAndArrays) {
  EXPECT_EQ(read("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n").events.size(), 3u);
  EXPECT_EQ(read("{\n  \"a\": 1\n}\n{\n  \"a\": 2\n}").events.size(), 2u);
  EXPECT_EQ(read("[{\"a\":1},{\"a\":2}]").events.size(), 2u);
  EXPECT_EQ(read("").events.size(), 0u);
  EXPECT_EQ(read("\xEF\xBB\xBF{\"a\":1}\r\n{\"a\":2}\r\n").events.size(), 2u) << "byte order mark, CRLF";
  const Read numbers = read(R"({"i": -3, "u": 18446744073709551615, "d": 0.5, "b": true, "n": null})");
  EXPECT_EQ(values(numbers, 0, "i"), std::vector<std::string>{"-3"});
  EXPECT_EQ(values(numbers, 0, "u"), std::vector<std::string>{"18446744073709551615"});
  EXPECT_EQ(values(numbers, 0, "d"), std::vector<std::string>{"0.5"});
  EXPECT_EQ(values(numbers, 0, "b"), std::vector<std::string>{"true"});
  EXPECT_EQ(values(numbers, 0, "n"), std::vector<std::string>{""});
}

TEST(JsonEvents, BadRecordIsReportedWithLineAndTheRestIsRead) {
  const Read r = read("{\"a\":1}\n{\"a\": tru}\n{\"a\":3}\n{\"a\":4}\n");
  EXPECT_EQ(r.events.size(), 3u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].source, "events.json");
  EXPECT_EQ(r.errors[0].line, 2u);
  EXPECT_NE(r.errors[0].describe().find("events.json:2: bad JSON in the record at byte 8"), std::string::npos)
      << r.errors[0].describe();
  EXPECT_EQ(values(r, 2, "a"), std::vector<std::string>{"4"});
}

TEST(JsonEvents, Utf16FileIsNamedAsSuch) {
  const Read r = read(std::string_view("\xFF\xFE{\0}\0", 6));
  EXPECT_TRUE(r.events.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("UTF-16"), std::string::npos);
}

TEST(JsonEvents, CutOffEndIsReported) {
  const Read r = read("{\"a\":1}\n{\"a\":");
  EXPECT_EQ(r.events.size(), 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 2u);
}

TEST(JsonEvents, EventTimeComesFromTheUsualFields) {
  std::string time;
  read_json_text(kWindowsEvent, "x", [&](std::uint64_t, const FlatEvent& e) { time = event_time(e); }, [](const Error&) {});
  EXPECT_EQ(time, "2025-11-27T07:40:10.165324Z");
  read_json_text(R"({"@timestamp": "2024-01-01T00:00:00Z"})", "x",
                 [&](std::uint64_t, const FlatEvent& e) { time = event_time(e); }, [](const Error&) {});
  EXPECT_EQ(time, "2024-01-01T00:00:00Z");
}

TEST(JsonEvents, ARecordLargerThanTheParsingWindowIsReadToo) {
  const std::string big(3 << 20, 'x');  // 3 MB, beyond parse_many's 1 MB window
  const Read r = read("{\"a\":1}\n{\"big\":\"" + big + "\"}\n{\"a\":3}\n{\"a\":4}\n");
  EXPECT_TRUE(r.errors.empty()) << r.errors.front().describe();
  ASSERT_EQ(r.events.size(), 4u);
  EXPECT_EQ(values(r, 1, "big"), std::vector<std::string>{big});
  EXPECT_EQ(values(r, 3, "a"), std::vector<std::string>{"4"});
}

TEST(JsonEvents, PartsOfAFileReadTheSameEventsAndErrorsAsTheWholeFile) {
  const std::string text =
      "{\"a\":1}\n{\"a\":2,\n \"b\":[1,2]}\n{\"a\":\n{\"a\":4}\n{\n  \"a\": 5\n}\n{\"a\":6}\n";
  const Read whole = read(text);
  const std::vector<TextPart> parts = split_json_records(text, 8);
  ASSERT_GT(parts.size(), 2u);
  EXPECT_EQ(parts.front().begin, 0u);
  EXPECT_EQ(parts.back().end, text.size());
  Read pieces;
  const PaddedText padded(text);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      EXPECT_EQ(parts[i].begin, parts[i - 1].end);
    }
    EXPECT_EQ(text[parts[i].begin], '{');
    std::uint64_t last = 0;
    read_padded_json_text(padded.view(), "events.json",
                          [&](std::uint64_t index, const FlatEvent& e) {
                            EXPECT_EQ(index, ++last) << "indexes count from 1 within a part";
                            auto& fields = pieces.events.emplace_back();
                            for (std::size_t f = 0; f < e.size(); ++f) fields.emplace_back(e.name(f), e.value(f).text);
                          },
                          [&](const Error& e) { pieces.errors.push_back(e); }, parts[i]);
  }
  EXPECT_EQ(pieces.events, whole.events);
  ASSERT_EQ(whole.errors.size(), 1u);
  ASSERT_EQ(pieces.errors.size(), 1u);
  EXPECT_EQ(pieces.errors[0].describe(), whole.errors[0].describe()) << "the line and byte of the whole file";
  EXPECT_EQ(pieces.errors[0].line, 4u);
  EXPECT_EQ(split_json_records("[{\"a\":1},\n{\"a\":2}]", 4).size(), 1u) << "an array is one part";
}

// A file of several pieces (JsonFileReader reads ~1 MB at a time): pretty-printed records, a bad
// record, a record larger than a piece. Read whole or by parts, it gives what the text gives.
TEST(JsonEvents, AFileReadInPiecesGivesTheEventsAndErrorsOfItsText) {
  std::string text = "\xEF\xBB\xBF";
  for (int i = 0; text.size() < 7u << 19; ++i) {  // 3.5 MB
    text += fmt::format("{{\"n\":{},\"pad\":\"{}\"}}\n", i, std::string(static_cast<std::size_t>(i % 300), 'p'));
    if (i == 2000) text += "{\n  \"pretty\": [1,\n 2]\n}\n";
    if (i == 5000) text += "{\"bad\": tru}\n";
    if (i == 7000) text += "{\"big\":\"" + std::string(3u << 19, 'b') + "\"}\n";
  }
  text += "{\"last\":";  // cut off
  ward::testing::TempDir dir;
  ward::testing::write_file(dir.path() / "events.json", text);
  const Read expected = read(text);
  ASSERT_EQ(expected.errors.size(), 2u);
  ASSERT_GT(expected.events.size(), 8000u);

  auto bytes = read_input_file(dir.path() / "events.json", kJsonPadding, InputUse::parts);
  ASSERT_TRUE(bytes) << bytes.error().describe();
  JsonFileReader reader;
  for (std::size_t part_bytes : {std::size_t{0}, std::size_t{700000}}) {
    Read got;
    for (const TextPart& part : split_json_records(bytes->view(), part_bytes)) {
      std::uint64_t last = 0;
      const JsonReadStats stats = reader.read(
          *bytes, "events.json",
          [&](std::uint64_t index, const FlatEvent& e) {
            EXPECT_EQ(index, ++last) << "indexes count from 1 within a part";
            auto& fields = got.events.emplace_back();
            for (std::size_t i = 0; i < e.size(); ++i) fields.emplace_back(e.name(i), e.value(i).text);
          },
          [&](const Error& e) { got.errors.push_back(e); }, part);
      EXPECT_FALSE(stats.unreadable);
    }
    EXPECT_EQ(got.events, expected.events) << "parts of " << part_bytes;
    ASSERT_EQ(got.errors.size(), expected.errors.size());
    for (std::size_t i = 0; i < got.errors.size(); ++i) EXPECT_EQ(got.errors[i].describe(), expected.errors[i].describe());
  }
}

TEST(JsonEvents, AJsonArrayFileIsReadWhole) {
  std::string text = "[";
  for (int i = 0; text.size() < (3u << 20) / 2; ++i) text += fmt::format("{}{{\"n\":{}}}\n", i == 0 ? "" : ",", i);
  text += "]";
  ward::testing::TempDir dir;
  ward::testing::write_file(dir.path() / "events.json", text);
  auto bytes = read_input_file(dir.path() / "events.json", kJsonPadding, InputUse::parts);
  ASSERT_TRUE(bytes);
  std::uint64_t events = 0, errors = 0;
  JsonFileReader().read(*bytes, "events.json", [&](std::uint64_t, const FlatEvent&) { ++events; },
                        [&](const Error&) { ++errors; });
  EXPECT_EQ(errors, 0u);
  EXPECT_EQ(events, read(text).events.size());
  EXPECT_GT(events, 10000u);
}

}  // namespace
}  // namespace ward::sigma
