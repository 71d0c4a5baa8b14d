#include "sigma/hunt.h"

#include <optional>

#include <fmt/format.h>

#include "core/file_reader.h"
#include "sigma/event_matcher.h"
#include "sigma/json_events.h"
#include "sigma/ward_event_view.h"
#include "sigma/windows_logsource.h"

namespace ward::sigma {
namespace {

// Takes the batches a Ward parser produces and hunts through their events.
class HuntSink final : public ingest::RecordSink {
 public:
  HuntSink(EventMatcher& matcher, const HuntOptions& options, std::string file, std::string format,
           HuntSummary& summary, const std::function<void(const Error&)>& on_error)
      : matcher_(matcher), options_(options), file_(std::move(file)), format_(std::move(format)),
        summary_(summary), on_error_(on_error) {}

  Result<void> accept(ingest::ParsedRecords& records) override {
    for (const ingest::Rejection& r : records.rejections) {
      ++summary_.bad_documents;
      on_error_(r.error);
    }
    const EventBatch& batch = records.events;
    for (const Event& e : batch.events()) {
      ++summary_.events;
      view_ward_event(fields_, batch, e, view_);
      matcher_.match(ward_logsource(format_, fields_, batch, e, options_.format_logsources), view_, file_, ++index_);
    }
    return {};
  }

 private:
  EventMatcher& matcher_;
  const HuntOptions& options_;
  std::string file_, format_;
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

// "json", or the importer's format for the file; an error when auto finds none.
Result<std::string> file_format(std::string_view data, const HuntOptions& options) {
  if (options.format != "auto") return options.format;
  if (data.find_first_not_of(" \t\r\n") == std::string_view::npos) return std::string("json");  // nothing to read
  auto detected = ingest::detect_format(data.substr(0, 64 * 1024), options.import.csv_access);
  if (detected) return std::string(ingest::to_string(*detected));
  if (looks_like_json(data)) return std::string("json");
  return Unexpected(detected.error());
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
  HuntSummary summary;
  EventMatcher matcher(router, options, summary, on_match);
  for (const auto& file : files) {
    ++summary.files;
    const std::string name = file.string();
    auto data = read_input_file(file);
    auto format = data ? file_format(data->view(), options) : Result<std::string>(Unexpected(data.error()));
    if (!format && format.error().code == ErrorCode::unsupported && options.found_in_folders.contains(file)) {
      ++summary.passed_over;
      continue;
    }
    if (!format) {
      ++summary.unreadable_files;
      Error e = format.error();
      if (e.source.empty()) e.source = name;
      on_error(e);
      continue;
    }
    if (*format == "json") {
      const auto stats = read_json_text(
          data->view(), name,
          [&](std::uint64_t index, const FlatEvent& event) { matcher.match(windows_logsource(event), event, name, index); },
          on_error);
      summary.events += stats.events;
      summary.bad_documents += stats.bad_documents;
      continue;
    }
    auto import_format = ingest::input_format_from(*format);
    if (!import_format) {
      ++summary.unreadable_files;
      on_error(import_format.error());
      continue;
    }
    ingest::ImportOptions import = options.import;
    import.format = *import_format;
    import.parse.keep_fields = true;
    import.parse.threads = 1;  // events in file order
    HuntSink sink(matcher, options, name, *format, summary, on_error);
    auto report = ingest::import_buffer(data->view(), name, sink, import);
    if (!report || report->failure) {
      ++summary.unreadable_files;
      on_error(report ? *report->failure : report.error());
    }
  }
  return summary;
}

HuntSummary hunt(const std::vector<CompiledRule>& rules, const std::vector<std::filesystem::path>& files,
                 const std::function<void(const HuntMatch&)>& on_match,
                 const std::function<void(const Error&)>& on_error, const HuntOptions& options) {
  RuleRouter router(rules);
  return hunt(router, files, options, on_match, on_error);
}

}  // namespace ward::sigma
