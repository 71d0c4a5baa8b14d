// Reading JSON events for hunting (see json_events.h): the document reader and the flattening of
// each object into a FlatEvent.
#include "sigma/json_events.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <span>
#include <utility>

#include <fmt/format.h>
#include <simdjson.h>

namespace ward::sigma {
namespace {

namespace dom = simdjson::dom;

// parse_many's window, simdjson's default. A larger one (it was the file's size, up to 64 MB)
// makes the parser fault in that much fresh memory, which cost as much as the parse on this
// VM; a document larger than the window is read on its own (read_records_from).
constexpr std::size_t kBatch = std::size_t{1} << 20;

// Flattens one parsed object into a FlatEvent, in one walk of the document: every leaf by its
// dotted path and, for Windows event exports ({"Event":{"System":…,"EventData":…}}, as evtx_dump
// and chainsaw write them), also by the names Sigma rules use. Those come after the dotted
// paths, System's before EventData's before UserData's, as a second walk of those objects would
// add them; they are gathered in the walk and added at its end.
class Flattener {
 public:
  // keep_windows_paths: also the dotted path of a leaf that has a Windows name (as
  // JsonFileReader's constructor says).
  Flattener(FlatEvent& out, bool keep_windows_paths) : out_(out), keep_windows_paths_(keep_windows_paths) {}

  void flatten(dom::element root) {
    out_.clear();
    path_.clear();
    composed_.clear();
    for (auto& section : windows_) section.count = 0;
    walk(root, Role::root, {});
    for (const auto& section : windows_)
      for (const WindowsField& f : std::span(section.fields.data(), section.count)) {
        if (f.composed) {
          out_.add(composed_.view().substr(f.composed_at, f.name.size()), f.value, false);
        } else {
          out_.add_kept(f.name, f.value, false);  // a key of the document, or "EventData"/"UserData"
        }
      }
    out_.finish();
  }

 private:
  // What a value is to the Windows names besides its dotted path: System fields by name,
  // attributes as <element>_<attribute> (Provider_Name, Execution_ProcessID), event data by the
  // data's names. The Event, System, EventData and UserData that count are the first of their
  // name in their object.
  enum class Role : std::uint8_t {
    none,
    root,               // the document
    event,              // the root's first "Event", an object
    system,             // its first "System", an object
    system_element,     // an object in System: its #text and #attributes
    system_attributes,  // an element's "#attributes" object
    system_attribute,   // a leaf in it: <element>_<attribute>
    event_data,         // its first "EventData" (or "UserData", below): leaves by their own names
    user_data,
  };
  enum Section : std::size_t { kSystem, kEventData, kUserData };

  struct WindowsField {
    std::string_view name;  // when composed: only its size; the bytes are in composed_
    std::size_t composed_at = 0;
    bool composed = false;
    FieldValue value;
  };
  struct Gathered {
    std::vector<WindowsField> fields;  // the first `count` are the event's
    std::size_t count = 0;
  };

  // The value of a leaf: strings point into the document; a number's text is kept by the event.
  // False for an object or array.
  bool scalar(dom::element v, FieldValue& value) {
    switch (v.type()) {
      case dom::element_type::STRING: value = {v.get_string().value_unsafe(), ValueKind::string}; return true;
      case dom::element_type::BOOL: value = {v.get_bool().value_unsafe() ? "true" : "false", ValueKind::boolean}; return true;
      case dom::element_type::NULL_VALUE: value = {"", ValueKind::null}; return true;
      case dom::element_type::INT64: return number(v.get_int64().value_unsafe(), value);
      case dom::element_type::UINT64: return number(v.get_uint64().value_unsafe(), value);
      case dom::element_type::DOUBLE: return number(v.get_double().value_unsafe(), value);
      default: return false;
    }
  }

  template <class N>
  bool number(N n, FieldValue& value) {
    char buf[40];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), n);
    if (ec != std::errc()) return false;
    value = {out_.keep(std::string_view(buf, static_cast<std::size_t>(end - buf))), ValueKind::number};
    return true;
  }

