// A full run's explanations as laid out for the store: every access's value in its part names
// the text it was explained by, under the id that text is stored with, and the texts come in
// the order of their hashes.
#include "store/full_run_explanations.h"

#include <gtest/gtest.h>

#include "store/explanation_parts.h"

namespace ward::store {
namespace {

namespace parts = explanation_parts;

TEST(FullRunExplanations, EachAccessNamesTheIdOfItsOwnTextAndTheTextsComeInHashOrder) {
  struct Added {
    std::int64_t seq;
    bool explained;
    std::string code, evidence;
  };
  // Seqs across three parts, some texts shared, one access unexplained.
  const std::vector<Added> added = {
      {1, true, "attending", "Dr. A attends visit v1"},
      {2, true, "same_unit", "ICU"},
      {511, true, "attending", "Dr. A attends visit v1"},
      {512, false, "", ""},
      {700, true, "same_unit", "ICU"},
      {1500, true, "billing", "account 17 after discharge"},
  };
  ExplanationBatch batch;
  for (const Added& a : added) batch.add(a.seq, a.explained, a.code, a.evidence);
  const FullRunExplanations laid(batch);

  ASSERT_EQ(laid.texts(), 4u);
  for (std::size_t i = 1; i < laid.texts(); ++i)
    EXPECT_LT(laid.text(i - 1).hash, laid.text(i).hash) << "texts in the order of their hashes";
  for (std::size_t i = 0; i < laid.texts(); ++i)
    EXPECT_EQ(laid.text(i).hash, explanation_text_hash(laid.text(i).code, laid.text(i).evidence));

  ASSERT_EQ(laid.parts().size(), 3u);  // parts 0, 1 and 2
  for (const Added& a : added) {
    auto part = laid.parts().find(parts::part_of(a.seq));
    ASSERT_NE(part, laid.parts().end()) << a.seq;
    const std::uint32_t value = parts::value_at(part->second, parts::slot_of(a.seq));
    const std::int64_t id = parts::text_id_of(value);
    ASSERT_GE(id, 1) << a.seq;
    ASSERT_LE(id, static_cast<std::int64_t>(laid.texts())) << a.seq;
    EXPECT_EQ(laid.text(static_cast<std::size_t>(id - 1)).code, a.code) << a.seq;
    EXPECT_EQ(laid.text(static_cast<std::size_t>(id - 1)).evidence, a.evidence) << a.seq;
    EXPECT_EQ(parts::explained_of(value), a.explained) << a.seq;
  }
  EXPECT_EQ(parts::value_at(laid.parts().at(0), 3), 0u) << "a seq without an access has no value";
}

TEST(FullRunExplanations, ARunWithoutAccessesLaysOutNothing) {
  const FullRunExplanations laid{ExplanationBatch()};
  EXPECT_EQ(laid.texts(), 0u);
  EXPECT_TRUE(laid.parts().empty());
}

}  // namespace
}  // namespace ward::store
