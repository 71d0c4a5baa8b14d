#include "ingest/hl7v2/hl7v2_parser.h"

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using testing::CollectingSink;

struct Parsed {
  CollectingSink sink;
  ImportSummary summary;
};

std::unique_ptr<Parsed> parse(std::string_view data, ParseOptions options = {},
                              std::string source = "test.hl7") {
  auto out = std::make_unique<Parsed>();
  ParseContext ctx(std::move(source), out->sink, options);
  auto r = parse_hl7v2(data, ctx);
  EXPECT_TRUE(r) << r.error().describe();
  out->summary = ctx.summary();
  return out;
}

std::string sample(std::string_view name) {
  return testing::read_file(testing::shared_data("hl7v2/" + std::string(name)));
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
  return s;
}

constexpr std::string_view kGood =
    "MSH|^~\\&|ADT1|HOSP|WARD|HOSP|20240301101500||ADT^A01|C1|P|2.5.1\r"
    "EVN|A01|20240301101000\r"
    "PID|1||MRN42^^^HOSP^MR||DOE^JANE||19800102\r"
    "PV1|1|I|4E^401^B||||D100^Welby||||||||||||V777|||||||||||||||||||||||||20240301093000\r";

TEST(Hl7v2Parser, ParsesEverySampleFile) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(testing::shared_data("hl7v2")))
    if (entry.path().extension() == ".hl7") files.push_back(entry.path());
  ASSERT_EQ(files.size(), 140u);
  std::uint64_t messages = 0, patients = 0, encounters = 0;
  std::vector<std::string> with_encounters;
  for (const auto& file : files) {
    auto p = parse(testing::read_file(file), {}, file.filename().string());
    SCOPED_TRACE(file.filename().string());
    // Every sample is well-formed: nothing is rejected or skipped (each has a PID).
    EXPECT_EQ(p->summary.rejected(), 0u);
    EXPECT_EQ(p->summary.skipped(), 0u);
    for (const auto& r : p->sink.rejections) ADD_FAILURE() << r.error.describe();
    if (file.filename() != "simhospital-messages.hl7") {
      EXPECT_EQ(p->summary.accepted(), 1u);  // one message per FHIR-Converter file
      messages += p->summary.accepted();
      patients += p->sink.patients.size();
      encounters += p->sink.encounters.size();
      if (!p->sink.encounters.empty()) with_encounters.push_back(file.filename().string());
    }
    for (const auto& patient : p->sink.patients) {
      EXPECT_FALSE(patient.id.empty());
      EXPECT_EQ(patient.source, file.filename().string());
    }
  }
  EXPECT_EQ(messages, 139u);
  // A40, A41, A47 (merges) and BAR^P02 carry two PIDs each.
  EXPECT_EQ(patients, 144u);
  // Encounters come from ADT visit events only: A01-A16, A25-A27 samples and the 2.3-2.5
  // ADT01/ADT04 files; A28-A60 are person events and ORU/SIU/BAR… give patients only.
  EXPECT_EQ(encounters, 42u);
  std::sort(with_encounters.begin(), with_encounters.end());
  EXPECT_EQ(with_encounters.front(), "ADT-A01-01.hl7");
  EXPECT_EQ(with_encounters.back(), "MDM_01.hl7");  // named MDM but holds an ADT^A01
}

TEST(Hl7v2Parser, ReadsTheAdmitSample) {
  auto p = parse(sample("ADT-A01-01.hl7"));
  EXPECT_EQ(p->summary.by_type.at("ADT^A01").accepted, 1u);
  ASSERT_EQ(p->sink.patients.size(), 1u);
  const PatientRecord& patient = p->sink.patients[0];
  EXPECT_EQ(patient.id, "PATID1234");
  EXPECT_EQ(patient.mrn, "PATID1234");
  EXPECT_EQ(patient.name, "ADAM EVERYMAN");
  EXPECT_EQ(patient.address, "1000 Hospital Lane Ste. 123, Ann Arbor, MI 99999");
  EXPECT_EQ(patient.birth_date, "1988-08-18");
  EXPECT_TRUE(patient.confidential);  // PV1-16 VIP
  ASSERT_EQ(p->sink.encounters.size(), 1u);
  const EncounterRecord& e = p->sink.encounters[0];
  EXPECT_EQ(e.id, "40007716");
  EXPECT_EQ(e.patient_id, "PATID1234");
  EXPECT_EQ(e.class_code, "PRENC");
  EXPECT_EQ(e.status, "in-progress");
  EXPECT_EQ(e.location, "HUH AE OMU / OMU B / Bed 03");
  EXPECT_EQ(e.department, "SUR");
  EXPECT_EQ(format_iso8601(e.start), "2015-02-08T10:24:19Z");  // PV1-44 20150208113419+0110
  EXPECT_EQ(e.end, 0);
  ASSERT_EQ(e.participants.size(), 4u);
  EXPECT_EQ(e.participants[0].role, "ATND");
  EXPECT_EQ(e.participants[0].user_id, "1122334");
  EXPECT_EQ(e.participants[3].role, "ADM");
  EXPECT_EQ(e.participants[3].user_id, "37");
}