  void add_windows(Section section, std::string_view kept_name, FieldValue value) {
    push(windows_[section], {kept_name, 0, false, value});
  }
  // A name made in composed_ from what was appended there since `at`.
  void add_windows_composed(Section section, std::size_t at, FieldValue value) {
    push(windows_[section], {composed_.view().substr(at), at, true, value});  // its size only: composed_ may move
  }
  // Written in place and always inline: a vector's emplace_back was a call, and the field
  // passed through the stack stalled its store forward (2.3% of a hunt's samples).
  [[gnu::always_inline]] static void push(Gathered& to, WindowsField field) {
    if (to.count == to.fields.size()) [[unlikely]]
      to.fields.resize(std::max<std::size_t>(16, 2 * to.fields.size()));
    to.fields[to.count++] = field;
  }

  // The role of `child`, under key `key` of an object of role `role` (`name`: that object's
  // Windows name, for System elements and event data); `child_name` gets the child's.
  Role child_role(Role role, std::string_view name, std::string_view key, dom::element child, std::string_view& child_name) {
    switch (role) {
      case Role::root:
        if (!is(key, "Event") || std::exchange(event_seen_, true)) return Role::none;
        return child.type() == dom::element_type::OBJECT ? Role::event : Role::none;
      case Role::event:
        if (is(key, "System") && !std::exchange(system_seen_, true))
          return child.type() == dom::element_type::OBJECT ? Role::system : Role::none;
        if (is(key, "EventData") && !std::exchange(event_data_seen_, true)) {
          child_name = "EventData";
          return Role::event_data;
        }
        if (is(key, "UserData") && !std::exchange(user_data_seen_, true)) {
          child_name = "UserData";
          return Role::user_data;
        }
        return Role::none;
      case Role::system:
        child_name = key;
        return child.type() == dom::element_type::OBJECT ? Role::system_element : Role::system;
      case Role::system_element:
        child_name = name;
        if (is(key, "#text")) return is_scalar(child) ? Role::system : Role::none;  // the element's value
        if (!is(key, "#attributes") || child.type() != dom::element_type::OBJECT) return Role::none;
        element_ = name;
        return Role::system_attributes;
      case Role::system_attributes:
        child_name = key;
        return is_scalar(child) ? Role::system_attribute : Role::none;
      case Role::event_data:
      case Role::user_data:
        if (is(key, "#attributes")) return Role::none;  // xmlns of the data's schema
        child_name = is(key, "#text") ? name : key;
        return role;
      default:
        return Role::none;
    }
  }

  // Every leaf by its dotted path (array items share their array's name), and by its Windows
  // name when its role gives it one.
  void walk(dom::element v, Role role, std::string_view name) {
    if (role == Role::root) event_seen_ = system_seen_ = event_data_seen_ = user_data_seen_ = false;
    if (v.type() == dom::element_type::OBJECT) {
      const dom::object object = v.get_object().value_unsafe();
      for (auto [key, child] : object) {
        const std::size_t mark = path_.size();
        path_.append_key(key);
        std::string_view child_name;
        const Role role_of_child = child_role(role, name, key, child, child_name);
        walk(child, role_of_child, child_name);
        path_.resize(mark);
      }
      return;
    }
    if (v.type() == dom::element_type::ARRAY) {
      // Items of an array in System are no Windows field; in event data they share its name.
      const Role item_role = role == Role::event_data || role == Role::user_data ? role : Role::none;
      const dom::array array = v.get_array().value_unsafe();
      for (dom::element item : array) walk(item, item_role, name);
      return;
    }
    FieldValue value;
    if (!scalar(v, value)) return;
    const bool windows_named = role == Role::system || role == Role::system_attribute || role == Role::event_data ||
                               role == Role::user_data;
    if (windows_named && !keep_windows_paths_) {
      out_.add_unnamed_leaf(value);  // still searched by keywords
    } else {
      out_.add(path_.view(), value, true);
    }
    switch (role) {
      case Role::system: add_windows(kSystem, name, value); break;
      case Role::system_attribute: {
        const std::size_t at = composed_.size();
        composed_.append(element_);
        composed_.push_back('_');
        composed_.append(name);
        add_windows_composed(kSystem, at, value);
        break;
      }
      case Role::event_data:
      case Role::user_data: {
        const Section section = role == Role::event_data ? kEventData : kUserData;
        add_windows(section, name, value);
        // Sigma names fields without their spaces ("Source Name" is SourceName). An inline
        // search: a memchr call per short name cost more.
        if (std::find(name.begin(), name.end(), ' ') != name.end()) {
          const std::size_t at = composed_.size();
          for (char c : name)
            if (c != ' ') composed_.push_back(c);
          add_windows_composed(section, at, value);
        }
        break;
      }
      default: break;
    }
  }

