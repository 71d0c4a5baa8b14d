#include "ingest/fhir/fhir_parser.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <simdjson.h>

#include "ingest/fhir/audit_event_mapper.h"
#include "ingest/fhir/directory_mapper.h"
#include "ingest/fhir/fhir_json.h"
#include "ingest/fhir/fhir_values.h"

namespace ward::ingest {
namespace {

using fhir::Element;

constexpr std::string_view kJsonLine = "json line";  // record type of input that is no resource
constexpr std::string_view kAuditEvent = "AuditEvent";  // the one resource that becomes events
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr int kMaxBundleDepth = 8;

// Where a record starts in the input: its byte offset. Its line is counted only when a record
// is quarantined (LineCounter), so good input costs no line counting.
struct Position {
  std::uint64_t offset = 0;
};

// 1-based line numbers of positions in the input, counted forward from the last one asked for
// (quarantines come in input order, so counting is linear overall).
class LineCounter {
 public:
  explicit LineCounter(std::string_view data) : base_(data.data()), at_(data.data()) {}
  std::uint64_t line_of(const char* p) {
    if (p < at_) {
      at_ = base_;
      line_ = 1;
    }
    line_ += static_cast<std::uint64_t>(std::count(at_, p, '\n'));
    at_ = p;
    return line_;
  }

 private:
  const char* base_;
  const char* at_;
  std::uint64_t line_ = 1;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view skip_bom(std::string_view data) {
  if (data.substr(0, kBom.size()) == kBom) data.remove_prefix(kBom.size());
  return data;
}

std::string_view json_type_name(Element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::ARRAY: return "an array";
    case simdjson::dom::element_type::STRING: return "a string";
    case simdjson::dom::element_type::BOOL: return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE: return "null";
    case simdjson::dom::element_type::OBJECT: return "an object";
    default: return "a number";
  }
}

Error input_error(ErrorCode code, std::string message, std::string field = {}) {
  return Error{code, std::move(message), {}, 0, 0, std::move(field)};
}

// Reads one input. Holds what is reused from record to record: the simdjson parsers (their
// buffers grow to the largest record and stay), a padded copy buffer and the mappers' scratch.
//
// NDJSON is read with simdjson's parse_many, which finds the documents of a whole batch in one
// pass (and on its own thread) — about 2.5 times as fast as parsing line by line. Each document
// it returns must be exactly one line, as NDJSON says; at the first one that is not (a broken
// line, two objects on a line, a document too large for a batch, invalid UTF-8), reading goes
// line by line for about a batch's worth of lines, so bad lines get the same messages and
// line numbers either way, then returns to parse_many.
class FhirReader {
 public:
  // `stage1_thread`: let parse_many find documents on a thread of its own (not when every core
  // already runs a reader).
  FhirReader(std::string_view data, ParseContext& ctx, bool stage1_thread = true)
      : data_(data), ctx_(ctx), lines_(data) {
    stream_parser_.threaded = stage1_thread;
    ctx_.set_event_type(kAuditEvent);
  }

  Result<void> read_lines(std::string_view body);
  Result<void> read_document(std::string_view body);
  // Adds the AuditEvents accepted so far to the context's counts (counted here, not one call
  // per event, because they are the bulk of an input).
  void report_counts();

 private:
  // Reads [begin, end) with parse_many until the end or the first document that is not a whole
  // line; returns the start of the first line not read.
  Result<const char*> read_stream(const char* begin, const char* end);
  // Reads the lines of [begin, end) one by one; stops after the line that passes `budget`
  // bytes. Returns the start of the first line not read.
  Result<const char*> read_each_line(const char* begin, const char* end, std::size_t budget);
  Result<void> read_record(std::string_view record, Position at);
  // Parses `record`, a view into the input when `in_input`, into parser_.
  simdjson::error_code parse(std::string_view record, bool in_input, Element& root);
  Result<void> take(Element value, Position at, std::string_view record, int depth);
  Result<void> take_bundle(Element bundle, Position at, std::string_view record, int depth);
  Result<void> quarantine(std::string_view type, Error error, Position at, std::string_view raw);
  std::string raw_of(Element value, std::string_view record) const;
  void keep_raw(Element value, std::string_view record);

