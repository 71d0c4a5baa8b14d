// The flat field view of a JSON record (DESIGN §4): every leaf under its dotted path without
// array indices ("agent.who.identifier.value"), numbers and booleans as their JSON text, added to
// the event being built in an EventBatch. Field names repeat from event to event, so the
// flattener remembers the paths it has seen (a tree of keys, in the order they came) and copies
// each name into a batch's arena once; values are copied per event. Not thread-safe; one per
// parser.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include <simdjson.h>

namespace ward::ingest {

class JsonFieldFlattener {
 public:
  using Element = simdjson::dom::element;

  JsonFieldFlattener();

  // Adds the leaves of `value` to the event last started in `batch` (which must have one).
  // Empty objects and arrays add nothing.
  void add(Element value, EventBatch& batch);

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  // Bounds on what is remembered; names past them are built field by field. FHIR resources have
  // a few hundred distinct paths with a handful of keys under each; a hostile input could have
  // millions, or one object with thousands of keys (each lookup scans the keys of its parent).
  static constexpr std::size_t kMaxPaths = 4096;
  static constexpr std::size_t kMaxChildren = 64;
  static constexpr std::size_t kMaxRememberedBytes = 1 << 20;  // names and keys

  // A remembered key under a path; its bytes are in keys_.
  struct Child {
    std::uint32_t path = 0;
    std::uint32_t key_offset = 0;
    std::uint32_t key_size = 0;
    char key_first = '\0';
  };
  struct Path {
    std::string name;              // "agent.who.identifier.value"
    std::vector<Child> children;   // in the order first seen
    std::uint32_t next_child = 0;  // where to start looking: keys come in the same order
    std::string_view kept;         // `name` in the arena of batch generation `kept_in`
    std::uint64_t kept_in = 0;
  };

  std::uint32_t child(std::uint32_t parent, std::string_view key);
  std::string_view kept_name(std::uint32_t path, EventBatch& batch);
  void add_under(Element value, std::uint32_t path, EventBatch& batch);
  void add_unremembered(Element value, EventBatch& batch);  // under scratch_name_
  void add_leaf(Element value, std::string_view name, EventBatch& batch);

  std::vector<Path> paths_;  // [0] is the root, ""
  std::string keys_;         // the keys of all Child entries
  std::size_t remembered_bytes_ = 0;
  const EventBatch* batch_ = nullptr;
  std::uint64_t generation_ = 0;  // bumped whenever the batch's arena may have been released
  std::string scratch_name_;
};

}  // namespace ward::ingest
