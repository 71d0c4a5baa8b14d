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

EventBatch::EventBatch() : arena_(std::make_unique<std::pmr::monotonic_buffer_resource>(64 * 1024)) {}

void EventBatch::swap(EventBatch& other) noexcept {
  std::swap(arena_, other.arena_);
  std::swap(arena_bytes_, other.arena_bytes_);
  events_.swap(other.events_);
  fields_.swap(other.fields_);
}

std::string_view EventBatch::keep(std::string_view s) {
  if (s.empty()) return {};
  void* p = arena_->allocate(s.size(), 1);
  std::memcpy(p, s.data(), s.size());
  arena_bytes_ += s.size();
  return {static_cast<const char*>(p), s.size()};
}

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
  arena_->release();
  arena_bytes_ = 0;
}

}  // namespace ward
