// Flattening one parsed JSON object into a FlatEvent, for json_events.cc: every leaf by its
// dotted path ("user.name") and, for Windows event exports ({"Event":{"System":…,"EventData":…}},
// as evtx_dump and chainsaw write them), also by the names Sigma rules use (Image, EventID,
// Provider_Name, …), after the dotted paths, System's before EventData's before UserData's.
//
// The object is read from simdjson's tape (its doc/tape.md: the document's words and string
// buffer, which dom::document exposes), so that a document can be compared with the shape of
// one flattened before: the same words but for string offsets and numbers, and the same keys,
// give the same calls on the FlatEvent with other values. With `replay`, the last kShapes
// shapes are remembered and a document of one of them is flattened by replaying those calls
// with its own values — no walk of the tree, no names worked out — which gives the same event.
// Not thread-safe; one per reading thread.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "sigma/flat_event.h"

namespace ward::sigma {

class JsonFlattener {
 public:
  static constexpr std::size_t kShapes = 8;
  // Documents of more tape words than this are walked each time, their shape not remembered.
  static constexpr std::size_t kLargestShape = 4096;

  // keep_windows_paths: also the dotted path of a leaf that has a Windows name (as
  // JsonFileReader's constructor says). `out` must outlive the flattener.
  JsonFlattener(FlatEvent& out, bool keep_windows_paths, bool replay)
      : out_(out), keep_windows_paths_(keep_windows_paths), replay_(replay) {}

  // Fills `out` (cleared first, finished after) from the object at tape index `at` of `doc`
  // (kRoot: the document's root, which dom::document::root() is; only a root's shape is
  // remembered); its views point into `doc` and `out`. Returns whether a shape was replayed.
  static constexpr std::uint32_t kRoot = 1;
  bool flatten(const simdjson::dom::document& doc, std::uint32_t at = kRoot);
  // The tape indexes of the objects among the items of the array at `at` (a JSON array of events).
  static std::vector<std::uint32_t> objects_in_array(const simdjson::dom::document& doc, std::uint32_t at = kRoot);

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
    std::uint32_t leaf = 0;  // the value's index among the document's leaves (a Shape's)
  };
  struct Gathered {
    std::vector<WindowsField> fields;  // the first `count` are the event's
    std::size_t count = 0;
  };

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

  // A document's shape and the calls its flattening made on the FlatEvent. Tape indexes are
  // relative to the object's.
  struct Shape {
    std::vector<std::uint64_t> words;  // the object's tape words, masked
    std::vector<std::uint64_t> masks;  // all bits; a string's type only; none of a number's payload
    // The keys, as the 8-byte words of simdjson's string buffer from each key's length (4 bytes,
    // then its bytes): word `word` of the key at tape word `at` holds `bytes` under `mask` (the
    // last word's bytes past the key are not compared). A known shape's keys are checked with
    // two or three fixed loads a key, not a length compare and a variable-size compare.
    struct KeyWord {
      std::uint32_t at, word;
      std::uint64_t bytes, mask;
    };
    std::vector<KeyWord> keys;
    std::vector<std::uint32_t> leaves;  // the tape word of each leaf value, in walk order
    // Per leaf: the text of the number it held last (a replay's, or none yet), which the events
    // replayed from this shape point to: an EventID or Level comes again, and is not written
    // again, nor kept by the event.
    struct NumberText {
      std::uint64_t word = 0;  // the number's tape word (its bits)
      std::uint8_t size = 0;   // 0: none
      char text[23];
    };
    std::vector<NumberText> numbers;
    struct Call {
      std::uint32_t leaf;                      // the value: leaves[leaf]
      std::uint32_t name_offset, name_size;    // in `names`; unnamed: an all_values() leaf only
      bool named, leaf_flag;                   // FlatEvent::add(name, value, leaf_flag)
    };
    std::vector<Call> calls;
    std::string names;
    // For a replay while the FlatEvent still knows its shape: each leaf is a leaf of the event
    // (one call per leaf has leaf_flag, in walk order), and the named calls' values go in place.
    EventShapes::Ref event_shape;          // the FlatEvent's shape of this document's fields
    std::vector<std::uint32_t> positions;  // per named call: its place among those fields
    std::vector<std::uint32_t> named;      // per named call: its leaf
  };