  std::string_view data_;
  ParseContext& ctx_;
  LineCounter lines_;
  simdjson::dom::parser parser_;         // one record at a time
  simdjson::dom::parser stream_parser_;  // parse_many
  std::unique_ptr<char[]> padded_;
  std::size_t padded_capacity_ = 0;
  std::string repaired_;  // a record re-encoded from Latin-1
  std::string prefix_;    // "entry[2].resource." while inside a Bundle
  fhir::MapScratch scratch_;
  std::uint64_t audit_events_ = 0;  // accepted, not yet reported
};

void FhirReader::report_counts() {
  if (audit_events_ != 0) ctx_.accepted(kAuditEvent, audit_events_);
  audit_events_ = 0;
}

// parse_many's batch: documents larger than this are read line by line.
constexpr std::size_t kStreamBatchBytes = 1 << 20;
// How much input is read between two releases of it (ParseContext::done_reading): a few
// parse_many batches behind, so the stream never reads what was just released.
constexpr std::size_t kReleaseBytes = 8 * kStreamBatchBytes;

Result<void> FhirReader::read_lines(std::string_view body) {
  const char* p = body.data();
  const char* const end = body.data() + body.size();
  // parse_many reads up to SIMDJSON_PADDING bytes past what it is given, so it gets the lines
  // that end at least that far before the end of the input; the last few go one by one (copied).
  const char* stream_end = p;
  if (end - p > static_cast<std::ptrdiff_t>(simdjson::SIMDJSON_PADDING)) {
    const char* limit = end - simdjson::SIMDJSON_PADDING;
    if (const void* nl = memrchr(p, '\n', static_cast<std::size_t>(limit - p)))
      stream_end = static_cast<const char*>(nl) + 1;
  }
  while (p < stream_end) {
    auto streamed = read_stream(p, stream_end);
    if (!streamed) return Unexpected(streamed.error());
    p = *streamed;
    if (p == stream_end) break;
    auto fallback = read_each_line(p, stream_end, kStreamBatchBytes);
    if (!fallback) return Unexpected(fallback.error());
    p = *fallback;
  }
  auto rest = read_each_line(stream_end, end, body.size());
  if (!rest) return Unexpected(rest.error());
  return {};
}

Result<const char*> FhirReader::read_stream(const char* begin, const char* end) {
  simdjson::dom::document_stream docs;
  if (stream_parser_.parse_many(begin, static_cast<std::size_t>(end - begin), kStreamBatchBytes)
          .get(docs) != simdjson::SUCCESS)
    return begin;
  const std::size_t limit = ctx_.options().max_record_bytes;
  const char* consumed = begin;
  const char* released = begin;  // what was read is released every kReleaseBytes
  for (auto it = docs.begin(); it != docs.end(); ++it) {
    Element root;
    if ((*it).get(root) != simdjson::SUCCESS) break;
    const char* start = begin + it.current_index();
    if (*start != '{' && *start != '[') break;  // a scalar line: the line-by-line path says why
    // The document must be its whole line: no newline inside, nothing but spaces after it.
    const std::string_view source = it.source();
    const auto* nl =
        static_cast<const char*>(std::memchr(start, '\n', static_cast<std::size_t>(end - start)));
    const char* line_end = nl ? nl : end;
    const std::string_view record =
        trim(std::string_view(start, static_cast<std::size_t>(line_end - start)));
    if (record.size() != source.size() || record.size() > limit) break;
    prefix_.clear();
    if (auto r = take(root, Position{static_cast<std::uint64_t>(start - data_.data())}, record, 0);
        !r)
      return Unexpected(r.error());
    consumed = nl ? nl + 1 : end;
    if (static_cast<std::size_t>(start - released) >= kReleaseBytes) {
      ctx_.done_reading({released, static_cast<std::size_t>(start - released)});
      released = start;
    }
  }
  return consumed;
}

Result<const char*> FhirReader::read_each_line(const char* begin, const char* end,
                                               std::size_t budget) {
  const char* p = begin;
  while (p < end && static_cast<std::size_t>(p - begin) < budget) {
    const auto* nl =
        static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* line_end = nl ? nl : end;
    std::string_view record = trim(std::string_view(p, static_cast<std::size_t>(line_end - p)));
    if (!record.empty()) {
      if (auto r = read_record(record, Position{static_cast<std::uint64_t>(record.data() - data_.data())});
          !r)
        return Unexpected(r.error());
    }
    p = nl ? nl + 1 : end;
  }
  return p;
}

Result<void> FhirReader::read_document(std::string_view body) {
  std::string_view record = trim(body);
  if (record.empty()) return {};
  return read_record(record, Position{static_cast<std::uint64_t>(record.data() - data_.data())});
}

simdjson::error_code FhirReader::parse(std::string_view record, bool in_input, Element& root) {
  // simdjson reads up to SIMDJSON_PADDING bytes past the end: parse in place when the input has
  // that many bytes after the record (all NDJSON lines but the last few), else from a copy.
  constexpr std::size_t kPadding = simdjson::SIMDJSON_PADDING;
  if (in_input && static_cast<std::size_t>(data_.data() + data_.size() -
                                           (record.data() + record.size())) >= kPadding)
    return parser_.parse(record.data(), record.size(), false).get(root);
  if (padded_capacity_ < record.size() + kPadding) {
    padded_capacity_ = record.size() + kPadding + record.size() / 2;
    padded_ = std::make_unique_for_overwrite<char[]>(padded_capacity_);
  }
  std::memcpy(padded_.get(), record.data(), record.size());
  std::memset(padded_.get() + record.size(), ' ', kPadding);
  return parser_.parse(padded_.get(), record.size(), false).get(root);
}

Result<void> FhirReader::read_record(std::string_view record, Position at) {
  const std::size_t limit = ctx_.options().max_record_bytes;
  if (record.size() > limit)
    return quarantine(kJsonLine,
                      input_error(ErrorCode::too_large,
                                  fmt::format("record is {} bytes, over max_record_bytes ({})",
                                              record.size(), limit)),
                      at, record);
  Element root;
  simdjson::error_code err = parse(record, true, root);
  if (err == simdjson::UTF8_ERROR) {
    fhir::repair_latin1(record, repaired_);
    err = parse(repaired_, false, root);
    if (err == simdjson::SUCCESS) record = repaired_;  // what was read, for raw and quarantine
  }
  if (err != simdjson::SUCCESS)
    return quarantine(kJsonLine,
                      input_error(ErrorCode::invalid_input,
                                  fmt::format("not valid JSON: {}", simdjson::error_message(err))),
                      at, record);
  prefix_.clear();
  return take(root, at, record, 0);
}

Result<void> FhirReader::take(Element value, Position at, std::string_view record, int depth) {
  if (!value.is_object())
    return quarantine(kJsonLine,
                      input_error(ErrorCode::invalid_input,
                                  fmt::format("expected a FHIR resource (a JSON object), found {}",
                                              json_type_name(value))),
                      at, raw_of(value, record));
  std::string_view type;
  fhir::MaybeElement type_value = value["resourceType"];
  if (type_value.get_string().get(type) != simdjson::SUCCESS || type.empty())
    return quarantine(kJsonLine,
                      input_error(ErrorCode::invalid_input,
                                  type_value.error() == simdjson::NO_SUCH_FIELD
                                      ? "a JSON object without resourceType is not a FHIR resource"
                                      : "resourceType must be a non-empty string",
                                  "resourceType"),
                      at, raw_of(value, record));
  if (type == "Bundle") return take_bundle(value, at, record, depth);

  Result<void> mapped;
  if (type == kAuditEvent) {
    mapped = fhir::map_audit_event(value, ctx_, scratch_);
    if (mapped) {
      if (ctx_.options().keep_raw) keep_raw(value, record);
      ++audit_events_;
      return ctx_.maybe_flush();
    }
  } else if (type == "Patient") {
    mapped = fhir::map_patient(value, ctx_);
  } else if (type == "Practitioner") {
    mapped = fhir::map_practitioner(value, ctx_);
  } else if (type == "PractitionerRole") {
    mapped = fhir::map_practitioner_role(value, ctx_);
  } else if (type == "Encounter") {
    mapped = fhir::map_encounter(value, ctx_);
  } else {
    ctx_.skipped(type);
    return ctx_.maybe_flush();
  }
  if (!mapped) return quarantine(type, std::move(mapped.error()), at, raw_of(value, record));
  ctx_.accepted(type);
  return ctx_.maybe_flush();
}


Result<void> FhirReader::take_bundle(Element bundle, Position at, std::string_view record,
                                     int depth) {
  if (depth >= kMaxBundleDepth)
    return quarantine("Bundle",
                      input_error(ErrorCode::unsupported,
                                  fmt::format("Bundles nested more than {} deep", kMaxBundleDepth),
                                  "entry"),
                      at, raw_of(bundle, record));
  simdjson::dom::array entries;
  if (bundle["entry"].get_array().get(entries) != simdjson::SUCCESS) return {};
  std::size_t index = 0;
  for (Element entry : entries) {
    Element resource;
    if (entry["resource"].get(resource) == simdjson::SUCCESS) {
      const std::size_t base = prefix_.size();
      char digits[24];
      auto [end, ec] = std::to_chars(digits, digits + sizeof digits, index);
      (void)ec;
      prefix_.append("entry[").append(digits, end).append("].resource.");
      Result<void> r = take(resource, at, record, depth + 1);
      prefix_.resize(base);
      if (!r) return r;
    }
    ++index;
  }
  return {};
}

// Quarantines a record; `error.field` is relative to the resource being read and gets the
// Bundle path in front. Then goes on (flushing if due).
Result<void> FhirReader::quarantine(std::string_view type, Error error, Position at,
                                    std::string_view raw) {
  if (!prefix_.empty()) {
    std::string_view path(prefix_);
    if (error.field.empty()) path.remove_suffix(1);  // "entry[2].resource"
    error.field.insert(0, path);
  }
  ctx_.reject(type, std::move(error), lines_.line_of(data_.data() + at.offset), at.offset, raw);
  return ctx_.maybe_flush();
}

// The bytes to quarantine: the record itself, or the resource re-serialised when it is an
// entry of a Bundle (its position in the document is not known).
std::string FhirReader::raw_of(Element value, std::string_view record) const {
  if (prefix_.empty()) return std::string(record.substr(0, kMaxQuarantinedBytes));
  return simdjson::minify(value);
}

// Event::raw of the event just mapped from `value`: the record as written — a view of the input
// itself when it is there (NDJSON lines: no copy), else a copy — or the resource re-serialised
// when it is an entry of a Bundle.
void FhirReader::keep_raw(Element value, std::string_view record) {
  EventBatch& batch = ctx_.out().events;
  Event& e = batch.events().back();
  const bool in_input = record.data() >= data_.data() &&
                        record.data() + record.size() <= data_.data() + data_.size();
  if (!prefix_.empty()) {
    e.raw = batch.keep(simdjson::minify(value));
  } else {
    e.raw = in_input ? record : batch.keep(record);
  }
  e.raw_format = RawFormat::json;
}

// NDJSON this large is read in parts, one per thread (each part at least half of this).
constexpr std::size_t kPartedNdjsonBytes = 32 << 20;

// `body` cut into `parts` pieces of about equal size, each ending after a newline.
std::vector<std::string_view> split_lines(std::string_view body, std::size_t parts) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 1; i <= parts && start < body.size(); ++i) {
    std::size_t end = body.size();
    if (i < parts) {
      std::size_t nl = body.find('\n', std::max(start, body.size() / parts * i));
      if (nl != std::string_view::npos) end = nl + 1;
    }
    out.push_back(body.substr(start, end - start));
    start = end;
  }
  return out;
}