TEST(Hl7v2Parser, ReadsTheSimulatedHospitalStream) {
  auto p = parse(sample("simhospital-messages.hl7"));
  const auto& by_type = p->summary.by_type;
  ASSERT_EQ(by_type.size(), 4u);
  EXPECT_EQ(by_type.at("ADT^A01").accepted, 400u);
  EXPECT_EQ(by_type.at("ORU^R01").accepted, 610u);
  EXPECT_EQ(by_type.at("MDM^T02").accepted, 2u);
  EXPECT_EQ(by_type.at("ADT^A34").accepted, 1u);
  EXPECT_EQ(p->summary.accepted(), 1013u);
  EXPECT_EQ(p->summary.rejected(), 0u);
  EXPECT_EQ(p->sink.patients.size(), 1013u);
  ASSERT_EQ(p->sink.encounters.size(), 400u);
  for (const auto& e : p->sink.encounters) {
    EXPECT_EQ(e.status, "in-progress");
    EXPECT_NE(e.start, 0);
    EXPECT_FALSE(e.patient_id.empty());
  }
  // The first admission (message 5) as written in the file.
  const EncounterRecord& e = p->sink.encounters[0];
  EXPECT_EQ(e.id, "6145914547062969032");
  EXPECT_EQ(e.patient_id, "2590157853");
  EXPECT_EQ(e.class_code, "IMP");
  EXPECT_EQ(e.location, "RenalWard / MainRoom / Bed 1");
  EXPECT_EQ(e.department, "MED");
  EXPECT_EQ(format_iso8601(e.start), "2020-05-08T13:06:43Z");
  ASSERT_EQ(e.participants.size(), 1u);
  EXPECT_EQ(e.participants[0].user_id, "C006");
  EXPECT_EQ(p->sink.patients[0].mrn, "2590157853");
  EXPECT_EQ(p->sink.patients[0].address, "170 Juice Place, London, RW21 6KC");
}

TEST(Hl7v2Parser, ReadsLocalTimesInTheConfiguredZone) {
  auto london = find_time_zone("Europe/London");
  ASSERT_TRUE(london);
  ParseOptions options;
  options.local_zone = *london;
  auto p = parse(kGood, options);
  ASSERT_EQ(p->sink.encounters.size(), 1u);
  EXPECT_EQ(format_iso8601(p->sink.encounters[0].start), "2024-03-01T09:30:00Z");  // GMT in March
}

TEST(Hl7v2Parser, GivesTheSameRecordsForEverySegmentEnding) {
  std::string lf = sample("ADT-A01-01.hl7");  // segments end with \n
  ASSERT_EQ(lf.find('\r'), std::string::npos);
  for (std::string data : {lf, replace_all(lf, "\n", "\r"), replace_all(lf, "\n", "\r\n")}) {
    auto p = parse(data);
    ASSERT_EQ(p->sink.patients.size(), 1u);
    ASSERT_EQ(p->sink.encounters.size(), 1u);
    EXPECT_EQ(p->sink.patients[0].name, "ADAM EVERYMAN");
    EXPECT_EQ(p->sink.encounters[0].location, "HUH AE OMU / OMU B / Bed 03");
    EXPECT_EQ(format_iso8601(p->sink.encounters[0].start), "2015-02-08T10:24:19Z");
  }
}

