#include "ingest/mllp/hl7v2_ack.h"

#include <gtest/gtest.h>

namespace ward::ingest {
namespace {

constexpr std::string_view kAdtToAck =
    "MSH|^~\\&|ADT1|GOOD HEALTH^1.2.3^ISO|WARD|HOSP|20240301101500||ADT^A01^ADT_A01|MSG00001|P|2.5.1\r"
    "EVN|A01|20240301101500\r"
    "PID|1||111^^^HOSP^MR||DOE^JANE||19800102|F\r"
    "PV1|1|I|4E^401^B\r";
constexpr TimeNs kTime = 1'709'288'100LL * kNsPerSecond;  // 2024-03-01T10:15:00Z

std::vector<std::string> segments(const std::string& ack) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < ack.size()) {
    std::size_t end = ack.find('\r', pos);
    EXPECT_NE(end, std::string::npos) << "every segment ends with \\r";
    if (end == std::string::npos) break;
    out.push_back(ack.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

TEST(Hl7v2Ack, AcceptSwapsSenderAndReceiverAndAnswersTheControlId) {
  std::string ack = build_ack(read_acked_header(kAdtToAck),
                              {.code = AckCode::accept, .control_id = "1709288100000001", .time = kTime});
  auto s = segments(ack);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "MSH|^~\\&|WARD|HOSP|ADT1|GOOD HEALTH^1.2.3^ISO|20240301101500+0000||ACK^A01^ACK|"
                  "1709288100000001|P|2.5.1");
  EXPECT_EQ(s[1], "MSA|AA|MSG00001");
}

TEST(Hl7v2Ack, ErrorGivesTheEscapedReasonInMsa3AndAnErrSegment) {
  AckError error{.hl7_code = 102, .text = "PID-7: birth date in segment 3 is not valid: a|b^c", .segment = "PID",
                 .sequence = 1, .field = 7};
  std::string ack = build_ack(read_acked_header(kAdtToAck),
                              {.code = AckCode::error, .control_id = "2", .time = kTime, .error = &error});
  auto s = segments(ack);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1], "MSA|AE|MSG00001|PID-7: birth date in segment 3 is not valid: a\\F\\b\\S\\c");
  EXPECT_EQ(s[2], "ERR||PID^1^7|102^Data type error^HL70357|E||||"
                  "PID-7: birth date in segment 3 is not valid: a\\F\\b\\S\\c");
}

TEST(Hl7v2Ack, CutsMsa3AtEightyCharactersButNotErr8) {
  AckError error{.hl7_code = 207, .text = std::string(200, 'x')};
  std::string ack = build_ack(read_acked_header(kAdtToAck),
                              {.code = AckCode::error, .control_id = "2", .time = kTime, .error = &error});
  auto s = segments(ack);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1], "MSA|AE|MSG00001|" + std::string(80, 'x'));
  EXPECT_EQ(s[2], "ERR|||207^Application internal error^HL70357|E||||" + std::string(200, 'x'));
}

TEST(Hl7v2Ack, AnswersInTheMessagesOwnDelimiters) {
  std::string_view custom = "MSH#$*@%#APP#FAC#WARD#HOSP#20240301##ADT$A04#C1#T#2.3\rPID#1\r";
  AckError error{.hl7_code = 102, .text = "bad #$*@% value", .segment = "PID", .field = 7};
  std::string ack = build_ack(read_acked_header(custom),
                              {.code = AckCode::error, .control_id = "9", .time = kTime, .error = &error});
  auto s = segments(ack);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "MSH#$*@%#WARD#HOSP#APP#FAC#20240301101500+0000##ACK$A04$ACK#9#T#2.3");
  EXPECT_EQ(s[1], "MSA#AE#C1#bad @F@@S@@R@@E@@T@ value");
  EXPECT_EQ(s[2], "ERR##PID$$7#102$Data type error$HL70357#E####bad @F@@S@@R@@E@@T@ value");
}

TEST(Hl7v2Ack, AnswersWhatIsNotHl7WithAStandardHeader) {
  AckError error{.hl7_code = 100, .text = "MSH: text outside any message"};
  std::string ack = build_ack(read_acked_header("hello\r\n"),
                              {.code = AckCode::reject, .control_id = "3", .time = kTime, .error = &error});
  auto s = segments(ack);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "MSH|^~\\&|||||20240301101500+0000||ACK|3|P|2.5");
  EXPECT_EQ(s[1], "MSA|AR||MSH: text outside any message");
}

