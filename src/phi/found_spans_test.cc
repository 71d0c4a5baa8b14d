// Covered byte ranges: containment and overlap answered across overlapping, unsorted findings.
#include "phi/found_spans.h"

#include <gtest/gtest.h>

namespace ward::phi {
namespace {

TEST(FoundSpans, AnswersContainmentAndOverlapOverUnsortedFindings) {
  const std::vector<Finding> findings = {{PhiType::name, 20, 30, 0.9, ""}, {PhiType::geography, 0, 25, 0.9, ""},
                                         {PhiType::name, 40, 45, 0.9, ""}};
  const FoundSpans all(findings);
  EXPECT_TRUE(all.contains(21, 24));
  EXPECT_TRUE(all.contains(2, 25));   // inside the long first span, not the later one
  EXPECT_FALSE(all.contains(28, 32));
  EXPECT_TRUE(all.overlaps(29, 35));
  EXPECT_FALSE(all.overlaps(30, 40));  // ends are exclusive
  const FoundSpans places(findings, [](const Finding& f) { return f.type == PhiType::geography; });
  EXPECT_FALSE(places.overlaps(26, 45));
  EXPECT_FALSE(FoundSpans({}).overlaps(0, 100));
}

}  // namespace
}  // namespace ward::phi
