// Lower-case names and places: full names from the dictionaries, names after titles and cues,
// places after place phrases; common words, eponyms and drugs in lower-case notes left alone.
#include "phi/lower_case_names.h"

#include <gtest/gtest.h>

namespace ward::phi {
namespace {

using Values = std::vector<std::string>;

Values found(std::string_view text, PhiType type) {
  std::vector<Finding> out;
  find_lower_case_names(text, words_of(text), Dictionaries::embedded(), out);
  Values values;
  for (const Finding& f : out)
    if (f.type == type) values.emplace_back(text.substr(f.begin, f.end - f.begin));
  return values;
}

TEST(LowerCaseNames, FindsGivenNameAndSurnameFromTheDictionaries) {
  EXPECT_EQ(found("follow up with patricia desrosiers in a couple of months.", PhiType::name), Values{"patricia desrosiers"});
  EXPECT_EQ(found("eva kleist lives at 255 hersnapvej 18", PhiType::name), Values{"eva kleist"});
}

TEST(LowerCaseNames, FindsGivenNameInitialAndName) {
  EXPECT_EQ(found("follow up with benjamin a seiler in a month.", PhiType::name), Values{"benjamin a seiler"});
  EXPECT_EQ(found("the verses from eric g. samoylova's tales", PhiType::name), Values{"eric g. samoylova"});
}

TEST(LowerCaseNames, FindsNamesAfterTitlesAndNameCues) {
  EXPECT_EQ(found("mr. elliott flew home on friday morning.", PhiType::name), Values{"elliott"});
  EXPECT_EQ(found("sometimes people call me višeslav", PhiType::name), Values{"višeslav"});
}

TEST(LowerCaseNames, FindsPlacesAfterPlacePhrases) {
  EXPECT_EQ(found("my friend lives in harburg", PhiType::geography), Values{"harburg"});
  EXPECT_TRUE(found("she returned to baseline after fluids", PhiType::geography).empty());
  EXPECT_TRUE(found("he lives in poverty", PhiType::geography).empty());
}

TEST(LowerCaseNames, LeavesCommonWordsEponymsAndDrugsAlone) {
  // A common word after a given name, or a given name that is a common word, is no name.
  EXPECT_TRUE(found("grace period for the claim; will power; patient tolerated lasix well", PhiType::name).empty());
  EXPECT_TRUE(found("history of parkinson disease, treated with a foley catheter", PhiType::name).empty());
  EXPECT_TRUE(found("vitamin d and hepatitis b serology were normal", PhiType::name).empty());
  EXPECT_TRUE(found("the patient was placed under sevoflurane anesthesia", PhiType::name).empty());
  // Capitalised words are name_finder's, not this rule's.
  EXPECT_TRUE(found("Patricia Desrosiers", PhiType::name).empty());
}

}  // namespace
}  // namespace ward::phi
