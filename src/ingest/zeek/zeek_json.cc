#include "ingest/zeek/zeek_json.h"

#include <charconv>

namespace ward::ingest::zeek {
namespace {

// A Zeek line has a few dozen numbers and names; past these the rest of the line's numbers and
// nested names are left out rather than moving the buffers the views point into.
constexpr std::size_t kNumberBytes = 16 * 1024;
constexpr std::size_t kNameBytes = 64 * 1024;

}  // namespace

Result<void> JsonLineReader::read(std::string_view line, ZeekRecord& record) {
  record.fields.clear();
  record.path = {};
  record.fallback_time = {};
  numbers_.clear();
  numbers_.reserve(kNumberBytes);
  names_.clear();
  names_.reserve(kNameBytes);
  simdjson::dom::element root;
  if (auto error = parser_.parse(line.data(), line.size(), true).get(root); error)
    return fail(ErrorCode::invalid_input,
                std::string("not valid JSON: ") + simdjson::error_message(error), "line");
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS)
    return fail(ErrorCode::invalid_input, "a Zeek JSON record is an object", "line");
  for (simdjson::dom::key_value_pair member : object) {
    if (member.key == "_path") {
      std::string_view path;
      if (member.value.get_string().get(path) == simdjson::SUCCESS) record.path = path;
    } else if (member.key == "_write_ts") {
      std::string_view ts;
      if (member.value.get_string().get(ts) == simdjson::SUCCESS) record.fallback_time = ts;
    }
    add(member.key, member.value, record);
  }
  return {};
}

void JsonLineReader::add(std::string_view name, simdjson::dom::element value,
                         ZeekRecord& record) {
  using simdjson::dom::element_type;
  char buf[64];
  std::to_chars_result r{buf, std::errc()};
  std::string_view text;
  switch (value.type()) {
    case element_type::ARRAY: {
      simdjson::dom::array items;
      if (value.get_array().get(items) != simdjson::SUCCESS) return;
      for (simdjson::dom::element item : items) add(name, item, record);
      return;
    }
    case element_type::OBJECT: {
      simdjson::dom::object object;
      if (value.get_object().get(object) != simdjson::SUCCESS) return;
      for (simdjson::dom::key_value_pair member : object) {
        if (names_.size() + name.size() + member.key.size() + 1 > kNameBytes) return;
        const std::size_t at = names_.size();
        names_ += name;
        names_ += '.';
        names_ += member.key;
        add(std::string_view(names_).substr(at), member.value, record);
      }
      return;
    }
    case element_type::STRING: {
      std::string_view s;
      if (value.get_string().get(s) == simdjson::SUCCESS) record.fields.push_back({name, s});
      return;
    }
    case element_type::BOOL: {
      bool b = false;
      if (value.get_bool().get(b) == simdjson::SUCCESS)
        record.fields.push_back({name, b ? "true" : "false"});
      return;
    }
    case element_type::NULL_VALUE:
      return;  // Zeek leaves unset fields out; a null says the same
    case element_type::INT64:
      r = std::to_chars(buf, buf + sizeof buf, value.get_int64().value_unsafe());
      break;
    case element_type::UINT64:
      r = std::to_chars(buf, buf + sizeof buf, value.get_uint64().value_unsafe());
      break;
    default:
      r = std::to_chars(buf, buf + sizeof buf, value.get_double().value_unsafe(),
                        std::chars_format::fixed, 6);  // Zeek writes times and intervals in µs
      if (r.ec != std::errc())
        r = std::to_chars(buf, buf + sizeof buf, value.get_double().value_unsafe());
      break;
  }
  text = std::string_view(buf, static_cast<std::size_t>(r.ptr - buf));
  if (numbers_.size() + text.size() > kNumberBytes) return;
  const std::size_t at = numbers_.size();
  numbers_ += text;
  record.fields.push_back({name, std::string_view(numbers_).substr(at)});
}

}  // namespace ward::ingest::zeek
