// Readers over simdjson's DOM for the shapes FHIR gives one value in different versions: a Coding
// in R4 and a CodeableConcept in R5, a list in one version and a single object in another. They
// never fail: a missing or mistyped value reads as "" (or as no items). A DOM key lookup scans
// the object, so hot paths read an object once with for_each_member. Internal to ingest/fhir.
#pragma once

#include <string_view>
#include <utility>

#include <simdjson.h>

namespace ward::ingest::fhir {

using Element = simdjson::dom::element;
using MaybeElement = simdjson::simdjson_result<simdjson::dom::element>;

// An element as a (successful) lookup result, for members that hold either.
inline MaybeElement found(Element e) { return MaybeElement(std::move(e)); }

// The string value, or "" when `e` is missing or not a string.
std::string_view text(MaybeElement e);
std::string_view text(Element e);

// The first item of an array, or `e` itself when it is not an array.
MaybeElement first(MaybeElement e);
inline MaybeElement first(Element e) { return first(found(e)); }

// Calls f(Element) for each item of an array, or once for a value that is not an array.
template <class F>
void for_each_item(MaybeElement e, F&& f) {
  Element value;
  if (e.get(value) != simdjson::SUCCESS) return;
  simdjson::dom::array items;
  if (value.get_array().get(items) == simdjson::SUCCESS) {
    for (Element item : items) f(item);
  } else {
    f(value);
  }
}
template <class F>
void for_each_item(Element e, F&& f) {
  for_each_item(found(e), std::forward<F>(f));
}

// Calls f(key, value) for each member of an object; nothing for other values.
template <class F>
void for_each_member(MaybeElement e, F&& f) {
  simdjson::dom::object object;
  if (e.get_object().get(object) != simdjson::SUCCESS) return;
  for (simdjson::dom::key_value_pair member : object) f(member.key, member.value);
}
template <class F>
void for_each_member(Element e, F&& f) {
  for_each_member(found(e), std::forward<F>(f));
}

struct CodingText {
  std::string_view system, code, display;
};

// A Coding, or the first coding of a CodeableConcept, either possibly the first item of an
// array; `text` is the concept's text.
struct ConceptText {
  CodingText coding;
  std::string_view text;
};
ConceptText read_concept(MaybeElement e);
inline ConceptText read_concept(Element e) { return read_concept(found(e)); }

// `code` of a Coding / CodeableConcept as read_concept finds it; "" when there is none.
std::string_view code_of(MaybeElement e);
inline std::string_view code_of(Element e) { return code_of(found(e)); }

// A person-readable label of a Coding / CodeableConcept: the first coding's display, then the
// concept's text, then the code.
std::string_view label_of(MaybeElement e);

}  // namespace ward::ingest::fhir
