#include "ingest/mllp/message_receiver.h"

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

constexpr std::string_view kAdt =
    "MSH|^~\\&|ADT1|HOSP|WARD|HOSP|20240301101500||ADT^A01^ADT_A01|MSG00001|P|2.5.1\r"
    "EVN|A01|20240301101500\r"
    "PID|1||111^^^HOSP^MR||DOE^JANE||19800102|F\r"
    "PV1|1|I|4E^401^B||||||||||||||||V1\r";
const std::string kSource = "mllp:127.0.0.1:40000";

class FailingSink : public RecordSink {
 public:
  Result<void> accept(ParsedRecords&) override {
    ++calls;
    return fail(ErrorCode::storage, "disk I/O error");
  }
  int calls = 0;
};

// The MSA segment of an ACK.
std::string msa_of(const std::string& ack) {
  auto start = ack.find("\rMSA|");
  if (start == std::string::npos) return {};
  return ack.substr(start + 1, ack.find('\r', start + 1) - start - 1);
}

TEST(MessageReceiver, CommitsThenAcceptsAndTellsTheHook) {
  testing::CollectingSink sink;
  std::vector<ImportSummary> told;
  MessageReceiver receiver(sink, {}, [&](const ImportSummary& s) { told.push_back(s); });
  Receipt r = receiver.receive(kAdt, kSource);
  EXPECT_EQ(r.code, AckCode::accept);
  EXPECT_EQ(msa_of(r.ack), "MSA|AA|MSG00001");
  EXPECT_EQ(r.record_type, "ADT^A01");
  ASSERT_EQ(sink.patients.size(), 1u);
  EXPECT_EQ(sink.patients[0].id, "111");
  ASSERT_EQ(sink.encounters.size(), 1u);
  EXPECT_EQ(sink.encounters[0].id, "V1");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].by_type.at("ADT^A01").accepted, 1u);
}

TEST(MessageReceiver, TellsTheSenderHookWhoSentEachAcceptedMessage) {
  testing::CollectingSink sink;
  struct Told {
    std::string ip, application, facility;
    char component;
  };
  std::vector<Told> told;
  MessageReceiver receiver(sink, {}, {}, [&](const Hl7Sender& s) {
    told.push_back({std::string(s.peer_ip), std::string(s.sending_application), std::string(s.sending_facility),
                    s.component});
  });
  EXPECT_EQ(receiver.receive(kAdt, kSource, "10.20.5.5").code, AckCode::accept);
  std::string bad(kAdt);
  bad.replace(bad.find("19800102"), 8, "1980X102");
  EXPECT_EQ(receiver.receive(bad, kSource, "10.20.5.5").code, AckCode::error);  // not told: not accepted
  EXPECT_EQ(receiver.receive(kAdt, kSource).code, AckCode::accept);             // no peer address: not told
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].ip, "10.20.5.5");
  EXPECT_EQ(told[0].application, "ADT1");
  EXPECT_EQ(told[0].facility, "HOSP");
  EXPECT_EQ(told[0].component, '^');
}

TEST(MessageReceiver, QuarantinesABadMessageUnderThePeerAndAnswersAe) {
  testing::CollectingSink sink;
  int hook_calls = 0;
  MessageReceiver receiver(sink, {}, [&](const ImportSummary&) { ++hook_calls; });
  std::string bad(kAdt);
  bad.replace(bad.find("19800102"), 8, "1980X102");
  Receipt r = receiver.receive(bad, kSource);
  EXPECT_EQ(r.code, AckCode::error);
  EXPECT_EQ(msa_of(r.ack).rfind("MSA|AE|MSG00001|PID-7: birth date", 0), 0u) << r.ack;
  EXPECT_NE(r.ack.find("\rERR||PID^1^7|102^Data type error^HL70357|E||||PID-7: "), std::string::npos) << r.ack;
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].error.source, kSource);
  EXPECT_TRUE(sink.patients.empty());
  EXPECT_EQ(hook_calls, 0);
}

TEST(MessageReceiver, AcceptsAMessageTypeThatOnlyGivesThePatientLikeImportDoes) {
  testing::CollectingSink sink;
  MessageReceiver receiver(sink, {});
  std::string oru = testing::read_file(testing::shared_data("hl7v2/ORU-R01-01.hl7"));
  Receipt r = receiver.receive(oru, kSource);
  EXPECT_EQ(r.code, AckCode::accept) << r.reason;
  EXPECT_EQ(r.record_type, "ORU^R01");
}

TEST(MessageReceiver, AStoreFailureIsAnsweredAeAndNothingIsClaimed) {
  FailingSink sink;
  int hook_calls = 0;
  MessageReceiver receiver(sink, {}, [&](const ImportSummary&) { ++hook_calls; });
  Receipt r = receiver.receive(kAdt, kSource);
  EXPECT_EQ(r.code, AckCode::error);
  EXPECT_TRUE(r.store_failed);
  EXPECT_EQ(msa_of(r.ack), "MSA|AE|MSG00001|Ward could not store the message and did not keep it; send it again");
  EXPECT_NE(r.ack.find("|207^Application internal error^HL70357|"), std::string::npos);
  EXPECT_NE(r.reason.find("disk I/O error"), std::string::npos);
  EXPECT_EQ(sink.calls, 1);
  EXPECT_EQ(hook_calls, 0);
}

TEST(MessageReceiver, RefusesAFrameWithTwoMessagesAndStoresNothing) {
  testing::CollectingSink sink;
  MessageReceiver receiver(sink, {});
  Receipt r = receiver.receive(std::string(kAdt) + std::string(kAdt), kSource);
  EXPECT_EQ(r.code, AckCode::reject);
  EXPECT_NE(r.reason.find("holds 2 messages"), std::string::npos) << r.reason;
  EXPECT_TRUE(sink.patients.empty());
  EXPECT_TRUE(sink.rejections.empty());
  Receipt empty = receiver.receive("\r\n", kSource);
  EXPECT_EQ(empty.code, AckCode::reject);
  EXPECT_EQ(msa_of(empty.ack), "MSA|AR||the MLLP frame holds no message");
}

TEST(MessageReceiver, RejectsWhatIsNotHl7WithAr) {
  testing::CollectingSink sink;
  MessageReceiver receiver(sink, {});
  Receipt r = receiver.receive("hello there", kSource);
  EXPECT_EQ(r.code, AckCode::reject);
  EXPECT_NE(r.ack.find("|100^Segment sequence error^HL70357|"), std::string::npos) << r.ack;
  ASSERT_EQ(sink.rejections.size(), 1u);  // quarantined like any bad record
}

TEST(MessageReceiver, QuarantinesTheHeadOfATooLargeMessage) {
  testing::CollectingSink sink;
  MessageReceiver receiver(sink, {});
  Receipt r = receiver.refuse_too_large(kAdt.substr(0, 80), 20'000'000, 16'777'216, kSource);
  EXPECT_EQ(r.code, AckCode::reject);
  EXPECT_EQ(r.record_type, "ADT^A01");
  EXPECT_EQ(msa_of(r.ack),
            "MSA|AR|MSG00001|message is 20000000 bytes, over the limit of 16777216 (mllp.max_message_bytes)");
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].error.code, ErrorCode::too_large);
  EXPECT_EQ(sink.rejections[0].error.source, kSource);
}

}  // namespace
}  // namespace ward::ingest
