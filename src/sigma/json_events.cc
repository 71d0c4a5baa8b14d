// Reading JSON events for hunting (see json_events.h): the document reader; each object is
// flattened into a FlatEvent by json_flattener.h.
#include "sigma/json_events.h"

#include <algorithm>

#include <fmt/format.h>
#include <simdjson.h>

#include "sigma/json_flattener.h"

namespace ward::sigma {
namespace {

namespace dom = simdjson::dom;

// parse_many's window, simdjson's default. A larger one (it was the file's size, up to 64 MB)
// makes the parser fault in that much fresh memory, which cost as much as the parse on this
// VM; a document larger than the window is read on its own (read_records_from).
constexpr std::size_t kBatch = std::size_t{1} << 20;

std::uint64_t line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::uint64_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
}

// The next line, after `from`, that starts with `{` or `[` in its first column.
std::size_t next_record_start(std::string_view text, std::size_t from) {
  for (std::size_t p = text.find('\n', from); p != std::string_view::npos; p = text.find('\n', p + 1))
    if (p + 1 < text.size() && (text[p + 1] == '{' || text[p + 1] == '[')) return p + 1;
  return text.size();
}

static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING);

// Pieces of a file read at a time by JsonFileReader: small enough to stay in the cache and for
// the buffer's pages to be faulted in once, large enough for few reads.
constexpr std::size_t kPiece = std::size_t{1} << 20;

using EventCallback = std::function<void(std::uint64_t, const FlatEvent&)>;
using ErrorCallback = std::function<void(const Error&)>;

// Reads the records of one piece of a text into on_event: `bytes`, the text's bytes from `base`
// on, followed by kJsonPadding readable bytes; `text` is the whole text, read only to give an
// error its line. A bad document is reported and reading resumes at the next record.
class RecordReader {
 public:
  RecordReader(dom::parser& parser, FlatEvent& event, std::string_view text, std::string_view source,
               const EventCallback& on_event, const ErrorCallback& on_error, JsonReadStats& stats,
               bool keep_windows_paths = true)
      : parser_(parser), flattener_(event, keep_windows_paths, true), event_(event), text_(text), source_(source), on_event_(on_event),
        on_error_(on_error), stats_(stats) {}

  // False when the text cannot be read at all (UTF-16): nothing after it is read either.
  bool read(std::string_view bytes, std::size_t base) {
    base_ = base;
    if (base == 0 && (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"))) {  // PowerShell 5's Out-File
      report(0, "the file is UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)");
      return false;
    }
    // A UTF-8 byte order mark (Windows tools write one) is not part of the JSON.
    const std::size_t begin = base == 0 && bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    if (bytes.find_first_not_of(" \t\r\n", begin) == std::string_view::npos) return true;
    const std::size_t batch = std::min(bytes.size() - begin + 1, kBatch);
    dom::document_stream stream;
    if (auto error = parser_.parse_many(reinterpret_cast<const std::uint8_t*>(bytes.data() + begin), bytes.size() - begin, batch)
                         .get(stream);
        error != simdjson::SUCCESS) {
      read_records_from(bytes, begin);
      return true;
    }
    for (auto it = stream.begin(); it != stream.end(); ++it) {
      dom::element doc;
      if ((*it).get(doc) != simdjson::SUCCESS) {
        read_records_from(bytes, begin + it.current_index());
        return true;
      }
      if (doc.type() != dom::element_type::OBJECT && doc.type() != dom::element_type::ARRAY) {
        report(base + begin + it.current_index(), "expected an object");
        continue;
      }
      emit(doc);
    }
    if (stream.truncated_bytes() > 0) read_records_from(bytes, bytes.size() - stream.truncated_bytes());
    return true;
  }

  void report(std::size_t offset, std::string reason) {
    ++stats_.bad_documents;
    on_error_(Error{ErrorCode::invalid_input, fmt::format("bad JSON in the record at byte {}: {}", offset, reason),
                    std::string(source_), line_of(text_, offset), offset});
  }

 private:
  // `doc`: the root of parser_'s document (a document_stream's, or parse's).
  void emit(dom::element doc) {
    if (doc.type() == dom::element_type::ARRAY) {
      for (std::uint32_t item : JsonFlattener::objects_in_array(parser_.doc)) {
        flattener_.flatten(parser_.doc, item);
        on_event_(++stats_.events, event_);
      }
      return;
    }
    stats_.replayed += flattener_.flatten(parser_.doc);
    on_event_(++stats_.events, event_);
  }

  // After a bad document, or a cut-off end, each record (from one line starting with `{` or `[`
  // to the next) is parsed on its own so that one error loses one record.
  void read_records_from(std::string_view bytes, std::size_t from) {
    for (std::size_t p = from; p < bytes.size();) {
      const std::size_t next = next_record_start(bytes, p);
      const std::string_view record = bytes.substr(p, next - p);
      if (record.find_first_not_of(" \t\r\n") != std::string_view::npos) {
        dom::element doc;
        if (auto error = parser_.parse(record.data(), record.size(), true).get(doc); error != simdjson::SUCCESS) {
          report(base_ + p, simdjson::error_message(error));
        } else if (doc.type() != dom::element_type::OBJECT && doc.type() != dom::element_type::ARRAY) {
          report(base_ + p, "expected an object");
        } else {
          emit(doc);
        }
      }
      p = next;
    }
  }

  dom::parser& parser_;
  JsonFlattener flattener_;
  FlatEvent& event_;
  std::string_view text_, source_;
  const EventCallback& on_event_;
  const ErrorCallback& on_error_;
  JsonReadStats& stats_;
  std::size_t base_ = 0;
};

// Where the last record of `piece` that does not start it begins (after a newline, `{` or `[`),
// or 0 when there is none.
std::size_t last_record_start(std::string_view piece) {
  for (std::size_t p = piece.size(); p > 1; --p)
    if (piece[p - 2] == '\n' && (piece[p - 1] == '{' || piece[p - 1] == '[')) return p - 1;
  return 0;
}

// Whether the text (after a UTF-8 byte order mark and blanks) starts with an object: a text of
// records, which can be cut between them; not one JSON array.
bool starts_with_object(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n", text.starts_with("\xEF\xBB\xBF") ? 3 : 0);
  return first != std::string_view::npos && text[first] == '{';
}

}  // namespace