// Large NDJSON in parts on several threads; events are independent of one another.
Result<void> read_lines_in_parts(std::string_view data, std::string_view body, ParseContext& ctx) {
  const std::size_t parts = std::min(ctx.threads(), body.size() / (kPartedNdjsonBytes / 2));
  const std::vector<std::string_view> pieces = split_lines(body, std::max<std::size_t>(parts, 1));
  return ctx.in_parts(pieces.size(), [&](ParseContext& part_ctx, std::size_t i) {
    FhirReader reader(data, part_ctx, /*stage1_thread=*/pieces.size() == 1);
    Result<void> r = reader.read_lines(pieces[i]);
    reader.report_counts();
    return r;
  });
}

}  // namespace

Result<void> parse_fhir(std::string_view data, ParseContext& ctx) {
  std::string_view body = skip_bom(data);
  if (body.size() >= kPartedNdjsonBytes && ctx.threads() > 1 && is_ndjson(body)) {
    if (auto r = read_lines_in_parts(data, body, ctx); !r) return r;
    return ctx.flush();
  }
  FhirReader reader(data, ctx);
  try {
    Result<void> r = is_ndjson(body) ? reader.read_lines(body) : reader.read_document(body);
    reader.report_counts();
    if (!r) return r;
    return ctx.flush();
  } catch (const std::exception& e) {
    // Only allocation can throw here; report it rather than lose the input silently.
    reader.report_counts();
    return fail(ErrorCode::internal, fmt::format("FHIR parsing stopped: {}", e.what()));
  }
}

bool is_ndjson(std::string_view data) {
  std::string_view lines[2];
  int found = 0;
  std::size_t pos = 0;
  while (found < 2 && pos < data.size()) {
    std::size_t nl = data.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? data.size() : nl;
    std::string_view line = data.substr(pos, end - pos);
    if (!trim(line).empty()) lines[found++] = line;
    pos = end + 1;
  }
  if (found < 2) return true;  // one line: both readings agree
  std::string_view first = trim(lines[0]);
  if (first.size() > 1 && (first.front() == '{' || first.front() == '[') &&
      (first.back() == '}' || first.back() == ']'))
    return true;
  return lines[1].front() == '{';
}

bool looks_like_fhir_json(std::string_view head) {
  head = skip_bom(head);
  std::size_t i = 0;
  while (i < head.size() && is_space(head[i])) ++i;
  if (i == head.size() || head[i] != '{') return false;
  return head.substr(0, 4096).find("\"resourceType\"") != std::string_view::npos;
}

}  // namespace ward::ingest
