// Other mentions of a name found: the surname alone later in the text is a name too, but not a
// common word, an acronym, or an eponym used as a clinical term.
#include "phi/name_mentions.h"

#include "phi/scanner.h"

#include <gtest/gtest.h>

namespace ward::phi {
namespace {

using Values = std::vector<std::string>;

// The mentions added for one name finding over `name` in `text`.
Values mentions(std::string_view text, std::string_view name, double confidence = 0.9) {
  const std::size_t at = text.find(name);
  std::vector<Finding> findings = {Finding{PhiType::name, at, at + name.size(), confidence, "test"}};
  find_other_mentions(text, words_of(text), Dictionaries::embedded(), findings);
  Values out;
  for (std::size_t i = 1; i < findings.size(); ++i)
    out.emplace_back(text.substr(findings[i].begin, findings[i].end - findings[i].begin));
  return out;
}

TEST(NameMentions, FindsTheSurnameAloneElsewhere) {
  EXPECT_EQ(mentions("directed by Jindřich Holinka and starring Holinka", "Jindřich Holinka"), Values{"Holinka"});
  EXPECT_EQ(mentions("Tómas had given Tómas his address", "Tómas"), Values{"Tómas"});
}

TEST(NameMentions, CarriesAnEponymOnlyWhereItIsNotAClinicalTerm) {
  EXPECT_EQ(mentions("verses from Alice Goldberg's tales. Better than early Goldberg?", "Alice Goldberg"), Values{"Goldberg"});
  EXPECT_TRUE(mentions("Dr. James Parkinson noted Parkinson's disease in 1817.", "James Parkinson").empty());
  EXPECT_TRUE(mentions("Mr. Foley asked about the Foley catheter.", "Foley").empty());
}

TEST(NameMentions, LeavesCommonWordsAcronymsPartsOfWordsAndUnsureNamesAlone) {
  EXPECT_TRUE(mentions("Dr. Rose Young came; the young rose early.", "Rose Young").empty());
  EXPECT_TRUE(mentions("RUNTIME Smith set RUNTIME again", "RUNTIME Smith").empty());
  EXPECT_TRUE(mentions("Mr. Hakuba and the Hakubas", "Hakuba").empty());
  EXPECT_TRUE(mentions("Zoolander and again Zoolander", "Zoolander", 0.45).empty());
}

TEST(NameMentions, RaiseAnUnsureNameOfTheSameWordToAMention) {
  // At a low --min-confidence the lone capitalised word is already a finding (0.45): it must not
  // hide the mention, or a de-identification at a higher threshold would leave it in.
  const std::string_view text = "directed by Philip Latourelle and starring Latourelle";
  const std::size_t full = text.find("Philip"), alone = text.rfind("Latourelle");
  std::vector<Finding> findings = {Finding{PhiType::name, full, full + 17, 0.9, "full name"},
                                   Finding{PhiType::name, alone, alone + 10, 0.45, "capitalised word"}};
  find_other_mentions(text, words_of(text), Dictionaries::embedded(), findings);
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[2].begin, alone);
  EXPECT_EQ(findings[2].confidence, 0.7);
  const std::vector<Finding> resolved = resolve_overlaps(findings);
  ASSERT_EQ(resolved.size(), 2u);
  EXPECT_EQ(resolved[1].confidence, 0.7) << "the mention is kept over the unsure word";
}

}  // namespace
}  // namespace ward::phi
