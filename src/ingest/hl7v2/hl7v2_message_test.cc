#include "ingest/hl7v2/hl7v2_message.h"

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

constexpr std::string_view kAdt =
    "MSH|^~\\&|ADT1|GOOD HEALTH|WARD|HOSP|20240301101500||ADT^A01^ADT_A01|MSG1|P|2.5.1\r"
    "EVN|A01|20240301101500\r"
    "PID|1||111^^^HOSP^MR~222^^^SSA^SS||DOE&VAN^JANE^Q||19800102|F\r"
    "PV1|1|I|4E^401^B\r";

Hl7v2Message parsed(std::string_view text) {
  auto m = Hl7v2Message::parse(text);
  EXPECT_TRUE(m) << m.error().describe();
  return *m;
}

TEST(Hl7v2Message, ReadsDelimitersFromMsh) {
  Hl7v2Message m = parsed(kAdt);
  EXPECT_EQ(m.delimiters().field, '|');
  EXPECT_EQ(m.delimiters().component, '^');
  EXPECT_EQ(m.delimiters().repetition, '~');
  EXPECT_EQ(m.delimiters().escape, '\\');
  EXPECT_EQ(m.delimiters().subcomponent, '&');
  ASSERT_EQ(m.segments().size(), 4u);
  EXPECT_EQ(Hl7v2Message::segment_name(m.segments()[3]), "PV1");
}

TEST(Hl7v2Message, NumbersMshFieldsFromTheSeparatorItself) {
  Hl7v2Message m = parsed(kAdt);
  EXPECT_EQ(m.field_of("MSH", 1), "|");
  EXPECT_EQ(m.field_of("MSH", 2), "^~\\&");
  EXPECT_EQ(m.field_of("MSH", 3), "ADT1");
  EXPECT_EQ(m.field_of("MSH", 7), "20240301101500");
  EXPECT_EQ(m.field_of("MSH", 9), "ADT^A01^ADT_A01");
  EXPECT_EQ(m.field_of("MSH", 10), "MSG1");
  EXPECT_EQ(m.field_of("MSH", 12), "2.5.1");
  EXPECT_EQ(m.field_of("MSH", 13), "");
  EXPECT_EQ(m.field_of("PID", 7), "19800102");  // other segments count from their name
  EXPECT_EQ(m.field_of("PID", 0), "");
  EXPECT_EQ(m.field_of("ZZZ", 1), "");
}

TEST(Hl7v2Message, SplitsRepetitionsComponentsAndSubcomponents) {
  Hl7v2Message m = parsed(kAdt);
  std::string_view ids = m.field_of("PID", 3);
  EXPECT_EQ(m.repetition_count(ids), 2u);
  EXPECT_EQ(m.component(m.repetition(ids, 1), 1), "111");
  EXPECT_EQ(m.component(m.repetition(ids, 1), 5), "MR");
  EXPECT_EQ(m.component(m.repetition(ids, 2), 1), "222");
  EXPECT_EQ(m.repetition(ids, 3), "");
  std::string_view family = m.component(m.field_of("PID", 5), 1);
  EXPECT_EQ(m.subcomponent(family, 1), "DOE");
  EXPECT_EQ(m.subcomponent(family, 2), "VAN");
  EXPECT_EQ(m.component(m.field_of("PID", 5), 2), "JANE");
  EXPECT_EQ(m.component(m.field_of("PID", 5), 9), "");
  EXPECT_EQ(m.repetition_count(m.field_of("PID", 4)), 0u);
}

TEST(Hl7v2Message, FindsSegmentsInOrder) {
  Hl7v2Message m = parsed(
      "MSH|^~\\&|A|B|C|D|20240301||ADT^A17|1|P|2.5\rPID|1||A\rPV1|1|I\rPID|2||B\rPV1|1|O\r");
  std::size_t first = m.find("PID");
  ASSERT_EQ(first, 1u);
  std::size_t second = m.find("PID", first + 1);
  ASSERT_EQ(second, 3u);
  EXPECT_EQ(m.field(m.segments()[second], 3), "B");
  EXPECT_EQ(m.find("PID", second + 1), Hl7v2Message::npos);
}

TEST(Hl7v2Message, AcceptsEveryLineEndAndSkipsBlankLines) {
  for (std::string_view text :
       {"MSH|^~\\&|A|||||||||2.3\rPID|1||X\r", "MSH|^~\\&|A|||||||||2.3\nPID|1||X\n",
        "MSH|^~\\&|A|||||||||2.3\r\nPID|1||X\r\n", "MSH|^~\\&|A|||||||||2.3\r\n\r\n  \nPID|1||X"}) {
    Hl7v2Message m = parsed(text);
    ASSERT_EQ(m.segments().size(), 2u) << text;
    EXPECT_EQ(m.field_of("PID", 3), "X");
    EXPECT_EQ(m.field_of("MSH", 12), "2.3");
  }
}

