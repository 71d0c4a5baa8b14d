// Holding matches until the watermark passes them (match_reorder_buffer.h).
#include "sigma/match_reorder_buffer.h"

#include <algorithm>

namespace ward::sigma {

MatchReorderBuffer::MatchReorderBuffer(TimeNs lateness, std::size_t max_held, const std::vector<std::string>& file_names)
    : lateness_(lateness), max_held_(std::max<std::size_t>(max_held, 1)), later_{&file_names} {}

TimeNs MatchReorderBuffer::watermark() const {
  constexpr TimeNs kMin = std::numeric_limits<TimeNs>::min();
  const TimeNs by_time = newest_ < kMin + lateness_ ? kMin : newest_ - lateness_;  // no overflow
  return std::max(by_time, floor_);
}

bool MatchReorderBuffer::Later::operator()(const HeldMatch& a, const HeldMatch& b) const {
  if (a.time != b.time) return a.time > b.time;
  if (a.file != b.file) return (*file_names)[a.file] > (*file_names)[b.file];
  if (a.event_index != b.event_index) return a.event_index > b.event_index;
  return a.rule > b.rule;
}

HeldMatch MatchReorderBuffer::pop() {
  std::pop_heap(heap_.begin(), heap_.end(), later_);
  HeldMatch m = std::move(heap_.back());
  heap_.pop_back();
  return m;
}

bool MatchReorderBuffer::hold(HeldMatch m, std::optional<HeldMatch>& forced) {
  forced.reset();
  if (heap_.size() >= max_held_) {
    forced = pop();
    floor_ = std::max(floor_, forced->time);
  }
  if (m.time < watermark()) return false;
  newest_ = std::max(newest_, m.time);
  heap_.push_back(std::move(m));
  std::push_heap(heap_.begin(), heap_.end(), later_);
  return true;
}

std::optional<HeldMatch> MatchReorderBuffer::next_released(bool drain) {
  if (heap_.empty() || (!drain && heap_.front().time >= watermark())) return std::nullopt;
  return pop();
}

}  // namespace ward::sigma
