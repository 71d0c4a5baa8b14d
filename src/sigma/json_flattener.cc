// JsonFlattener (json_flattener.h): the walk of one object on simdjson's tape, and the shapes of
// recent documents replayed.
#include "sigma/json_flattener.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <span>
#include <utility>

namespace ward::sigma {
namespace {

using simdjson::internal::tape_type;
constexpr char kObject = static_cast<char>(tape_type::START_OBJECT);
constexpr char kArray = static_cast<char>(tape_type::START_ARRAY);
constexpr std::uint64_t kTypeBits = ~simdjson::internal::JSON_VALUE_MASK;

// Inline: a std::string_view comparison was a call, ten per event.
template <std::size_t N>
[[gnu::always_inline]] inline bool is(std::string_view key, const char (&word)[N]) {
  return key.size() == N - 1 && std::memcmp(key.data(), word, N - 1) == 0;  // a constant size: inline
}

bool is_number(char type) {
  return type == static_cast<char>(tape_type::INT64) || type == static_cast<char>(tape_type::UINT64) ||
         type == static_cast<char>(tape_type::DOUBLE);
}

}  // namespace

std::uint32_t JsonFlattener::after(const std::uint64_t* tape, std::uint32_t at) {
  const auto t = static_cast<char>(tape[at] >> 56);
  if (t == kObject || t == kArray) return static_cast<std::uint32_t>(tape[at]);
  return is_number(t) ? at + 2 : at + 1;
}

bool JsonFlattener::flatten(const simdjson::dom::document& doc, std::uint32_t at) {
  tape_ = doc.tape.get();
  strings_ = doc.string_buf.get();
  root_ = at;
  const bool shapes = replay_ && at == kRoot;
  if (shapes)
    if (Shape* shape = known_shape(at)) {
      replay(*shape, at);
      return true;
    }
  out_.clear();
  path_.clear();
  composed_.clear();
  for (auto& section : windows_) section.count = 0;
  recording_ = nullptr;
  if (shapes && after(at) - at <= kLargestShape) {
    recording_ = &spare_;
    spare_.keys.clear();
    spare_.leaves.clear();
    spare_.calls.clear();
    spare_.numbers.clear();
    spare_.names.clear();
  }
  walk(at, Role::root, {});
  for (const auto& section : windows_)
    for (const WindowsField& f : std::span(section.fields.data(), section.count)) {
      if (f.composed) {
        add_named(composed_.view().substr(f.composed_at, f.name.size()), f.value, false, f.leaf, false);
      } else {
        add_named(f.name, f.value, false, f.leaf, true);  // a key of the document, or "EventData"/"UserData"
      }
    }
  out_.finish();
  if (recording_ != nullptr) {
    finish_recording(spare_, at);
    note_event_shape(spare_);
    if (shapes_.size() < kShapes) {
      shapes_.push_back(std::move(spare_));
      spare_ = {};
    } else {
      std::swap(shapes_[next_shape_], spare_);
      next_shape_ = (next_shape_ + 1) % kShapes;
    }
    recording_ = nullptr;
  }
  return false;
}

std::vector<std::uint32_t> JsonFlattener::objects_in_array(const simdjson::dom::document& doc, std::uint32_t at) {
  const std::uint64_t* tape = doc.tape.get();
  std::vector<std::uint32_t> objects;
  if (static_cast<char>(tape[at] >> 56) != kArray) return objects;
  const std::uint32_t end = after(tape, at) - 1;
  for (std::uint32_t item = at + 1; item < end; item = after(tape, item))
    if (static_cast<char>(tape[item] >> 56) == kObject) objects.push_back(item);
  return objects;
}

void JsonFlattener::finish_recording(Shape& shape, std::uint32_t at) {
  const std::uint32_t end = after(at);
  shape.words.clear();
  shape.masks.clear();
  for (std::uint32_t i = at; i < end;) {
    const char t = type(i);
    const std::uint64_t mask = t == static_cast<char>(tape_type::STRING) ? kTypeBits : ~std::uint64_t{0};
    shape.words.push_back(tape_[i] & mask);
    shape.masks.push_back(mask);
    ++i;
    if (is_number(t)) {  // the value's word: any
      shape.words.push_back(0);
      shape.masks.push_back(0);
      ++i;
    }
  }
}

void JsonFlattener::note_key(Shape& shape, std::uint32_t at, std::string_view key) {
  const auto size = static_cast<std::uint32_t>(key.size());
  std::string image(sizeof size + key.size(), '\0');  // as the string buffer holds it
  std::memcpy(image.data(), &size, sizeof size);
  std::memcpy(image.data() + sizeof size, key.data(), key.size());
  for (std::uint32_t word = 0; 8 * word < image.size(); ++word) {
    const std::size_t taken = std::min<std::size_t>(8, image.size() - 8 * word);
    std::uint64_t bytes = 0;
    std::memcpy(&bytes, image.data() + 8 * word, taken);  // little-endian: the low bytes
    const std::uint64_t mask = taken == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * taken)) - 1;
    shape.keys.push_back({at, word, bytes, mask});
  }
}

