// Offline hunting: rules over the events of files, each event routed to the rules of its
// logsource (rule_router.h). A file is JSON (json_events.h; Windows exports get their logsource
// from Channel and EventID) or one of Ward's log formats read by the importer's parsers
// (zeek, squid, dns-log, syslog, fhir, hl7v2, csv-access: ward_event_view.h, ward_logsource.h);
// `auto` tells them apart as `ward import` does.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ingest/import/importer.h"
#include "sigma/compiled_rule.h"
#include "sigma/event_field_aliases.h"
#include "sigma/prefilter.h"
#include "sigma/rule_router.h"
#include "sigma/rule_set.h"
#include "sigma/ward_logsource.h"

namespace ward::sigma {

struct HuntMatch {
  const CompiledRule* rule = nullptr;
  std::string file;
  std::uint64_t event_index = 0;  // 1-based within the file
  std::string time;               // the event's own time text, or empty
  std::vector<MatchedField> fields;
  const EventView* event = nullptr;  // the event itself, valid only during the on_match call
};

struct HuntSummary {
  std::uint64_t files = 0, unreadable_files = 0, events = 0, bad_documents = 0, matches = 0;
  std::uint64_t passed_over = 0;  // files from folders in no format Ward reads (notes, binaries)
};

struct HuntOptions {
  std::string format = "auto";  // "auto", "json", or a `ward import --format` name
  // Keys set here replace the derived logsource of every event (`--logsource`).
  std::optional<LogSource> logsource;
  FormatLogSources format_logsources;  // ward.yaml detection.logsources
  // Events of these logsources also show their fields under the names rules use
  // (event_field_aliases.h: Security 4688 as process_creation); ward.yaml
  // detection.event_field_mappings, then the defaults.
  FieldMappings event_field_mappings = default_event_field_mappings();
  ingest::ImportOptions import;        // parser settings (ingest: in ward.yaml)
  // Files found inside folders: with format auto, one of no known format is passed over (folders
  // hold notes and binaries) rather than reported as unreadable.
  std::set<std::filesystem::path> found_in_folders;
  // Scan each event once for the rules' required literals (prefilter.h) and evaluate only the
  // routed rules that may match. Same results either way; off only for tests and benchmarks.
  bool prefilter = true;
  // A prefilter already built from the router's rules (benchmarks, repeated hunts): used instead
  // of building one, which takes seconds for the whole SigmaHQ corpus.
  const Prefilter* prebuilt = nullptr;
  // Threads hunting files, and parts of about part_bytes of a large JSON file, at once; 0 = one
  // per hardware thread. Matches and errors are reported as with one thread, in the same order.
  unsigned threads = 1;
  // Also on one thread a large JSON file is read in such parts, each part's pages of the file
  // map released once read, so that memory does not grow with the file. 0: the whole file at once.
  std::size_t part_bytes = 8 * 1024 * 1024;
  // Every leaf of a Windows export also under its dotted path (Event.EventData.Image beside
  // Image) among the event's names: for callers that read more of an event than the rules do
  // (the raw event of a saved alert, correlations' fields). false: those paths are left out of
  // the names, not out of keyword search, unless a rule, filter or event field mapping names a
  // field under Event.System, Event.EventData or Event.UserData; the same matches, found faster.
  bool whole_events = true;
};

// Calls on_match for each (event, rule) match in file and event order; on_error for each bad
// record or unreadable file (the hunt goes on). Both are called on the calling thread, also
// when options.threads hunt; the router is then copied for each thread.
HuntSummary hunt(RuleRouter& router, const std::vector<std::filesystem::path>& files, const HuntOptions& options,
                 const std::function<void(const HuntMatch&)>& on_match,
                 const std::function<void(const Error&)>& on_error);

// The same with every rule routed by logsource, no filters (options: format auto by default).
HuntSummary hunt(const std::vector<CompiledRule>& rules, const std::vector<std::filesystem::path>& files,
                 const std::function<void(const HuntMatch&)>& on_match,
                 const std::function<void(const Error&)>& on_error, const HuntOptions& options = {});

// The event's time as written, from the first of the usual fields (Windows SystemTime,
// @timestamp, timestamp, time, ts, UtcTime…); empty when none is present.
std::string_view event_time(const EventView& event);

}  // namespace ward::sigma