TEST(Hl7v2Parser, ReadsMllpFramedMessages) {
  std::string data;
  for (std::string_view name : {"ADT-A01-01.hl7", "ADT-A03-01.hl7", "ORU-R01-01.hl7"})
    data += "\x0b" + replace_all(sample(name), "\n", "\r") + "\x1c\r";
  auto p = parse(data);
  EXPECT_EQ(p->summary.accepted(), 3u);
  EXPECT_EQ(p->summary.rejected(), 0u);
  ASSERT_EQ(p->sink.encounters.size(), 2u);
  EXPECT_EQ(p->sink.encounters[1].status, "finished");
  EXPECT_EQ(p->sink.patients.size(), 3u);
}

TEST(Hl7v2Parser, CountsMessagesWithoutAPidAsSkipped) {
  auto p = parse(
      "MSH|^~\\&|A|B|C|D|20240301||ACK^A01|1|P|2.5\rMSA|AA|C1\r"
      "MSH|^~\\&|A|B|C|D|20240301||ADT^A20|2|P|2.5\rEVN|A20|20240301\rNPU|4E^401|K\r");
  EXPECT_EQ(p->summary.by_type.at("ACK^A01").skipped, 1u);
  EXPECT_EQ(p->summary.by_type.at("ADT^A20").skipped, 1u);
  EXPECT_EQ(p->summary.accepted(), 0u);
  EXPECT_TRUE(p->sink.patients.empty());
}

TEST(Hl7v2Parser, TakesTheTriggerEventFromEvnWhenMsh9HasNone) {
  auto p = parse(
      "MSH|^~\\&|A|B|C|D|20240301||ADT|1|P|2.1\rEVN|A03|20240301\rPID|1||M1^^^H^MR\rPV1|1|O\r");
  EXPECT_EQ(p->summary.by_type.at("ADT^A03").accepted, 1u);
  ASSERT_EQ(p->sink.encounters.size(), 1u);
  EXPECT_EQ(p->sink.encounters[0].status, "finished");
}

// One bad message between two good ones: rejected with where and why, the rest goes on.
const ingest::Rejection& only_rejection(const Parsed& p) {
  EXPECT_EQ(p.sink.rejections.size(), 1u);
  EXPECT_EQ(p.summary.accepted(), 2u);
  static const ingest::Rejection kNone{};
  return p.sink.rejections.empty() ? kNone : p.sink.rejections[0];
}

std::unique_ptr<Parsed> parse_between_good_ones(std::string_view bad) {
  return parse(std::string(kGood) + "\n\n" + std::string(bad) + "\n\n" + std::string(kGood));
}

// kGood is 4 segments ended by \r; "\r\n" ends line 4 and the second \n is a blank line 5.
constexpr std::uint64_t kBadLine = 6;
constexpr std::uint64_t kBadOffset = kGood.size() + 2;

TEST(Hl7v2Parser, RejectsUnsupportedVersionsNamingMsh12) {
  for (std::string_view version : {"3.0", "2.9", "2.10", "2", "v2.5"}) {
    std::string bad =
        replace_all(std::string(kGood), "|2.5.1\r", "|" + std::string(version) + "\r");
    auto p = parse_between_good_ones(bad);
    const auto& r = only_rejection(*p);
    EXPECT_EQ(r.error.code, ErrorCode::unsupported) << version;
    EXPECT_EQ(r.error.field, "MSH-12");
    EXPECT_EQ(r.error.source, "test.hl7");
    EXPECT_EQ(r.error.line, kBadLine);
    EXPECT_EQ(r.error.offset, kBadOffset);
    EXPECT_EQ(r.record_type, "ADT^A01");
    EXPECT_EQ(r.raw, bad.substr(0, bad.size() - 1));  // the message without its last \r
  }
}

TEST(Hl7v2Parser, AcceptsVersions21To28) {
  for (std::string_view version : {"2.1", "2.2", "2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6",
                                   "2.7", "2.7.1", "2.8", "2.8.2", "2.5^USA"}) {
    auto p = parse(replace_all(std::string(kGood), "|2.5.1\r", "|" + std::string(version) + "\r"));
    EXPECT_EQ(p->summary.accepted(), 1u) << version;
  }
}

