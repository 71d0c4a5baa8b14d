// HL7 v2 de-identified as a receiving system and a privacy officer would check it: every message
// still parses with Ward's own reader, MSH (but for its date/time) and the structure are as they
// were, no identifier of the patient is left in the PID/NK1/GT1/IN1 fields, the dates of the
// event (MSH-7, EVN) or the OBX/NTE free text, dates move by
// one offset per patient, and a keyed policy gives the same output on every run.
#include "deid/hl7v2_deidentifier.h"

#include <chrono>
#include <map>

#include <gtest/gtest.h>

#include "core/base64.h"
#include "deid/deid_testing.h"
#include "ingest/hl7v2/hl7v2_message.h"
#include "ingest/hl7v2/hl7v2_stream.h"
#include "testing/shared_data.h"

namespace ward::deid {
namespace {

using ingest::Hl7v2Message;
using phi::InputFormat;
using phi::PhiType;

std::vector<std::string> messages_of(std::string_view data) {
  std::vector<std::string> out;
  ingest::Hl7v2Splitter splitter(data);
  ingest::Hl7v2Chunk chunk;
  while (splitter.next(chunk))
    if (chunk.is_message) out.emplace_back(chunk.text);
  return out;
}

// Field `n` of the first segment `name` of the message text, as written.
std::string field(const std::string& message_text, std::string_view name, std::size_t n) {
  auto m = Hl7v2Message::parse(message_text);
  EXPECT_TRUE(m) << m.error().message;
  return m ? std::string(m->field_of(name, n)) : "";
}

std::chrono::sys_days day_of(std::string_view hl7_time) {
  using namespace std::chrono;
  const int y = std::stoi(std::string(hl7_time.substr(0, 4)));
  const unsigned mo = static_cast<unsigned>(std::stoi(std::string(hl7_time.substr(4, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(hl7_time.substr(6, 2))));
  return sys_days{year{y} / month{mo} / day{d}};
}

TEST(Hl7v2Deidentifier, SafeHarborLeavesNoPatientIdentifierAndTheMessageStillParses) {
  const std::string in = ward::testing::read_file(ward::testing::shared_data("hl7v2/ADT-A01-01.hl7"));
  auto vault_dir = ward::testing::TempDir();
  auto vault = VaultLinker::open(vault_dir.path() / "vault.db");
  ASSERT_TRUE(vault);
  const Deidentified out = testing::run(InputFormat::hl7v2, safe_harbor_policy(), **vault, in, "ADT-A01-01.hl7");

  const std::vector<std::string> out_messages = messages_of(out.text), in_messages = messages_of(in);
  ASSERT_EQ(out_messages.size(), 1u);
  auto parsed = Hl7v2Message::parse(out_messages[0]);
  ASSERT_TRUE(parsed) << parsed.error().message;
  auto original = Hl7v2Message::parse(in_messages[0]);
  ASSERT_EQ(parsed->segments().size(), original->segments().size()) << "no segment lost or added";
  // MSH as it was but for its date/time; the event's times keep their year only.
  std::string msh = std::string(original->segments()[0]);
  msh.replace(msh.find("198908181126+0215"), 17, "1989");
  EXPECT_EQ(parsed->segments()[0], msh);
  EXPECT_EQ(parsed->field(parsed->segments()[2], 2), "2029") << "EVN-2, recorded";
  EXPECT_EQ(parsed->field(parsed->segments()[2], 3), "2029") << "EVN-3, planned";
  EXPECT_EQ(parsed->field(parsed->segments()[2], 6), "2021") << "EVN-6, occurred";
  EXPECT_EQ(parsed->field(parsed->segments()[2], 1), "A01") << "the event type stays";
  for (std::size_t i = 0; i < parsed->segments().size(); ++i)
    EXPECT_EQ(Hl7v2Message::segment_name(parsed->segments()[i]), Hl7v2Message::segment_name(original->segments()[i]));

  // Values that appear only in the PHI fields of the sample: none is left anywhere.
  for (std::string_view value : {"EVERYMAN", "PATID1234", "PATID567", "Hospital Lane", "Ann Arbor", "78788788", "PSSN123121234",
                                 "DLN-123", "198808181126", "GREENSBORO", "HOME&STREET", "RADIANT", "1619 SOUTH UNIVERSITY",
                                 "6082517777", "G-SSN-12", "3857 Velvet Treasure Terrace", "Rosallie", "PN-145"})
    EXPECT_EQ(out.text.find(value), std::string::npos) << value << " is still in the output";
  const std::string pid = std::string(parsed->segments()[3]);
  EXPECT_EQ(parsed->field(parsed->segments()[3], 7), "1988") << "a birth date keeps its year only";
  EXPECT_EQ(parsed->field(parsed->segments()[3], 19), "[SSN]");
  EXPECT_EQ(parsed->component(parsed->field(parsed->segments()[3], 11), 4), "MI") << "the state stays";
  EXPECT_EQ(parsed->component(parsed->field(parsed->segments()[3], 11), 5), "999**") << "ZIP to three digits";
  EXPECT_TRUE(parsed->component(parsed->field(parsed->segments()[3], 3), 1).starts_with("[MRN-")) << pid;
  EXPECT_EQ(parsed->component(parsed->field(parsed->segments()[3], 3), 5), "MR") << "components without PHI stay";
  EXPECT_GE(testing::changed(out, PhiType::name), 6u);
  EXPECT_GE(testing::changed(out, PhiType::mrn), 2u);
}

TEST(Hl7v2Deidentifier, FreeTextIsScannedWithThePatientsOwnValuesAndEscapesSurvive) {
  const std::string in =
      "MSH|^~\\&|LAB|H|EHR|H|20240101||ORU^R01|1|P|2.5\r"
      "PID|1||A7781234^^^H^MR||Whitfield^Jonathan||19350208|M|||12 Glyn St^^Boston^MA^02115\r"
      "OBX|1|TX|NOTE||Mr Whitfield (A7781234) called from 12 Glyn St.\\.br\\Results \\T\\ plan discussed.~"
      "Jonathon Whitfeild agreed.\r"
      "OBX|2|NM|8867-4||72|/min\r"
      "NTE|1||Seen by the Movement Disorders Clinic \\T\\ physiotherapy.\r";
  KeyedLinker linker(SecretKey{});
  const Deidentified out = testing::run(InputFormat::hl7v2, testing::research_policy(), linker, in);
  const std::vector<std::string> messages = messages_of(out.text);
  ASSERT_EQ(messages.size(), 1u);
  for (std::string_view value : {"Jonathon", "Whitfeild", "Whitfield", "Jonathan", "A7781234", "Glyn"})
    EXPECT_EQ(out.text.find(value), std::string::npos) << value << " is still in:\n" << out.text;
  const std::string obx = field(messages[0], "OBX", 5);
  EXPECT_NE(obx.find("\\.br\\Results \\T\\ plan discussed."), std::string::npos) << "line breaks and & stay escaped: " << obx;
  EXPECT_NE(out.text.find("NTE|1||Seen by the Movement Disorders Clinic \\T\\ physiotherapy.\r"), std::string::npos)
      << "text without PHI is kept byte for byte";
  EXPECT_NE(out.text.find("OBX|2|NM|8867-4||72|/min\r"), std::string::npos);
  // The family name has one surrogate: in PID-5.1 and in the note (misspelt, it is found but gets its own).
  auto m = Hl7v2Message::parse(messages[0]);
  const std::string family(m->component(m->field_of("PID", 5), 1));
  EXPECT_NE(obx.find(family), std::string::npos) << family << " not in " << obx;
}

TEST(Hl7v2Deidentifier, EncapsulatedImagesAreRemovedAndEncapsulatedTextIsDeidentified) {
  // OUL-R22-01.hl7 carries a slide scanner's thumbnail, label area and camera images (JPEG, base64)
  // in OBX-5 of type ED: a slide's label shows the patient's name. Ward cannot read them.
  const std::string in = ward::testing::read_file(ward::testing::shared_data("hl7v2/OUL-R22-01.hl7"));
  ASSERT_NE(in.find("^IM^JPEG^Base64^VGhpcyBpcyBhIEJhc2U2NCBzdHJpbmc="), std::string::npos);
  KeyedLinker linker(SecretKey{});
  const Deidentified out = testing::run(InputFormat::hl7v2, safe_harbor_policy(), linker, in, "OUL-R22-01.hl7");
  EXPECT_EQ(out.changed.documents_removed, 3u) << "the three images with data; the fourth ED has none";
  EXPECT_EQ(out.text.find("VGhpcyBpcyBhIEJhc2U2NCBzdHJpbmc="), std::string::npos);
  EXPECT_NE(out.text.find("|^IM^JPEG^Base64^|"), std::string::npos) << "what it was stays said, the data goes";
  ASSERT_EQ(messages_of(out.text).size(), messages_of(in).size());
  for (const std::string& m : messages_of(out.text)) EXPECT_TRUE(Hl7v2Message::parse(m)) << m;
  const Deidentified kept = testing::run(InputFormat::hl7v2, testing::policy_from("basis: limited-data-set\ndefault: keep\n"), linker, in, "OUL-R22-01.hl7");
  EXPECT_EQ(kept.changed.documents_removed, 0u) << "a policy that keeps everything keeps them";
  EXPECT_NE(kept.text.find("^IM^JPEG^Base64^VGhpcyBpcyBhIEJhc2U2NCBzdHJpbmc="), std::string::npos);

  // A text report in base64 and one in ASCII are de-identified and written back as they came.
  const std::string report = "Echo for Mr Whitfield (A7781234): normal LV function.";
  const std::string text_in =
      "MSH|^~\\&|LAB|H|EHR|H|20240101||ORU^R01|1|P|2.5\r"
      "PID|1||A7781234^^^H^MR||Whitfield^Jonathan||19350208|M\r"
      "OBX|1|ED|ECHO||^TEXT^plain^Base64^" + encode_base64(report) + "\r"
      "OBX|2|ED|ECHO||^TEXT^plain^A^Mr Whitfield \\T\\ wife informed.\r";
  const Deidentified text_out = testing::run(InputFormat::hl7v2, safe_harbor_policy(), linker, text_in);
  const std::vector<std::string> messages = messages_of(text_out.text);
  ASSERT_EQ(messages.size(), 1u);
  auto m = Hl7v2Message::parse(messages[0]);
  ASSERT_TRUE(m) << m.error().message;
  std::string decoded;
  std::string_view obx1 = m->segments()[2], obx2 = m->segments()[3];
  ASSERT_TRUE(decode_base64(m->component(m->field(obx1, 5), 5), decoded, 1 << 20));
  EXPECT_EQ(decoded.find("Whitfield"), std::string::npos) << decoded;
  EXPECT_EQ(decoded.find("A7781234"), std::string::npos) << decoded;
  EXPECT_NE(decoded.find("normal LV function."), std::string::npos) << decoded;
  const std::string ascii = m->decode(m->component(m->field(obx2, 5), 5));
  EXPECT_EQ(ascii.find("Whitfield"), std::string::npos) << ascii;
  EXPECT_NE(ascii.find(" & wife informed."), std::string::npos) << ascii;
  EXPECT_EQ(text_out.changed.documents_removed, 0u);
}

TEST(Hl7v2Deidentifier, DatesMoveByOneOffsetPerPatientAndKeyedOutputIsTheSameEveryRun) {
  const std::string in = ward::testing::read_file(ward::testing::shared_data("hl7v2/simhospital-messages.hl7"));
  KeyedLinker linker(SecretKey{});
  const Policy policy = testing::research_policy();
  const Deidentified out = testing::run(InputFormat::hl7v2, policy, linker, in, "simhospital-messages.hl7");
  KeyedLinker again_linker(SecretKey{});
  EXPECT_EQ(testing::run(InputFormat::hl7v2, policy, again_linker, in, "simhospital-messages.hl7").text, out.text)
      << "the same input and key give the same output";

  const std::vector<std::string> before = messages_of(in), after = messages_of(out.text);
  ASSERT_EQ(before.size(), 1013u);
  ASSERT_EQ(after.size(), before.size()) << "every message still parses as one";
  std::map<std::string, std::int64_t> offset_of;  // patient -> days moved
  std::size_t admissions = 0;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const std::string patient = field(before[i], "PID", 3);
    const std::string birth = field(before[i], "PID", 7), new_birth = field(after[i], "PID", 7);
    ASSERT_GE(new_birth.size(), 8u) << "message " << i + 1;
    EXPECT_EQ(new_birth.substr(8), birth.substr(8)) << "the time of day stays";
    const std::int64_t offset = (day_of(new_birth) - day_of(birth)).count();
    EXPECT_TRUE(offset <= -10 && offset >= -100) << offset;
    auto [it, first] = offset_of.emplace(patient, offset);
    EXPECT_EQ(it->second, offset) << "one offset per patient";
    EXPECT_EQ(field(after[i], "PID", 3).find(patient.substr(0, patient.find('^'))), std::string::npos);
    const std::string admit = field(before[i], "PV1", 44);
    if (admit.size() >= 8) {
      ++admissions;
      EXPECT_EQ((day_of(field(after[i], "PV1", 44)) - day_of(admit)).count(), offset) << "intervals kept";
    }
  }
  EXPECT_GT(offset_of.size(), 1u) << "several patients";
  EXPECT_GT(admissions, 100u);
}

TEST(Hl7v2Deidentifier, MarkedChangesStayInsideTheirComponent) {
  const std::string in = "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||A7781234^^^H^MR||Whitfield^Jonathan||19350208\r";
  KeyedLinker linker(SecretKey{});
  const Deidentified out = testing::run(InputFormat::hl7v2, testing::research_policy("mark_changes: true\n"), linker, in);
  const std::vector<std::string> messages = messages_of(out.text);
  ASSERT_EQ(messages.size(), 1u);
  auto m = Hl7v2Message::parse(messages[0]);
  ASSERT_TRUE(m);
  const std::string_view name = m->field_of("PID", 5);
  EXPECT_TRUE(m->component(name, 1).starts_with("[[") && m->component(name, 1).ends_with("]]")) << name;
  EXPECT_TRUE(m->component(name, 2).starts_with("[[")) << name;
  EXPECT_TRUE(m->field_of("PID", 7).starts_with("[[19")) << "a shifted date, marked";
  EXPECT_TRUE(m->component(m->field_of("PID", 3), 1).starts_with("[MRN-")) << "codes are bracketed already";
}

TEST(Hl7v2Deidentifier, MllpFramingAndLineEndsAreKept) {
  const std::string in = "\x0bMSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\r\nPID|1||A7781234^^^H^MR||Whitfield^Jonathan\r\n\x1c\r";
  KeyedLinker linker(SecretKey{});
  const Deidentified out = testing::run(InputFormat::hl7v2, safe_harbor_policy(), linker, in);
  EXPECT_TRUE(out.text.starts_with("\x0bMSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\r\nPID|1||[MRN-")) << out.text;
  EXPECT_TRUE(out.text.ends_with("\r\n\x1c\r")) << out.text;
  EXPECT_EQ(out.text.find("Whitfield"), std::string::npos);
}

TEST(Hl7v2Deidentifier, AMessageThatDoesNotParseRefusesTheFile) {
  const std::string in =
      "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\n"
      "PID|1||111^^^H^MR||Doe^Jane\n"
      "X|broken segment\n";
  const Error e = testing::refusal(InputFormat::hl7v2, in);
  EXPECT_NE(e.message.find("message 1 does not parse"), std::string::npos) << e.message;
  EXPECT_EQ(e.line, 1u);
}

}  // namespace
}  // namespace ward::deid