JsonFlattener::Shape* JsonFlattener::known_shape(std::uint32_t at) {
  const std::uint64_t* words = tape_ + at;
  for (Shape& shape : shapes_) {
    // The object's first word holds its end and size: equal, the other words are this document's.
    if (shape.words.empty() || words[0] != shape.words[0]) continue;
    std::uint64_t differ = 0;
    const std::size_t n = shape.words.size();
    for (std::size_t i = 1; i < n; ++i) differ |= (words[i] & shape.masks[i]) ^ shape.words[i];
    if (differ != 0) continue;
    // Each key read from its length on, a word at a time: the string buffer holds a NUL after
    // each string and SIMDJSON_PADDING bytes after the last, so the 7 bytes a last word may read
    // past a key are there (and masked out).
    for (const Shape::KeyWord& key : shape.keys) {
      const std::uint8_t* bytes = strings_ + (words[key.at] & simdjson::internal::JSON_VALUE_MASK) + 8 * key.word;
      std::uint64_t word;
      std::memcpy(&word, bytes, sizeof word);
      differ |= (word & key.mask) ^ key.bytes;
    }
    if (differ == 0) return &shape;
  }
  return nullptr;
}

void JsonFlattener::replay(Shape& shape, std::uint32_t at) {
  out_.clear();
  const std::size_t leaves = shape.leaves.size();
  shape.numbers.resize(leaves);
  if (const auto taken = out_.take_shape(shape.event_shape, leaves)) {
    // The FlatEvent still knows the shape: names and index kept, values set in place. Each leaf
    // of the document is a leaf of the event, in walk order.
    FieldValue* const leaf = taken->leaves.data();
    read_leaves(shape, at, leaf);
    FieldValue* const field = taken->fields.data();
    for (std::size_t k = 0; k < shape.named.size(); ++k) field[shape.positions[k]] = leaf[shape.named[k]];
    return;
  }
  values_.resize(leaves);
  read_leaves(shape, at, values_.data());
  for (const Shape::Call& call : shape.calls) {
    if (call.named) {
      out_.add(std::string_view(shape.names).substr(call.name_offset, call.name_size), values_[call.leaf], call.leaf_flag);
    } else {
      out_.add_unnamed_leaf(values_[call.leaf]);
    }
  }
  out_.finish();
  note_event_shape(shape);
}

void JsonFlattener::read_leaves(Shape& shape, std::uint32_t at, FieldValue* values) {
  for (std::size_t i = 0; i < shape.leaves.size(); ++i) {
    const std::uint32_t leaf = at + shape.leaves[i];
    if (type(leaf) == static_cast<char>(tape_type::STRING)) values[i] = {string(leaf), ValueKind::string};  // inline: most
    else replayed_value(leaf, shape.numbers[i], values[i]);
  }
}

