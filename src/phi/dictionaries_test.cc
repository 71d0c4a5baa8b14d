// WordSet, the flat folded-word table the name finders look words up in (dictionaries.h).
#include "phi/dictionaries.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "phi/embedded_dictionaries.h"

namespace ward::phi {
namespace {

TEST(WordSet, FindsWordsInAnyAsciiCaseAndSkipsBlankLines) {
  const WordSet set("Smith\nsmith\n\n  \nO'Brien \r\nJean-Luc\nMüller\n");
  EXPECT_EQ(set.size(), 4u);  // "Smith" and "smith" are one word; the blank lines none
  EXPECT_TRUE(set.contains("SMITH"));
  EXPECT_TRUE(set.contains("o'brien"));
  EXPECT_TRUE(set.contains("JEAN-LUC"));
  EXPECT_TRUE(set.contains("Müller"));
  EXPECT_FALSE(set.contains("MÜLLER"));  // only ASCII letters fold
  EXPECT_FALSE(set.contains("Smit"));
  EXPECT_FALSE(set.contains(""));
  EXPECT_FALSE(WordSet().contains("smith"));
}

// Every embedded word, in upper and title case, shortened and lengthened, answers as a plain
// set of the folded lines does.
TEST(WordSet, AgreesWithASetOfFoldedLinesOnTheEmbeddedLists) {
  for (std::string_view lines : {embedded::k_given_names, embedded::k_surnames, embedded::k_places, embedded::k_common_words}) {
    const WordSet set(lines);
    std::set<std::string, std::less<>> reference;
    std::vector<std::string> queries;
    for (std::size_t at = 0; at < lines.size();) {
      const std::size_t eol = std::min(lines.find('\n', at), lines.size());
      std::string_view line = lines.substr(at, eol - at);
      at = eol + 1;
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (line.empty()) continue;
      reference.insert(fold_case(line));
      std::string upper(line), title = fold_case(line);
      for (char& c : upper) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
      if (title[0] >= 'a' && title[0] <= 'z') title[0] = static_cast<char>(title[0] - 'a' + 'A');
      queries.insert(queries.end(), {upper, title, std::string(line.substr(0, line.size() - 1)), std::string(line) + "s"});
    }
    EXPECT_EQ(set.size(), reference.size());
    for (const std::string& q : queries) EXPECT_EQ(set.contains(q), reference.contains(fold_case(q))) << q;
  }
}

}  // namespace
}  // namespace ward::phi
