#include "core/event.h"

#include <string>

#include <gtest/gtest.h>

namespace ward {
namespace {

TEST(EventBatch, KeepsStringsAfterTheSourceIsGone) {
  EventBatch batch;
  {
    std::string user = "dr.house";
    Event& e = batch.start_event();
    e.actor.user_id = batch.keep(user);
    batch.add_field("agent.who.identifier.value", user);
    user.assign("overwritten");
  }
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch.events()[0].actor.user_id, "dr.house");
  EXPECT_EQ(batch.field(batch.events()[0], "agent.who.identifier.value"), "dr.house");
  EXPECT_EQ(batch.field(batch.events()[0], "missing"), "");
}

TEST(EventBatch, FieldsBelongToTheirOwnEvent) {
  EventBatch batch;
  batch.start_event();
  batch.add_field("a", "1");
  batch.start_event();
  batch.add_field("b", "2");
  batch.add_field("c", "3");
  EXPECT_EQ(batch.fields_of(batch.events()[0]).size(), 1u);
  EXPECT_EQ(batch.fields_of(batch.events()[1]).size(), 2u);
  batch.drop_last_event();
  EXPECT_EQ(batch.size(), 1u);
  batch.start_event();
  batch.add_field("d", "4");
  EXPECT_EQ(batch.fields_of(batch.events()[1])[0].name, "d");
}

TEST(EventBatch, SwapMovesEventsWithTheirStrings) {
  EventBatch a, b;
  Event& e = a.start_event();
  e.actor.user_id = a.keep("u1");
  a.add_field("k", "v");
  a.swap(b);
  EXPECT_TRUE(a.empty());
  ASSERT_EQ(b.size(), 1u);
  a.clear();  // clearing the other batch must not free what b now holds
  EXPECT_EQ(b.events()[0].actor.user_id, "u1");
  EXPECT_EQ(b.field(b.events()[0], "k"), "v");
}

TEST(EventNames, RoundTrip) {
  EXPECT_EQ(to_string(Action::delete_), "delete");
  EXPECT_EQ(action_from("export"), Action::export_);
  EXPECT_EQ(action_from("nonsense"), Action::unknown);
  EXPECT_EQ(event_kind_from(to_string(EventKind::ehr_access)), EventKind::ehr_access);
  EXPECT_EQ(outcome_from("failure"), Outcome::failure);
}

}  // namespace
}  // namespace ward
