#include "sigma/hunt.h"

#include "sigma/json_events.h"
#include "sigma/rule_selector.h"

namespace ward::sigma {

std::string_view event_time(const EventView& event) {
  static constexpr std::string_view kTimeFields[] = {"TimeCreated_SystemTime", "@timestamp", "timestamp", "time",
                                                     "ts", "UtcTime", "EventTime", "eventTime", "date"};
  for (std::string_view name : kTimeFields)
    for (const FieldValue& v : event.values_of(name))
      if (v.kind == ValueKind::string || v.kind == ValueKind::number) return v.text;
  return {};
}

HuntSummary hunt(const std::vector<CompiledRule>& rules, const std::vector<std::filesystem::path>& files,
                 const std::function<void(const HuntMatch&)>& on_match,
                 const std::function<void(const Error&)>& on_error, const HuntOptions& options) {
  HuntSummary summary;
  RuleSelector selector(rules, options.prefilter, options.prebuilt);
  for (const auto& file : files) {
    ++summary.files;
    const std::string name = file.string();
    auto stats = read_json_events(
        file,
        [&](std::uint64_t index, const FlatEvent& event) {
          for (const CompiledRule& rule : selector.rules_for(event)) {
            if (!rule.matches(event)) continue;
            ++summary.matches;
            on_match(HuntMatch{&rule, name, index, std::string(event_time(event)), rule.matched_fields(event)});
          }
        },
        on_error);
    if (!stats) {
      ++summary.unreadable_files;
      on_error(stats.error());
      continue;
    }
    summary.events += stats->events;
    summary.bad_documents += stats->bad_documents;
  }
  return summary;
}

}  // namespace ward::sigma
