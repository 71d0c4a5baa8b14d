// Surrogates as a reader of the output sees them: never the original word back.
#include "deid/surrogates.h"

#include <gtest/gtest.h>

#include "core/ascii_case.h"

namespace ward::deid {
namespace {

TEST(SurrogateWord, IsNeverTheNameItReplaces) {
  for (std::uint64_t n = 0; n < 2000; ++n) {
    // The word number n would give, replaced under the same number: another word.
    const std::string word = surrogate_word(NameRole::family, n, "Smith");
    EXPECT_NE(ascii_lower(surrogate_word(NameRole::family, n, word)), ascii_lower(word)) << word;
    const std::string upper = surrogate_word(NameRole::given, n, "JOHN");
    EXPECT_NE(surrogate_word(NameRole::given, n, upper), upper) << upper;
  }
}

}  // namespace
}  // namespace ward::deid
