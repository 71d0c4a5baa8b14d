// Offline hunting: every compiled rule over every event of some JSON files (json_events.h).
// Rule logsources are not consulted yet: each rule runs on each event.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sigma/compiled_rule.h"
#include "sigma/prefilter.h"
#include "sigma/rule_set.h"

namespace ward::sigma {

struct HuntMatch {
  const CompiledRule* rule = nullptr;
  std::string file;
  std::uint64_t event_index = 0;  // 1-based within the file
  std::string time;               // the event's own time text, or empty
  std::vector<MatchedField> fields;
};

struct HuntOptions {
  // Scan each event once for the rules' required literals (prefilter.h) and evaluate only the
  // rules that may match. Same results either way; off only for tests and benchmarks.
  bool prefilter = true;
  // A prefilter already built from these same rules (benchmarks, repeated hunts): used instead
  // of building one, which takes seconds for the whole SigmaHQ corpus.
  const Prefilter* prebuilt = nullptr;
};

struct HuntSummary {
  std::uint64_t files = 0, unreadable_files = 0, events = 0, bad_documents = 0, matches = 0;
};

// Calls on_match for each (event, rule) match in file and event order; on_error for each bad
// document or unreadable file (the hunt goes on).
HuntSummary hunt(const std::vector<CompiledRule>& rules, const std::vector<std::filesystem::path>& files,
                 const std::function<void(const HuntMatch&)>& on_match,
                 const std::function<void(const Error&)>& on_error, const HuntOptions& options = {});

// The event's time as written, from the first of the usual fields (Windows SystemTime,
// @timestamp, timestamp, time, ts, UtcTime…); empty when none is present.
std::string_view event_time(const EventView& event);

}  // namespace ward::sigma