TEST(Hl7v2Message, ReadsCustomDelimiters) {
  // Field #, component $, repetition %, escape *, subcomponent @.
  Hl7v2Message m = parsed(
      "MSH#$%*@#APP#FAC#####ADT$A01#42#P#2.4\r"
      "PID#1##111$$$H$MR%222$$$S$SS##DOE@X$JANE##19800102\r"
      "NTE#1##a*F*b*S*c*T*d*R*e*E*f\r");
  EXPECT_EQ(m.delimiters().field, '#');
  EXPECT_EQ(m.delimiters().component, '$');
  EXPECT_EQ(m.delimiters().repetition, '%');
  EXPECT_EQ(m.delimiters().escape, '*');
  EXPECT_EQ(m.delimiters().subcomponent, '@');
  EXPECT_EQ(m.field_of("MSH", 1), "#");
  EXPECT_EQ(m.field_of("MSH", 2), "$%*@");
  EXPECT_EQ(m.component(m.field_of("MSH", 9), 2), "A01");
  EXPECT_EQ(m.field_of("MSH", 12), "2.4");
  std::string_view ids = m.field_of("PID", 3);
  EXPECT_EQ(m.repetition_count(ids), 2u);
  EXPECT_EQ(m.component(m.repetition(ids, 2), 5), "SS");
  EXPECT_EQ(m.subcomponent(m.component(m.field_of("PID", 5), 1), 2), "X");
  // Escapes name the message's own delimiters, and a '|' is plain text here.
  EXPECT_EQ(m.decode(m.field_of("NTE", 3)), "a#b$c@d%e*f");
  EXPECT_EQ(m.decode("a|b^c"), "a|b^c");
}

TEST(Hl7v2Message, DecodesEscapeSequences) {
  Hl7v2Message m = parsed(kAdt);
  EXPECT_EQ(m.decode("A\\T\\E"), "A&E");
  EXPECT_EQ(m.decode("\\F\\\\S\\\\T\\\\R\\\\E\\"), "|^&~\\");
  EXPECT_EQ(m.decode("caf\\XC3A9\\"), "caf\xC3\xA9");
  EXPECT_EQ(m.decode("line 1\\.br\\line 2"), "line 1\nline 2");
  EXPECT_EQ(m.decode("\\H\\bold\\N\\ text"), "bold text");
  EXPECT_EQ(m.decode("\\.sp2\\x\\.in4\\y"), "\nxy");
  EXPECT_EQ(m.decode("\\C2842\\abc"), "abc");
}

TEST(Hl7v2Message, KeepsUnknownOrUnterminatedEscapesLiterally) {
  Hl7v2Message m = parsed(kAdt);
  EXPECT_EQ(m.decode("a\\Q\\b"), "a\\Q\\b");
  EXPECT_EQ(m.decode("a\\XZZ\\b"), "a\\XZZ\\b");
  EXPECT_EQ(m.decode("a\\X4\\b"), "a\\X4\\b");  // odd number of hex digits
  EXPECT_EQ(m.decode("C:\\temp"), "C:\\temp");
  EXPECT_EQ(m.decode("plain"), "plain");
  EXPECT_EQ(m.decode(""), "");
}

TEST(Hl7v2Message, DecodesTheEscapeInARealSample) {
  std::string data = testing::read_file(testing::shared_data("hl7v2/ADT-A01-01.hl7"));
  Hl7v2Message m = parsed(data);
  EXPECT_EQ(m.field_of("PV1", 14), "NHS Provider-General (inc.A\\T\\E-this Hosp)");
  EXPECT_EQ(m.decode(m.field_of("PV1", 14)), "NHS Provider-General (inc.A&E-this Hosp)");
}

TEST(Hl7v2Message, MissingEncodingCharactersNeverSplit) {
  // Only component and repetition declared: no escape, no subcomponent.
  Hl7v2Message m = parsed("MSH|^~|A|||||||||2.2\rPID|1||X&Y\\F\\^Z\r");
  EXPECT_EQ(m.delimiters().escape, '|');
  EXPECT_EQ(m.subcomponent(m.component(m.field_of("PID", 3), 1), 1), "X&Y\\F\\");
  EXPECT_EQ(m.decode("X\\F\\"), "X\\F\\");
}

void expect_rejected(std::string_view text, std::string_view field) {
  auto m = Hl7v2Message::parse(text);
  ASSERT_FALSE(m) << text;
  EXPECT_EQ(m.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(m.error().field, field) << m.error().message;
  EXPECT_FALSE(m.error().message.empty());
}

TEST(Hl7v2Message, RejectsMessagesWithoutAValidMsh) {
  expect_rejected("PID|1||X\r", "MSH");
  expect_rejected("", "MSH");
  expect_rejected("\r\n\r\n", "MSH");
  expect_rejected("MSH", "MSH-1");
  expect_rejected("MSHA^~\\&|", "MSH-1");
  expect_rejected("MSH|", "MSH-2");
  expect_rejected("MSH||A", "MSH-2");
  expect_rejected("MSH|^^\\&|A", "MSH-2");
  expect_rejected("MSH|^~\\&x|A", "MSH-2");
  expect_rejected("MSH|^~\\&#!?|A", "MSH-2");
}

TEST(Hl7v2Message, RejectsASegmentWithoutAName) {
  expect_rejected("MSH|^~\\&|A\rPID|1\rgarbage here\r", "segment 3");
  expect_rejected("MSH|^~\\&|A\rPI\r", "segment 2");
  expect_rejected("MSH|^~\\&|A\rPIDX|1\r", "segment 2");
}

TEST(Hl7v2Message, EscapesTextSoDecodeGivesItBack) {
  Hl7v2Message m = parsed(kAdt);
  std::string text = "a|b^c~d\\e&f";
  std::string escaped = hl7v2_escape(text, m.delimiters());
  EXPECT_EQ(escaped, "a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f");
  EXPECT_EQ(m.decode(escaped), text);
  EXPECT_EQ(hl7v2_escape("line one\rline two\n", m.delimiters()), "line one line two ");
  // Without an escape character (MSH-2 "^"), delimiters cannot be escaped: they become spaces.
  Hl7v2Message bare = parsed("MSH|^|A\r");
  EXPECT_EQ(hl7v2_escape("x|y^z~w", bare.delimiters()), "x y z~w");
}

}  // namespace
}  // namespace ward::ingest
