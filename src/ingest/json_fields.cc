#include "ingest/json_fields.h"

#include <charconv>
#include <cstring>

namespace ward::ingest {
namespace {

// a[0, n) == b[0, n) for the short keys of JSON objects, without a call to memcmp.
bool same_bytes(const char* a, const char* b, std::size_t n) {
  for (; n >= 8; a += 8, b += 8, n -= 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
  }
  for (; n > 0; ++a, ++b, --n)
    if (*a != *b) return false;
  return true;
}

}  // namespace

JsonFieldFlattener::JsonFieldFlattener() { paths_.emplace_back(); }

void JsonFieldFlattener::add(Element value, EventBatch& batch) {
  // A batch is cleared (its arena released) only when handed to the sink, after which the next
  // event is its first: names kept before then must be kept again.
  if (&batch != batch_ || batch.size() <= 1) {
    batch_ = &batch;
    ++generation_;
  }
  add_under(value, 0, batch);
}

std::uint32_t JsonFieldFlattener::child(std::uint32_t parent, std::string_view key) {
  {
    Path& p = paths_[parent];
    const std::size_t n = p.children.size();
    const char first = key.empty() ? '\0' : key[0];
    std::size_t j = p.next_child;
    for (std::size_t i = 0; i < n; ++i, ++j) {
      if (j >= n) j = 0;
      const Child& c = p.children[j];
      // Most candidates differ in length or first letter; only a likely match compares bytes.
      if (c.key_size == key.size() && c.key_first == first &&
          same_bytes(keys_.data() + c.key_offset, key.data(), key.size())) {
        p.next_child = static_cast<std::uint32_t>(j + 1 < n ? j + 1 : 0);
        return c.path;
      }
    }
  }
  if (paths_.size() >= kMaxPaths || paths_[parent].children.size() >= kMaxChildren ||
      remembered_bytes_ + paths_[parent].name.size() + 2 * key.size() + 1 > kMaxRememberedBytes)
    return kNone;
  Path path;
  path.name = paths_[parent].name;
  if (!path.name.empty()) path.name.push_back('.');
  path.name.append(key);
  const auto id = static_cast<std::uint32_t>(paths_.size());
  paths_.push_back(std::move(path));
  Child c;
  c.path = id;
  c.key_offset = static_cast<std::uint32_t>(keys_.size());
  c.key_size = static_cast<std::uint32_t>(key.size());
  c.key_first = key.empty() ? '\0' : key[0];
  keys_.append(key);
  remembered_bytes_ += paths_[id].name.size() + key.size();
  paths_[parent].children.push_back(c);
  paths_[parent].next_child = 0;
  return id;
}

std::string_view JsonFieldFlattener::kept_name(std::uint32_t id, EventBatch& batch) {
  Path& p = paths_[id];
  if (p.kept_in != generation_) {
    p.kept = batch.keep(p.name);
    p.kept_in = generation_;
  }
  return p.kept;
}

void JsonFieldFlattener::add_under(Element value, std::uint32_t path, EventBatch& batch) {
  using simdjson::dom::element_type;
  switch (value.type()) {
    case element_type::OBJECT: {
      simdjson::dom::object object;
      if (value.get_object().get(object) != simdjson::SUCCESS) return;
      for (simdjson::dom::key_value_pair member : object) {
        const std::uint32_t c = child(path, member.key);
        if (c != kNone) {
          add_under(member.value, c, batch);
          continue;
        }
        scratch_name_ = paths_[path].name;
        if (!scratch_name_.empty()) scratch_name_.push_back('.');
        scratch_name_.append(member.key);
        add_unremembered(member.value, batch);
      }
      return;
    }
    case element_type::ARRAY: {
      simdjson::dom::array items;
      if (value.get_array().get(items) != simdjson::SUCCESS) return;
      for (Element item : items) add_under(item, path, batch);
      return;
    }
    default:
      add_leaf(value, kept_name(path, batch), batch);
      return;
  }
}

void JsonFieldFlattener::add_unremembered(Element value, EventBatch& batch) {
  using simdjson::dom::element_type;
  switch (value.type()) {
    case element_type::OBJECT: {
      simdjson::dom::object object;
      if (value.get_object().get(object) != simdjson::SUCCESS) return;
      const std::size_t base = scratch_name_.size();
      for (simdjson::dom::key_value_pair member : object) {
        scratch_name_.push_back('.');
        scratch_name_.append(member.key);
        add_unremembered(member.value, batch);
        scratch_name_.resize(base);
      }
      return;
    }
    case element_type::ARRAY: {
      simdjson::dom::array items;
      if (value.get_array().get(items) != simdjson::SUCCESS) return;
      for (Element item : items) add_unremembered(item, batch);
      return;
    }
    default:
      add_leaf(value, batch.keep(scratch_name_), batch);
      return;
  }
}

void JsonFieldFlattener::add_leaf(Element value, std::string_view name, EventBatch& batch) {
  using simdjson::dom::element_type;
  std::string_view text_value;
  char buf[40];
  std::to_chars_result r{buf, std::errc()};
  switch (value.type()) {
    case element_type::STRING: {
      std::string_view s;
      if (value.get_string().get(s) == simdjson::SUCCESS) text_value = batch.keep(s);
      break;
    }
    case element_type::BOOL: {
      bool b = false;
      if (value.get_bool().get(b) == simdjson::SUCCESS) text_value = b ? "true" : "false";
      break;
    }
    case element_type::NULL_VALUE:
      text_value = "null";
      break;
    case element_type::INT64: {
      std::int64_t v = 0;
      if (value.get_int64().get(v) == simdjson::SUCCESS)
        r = std::to_chars(buf, buf + sizeof buf, v);
      text_value = batch.keep(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
      break;
    }
    case element_type::UINT64: {
      std::uint64_t v = 0;
      if (value.get_uint64().get(v) == simdjson::SUCCESS)
        r = std::to_chars(buf, buf + sizeof buf, v);
      text_value = batch.keep(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
      break;
    }
    default: {
      double v = 0;
      if (value.get_double().get(v) == simdjson::SUCCESS)
        r = std::to_chars(buf, buf + sizeof buf, v);
      text_value = batch.keep(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
      break;
    }
  }
  batch.add_field_kept(name, text_value);
}

}  // namespace ward::ingest
