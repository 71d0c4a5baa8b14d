#include "sigma/hunt.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_map>
#include <variant>

#include <fmt/format.h>

#include "core/file_reader.h"
#include "core/ordered_work.h"
#include "sigma/event_matcher.h"
#include "sigma/json_events.h"
#include "sigma/ward_event_view.h"
#include "sigma/windows_logsource.h"

namespace ward::sigma {
namespace {

// Called for each event read: its logsource, the event, its 1-based index in the file (or part).
using EventHandler = std::function<void(const EventLogSource&, const FlatEvent&, std::uint64_t)>;

// Takes the batches a Ward parser produces and hands their events on.
class HuntSink final : public ingest::RecordSink {
 public:
  HuntSink(const EventHandler& on_event, const HuntOptions& options, std::string format, HuntSummary& summary,
           const std::function<void(const Error&)>& on_error)
      : on_event_(on_event), options_(options), format_(std::move(format)), summary_(summary), on_error_(on_error) {}

  Result<void> accept(ingest::ParsedRecords& records) override {
    for (const ingest::Rejection& r : records.rejections) {
      ++summary_.bad_documents;
      on_error_(r.error);
    }
    const EventBatch& batch = records.events;
    for (const Event& e : batch.events()) {
      ++summary_.events;
      view_ward_event(fields_, batch, e, view_);
      // The parser's own word first: a syslog file's ATNA audit messages are atna events.
      const std::string_view format = e.format != EventFormat::unknown ? to_string(e.format) : format_;
      on_event_(ward_logsource(format, fields_, batch, e, options_.format_logsources), view_, ++index_);
    }
    return {};
  }

