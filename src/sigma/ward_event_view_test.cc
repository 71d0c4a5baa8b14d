// A Ward event as Sigma rules see it when the parser kept only the raw record (no flattened
// fields): the source's fields are read from it, beside the core's ECS names.
#include <gtest/gtest.h>

#include "ingest/fhir/fhir_parser.h"
#include "sigma/ward_event_view.h"
#include "testing/shared_data.h"

namespace ward::sigma {
namespace {

class KeepBatch : public ingest::RecordSink {
 public:
  Result<void> accept(ingest::ParsedRecords& records) override {
    events.swap(records.events);
    return {};
  }
  EventBatch events;
};

TEST(WardEventView, FieldsComeFromTheRawRecordWhenOnlyItWasKept) {
  const std::string login = ward::testing::read_file(
      ward::testing::shared_data("fhir/r4_examples/audit-event-example-login.json"));
  KeepBatch sink;
  ingest::ParseOptions options;
  options.keep_fields = false;
  options.keep_raw = true;
  ingest::ParseContext ctx("login.json", sink, options);
  ASSERT_TRUE(ingest::parse_fhir(login, ctx));
  ASSERT_TRUE(ctx.flush());
  ASSERT_EQ(sink.events.size(), 1u);
  const Event& e = sink.events.events().front();
  EXPECT_TRUE(sink.events.fields_of(e).empty());

  ingest::FieldView fields;
  FlatEvent view;
  view_ward_event(fields, sink.events, e, view);
  auto code = view.values_of("type.code");
  ASSERT_EQ(code.size(), 1u);
  EXPECT_EQ(code.front().text, "110114");
  auto who = view.values_of("agent.who.identifier.value");
  ASSERT_FALSE(who.empty());
  EXPECT_EQ(who.front().text, "95");
  auto action = view.values_of("event.action");
  ASSERT_EQ(action.size(), 1u);
  EXPECT_EQ(action.front().text, "login");
}

}  // namespace
}  // namespace ward::sigma
