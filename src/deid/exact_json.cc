// JSON read and written with numbers as written (exact_json.h): a SAX handler builds the DOM as
// nlohmann's own does, but keeps each number with a fraction or exponent as its text; the writer
// follows nlohmann's dump layout and writes that text back.
#include "deid/exact_json.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace ward::deid {
namespace {

using Json = nlohmann::ordered_json;

// Builds the DOM: the containers being filled on a stack, the key of the next member pending.
class ExactDomBuilder {
 public:
  explicit ExactDomBuilder(Json& root) : root_(root) {}

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool value) { return add(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return add(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return add(Json(value)); }
  bool number_float(Json::number_float_t, const Json::string_t& text) {
    return add(Json::binary(Json::binary_t::container_type(text.begin(), text.end()), kExactNumberSubtype));
  }
  bool string(Json::string_t& value) { return add(Json(std::move(value))); }
  bool binary(Json::binary_t& value) { return add(Json::binary(std::move(value))); }
  bool start_object(std::size_t) { return open(Json::object()); }
  bool key(Json::string_t& key) {
    key_ = std::move(key);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t position, const std::string&, const Json::exception&) {
    error_at_ = position;
    return false;
  }

  std::size_t error_at() const { return error_at_; }

 private:
  // Places `value` in the container being filled (or as the root); returns where it went.
  Json* place(Json value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    // A repeated key keeps the last value, as nlohmann's parser does.
    Json& slot = parent[key_];
    slot = std::move(value);
    return &slot;
  }
  bool add(Json value) {
    place(std::move(value));
    return true;
  }
  bool open(Json container) {
    // The pointer stays valid: while this container fills, its parent does not grow.
    open_.push_back(place(std::move(container)));
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  Json& root_;
  std::vector<Json*> open_;
  Json::string_t key_;
  std::size_t error_at_ = 0;
};

void write_value(const Json& value, int indent, int depth, std::string& out);

void new_line(int indent, int depth, std::string& out) {
  if (indent < 0) return;
  out += '\n';
  out.append(static_cast<std::size_t>(indent * depth), ' ');
}

// A string as nlohmann writes it: escaped, UTF-8 kept, invalid bytes replaced. Most are plain
// ASCII with nothing to escape, and are copied as they are.
void write_string(const std::string& text, std::string& out) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0x20 && b < 0x80 && c != '"' && c != '\\';
  });
  if (!plain) {
    out += Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

void write_value(const Json& value, int indent, int depth, std::string& out) {
  switch (value.type()) {
    case Json::value_t::object: {
      if (value.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.get_ref<const Json::object_t&>()) {
        if (!first) out += ',';
        first = false;
        new_line(indent, depth + 1, out);
        write_string(key, out);
        out += indent < 0 ? ":" : ": ";
        write_value(member, indent, depth + 1, out);
      }
      new_line(indent, depth, out);
      out += '}';
      return;
    }
    case Json::value_t::array: {
      if (value.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      bool first = true;
      for (const Json& element : value) {
        if (!first) out += ',';
        first = false;
        new_line(indent, depth + 1, out);
        write_value(element, indent, depth + 1, out);
      }
      new_line(indent, depth, out);
      out += ']';
      return;
    }
    case Json::value_t::string: write_string(value.get_ref<const std::string&>(), out); return;
    case Json::value_t::binary: {
      const Json::binary_t& bytes = value.get_binary();
      if (bytes.has_subtype() && bytes.subtype() == kExactNumberSubtype) {
        out.append(bytes.begin(), bytes.end());
        return;
      }
      out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
      return;
    }
    default: out += value.dump(-1, ' ', false, Json::error_handler_t::replace); return;
  }
}

}  // namespace

Result<Json> read_exact_json(std::string_view text) {
  Json root;
  ExactDomBuilder builder(root);
  const bool ok = Json::sax_parse(text.begin(), text.end(), &builder, Json::input_format_t::json, true, false);
  if (!ok) return fail(ErrorCode::invalid_input, fmt::format("not valid JSON (at byte {})", builder.error_at()));
  return root;
}

std::string write_exact_json(const Json& root, int indent) {
  std::string out;
  write_value(root, indent, 0, out);
  return out;
}

}  // namespace ward::deid