 private:
  const EventHandler& on_event_;
  const HuntOptions& options_;
  std::string format_;
  HuntSummary& summary_;
  const std::function<void(const Error&)>& on_error_;
  ingest::FieldView fields_;
  FlatEvent view_;
  std::uint64_t index_ = 0;
};

bool looks_like_json(std::string_view head) {
  const std::size_t begin = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  const std::size_t p = head.find_first_not_of(" \t\r\n", begin);
  return p != std::string_view::npos && (head[p] == '{' || head[p] == '[');
}

// "json", or the importer's format for the file; an error when auto finds none. JSON lines are
// read as JSON (json_events.h), which is how live detection reads `ward import`'s json-lines events.
Result<std::string> file_format(std::string_view data, const HuntOptions& options) {
  if (options.format == "json-lines") return std::string("json");
  if (options.format != "auto") return options.format;
  if (data.find_first_not_of(" \t\r\n") == std::string_view::npos) return std::string("json");  // nothing to read
  auto detected = ingest::detect_format(data.substr(0, 64 * 1024), options.import.csv_access);
  if (detected && *detected == ingest::InputFormat::json_lines) return std::string("json");
  if (detected) return std::string(ingest::to_string(*detected));
  if (looks_like_json(data)) return std::string("json");
  return Unexpected(detected.error());
}

// A file to hunt through: its bytes (followed by kJsonPadding readable bytes) and format.
struct InputFile {
  std::string name, format;
  InputBytes bytes;
};

// A file read, or why it is not hunted: an error, or passed over (no known format, in a folder).
struct OpenedFile {
  std::optional<InputFile> file;
  std::optional<Error> error;
  bool passed_over = false;
};

OpenedFile open_file(const std::filesystem::path& file, const HuntOptions& options) {
  const std::string name = file.string();
  // Opened to be read in parts (JSON: JsonFileReader), and again whole for another format's parser.
  auto data = read_input_file(file, kJsonPadding, InputUse::parts);
  auto format = data ? file_format(data->view(), options) : Result<std::string>(Unexpected(data.error()));
  if (!format && format.error().code == ErrorCode::unsupported && options.found_in_folders.contains(file))
    return {.passed_over = true};
  if (!format) {
    Error e = format.error();
    if (e.source.empty()) e.source = name;
    return {.error = std::move(e)};
  }
  if (*format != "json") {
    auto import_format = ingest::input_format_from(*format);
    if (!import_format) return {.error = import_format.error()};
    auto whole = read_input_file(file, kJsonPadding);
    if (!whole) return {.error = whole.error()};
    return {.file = InputFile{name, std::move(*format), std::move(*whole)}};
  }
  return {.file = InputFile{name, std::move(*format), std::move(*data)}};
}

// A hunting thread's JSON reader (parser, event shapes, buffer) and the logsources of the
// Windows events it read lately, kept from file to file.
struct JsonEventReader {
  explicit JsonEventReader(bool keep_windows_paths) : file(keep_windows_paths) {}
  JsonFileReader file;
  WindowsLogSources logsources;
};

// Whether a field name could be the dotted path of a Windows name (compared as fields are,
// without case): those are under Event.System, Event.EventData or Event.UserData. Other names
// under "event." (ECS's event.category) are not.
bool under_event(std::string_view field) {
  for (std::string_view prefix : {"event.system.", "event.eventdata.", "event.userdata."})
    if (field.size() > prefix.size() && same_ignoring_case(field.substr(0, prefix.size()), prefix)) return true;
  return false;
}

bool names_field_under_event(const CompiledRule& rule) {
  for (const CompiledSelection& selection : rule.selections())
    for (const auto& alternative : selection.any_of)
      for (const FieldCondition& c : alternative) {
        if (under_event(c.field)) return true;
        for (const FieldRefTest& ref : c.refs)
          if (under_event(ref.other_field)) return true;
      }
  return false;
}

// Whether events must keep the dotted paths of their Windows names (HuntOptions::whole_events):
// the caller asks for it, or a rule, a filter or an event field mapping names a field that
// such a path could be.
bool keep_windows_paths(const RuleRouter& router, const HuntOptions& options) {
  if (options.whole_events) return true;
  for (const RoutedRule& routed : router.routed_rules()) {
    if (names_field_under_event(*routed.rule)) return true;
    for (const CompiledRule* filter : routed.filters)
      if (names_field_under_event(*filter)) return true;
  }
  for (const FieldMapping& mapping : options.event_field_mappings.entries)
    for (const auto& [sigma_name, event_field] : mapping.fields)
      if (under_event(sigma_name) || under_event(event_field)) return true;
  return false;
}

// Reads the events of one file (or, for JSON, of one part of it, with the thread's `json`
// reader) into on_event; counts them, and the bad records and a file the parser gives up on,
// in `summary`.
void read_events(const InputFile& in, TextPart part, const HuntOptions& options, JsonEventReader& json,
                 const EventHandler& on_event, HuntSummary& summary, const std::function<void(const Error&)>& on_error) {
  if (in.format == "json") {
    const auto stats = json.file.read(
        in.bytes, in.name,
        [&](std::uint64_t index, const FlatEvent& event) { on_event(json.logsources.of(event), event, index); }, on_error,
        part);
    summary.events += stats.events;
    summary.bad_documents += stats.bad_documents;
    summary.unreadable_files += stats.unreadable;
    return;
  }
  ingest::ImportOptions import = options.import;
  import.format = *ingest::input_format_from(in.format);  // checked by open_file
  import.parse.keep_fields = true;
  import.parse.threads = 1;  // events in file order
  HuntSink sink(on_event, options, in.format, summary, on_error);
  auto report = ingest::import_buffer(in.bytes.view(), in.name, sink, import);
  if (!report || report->failure) {
    ++summary.unreadable_files;
    on_error(report ? *report->failure : report.error());
  }
}

void add_up(HuntSummary& to, const HuntSummary& from) {
  to.files += from.files;
  to.unreadable_files += from.unreadable_files;
  to.events += from.events;
  to.bad_documents += from.bad_documents;
  to.matches += from.matches;
  to.passed_over += from.passed_over;
}

HuntSummary hunt_on_one_thread(RuleRouter& router, const std::vector<std::filesystem::path>& files,
                               const HuntOptions& options, const std::function<void(const HuntMatch&)>& on_match,
                               const std::function<void(const Error&)>& on_error) {
  HuntSummary summary;
  EventMatcher matcher(router, options, summary, on_match);
  JsonEventReader json(keep_windows_paths(router, options));
  for (const auto& file : files) {
    ++summary.files;
    OpenedFile opened = open_file(file, options);
    summary.passed_over += opened.passed_over;
    if (opened.error) {
      ++summary.unreadable_files;
      on_error(*opened.error);
    }
    if (!opened.file) continue;
    const InputFile& in = *opened.file;
    // A large JSON file in parts, as on several threads. Event indexes go on across the parts.
    const std::vector<TextPart> parts =
        in.format == "json" ? split_json_records(in.bytes.view(), options.part_bytes) : std::vector<TextPart>{TextPart{}};
    std::uint64_t events_before = 0;  // in the file's parts read so far
    for (const TextPart& part : parts) {
      const EventHandler on_event = [&](const EventLogSource& logsource, const FlatEvent& event, std::uint64_t index) {
        matcher.match(logsource, event, in.name, events_before + index);
      };
      const std::uint64_t events = summary.events;
      read_events(in, part, options, json, on_event, summary, on_error);
      events_before += summary.events - events;
    }
  }
  return summary;
}

// Hunting on several threads: each file (and each part of a large JSON file) is a job; a job
// keeps what it reports, matches with a copy of their event, and the calling thread passes it
// on in job order, renumbering a part's events after those of the parts before it.
struct KeptMatch {
  HuntMatch match;
  std::unique_ptr<FlatEvent> event;  // match.event points here when it is reported
};

struct PartReport {
  bool file_start = false;  // the first part of its file: event indexes start again
  HuntSummary summary;
  std::vector<std::variant<KeptMatch, Error>> reports;  // in the order one thread reports them
};

// What one hunting thread keeps between its jobs: its router (the cache), matcher (the
// prefilter's scratch) and JSON reader (parser, event shapes, buffer), and where the job being run reports.
class PartHunter {
 public:
  PartHunter(const RuleRouter& router, const HuntOptions& options, bool keep_windows_paths)
      : router_(router),
        on_match_([this](const HuntMatch& m) {
          auto event = std::make_unique<FlatEvent>();
          event->assign_copy(*current_);
          out_->reports.emplace_back(KeptMatch{m, std::move(event)});
        }),
        on_error_([this](const Error& e) { out_->reports.emplace_back(e); }),
        matcher_(router_, options, summary_, on_match_),
        json_(keep_windows_paths),
        options_(options) {}

