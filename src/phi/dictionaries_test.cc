// Lexicon, the one folded-word table the name finders look words up in (dictionaries.h).
#include "phi/dictionaries.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "phi/embedded_dictionaries.h"

namespace ward::phi {
namespace {

TEST(Lexicon, FindsWordsInAnyAsciiCaseAndSkipsBlankLines) {
  const Lexicon lexicon({{"Smith\nsmith\n\n  \nO'Brien \r\nJean-Luc\nMüller\n", WordKinds::kSurname}});
  EXPECT_EQ(lexicon.size(), 4u);  // "Smith" and "smith" are one word; the blank lines none
  EXPECT_TRUE(lexicon.lookup("SMITH").surname());
  EXPECT_TRUE(lexicon.lookup("o'brien").surname());
  EXPECT_TRUE(lexicon.lookup("JEAN-LUC").surname());
  EXPECT_TRUE(lexicon.lookup("Müller").surname());
  EXPECT_FALSE(lexicon.lookup("MÜLLER").surname());  // only ASCII letters fold
  EXPECT_FALSE(lexicon.lookup("Smit").surname());
  EXPECT_EQ(lexicon.lookup("").bits, 0);
  EXPECT_EQ(Lexicon().lookup("smith").bits, 0);
}

TEST(Lexicon, AWordOnSeveralListsHasEachOfTheirKinds) {
  const Lexicon lexicon({{"Rose\nJohn\n", WordKinds::kGivenName},
                         {"rose\nGraves\n", WordKinds::kCommonWord},
                         {"GRAVES\n", WordKinds::kEponym}});
  EXPECT_EQ(lexicon.size(), 3u);
  const WordKinds rose = lexicon.lookup("Rose");
  EXPECT_TRUE(rose.given_name() && rose.common_word());
  EXPECT_FALSE(rose.eponym() || rose.surname());
  EXPECT_EQ(lexicon.lookup("graves").bits, WordKinds::kCommonWord | WordKinds::kEponym);
  EXPECT_EQ(lexicon.lookup("john").bits, WordKinds::kGivenName);
}

// Every embedded word, in upper and title case, shortened and lengthened, has exactly the kinds
// of the lists whose folded lines hold it (two lists give eponyms).
TEST(Lexicon, AgreesWithSetsOfFoldedLinesOnTheEmbeddedLists) {
  const std::vector<std::pair<std::string_view, WordKinds::Kind>> lists = {
      {embedded::k_given_names, WordKinds::kGivenName},     {embedded::k_surnames, WordKinds::kSurname},
      {embedded::k_places, WordKinds::kPlace},              {embedded::k_states, WordKinds::kState},
      {embedded::k_countries, WordKinds::kCountry},         {embedded::k_eponyms, WordKinds::kEponym},
      {embedded::k_clinical_eponyms, WordKinds::kEponym},   {embedded::k_clinical_terms, WordKinds::kClinicalTerm},
      {embedded::k_common_words, WordKinds::kCommonWord}};
  const Lexicon& lexicon = Dictionaries::embedded().words;
  std::map<WordKinds::Kind, std::set<std::string, std::less<>>> reference;  // by kind
  std::set<std::string, std::less<>> all;
  std::vector<std::string> queries;
  for (const auto& [lines, kind] : lists) {
    for (std::size_t at = 0; at < lines.size();) {
      const std::size_t eol = std::min(lines.find('\n', at), lines.size());
      std::string_view line = lines.substr(at, eol - at);
      at = eol + 1;
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (line.empty()) continue;
      reference[kind].insert(fold_case(line));
      all.insert(fold_case(line));
      std::string upper(line), title = fold_case(line);
      for (char& c : upper) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
      if (title[0] >= 'a' && title[0] <= 'z') title[0] = static_cast<char>(title[0] - 'a' + 'A');
      queries.insert(queries.end(), {upper, title, std::string(line.substr(0, line.size() - 1)), std::string(line) + "s"});
    }
  }
  ASSERT_EQ(reference.size(), 8u);  // every kind
  EXPECT_EQ(lexicon.size(), all.size());
  for (const std::string& q : queries) {
    const WordKinds kinds = lexicon.lookup(q);
    for (const auto& [kind, words] : reference)
      ASSERT_EQ(kinds.any(kind), words.contains(fold_case(q))) << q << " kind " << static_cast<int>(kind);
  }
}

}  // namespace
}  // namespace ward::phi