  void walk(std::uint32_t at, Role role, std::string_view name);
  Role child_role(Role role, std::string_view name, std::string_view key, std::uint32_t child, std::string_view& child_name);
  // A string inline (most leaves), the others by scalar().
  [[gnu::always_inline]] bool leaf_value(std::uint32_t at, FieldValue& value) {
    if (type(at) != static_cast<char>(simdjson::internal::tape_type::STRING)) return scalar(at, value);
    value = {string(at), ValueKind::string};
    return true;
  }
  bool scalar(std::uint32_t at, FieldValue& value);
  // A replayed leaf's value but a string's; a number's text in `number`.
  void replayed_value(std::uint32_t at, Shape::NumberText& number, FieldValue& value);
  template <class N>
  bool number(N n, FieldValue& value);
  void add_windows(Section section, std::string_view kept_name, FieldValue value, std::uint32_t leaf);
  void add_windows_composed(Section section, std::size_t at, FieldValue value, std::uint32_t leaf);
  // Written in place and always inline: a vector's emplace_back was a call, and the field
  // passed through the stack stalled its store forward (2.3% of a hunt's samples).
  [[gnu::always_inline]] static void push(Gathered& to, WindowsField field) {
    if (to.count == to.fields.size()) [[unlikely]]
      to.fields.resize(std::max<std::size_t>(16, 2 * to.fields.size()));
    to.fields[to.count++] = field;
  }
  // The FlatEvent's calls, noted in recording_ when there is one.
  void add_named(std::string_view name, FieldValue value, bool leaf_flag, std::uint32_t leaf, bool kept);
  void add_unnamed(FieldValue value, std::uint32_t leaf);
  std::uint32_t note_leaf(std::uint32_t at);

  // simdjson's tape (doc/tape.md): a word's type in its top byte; an object's or array's word
  // holds the index after its end; a number's value in the next word; a string's word its
  // offset in the string buffer, where a 4-byte length precedes its bytes.
  char type(std::uint32_t at) const { return static_cast<char>(tape_[at] >> 56); }
  std::uint32_t after(std::uint32_t at) const { return after(tape_, at); }
  static std::uint32_t after(const std::uint64_t* tape, std::uint32_t at);
  std::string_view string(std::uint32_t at) const {
    const std::uint8_t* bytes = strings_ + (tape_[at] & simdjson::internal::JSON_VALUE_MASK);
    std::uint32_t size;
    std::memcpy(&size, bytes, sizeof(size));
    return {reinterpret_cast<const char*>(bytes + sizeof(size)), size};
  }

  // Appends `key`'s words (Shape::KeyWord) to `shape`.
  static void note_key(Shape& shape, std::uint32_t at, std::string_view key);
  // The remembered shape the object at `at` has, or null.
  Shape* known_shape(std::uint32_t at);
  void replay(Shape& shape, std::uint32_t at);
  // The values of the document's leaves (at `at`, of `shape`) into `values`, in walk order.
  void read_leaves(Shape& shape, std::uint32_t at, FieldValue* values);
  // Notes the FlatEvent's shape of the event just finished as `shape`'s.
  void note_event_shape(Shape& shape);
  // The object at `at` as `recording`'s words, masks and keys (its calls were noted in the walk).
  void finish_recording(Shape& recording, std::uint32_t at);

  FlatEvent& out_;
  const bool keep_windows_paths_;
  const bool replay_;
  const std::uint64_t* tape_ = nullptr;
  const std::uint8_t* strings_ = nullptr;
  std::uint32_t root_ = 0;  // the object being flattened
  Text path_;
  std::string_view element_;  // the System element whose attributes are being walked
  Text composed_;  // Windows names made here (attributes, names without spaces), one after another
  std::array<Gathered, 3> windows_;  // by Section, in the order found
  bool event_seen_ = false, system_seen_ = false, event_data_seen_ = false, user_data_seen_ = false;
  std::vector<Shape> shapes_;        // at most kShapes
  std::size_t next_shape_ = 0;       // replaced next once kShapes are remembered
  Shape* recording_ = nullptr;       // the shape being noted by the walk, if any
  Shape spare_;                      // recorded into, then swapped in
  std::vector<FieldValue> values_;   // a replay's leaf values
};

}  // namespace ward::sigma