TEST(Hl7v2Parser, RejectsAMessageWithoutTypeOrVersion) {
  auto no_type = parse_between_good_ones(replace_all(std::string(kGood), "ADT^A01", ""));
  EXPECT_EQ(only_rejection(*no_type).error.field, "MSH-9");
  EXPECT_EQ(only_rejection(*no_type).error.line, kBadLine);
  EXPECT_EQ(only_rejection(*no_type).record_type, "HL7v2");
  auto no_version = parse_between_good_ones(replace_all(std::string(kGood), "|2.5.1\r", "|\r"));
  EXPECT_EQ(only_rejection(*no_version).error.field, "MSH-12");
  EXPECT_EQ(only_rejection(*no_version).error.code, ErrorCode::invalid_input);
}

TEST(Hl7v2Parser, RejectsTruncatedMessages) {
  std::string admit = sample("ADT-A01-01.hl7");
  // Cut inside MSH, before the message type.
  auto header = parse(admit.substr(0, admit.find("|SECURITY")));
  ASSERT_EQ(header->sink.rejections.size(), 1u);
  EXPECT_EQ(header->sink.rejections[0].error.field, "MSH-9");
  EXPECT_EQ(header->sink.rejections[0].error.line, 1u);
  // Cut inside the birth date: "19880" has an odd number of digits.
  auto pid = parse(admit.substr(0, admit.find("198808181126+0215") + 5));
  ASSERT_EQ(pid->sink.rejections.size(), 1u);
  EXPECT_EQ(pid->sink.rejections[0].error.field, "PID-7");
  EXPECT_EQ(pid->sink.rejections[0].record_type, "ADT^A01");
  EXPECT_TRUE(pid->sink.patients.empty());
  // Only "MSH".
  auto bare = parse("MSH");
  ASSERT_EQ(bare->sink.rejections.size(), 1u);
  EXPECT_EQ(bare->sink.rejections[0].error.field, "MSH-1");
}

TEST(Hl7v2Parser, RejectsABadDateNamingTheFieldAndNotItsValue) {
  std::string bad = replace_all(std::string(kGood), "20240301093000", "20241301093000");
  auto p = parse_between_good_ones(bad);
  const auto& r = only_rejection(*p);
  EXPECT_EQ(r.error.field, "PV1-44");
  EXPECT_EQ(r.error.line, kBadLine);
  EXPECT_EQ(r.error.message.find("20241301"), std::string::npos) << r.error.message;
  EXPECT_NE(r.error.describe().find("test.hl7:6"), std::string::npos) << r.error.describe();
  EXPECT_EQ(p->sink.encounters.size(), 2u);  // nothing half-mapped from the bad message
  EXPECT_EQ(p->sink.patients.size(), 2u);
}

TEST(Hl7v2Parser, RejectsTextThatIsNotHl7) {
  auto p = parse("hello world\r\nthis is not HL7\r\n\r\n" + std::string(kGood));
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  const auto& r = p->sink.rejections[0];
  EXPECT_EQ(r.record_type, "HL7v2");
  EXPECT_EQ(r.error.field, "MSH");
  EXPECT_EQ(r.error.line, 1u);
  EXPECT_EQ(r.raw, "hello world\r\nthis is not HL7");
  EXPECT_EQ(p->summary.accepted(), 1u);
}

TEST(Hl7v2Parser, RejectsBinaryGarbageWithoutCrashing) {
  std::mt19937 rng(20240301);
  std::string garbage(64 * 1024, '\0');
  for (char& c : garbage) c = static_cast<char>(rng() & 0xff);
  auto p = parse(garbage);
  // No line starts with "MSH", so nothing is a message. The random bytes include MLLP framing
  // (0x0B starts a block, 0x1C ends one) at the edges of some lines, which cut the garbage into
  // six runs; each is rejected on its own, with where it starts.
  ASSERT_EQ(p->sink.rejections.size(), 6u);
  EXPECT_EQ(p->sink.rejections[0].error.line, 1u);
  std::uint64_t previous_line = 0;
  for (const auto& r : p->sink.rejections) {
    EXPECT_EQ(r.record_type, "HL7v2");
    EXPECT_EQ(r.error.field, "MSH");
    EXPECT_EQ(r.error.source, "test.hl7");
    EXPECT_GT(r.error.line, previous_line);
    previous_line = r.error.line;
  }
  EXPECT_EQ(p->summary.accepted(), 0u);
  EXPECT_EQ(p->summary.rejected(), 6u);
  // Garbage right after a good message, without a blank line, spoils only that message.
  auto after = parse(std::string(kGood) + garbage.substr(0, 200) + "\n\n" + std::string(kGood));
  EXPECT_EQ(after->summary.accepted(), 1u);
  ASSERT_GE(after->sink.rejections.size(), 1u);
  EXPECT_EQ(after->sink.rejections[0].record_type, "ADT^A01");
  EXPECT_EQ(after->sink.rejections[0].error.field, "segment 5");
}

