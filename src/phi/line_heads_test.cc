// Speakers of a dialogue and headings of a note, from the words that open lines.
#include "phi/line_heads.h"

#include <vector>

#include <gtest/gtest.h>

namespace ward::phi {
namespace {

TEST(ReadsAsSpeech, QuestionsExclamationsQuotationsAndFirstOrSecondPersonDo) {
  EXPECT_TRUE(reads_as_speech(" Remember me, Mary?"));
  EXPECT_TRUE(reads_as_speech(" You saved my life!"));
  EXPECT_TRUE(reads_as_speech("\"I'm Amanda's daughter\"."));
  EXPECT_TRUE(reads_as_speech(" I think it was yesterday."));
  EXPECT_FALSE(reads_as_speech(" Na 137, K 3.9, Cr 1.1"));
  EXPECT_FALSE(reads_as_speech(" euthymic, affect congruent"));
  EXPECT_FALSE(reads_as_speech(" Iron 40, mild anemia"));  // "Iron" is no "I"
}

TEST(ReadLineHeads, SpeakersWhoseLinesReadAsSpeechMakeADialogue) {
  const Dictionaries& d = Dictionaries::embedded();
  const std::vector<LineOpening> dialogue = {
      {"Maxton", false, " What a wife."}, {"Søren", false, " Remember me, Mila?"}, {"Trystan", false, " You saved my life!"}};
  const LineHeads heads = read_line_heads(dialogue, d);
  EXPECT_TRUE(heads.dialogue);
  EXPECT_FALSE(heads.headed);  // most open with names
  // One speech line is no dialogue; words of the language and capitals open none.
  EXPECT_FALSE(read_line_heads(std::vector<LineOpening>{{"Nicole", false, " Remember me?"}}, d).dialogue);
  EXPECT_FALSE(read_line_heads(std::vector<LineOpening>{{"Reason", false, " what do you want?"}, {"SURGEON", true, " you?"}}, d).dialogue);
}

TEST(ReadLineHeads, ANotesHeadingsMakeItHeaded) {
  const Dictionaries& d = Dictionaries::embedded();
  const std::vector<LineOpening> note = {
      {"Labs", false, " Na 137"}, {"HEENT", true, " normocephalic"}, {"Mood", false, " euthymic"}, {"Rinne", false, " AC > BC"}};
  const LineHeads heads = read_line_heads(note, d);
  EXPECT_TRUE(heads.headed);
  EXPECT_FALSE(heads.dialogue);
  // Two headings are not enough.
  EXPECT_FALSE(read_line_heads(std::span(note).first(2), d).headed);
}

}  // namespace
}  // namespace ward::phi