void JsonFlattener::note_event_shape(Shape& shape) {
  shape.event_shape = out_.shape();
  const auto positions = out_.positions();
  shape.positions.assign(positions.begin(), positions.end());
  shape.named.clear();
  for (const Shape::Call& call : shape.calls)
    if (call.named) shape.named.push_back(call.leaf);
}

// The value of a leaf: strings point into the document; a number's text is kept by the event.
// False for an object or array.
bool JsonFlattener::scalar(std::uint32_t at, FieldValue& value) {
  switch (static_cast<tape_type>(type(at))) {
    case tape_type::STRING: value = {string(at), ValueKind::string}; return true;
    case tape_type::TRUE_VALUE: value = {"true", ValueKind::boolean}; return true;
    case tape_type::FALSE_VALUE: value = {"false", ValueKind::boolean}; return true;
    case tape_type::NULL_VALUE: value = {"", ValueKind::null}; return true;
    case tape_type::INT64: {
      std::int64_t n;
      std::memcpy(&n, &tape_[at + 1], sizeof(n));
      return number(n, value);
    }
    case tape_type::UINT64: {
      std::uint64_t n;
      std::memcpy(&n, &tape_[at + 1], sizeof(n));
      return number(n, value);
    }
    case tape_type::DOUBLE: {
      double n;
      std::memcpy(&n, &tape_[at + 1], sizeof(n));
      return number(n, value);
    }
    default: return false;
  }
}

void JsonFlattener::replayed_value(std::uint32_t at, Shape::NumberText& number, FieldValue& value) {
  const char t = type(at);
  if (!is_number(t)) {
    scalar(at, value);
    return;
  }
  const std::uint64_t word = tape_[at + 1];
  if (number.size == 0 || number.word != word) {
    std::to_chars_result written;
    if (t == static_cast<char>(tape_type::INT64)) {
      written = std::to_chars(number.text, number.text + sizeof(number.text), static_cast<std::int64_t>(word));
    } else if (t == static_cast<char>(tape_type::UINT64)) {
      written = std::to_chars(number.text, number.text + sizeof(number.text), word);
    } else {
      double d;
      std::memcpy(&d, &word, sizeof(d));
      written = std::to_chars(number.text, number.text + sizeof(number.text), d);
    }
    if (written.ec != std::errc()) {  // not in 23 characters (a double's may take 24): kept by the event
      number.size = 0;
      scalar(at, value);
      return;
    }
    number.word = word;
    number.size = static_cast<std::uint8_t>(written.ptr - number.text);
  }
  value = {std::string_view(number.text, number.size), ValueKind::number};
}

template <class N>
bool JsonFlattener::number(N n, FieldValue& value) {
  char buf[40];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), n);
  if (ec != std::errc()) return false;
  value = {out_.keep(std::string_view(buf, static_cast<std::size_t>(end - buf))), ValueKind::number};
  return true;
}

std::uint32_t JsonFlattener::note_leaf(std::uint32_t at) {
  if (recording_ == nullptr) return 0;
  recording_->leaves.push_back(at - root_);
  return static_cast<std::uint32_t>(recording_->leaves.size() - 1);
}

void JsonFlattener::add_named(std::string_view name, FieldValue value, bool leaf_flag, std::uint32_t leaf, bool kept) {
  if (kept) out_.add_kept(name, value, leaf_flag);
  else out_.add(name, value, leaf_flag);
  if (recording_ == nullptr) return;
  recording_->calls.push_back({leaf, static_cast<std::uint32_t>(recording_->names.size()),
                               static_cast<std::uint32_t>(name.size()), true, leaf_flag});
  recording_->names.append(name);
}

void JsonFlattener::add_unnamed(FieldValue value, std::uint32_t leaf) {
  out_.add_unnamed_leaf(value);
  if (recording_ != nullptr) recording_->calls.push_back({leaf, 0, 0, false, true});
}

void JsonFlattener::add_windows(Section section, std::string_view kept_name, FieldValue value, std::uint32_t leaf) {
  push(windows_[section], {kept_name, 0, false, value, leaf});
}

