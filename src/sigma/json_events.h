// Reading events for hunting: a file of JSON objects, one per line or back to back (pretty
// printed), or a JSON array of objects. Each object is flattened for Sigma field names: nested
// keys by dotted path ("user.name"); Windows event exports ({"Event":{"System":…,"EventData":…}})
// also by the names Sigma rules use (Image, EventID, Provider_Name, …) as chainsaw and
// hayabusa do. Parsing is simdjson's; a bad document is reported and reading resumes on the
// next line that starts an object.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <simdjson.h>

#include "core/error.h"
#include "core/file_reader.h"
#include "sigma/flat_event.h"

namespace ward::sigma {

struct JsonReadStats {
  std::uint64_t events = 0;
  std::uint64_t bad_documents = 0;
  bool unreadable = false;  // the file could not be read to the end (JsonFileReader)
  // Objects flattened by replaying the shape of an earlier one (json_flattener.h): the same event.
  std::uint64_t replayed = 0;
};

// `on_event(index, event)`: index counts objects from 1 within the file; the event is valid
// only during the call. `on_error(error)`: one bad document, with file, line, offset and reason.
// Returns an Error only when the file cannot be read at all.
Result<JsonReadStats> read_json_events(const std::filesystem::path& file,
                                       const std::function<void(std::uint64_t, const FlatEvent&)>& on_event,
                                       const std::function<void(const Error&)>& on_error);

// The same over text in memory (tests); `source` names it in errors.
JsonReadStats read_json_text(std::string_view text, std::string_view source,
                             const std::function<void(std::uint64_t, const FlatEvent&)>& on_event,
                             const std::function<void(const Error&)>& on_error);

// One JSON object flattened as the readers above flatten each record: for an event kept with its
// JSON (ingest/json_lines: live detection of `ward import --format json-lines`), so that it
// matches as a hunt of its file does. Not thread-safe; one per reading thread.
class JsonRecordReader {
 public:
  // Fills `out` (cleared first, finished after), whose views then point into this reader until
  // the next read. An error, and `out` empty, when `json` is not one JSON object.
  Result<void> read(std::string_view json, FlatEvent& out);

 private:
  simdjson::dom::parser parser_;
};

// Bytes the parser may read past the end of the text (simdjson's padding).
inline constexpr std::size_t kJsonPadding = 64;

// A part of a file's text, [begin, end), that starts a record: for reading one file on several
// threads. Errors still give positions (line, byte) in the whole text.
struct TextPart {
  std::size_t begin = 0, end = std::string_view::npos;
};

// The same without copying the text: at least kJsonPadding readable bytes must follow it, as
// read_input_file(path, kJsonPadding) gives (core/file_reader.h). With `part`, only the records
// of that part are read; their indexes count from 1 within it.
JsonReadStats read_padded_json_text(std::string_view text, std::string_view source,
                                    const std::function<void(std::uint64_t, const FlatEvent&)>& on_event,
                                    const std::function<void(const Error&)>& on_error, TextPart part = {});

// Reads a JSON file's records, a part of it at a time (hunting), with one parser, one event and
// one buffer kept from part to part. Not thread-safe; one per reading thread.
class JsonFileReader {
 public:
  // keep_windows_paths false: a Windows export's leaves that have a Windows name (Image,
  // Provider_Name, EventID) are not also named by their dotted path (Event.EventData.Image,
  // …), which is faster to read and to index; they are still in all_values(), for keywords.
  // For hunts whose rules name no such path (hunt.h, HuntOptions::whole_events).
  explicit JsonFileReader(bool keep_windows_paths = true) : keep_windows_paths_(keep_windows_paths) {}

  // The records of `part` of `bytes` (read_input_file(path, kJsonPadding, InputUse::parts)),
  // read in pieces of about 1 MB copied into this reader's buffer (InputBytes::read), each
  // ending before a line that starts with `{` or `[`; a JSON array, or a record larger than a
  // piece, is read whole. As read_padded_json_text: indexes count from 1 within the part,
  // errors give positions in the whole file. A file that cannot be read to the end is
  // reported to on_error and counted in `unreadable`.
  JsonReadStats read(const InputBytes& bytes, std::string_view source,
                     const std::function<void(std::uint64_t, const FlatEvent&)>& on_event,
                     const std::function<void(const Error&)>& on_error, TextPart part = {});

 private:
  simdjson::dom::parser parser_;
  FlatEvent event_;
  std::string buffer_;
  bool keep_windows_paths_ = true;
};

// Cuts a text of JSON objects (lines, or pretty-printed objects back to back) into parts of
// about `part_bytes`, each ending before a line that starts with `{` or `[`, where reading
// resumes after a bad record too. A JSON array, or a text no larger than part_bytes, is one
// part. The parts cover the text, in order.
std::vector<TextPart> split_json_records(std::string_view text, std::size_t part_bytes);

}  // namespace ward::sigma