TEST(Hl7v2Ack, ReadsTheHeaderEvenWhenTheRestIsBroken) {
  AckedHeader h = read_acked_header("\xef\xbb\xbf\r\nMSH|^~\\&|A|B|C|D|t||ORU^R01|X9|P|2.3\ngarbage\n");
  EXPECT_EQ(h.sending_application, "A");
  EXPECT_EQ(h.receiving_facility, "D");
  EXPECT_EQ(h.message_type, "ORU");
  EXPECT_EQ(h.trigger_event, "R01");
  EXPECT_EQ(h.control_id, "X9");
  EXPECT_EQ(h.version, "2.3");
}

TEST(Hl7v2Ack, RejectsUnsupportedVersionsAndBrokenHeadersWithAr) {
  auto version = refusal_for(Error{ErrorCode::unsupported, "HL7 version 3.0 is not supported", {}, 0, 0, "MSH-12"}, kAdtToAck);
  EXPECT_EQ(version.code, AckCode::reject);
  EXPECT_EQ(version.error.hl7_code, 203);
  EXPECT_EQ(version.error.segment, "MSH");
  EXPECT_EQ(version.error.sequence, 1);
  EXPECT_EQ(version.error.field, 12);
  EXPECT_EQ(version.error.text, "MSH-12: HL7 version 3.0 is not supported");
  auto no_type = refusal_for(Error{ErrorCode::invalid_input, "MSH has no message type", {}, 0, 0, "MSH-9"}, kAdtToAck);
  EXPECT_EQ(no_type.code, AckCode::reject);
  EXPECT_EQ(no_type.error.hl7_code, 101);
  auto not_hl7 = refusal_for(Error{ErrorCode::invalid_input, "text outside any message", {}, 0, 0, "MSH"}, "hello");
  EXPECT_EQ(not_hl7.code, AckCode::reject);
  EXPECT_EQ(not_hl7.error.hl7_code, 100);
  auto no_name = refusal_for(Error{ErrorCode::invalid_input, "no name", {}, 0, 0, "segment 3"}, kAdtToAck);
  EXPECT_EQ(no_name.code, AckCode::reject);
  EXPECT_EQ(no_name.error.segment, "");
  auto large = refusal_for(Error{ErrorCode::too_large, "too big", {}, 0, 0, "message"}, kAdtToAck);
  EXPECT_EQ(large.code, AckCode::reject);
  EXPECT_EQ(large.error.hl7_code, 104);
}

TEST(Hl7v2Ack, AnswersABadFieldWithAeAndItsPlace) {
  auto date = refusal_for(Error{ErrorCode::invalid_input, "birth date is not valid", {}, 0, 0, "PID-7"}, kAdtToAck);
  EXPECT_EQ(date.code, AckCode::error);
  EXPECT_EQ(date.error.hl7_code, 102);
  EXPECT_EQ(date.error.segment, "PID");
  EXPECT_EQ(date.error.sequence, 1);
  EXPECT_EQ(date.error.field, 7);
  auto id = refusal_for(Error{ErrorCode::invalid_input, "no identifier", {}, 0, 0, "PID-3"}, kAdtToAck);
  EXPECT_EQ(id.code, AckCode::error);
  EXPECT_EQ(id.error.hl7_code, 101);
  // With two PIDs, which one is wrong is not known: the sequence is left out.
  std::string two = std::string(kAdtToAck) + "PID|2||222^^^HOSP^MR\r";
  auto second = refusal_for(Error{ErrorCode::invalid_input, "bad", {}, 0, 0, "PID-7"}, two);
  EXPECT_EQ(second.error.sequence, 0);
  AckError e = second.error;
  std::string ack = build_ack(read_acked_header(two), {.code = AckCode::error, .control_id = "1", .time = kTime, .error = &e});
  EXPECT_NE(ack.find("\rERR||PID^^7|102^"), std::string::npos) << ack;
}

}  // namespace
}  // namespace ward::ingest