// A name made in composed_ from what was appended there since `at`.
void JsonFlattener::add_windows_composed(Section section, std::size_t at, FieldValue value, std::uint32_t leaf) {
  push(windows_[section], {composed_.view().substr(at), at, true, value, leaf});  // its size only: composed_ may move
}

// The role of `child`, under key `key` of an object of role `role` (`name`: that object's
// Windows name, for System elements and event data); `child_name` gets the child's.
JsonFlattener::Role JsonFlattener::child_role(Role role, std::string_view name, std::string_view key,
                                              std::uint32_t child, std::string_view& child_name) {
  const char t = type(child);
  const bool scalar_child = t != kObject && t != kArray;
  switch (role) {
    case Role::root:
      if (!is(key, "Event") || std::exchange(event_seen_, true)) return Role::none;
      return t == kObject ? Role::event : Role::none;
    case Role::event:
      if (is(key, "System") && !std::exchange(system_seen_, true)) return t == kObject ? Role::system : Role::none;
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
      return t == kObject ? Role::system_element : Role::system;
    case Role::system_element:
      child_name = name;
      if (is(key, "#text")) return scalar_child ? Role::system : Role::none;  // the element's value
      if (!is(key, "#attributes") || t != kObject) return Role::none;
      element_ = name;
      return Role::system_attributes;
    case Role::system_attributes:
      child_name = key;
      return scalar_child ? Role::system_attribute : Role::none;
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
void JsonFlattener::walk(std::uint32_t at, Role role, std::string_view name) {
  if (role == Role::root) event_seen_ = system_seen_ = event_data_seen_ = user_data_seen_ = false;
  const char t = type(at);
  if (t == kObject) {
    const std::uint32_t end = after(at) - 1;  // its closing word
    for (std::uint32_t key_at = at + 1; key_at < end;) {
      const std::string_view key = string(key_at);
      if (recording_ != nullptr) {
        note_key(*recording_, key_at - root_, key);
      }
      const std::uint32_t child = key_at + 1;
      const std::size_t mark = path_.size();
      path_.append_key(key);
      std::string_view child_name;
      const Role role_of_child = child_role(role, name, key, child, child_name);
      walk(child, role_of_child, child_name);
      path_.resize(mark);
      key_at = after(child);
    }
    return;
  }
  if (t == kArray) {
    // Items of an array in System are no Windows field; in event data they share its name.
    const Role item_role = role == Role::event_data || role == Role::user_data ? role : Role::none;
    const std::uint32_t end = after(at) - 1;
    for (std::uint32_t item = at + 1; item < end; item = after(item)) walk(item, item_role, name);
    return;
  }
  FieldValue value;
  if (!leaf_value(at, value)) return;
  const std::uint32_t leaf = note_leaf(at);
  const bool windows_named = role == Role::system || role == Role::system_attribute || role == Role::event_data ||
                             role == Role::user_data;
  if (windows_named && !keep_windows_paths_) {
    add_unnamed(value, leaf);  // still searched by keywords
  } else {
    add_named(path_.view(), value, true, leaf, false);
  }
  switch (role) {
    case Role::system: add_windows(kSystem, name, value, leaf); break;
    case Role::system_attribute: {
      const std::size_t composed_at = composed_.size();
      composed_.append(element_);
      composed_.push_back('_');
      composed_.append(name);
      add_windows_composed(kSystem, composed_at, value, leaf);
      break;
    }
    case Role::event_data:
    case Role::user_data: {
      const Section section = role == Role::event_data ? kEventData : kUserData;
      add_windows(section, name, value, leaf);
      // Sigma names fields without their spaces ("Source Name" is SourceName). An inline
      // search: a memchr call per short name cost more.
      if (std::find(name.begin(), name.end(), ' ') != name.end()) {
        const std::size_t composed_at = composed_.size();
        for (char c : name)
          if (c != ' ') composed_.push_back(c);
        add_windows_composed(section, composed_at, value, leaf);
      }
      break;
    }
    default: break;
  }
}

}  // namespace ward::sigma