  // Inline: a std::string_view comparison was a call, ten per event.
  template <std::size_t N>
  [[gnu::always_inline]] static bool is(std::string_view key, const char (&word)[N]) {
    return key.size() == N - 1 && std::memcmp(key.data(), word, N - 1) == 0;  // a constant size: inline
  }

  static bool is_scalar(dom::element v) {
    return v.type() != dom::element_type::OBJECT && v.type() != dom::element_type::ARRAY;
  }

  FlatEvent& out_;
  const bool keep_windows_paths_;
  // Text built piece by piece in a buffer of its own (the dotted path of the value being walked,
  // the composed Windows names): std::string's appends were calls, two per key.
  class Text {
   public:
    std::size_t size() const { return size_; }
    std::string_view view() const { return {bytes_.data(), size_}; }
    void clear() { size_ = 0; }
    void resize(std::size_t size) { size_ = size; }
    [[gnu::always_inline]] void append_key(std::string_view key) {  // with a dot before it unless it is the first
      if (size_ + 1 + key.size() > bytes_.size()) [[unlikely]]
        grow(1 + key.size());
      if (size_ != 0) bytes_[size_++] = '.';
      if (!key.empty()) std::memcpy(bytes_.data() + size_, key.data(), key.size());
      size_ += key.size();
    }
    [[gnu::always_inline]] void append(std::string_view text) {
      if (size_ + text.size() > bytes_.size()) [[unlikely]]
        grow(text.size());
      if (!text.empty()) std::memcpy(bytes_.data() + size_, text.data(), text.size());
      size_ += text.size();
    }
    [[gnu::always_inline]] void push_back(char c) {
      if (size_ == bytes_.size()) [[unlikely]]
        grow(1);
      bytes_[size_++] = c;
    }

   private:
    [[gnu::noinline]] void grow(std::size_t more) { bytes_.resize(std::max(size_ + more, 2 * bytes_.size())); }
    std::vector<char> bytes_ = std::vector<char>(256);
    std::size_t size_ = 0;
  };
  Text path_;
  std::string_view element_;  // the System element whose attributes are being walked
  Text composed_;  // Windows names made here (attributes, names without spaces), one after another
  std::array<Gathered, 3> windows_;  // by Section, in the order found
  bool event_seen_ = false, system_seen_ = false, event_data_seen_ = false, user_data_seen_ = false;
};

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
      : parser_(parser), flattener_(event, keep_windows_paths), event_(event), text_(text), source_(source), on_event_(on_event),
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
  void emit(dom::element doc) {
    if (doc.type() == dom::element_type::ARRAY) {
      const dom::array items = doc.get_array().value_unsafe();
      for (dom::element item : items) {
        if (item.type() != dom::element_type::OBJECT) continue;
        flattener_.flatten(item);
        on_event_(++stats_.events, event_);
      }
      return;
    }
    flattener_.flatten(doc);
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
  Flattener flattener_;
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
  Flattener(out, true).flatten(root);
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
