// The Event: what every input becomes (DESIGN §4). A small fixed core that engines and the
// store read directly, plus a flat view of the source's own fields under dotted names
// ("agent.who.identifier.value") for rules written against the source format. The view is
// either filled when parsing (EventBatch::fields_of) or, for JSON records, read from the kept raw
// record on demand by ingest::FieldView, so that events nobody matches on pay nothing for it.
// Events do not own their strings: they view into the EventBatch that holds them, so a batch
// is the unit of parsing, storing and freeing (Event::raw alone may view the parser's input
// instead: ingest::ParseOptions::keep_raw). Not thread-safe; one batch per thread.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace ward {

enum class EventKind : std::uint8_t {
  unknown, ehr_access, authentication, network, dns, http, file, process, device, audit,
};

// What was done to the record or system, in the words of the access report.
enum class Action : std::uint8_t {
  unknown, read, search, create, update, delete_, export_, print, login, logout, disclose,
  execute, query,
};

enum class Outcome : std::uint8_t { unknown, success, failure };

// What Event::raw holds, so a reader knows how to get the flat field view out of it.
enum class RawFormat : std::uint8_t {
  none,  // no raw record, or one whose fields (if any) were added to the batch when parsed
  json,  // one JSON object: its fields are read from it on demand (ingest/field_view.h)
};

// The input format an event was read in: it picks the logsource Sigma rules see (sigma/
// ward_logsource.h), live or in a hunt. The store keeps it as this number, so values are only
// ever added at the end (json_lines is 9: no migration, the column is an INTEGER). The names
// are those of `ward import --format` ("" for unknown).
enum class EventFormat : std::uint8_t {
  unknown, fhir, hl7v2, csv_access, zeek, squid, dns_log, syslog, atna, json_lines,
};

std::string_view to_string(EventKind kind);
std::string_view to_string(Action action);
std::string_view to_string(Outcome outcome);
std::string_view to_string(EventFormat format);
// Reverse of to_string; unknown for anything else.
EventKind event_kind_from(std::string_view s);
Action action_from(std::string_view s);
Outcome outcome_from(std::string_view s);
EventFormat event_format_from(std::string_view s);
// The EventFormat stored as `n`; unknown for a number this build does not know.
EventFormat event_format_from_number(std::int64_t n);

struct Actor {
  std::string_view user_id;     // FHIR Practitioner id or employee id, as the source gives it
  std::string_view name;
  std::string_view role;
  std::string_view department;
  std::string_view host;        // workstation
  std::string_view ip;          // network address (IP or host name, as recorded)
};

struct PatientRef {
  std::string_view id;   // FHIR Patient id (without "Patient/")
  std::string_view mrn;  // medical record number
};

struct Field {
  std::string_view name;
  std::string_view value;
};

struct Event {
  std::string_view id;          // the source's own id, when it has one
  TimeNs time = 0;
  EventKind kind = EventKind::unknown;
  Action action = Action::unknown;
  Outcome outcome = Outcome::unknown;
  RawFormat raw_format = RawFormat::none;  // how to read fields from `raw`
  EventFormat format = EventFormat::unknown;  // set by the parser that read it
  Actor actor;
  PatientRef patient;
  std::string_view object;      // what was touched: "Patient", "Observation?code=…", a document
  std::string_view purpose;     // purpose of use, e.g. TREAT, ETREAT, HPAYMT
  std::string_view source;      // which input: file path, listener, route
  std::string_view raw;         // the original record, when kept (ParseOptions::keep_raw: in
                                // the batch, or a view of the parser's input, see there)
  std::uint32_t first_field = 0;  // fields live in the batch: see EventBatch::fields_of
  std::uint32_t field_count = 0;
};

// Bump allocator for the strings of a batch. clear() keeps its blocks, so a batch reused for the
// next one writes into memory it already has: freeing and re-faulting a batch's worth of pages
// cost ~20% of parsing time when each batch had a fresh std::pmr::monotonic_buffer_resource.
class StringArena {
 public:
  StringArena() = default;
  StringArena(const StringArena&) = delete;
  StringArena& operator=(const StringArena&) = delete;

  // Copies s into the arena and returns a view of the copy.
  std::string_view keep(std::string_view s);
  // Forgets every string; keeps standard-size blocks for reuse, frees oversize ones.
  void clear();
  std::size_t bytes() const { return bytes_; }  // bytes kept since the last clear()
  void swap(StringArena& other) noexcept;

  static constexpr std::size_t kBlockBytes = 256 * 1024;

 private:
  char* allocate(std::size_t size);

  std::vector<std::unique_ptr<char[]>> blocks_;  // standard-size blocks, in use order
  std::vector<std::unique_ptr<char[]>> oversize_;  // one string each, freed by clear()
  std::size_t current_ = 0;  // index of the block being filled, == blocks_.size() when none
  char* next_ = nullptr;
  char* end_ = nullptr;
  std::size_t bytes_ = 0;
};

// Owns the bytes of a group of events. Strings given to keep() live as long as the batch.
class EventBatch {
 public:
  EventBatch();
  EventBatch(const EventBatch&) = delete;
  EventBatch& operator=(const EventBatch&) = delete;

  // Copies s into the batch's arena and returns a view of the copy.
  std::string_view keep(std::string_view s);

  // Starts a new event; fields added with add_field() belong to it until the next start.
  Event& start_event();
  void add_field(std::string_view name, std::string_view value);  // both are kept
  void add_field_kept(std::string_view name, std::string_view value);  // already in the arena
  // Drops the event being built (and its fields), e.g. when its record turns out bad.
  void drop_last_event();

  std::span<const Field> fields_of(const Event& e) const;
  std::string_view field(const Event& e, std::string_view name) const;  // first match or ""

  std::vector<Event>& events() { return events_; }
  const std::vector<Event>& events() const { return events_; }
  std::size_t size() const { return events_.size(); }
  bool empty() const { return events_.empty(); }
  // Bytes held for the batch: strings, fields and events (for bounding batch memory).
  std::size_t memory_bytes() const {
    return arena_.bytes() + fields_.size() * sizeof(Field) + events_.size() * sizeof(Event);
  }
  void clear();
  // Exchanges contents with `other` (no copying); views stay valid in their new batch.
  void swap(EventBatch& other) noexcept;

 private:
  StringArena arena_;
  std::vector<Event> events_;
  std::vector<Field> fields_;
};

}  // namespace ward