  PartReport hunt(const InputFile& in, TextPart part) {
    PartReport out;
    out.file_start = part.begin == 0;
    out_ = &out;
    summary_ = {};
    const EventHandler on_event = [&](const EventLogSource& logsource, const FlatEvent& event, std::uint64_t index) {
      current_ = &event;
      matcher_.match(logsource, event, in.name, index);
    };
    read_events(in, part, options_, json_, on_event, summary_, on_error_);
    out.summary = summary_;
    return out;
  }

 private:
  RuleRouter router_;
  HuntSummary summary_;
  PartReport* out_ = nullptr;
  const FlatEvent* current_ = nullptr;
  const std::function<void(const HuntMatch&)> on_match_;
  const std::function<void(const Error&)> on_error_;
  EventMatcher matcher_;
  JsonEventReader json_;
  const HuntOptions& options_;
};

HuntSummary hunt_on_threads(RuleRouter& router, const std::vector<std::filesystem::path>& files,
                            HuntOptions options, unsigned threads, const std::function<void(const HuntMatch&)>& on_match,
                            const std::function<void(const Error&)>& on_error) {
  // One prefilter for all threads (each would otherwise build its own, seconds for the corpus).
  std::optional<Prefilter> built;
  if (options.prefilter && options.prebuilt == nullptr)
    if (auto filter = Prefilter::build(router.compiled())) options.prebuilt = &built.emplace(std::move(*filter));
  HuntSummary summary;
  std::uint64_t file_events = 0;  // events of the file being reported, in the parts reported so far
  auto take = [&](PartReport& part) {
    if (part.file_start) file_events = 0;
    for (auto& report : part.reports) {
      if (auto* kept = std::get_if<KeptMatch>(&report)) {
        kept->match.event_index += file_events;
        kept->match.event = kept->event.get();
        on_match(kept->match);
      } else {
        on_error(std::get<Error>(report));
      }
    }
    file_events += part.summary.events;
    add_up(summary, part.summary);
  };
  std::vector<std::unique_ptr<PartHunter>> hunters(threads);  // hunters[i] made and used by thread i only
  const bool windows_paths = keep_windows_paths(router, options);
  OrderedWork<PartReport> work(threads, std::size_t{threads} * 4);
  for (const auto& file : files) {
    ++summary.files;
    auto opened = std::make_shared<OpenedFile>(open_file(file, options));
    if (!opened->file) {
      work.add([opened](std::size_t) {
        PartReport out;
        out.summary.passed_over = opened->passed_over;
        if (opened->error) {
          out.summary.unreadable_files = 1;
          out.reports.emplace_back(*opened->error);
        }
        return out;
      }, take);
      continue;
    }
    const InputFile& in = *opened->file;
    const std::vector<TextPart> parts =
        in.format == "json" ? split_json_records(in.bytes.view(), options.part_bytes) : std::vector<TextPart>{TextPart{}};
    for (const TextPart& part : parts)
      work.add([&, opened, part](std::size_t thread) {
        if (!hunters[thread]) hunters[thread] = std::make_unique<PartHunter>(router, options, windows_paths);
        return hunters[thread]->hunt(*opened->file, part);
      }, take);
  }
  work.finish(take);
  return summary;
}

}  // namespace

std::string_view event_time(const EventView& event) {
  static constexpr std::string_view kTimeFields[] = {"TimeCreated_SystemTime", "@timestamp", "timestamp", "time",
                                                     "ts", "UtcTime", "EventTime", "eventTime", "date"};
  for (std::string_view name : kTimeFields)
    for (const FieldValue& v : event.values_of(name))
      if (v.kind == ValueKind::string || v.kind == ValueKind::number) return v.text;
  return {};
}

HuntSummary hunt(RuleRouter& router, const std::vector<std::filesystem::path>& files, const HuntOptions& options,
                 const std::function<void(const HuntMatch&)>& on_match,
                 const std::function<void(const Error&)>& on_error) {
  const unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  if (threads == 1) return hunt_on_one_thread(router, files, options, on_match, on_error);
  return hunt_on_threads(router, files, options, threads, on_match, on_error);
}

HuntSummary hunt(const std::vector<CompiledRule>& rules, const std::vector<std::filesystem::path>& files,
                 const std::function<void(const HuntMatch&)>& on_match,
                 const std::function<void(const Error&)>& on_error, const HuntOptions& options) {
  RuleRouter router(rules);
  return hunt(router, files, options, on_match, on_error);
}

}  // namespace ward::sigma
