#include "ingest/fhir/fhir_json.h"

namespace ward::ingest::fhir {
namespace {

void read_coding_member(std::string_view key, Element value, CodingText& out) {
  if (key == "code") out.code = text(value);
  else if (key == "system") out.system = text(value);
  else if (key == "display") out.display = text(value);
}

}  // namespace

std::string_view text(MaybeElement e) {
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) return {};
  return s;
}

std::string_view text(Element e) {
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) return {};
  return s;
}

MaybeElement first(MaybeElement e) {
  Element value;
  if (auto err = e.get(value); err != simdjson::SUCCESS) return err;
  if (value.is_array()) return value.at(0);
  return value;
}

ConceptText read_concept(MaybeElement e) {
  ConceptText out;
  for_each_member(first(e), [&](std::string_view key, Element value) {
    if (key == "coding") {
      for_each_member(first(value), [&](std::string_view k, Element v) {
        read_coding_member(k, v, out.coding);
      });
    } else if (key == "text") {
      out.text = text(value);
    } else {
      read_coding_member(key, value, out.coding);  // a Coding rather than a CodeableConcept
    }
  });
  return out;
}

std::string_view code_of(MaybeElement e) {
  simdjson::dom::object object;
  if (first(e).get_object().get(object) != simdjson::SUCCESS) return {};
  for (simdjson::dom::key_value_pair member : object) {
    if (member.key == "code") return text(member.value);
    if (member.key == "coding") return code_of(first(member.value));
  }
  return {};
}

std::string_view label_of(MaybeElement e) {
  ConceptText c = read_concept(e);
  if (!c.coding.display.empty()) return c.coding.display;
  if (!c.text.empty()) return c.text;
  return c.coding.code;
}

}  // namespace ward::ingest::fhir