JsonReadStats read_padded_json_text(std::string_view text, std::string_view source, const EventCallback& on_event,
                                    const ErrorCallback& on_error, TextPart part) {
  JsonReadStats stats;
  text = text.substr(0, std::min(part.end, text.size()));
  const std::size_t begin = std::min(part.begin, text.size());
  dom::parser parser;
  FlatEvent event;
  RecordReader(parser, event, text, source, on_event, on_error, stats).read(text.substr(begin), begin);
  return stats;
}

JsonReadStats JsonFileReader::read(const InputBytes& bytes, std::string_view source, const EventCallback& on_event,
                                   const ErrorCallback& on_error, TextPart part) {
  JsonReadStats stats;
  const std::string_view text = bytes.view();
  const std::size_t end = std::min(part.end, text.size());
  RecordReader records(parser_, event_, text, source, on_event, on_error, stats, keep_windows_paths_);
  // Only a text of records (not one JSON array) is cut into pieces.
  const std::size_t piece = starts_with_object(text.substr(0, std::min<std::size_t>(text.size(), 4096))) ? kPiece : end;
  for (std::size_t at = std::min(part.begin, end), size = piece; at < end;) {
    size = std::min(size, end - at);
    auto bytes_read = bytes.read(at, size, buffer_);
    if (!bytes_read) {
      stats.unreadable = true;
      on_error(bytes_read.error());
      break;
    }
    std::size_t cut = bytes_read->size();
    if (at + cut < end && (cut = last_record_start(*bytes_read)) == 0) {
      size *= 2;  // a record larger than the piece
      continue;
    }
    if (!records.read(bytes_read->substr(0, cut), at)) break;
    at += cut;
    size = piece;
  }
  return stats;
}

std::vector<TextPart> split_json_records(std::string_view text, std::size_t part_bytes) {
  if (!starts_with_object(text) || text.size() <= part_bytes || part_bytes == 0) return {TextPart{0, text.size()}};
  std::vector<TextPart> parts;
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t end = begin + part_bytes >= text.size() ? text.size() : next_record_start(text, begin + part_bytes - 1);
    parts.push_back({begin, end});
    begin = end;
  }
  return parts;
}

Result<void> JsonRecordReader::read(std::string_view json, FlatEvent& out) {
  dom::element root;
  if (auto error = parser_.parse(json.data(), json.size()).get(root); error != simdjson::SUCCESS) {
    out.clear();
    out.finish();
    return fail(ErrorCode::invalid_input, fmt::format("bad JSON in the kept record: {}", simdjson::error_message(error)));
  }
  if (root.type() != dom::element_type::OBJECT) {
    out.clear();
    out.finish();
    return fail(ErrorCode::invalid_input, "the kept record is not a JSON object");
  }
  JsonFlattener(out, true, false).flatten(parser_.doc);
  return {};
}

JsonReadStats read_json_text(std::string_view text, std::string_view source,
                             const std::function<void(std::uint64_t, const FlatEvent&)>& on_event,
                             const std::function<void(const Error&)>& on_error) {
  const simdjson::padded_string input(text);
  return read_padded_json_text(std::string_view(input.data(), input.size()), source, on_event, on_error);
}

Result<JsonReadStats> read_json_events(const std::filesystem::path& file,
                                       const std::function<void(std::uint64_t, const FlatEvent&)>& on_event,
                                       const std::function<void(const Error&)>& on_error) {
  simdjson::padded_string input;
  if (auto error = simdjson::padded_string::load(file.string()).get(input); error != simdjson::SUCCESS)
    return Unexpected(Error{ErrorCode::io, fmt::format("cannot read: {}", simdjson::error_message(error)), file.string()});
  return read_padded_json_text(std::string_view(input.data(), input.size()), file.string(), on_event, on_error);
}

}  // namespace ward::sigma
