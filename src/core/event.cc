#include "core/event.h"

#include <array>
#include <cstring>

namespace ward {
namespace {

constexpr std::array<std::string_view, 10> kKindNames = {
    "unknown", "ehr_access", "authentication", "network", "dns", "http",
    "file", "process", "device", "audit"};
constexpr std::array<std::string_view, 13> kActionNames = {
    "unknown", "read", "search", "create", "update", "delete", "export", "print",
    "login", "logout", "disclose", "execute", "query"};
constexpr std::array<std::string_view, 3> kOutcomeNames = {"unknown", "success", "failure"};
constexpr std::array<std::string_view, 10> kFormatNames = {
    "", "fhir", "hl7v2", "csv-access", "zeek", "squid", "dns-log", "syslog", "atna", "json-lines"};

template <class Enum, std::size_t N>
Enum from_names(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<Enum>(i);
  return static_cast<Enum>(0);
}

}  // namespace

std::string_view to_string(EventKind k) { return kKindNames[static_cast<std::size_t>(k)]; }
std::string_view to_string(Action a) { return kActionNames[static_cast<std::size_t>(a)]; }
std::string_view to_string(Outcome o) { return kOutcomeNames[static_cast<std::size_t>(o)]; }
EventKind event_kind_from(std::string_view s) { return from_names<EventKind>(kKindNames, s); }
Action action_from(std::string_view s) { return from_names<Action>(kActionNames, s); }
Outcome outcome_from(std::string_view s) { return from_names<Outcome>(kOutcomeNames, s); }
std::string_view to_string(EventFormat f) { return kFormatNames[static_cast<std::size_t>(f)]; }
EventFormat event_format_from(std::string_view s) { return from_names<EventFormat>(kFormatNames, s); }
EventFormat event_format_from_number(std::int64_t n) {
  return n > 0 && n < static_cast<std::int64_t>(kFormatNames.size()) ? static_cast<EventFormat>(n)
                                                                     : EventFormat::unknown;
}

char* StringArena::allocate(std::size_t size) {
  if (size > kBlockBytes / 4) {  // a large string gets a block of its own
    oversize_.push_back(std::make_unique_for_overwrite<char[]>(size));
    return oversize_.back().get();
  }
  if (static_cast<std::size_t>(end_ - next_) < size) {
    if (next_ != nullptr) ++current_;  // the current block is full: move to the next
    if (current_ == blocks_.size()) blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockBytes));
    next_ = blocks_[current_].get();
    end_ = next_ + kBlockBytes;
  }
  char* p = next_;
  next_ += size;
  return p;
}

std::string_view StringArena::keep(std::string_view s) {
  if (s.empty()) return {};
  char* p = allocate(s.size());
  std::memcpy(p, s.data(), s.size());
  bytes_ += s.size();
  return {p, s.size()};
}

void StringArena::clear() {
  oversize_.clear();
  current_ = 0;
  next_ = end_ = nullptr;
  bytes_ = 0;
}

void StringArena::swap(StringArena& other) noexcept {
  blocks_.swap(other.blocks_);
  oversize_.swap(other.oversize_);
  std::swap(current_, other.current_);
  std::swap(next_, other.next_);
  std::swap(end_, other.end_);
  std::swap(bytes_, other.bytes_);
}

EventBatch::EventBatch() = default;

void EventBatch::swap(EventBatch& other) noexcept {
  arena_.swap(other.arena_);
  events_.swap(other.events_);
  fields_.swap(other.fields_);
}

std::string_view EventBatch::keep(std::string_view s) { return arena_.keep(s); }

Event& EventBatch::start_event() {
  Event& e = events_.emplace_back();
  e.first_field = static_cast<std::uint32_t>(fields_.size());
  return e;
}

void EventBatch::add_field(std::string_view name, std::string_view value) {
  add_field_kept(keep(name), keep(value));
}

void EventBatch::add_field_kept(std::string_view name, std::string_view value) {
  fields_.push_back({name, value});
  events_.back().field_count++;
}

void EventBatch::drop_last_event() {
  if (events_.empty()) return;
  fields_.resize(events_.back().first_field);
  events_.pop_back();
}

std::span<const Field> EventBatch::fields_of(const Event& e) const {
  return std::span<const Field>(fields_).subspan(e.first_field, e.field_count);
}

std::string_view EventBatch::field(const Event& e, std::string_view name) const {
  for (const Field& f : fields_of(e))
    if (f.name == name) return f.value;
  return {};
}

void EventBatch::clear() {
  events_.clear();
  fields_.clear();
  arena_.clear();
}

}  // namespace ward