TEST(Hl7v2Parser, SurvivesCorruptedSamples) {
  // Deterministic corruption of real messages: every outcome is a record or a rejection.
  std::string base = sample("ADT-A01-01.hl7") + "\n" + sample("LAB-ORU-1.hl7");
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::string data = base;
    for (int k = 0; k < 8; ++k) data[rng() % data.size()] = static_cast<char>(rng() & 0xff);
    auto p = parse(data.substr(0, rng() % data.size()));
    for (const auto& r : p->sink.rejections) {
      EXPECT_FALSE(r.error.field.empty()) << r.error.describe();
      EXPECT_FALSE(r.error.message.empty());
    }
  }
}

TEST(Hl7v2Parser, EmptyInputGivesNothing) {
  for (std::string_view data : {"", "\r\n\r\n", "\xef\xbb\xbf", "\x0b\x1c\r"}) {
    auto p = parse(data);
    EXPECT_TRUE(p->summary.by_type.empty());
    EXPECT_TRUE(p->sink.patients.empty());
    EXPECT_TRUE(p->sink.rejections.empty());
  }
}

TEST(Hl7v2Parser, RejectsAMessageOverTheSizeLimit) {
  ParseOptions options;
  options.max_record_bytes = kGood.size() + 10;
  std::string big = replace_all(std::string(kGood), "DOE^JANE", std::string(100, 'X') + "^JANE");
  auto p = parse(std::string(kGood) + "\n\n" + big + "\n\n" + std::string(kGood), options);
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  const auto& r = p->sink.rejections[0];
  EXPECT_EQ(r.error.code, ErrorCode::too_large);
  EXPECT_EQ(r.error.field, "message");
  EXPECT_EQ(r.error.line, kBadLine);
  EXPECT_EQ(r.error.offset, kBadOffset);
  EXPECT_EQ(r.record_type, "ADT^A01");
  EXPECT_EQ(p->summary.accepted(), 2u);
}

class FailingSink : public RecordSink {
 public:
  Result<void> accept(ParsedRecords&) override {
    ++calls;
    return fail(ErrorCode::storage, "disk full");
  }
  int calls = 0;
};

TEST(Hl7v2Parser, StopsWhenTheSinkFails) {
  FailingSink sink;
  ParseOptions options;
  options.batch_size = 1;
  ParseContext ctx("test.hl7", sink, options);
  auto r = parse_hl7v2(std::string(kGood) + std::string(kGood), ctx);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::storage);
  EXPECT_EQ(sink.calls, 1);
}

TEST(Hl7v2Parser, HandsEverythingOverInBatches) {
  ParseOptions options;
  options.batch_size = 100;
  auto p = parse(sample("simhospital-messages.hl7"), options);
  EXPECT_EQ(p->sink.patients.size(), 1013u);
  EXPECT_EQ(p->sink.encounters.size(), 400u);
}

TEST(Hl7v2Parser, RecognisesHl7ForFormatDetection) {
  EXPECT_TRUE(looks_like_hl7v2("MSH|^~\\&|A"));
  EXPECT_TRUE(looks_like_hl7v2("\xef\xbb\xbfMSH|^~\\&|A"));
  EXPECT_TRUE(looks_like_hl7v2("\x0bMSH|^~\\&"));
  EXPECT_TRUE(looks_like_hl7v2("\r\n  MSH#$%*@"));
  EXPECT_TRUE(looks_like_hl7v2(sample("ADT01-23.hl7").substr(0, 64)));
  EXPECT_FALSE(looks_like_hl7v2("MSH"));
  EXPECT_FALSE(looks_like_hl7v2("MSHX"));
  EXPECT_FALSE(looks_like_hl7v2("{\"resourceType\":\"Bundle\"}"));
  EXPECT_FALSE(looks_like_hl7v2("PID|1||X"));
  EXPECT_FALSE(looks_like_hl7v2(""));
}

}  // namespace
}  // namespace ward::ingest
