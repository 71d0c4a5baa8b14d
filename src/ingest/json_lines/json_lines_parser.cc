#include "ingest/json_lines/json_lines_parser.h"

#include <charconv>
#include <optional>

#include <fmt/format.h>
#include <simdjson.h>

#include "ingest/content_id.h"
#include "ingest/log_time.h"
#include "ingest/text_lines.h"

namespace ward::ingest {
namespace {

namespace dom = simdjson::dom;

constexpr std::string_view kType = "json line";

// The value at `path` under `value`: a key equal to the whole path, or a key equal to a dotted
// prefix of it whose value holds the rest.
std::optional<dom::element> find_path(dom::element value, std::string_view path) {
  dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
  for (auto [key, child] : object) {
    if (key == path) return child;
    if (path.size() > key.size() && path.starts_with(key) && path[key.size()] == '.')
      if (auto found = find_path(child, path.substr(key.size() + 1))) return found;
  }
  return std::nullopt;
}

// A time field's value: text, or a number read as its JSON text would be.
Result<TimeNs> time_of(dom::element value, const date::time_zone* zone) {
  char text[40];
  std::to_chars_result written{text, std::errc()};
  switch (value.type()) {
    case dom::element_type::STRING: return parse_iso8601_or_epoch(value.get_string().value_unsafe(), zone);
    case dom::element_type::INT64: written = std::to_chars(text, text + sizeof text, value.get_int64().value_unsafe()); break;
    case dom::element_type::UINT64: written = std::to_chars(text, text + sizeof text, value.get_uint64().value_unsafe()); break;
    case dom::element_type::DOUBLE: written = std::to_chars(text, text + sizeof text, value.get_double().value_unsafe()); break;
    default: return fail(ErrorCode::invalid_input, "not an ISO 8601 time or epoch number");
  }
  if (written.ec != std::errc()) return fail(ErrorCode::invalid_input, "not an ISO 8601 time or epoch number");
  return parse_iso8601_or_epoch(std::string_view(text, static_cast<std::size_t>(written.ptr - text)));
}

class JsonLinesReader {
 public:
  JsonLinesReader(const JsonLinesOptions& options, ParseContext& ctx) : options_(options), ctx_(ctx) {}

  void read(const TextLine& line) {
    if (trim_spaces(line.text).empty()) return;
    if (line.text.size() > ctx_.options().max_record_bytes)
      return reject(line, ErrorCode::too_large,
                    fmt::format("line is {} bytes, over the limit of {} (max_record_bytes)", line.text.size(),
                                ctx_.options().max_record_bytes));
    if (!is_valid_utf8(line.text)) return reject(line, ErrorCode::invalid_input, "not valid UTF-8");
    // simdjson reads past the end of its input: a copy with padding, in a buffer kept for the next line.
    padded_.assign(line.text);
    padded_.append(simdjson::SIMDJSON_PADDING, ' ');
    dom::element root;
    if (auto error = parser_.parse(padded_.data(), line.text.size(), false).get(root); error != simdjson::SUCCESS)
      return reject(line, ErrorCode::invalid_input, fmt::format("not valid JSON: {}", simdjson::error_message(error)));
    if (root.type() != dom::element_type::OBJECT)
      return reject(line, ErrorCode::invalid_input, "not a JSON object (one object per line is expected)");
    add_event(line, root);
    ctx_.accepted(kType);
  }

 private:
  void add_event(const TextLine& line, dom::element root) {
    EventBatch& batch = ctx_.out().events;
    const std::string_view source = ctx_.source_in_batch();
    const std::string_view id = ids_.id_for(source, line.text, batch);
    Event& e = batch.start_event();
    e.id = id;
    e.source = source;
    e.format = EventFormat::json_lines;
    e.time = event_time(line, root);
    if (ctx_.options().keep_raw) {
      e.raw = line.text;  // a view of the input (ParseOptions::keep_raw)
      e.raw_format = RawFormat::json;
    }
    if (ctx_.options().keep_fields) batch.add_field(kJsonLineField, line.text);
  }

  // The time of the configured field, or of the first default field that holds one; else the
  // last time read, and a note.
  TimeNs event_time(const TextLine& line, dom::element root) {
    const date::time_zone* zone = ctx_.options().local_zone;
    std::optional<Error> problem;
    const auto try_field = [&](std::string_view name) -> std::optional<TimeNs> {
      const auto value = find_path(root, name);
      if (!value) return std::nullopt;
      auto t = time_of(*value, zone);
      if (t) return *t;
      if (!problem) problem = Error{ErrorCode::invalid_input, t.error().message, {}, 0, 0, std::string(name)};
      return std::nullopt;
    };
    std::optional<TimeNs> found;
    if (!options_.time_field.empty()) {
      found = try_field(options_.time_field);
      if (!found && !problem)
        problem = Error{ErrorCode::invalid_input, "no such field", {}, 0, 0, options_.time_field};
    } else {
      for (std::string_view name : kDefaultJsonTimeFields)
        if ((found = try_field(name))) break;
      if (!found && !problem)
        problem = Error{ErrorCode::invalid_input,
                        "none of the usual time fields (@timestamp, timestamp, Windows SystemTime, UtcTime…) "
                        "is there; name one with --time-field or ingest.json_time_field",
                        {}, 0, 0, "time"};
    }
    if (found) return last_time_ = *found;
    problem->message += last_time_ != 0 ? "; kept at the time of the line before it"
                                        : "; kept at time 0 (1970-01-01), no line before it had a time";
    ctx_.note(std::move(*problem), line.number, line.offset);
    return last_time_;
  }

  void reject(const TextLine& line, ErrorCode code, std::string message) {
    ctx_.reject(kType, Error{code, std::move(message), {}, 0, 0, "line"}, line.number, line.offset, line.text);
  }

  const JsonLinesOptions& options_;
  ParseContext& ctx_;
  dom::parser parser_;
  std::string padded_;
  ContentIds ids_;
  TimeNs last_time_ = 0;
};

}  // namespace

Result<void> parse_json_lines(std::string_view data, const JsonLinesOptions& options, ParseContext& ctx) {
  ctx.set_event_type(kType);
  JsonLinesReader reader(options, ctx);
  return read_lines(data, ctx, reader);
}

bool looks_like_json_lines(std::string_view head) {
  TextLines lines(head);
  TextLine line;
  while (lines.next(line)) {
    const std::string_view text = trim_spaces(line.text);
    if (text.empty()) continue;
    // An object cut off by the end of the head does not parse.
    if (!text.starts_with('{') || !text.ends_with('}')) return false;
    dom::parser parser;
    dom::element root;
    return parser.parse(text.data(), text.size()).get(root) == simdjson::SUCCESS &&
           root.type() == dom::element_type::OBJECT;
  }
  return false;
}

}  // namespace ward::ingest
