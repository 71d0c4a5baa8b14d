// HandedEventQueue (see handed_events.h).
#include "privacy/handed_events.h"

namespace ward::privacy {

HandedEventQueue::HandedEventQueue(std::size_t limit) : shared_(std::make_shared<Shared>()) {
  shared_->limit = limit;
}

std::unique_ptr<store::HandedEvents> HandedEventQueue::spare() {
  std::lock_guard lock(shared_->mu);
  if (shared_->held >= shared_->limit) return nullptr;
  if (shared_->spares.empty()) return std::make_unique<store::HandedEvents>();
  std::unique_ptr<store::HandedEvents> s = std::move(shared_->spares.back());
  shared_->spares.pop_back();
  return s;
}

void HandedEventQueue::receive(std::unique_ptr<store::HandedEvents> events) {
  {
    std::lock_guard lock(shared_->mu);
    ++shared_->held;
    shared_->received.push_back(std::move(events));
  }
  shared_->received_cv.notify_all();
}

std::vector<std::shared_ptr<const store::HandedEvents>> HandedEventQueue::take() {
  std::deque<std::unique_ptr<store::HandedEvents>> taken;
  {
    std::lock_guard lock(shared_->mu);
    taken.swap(shared_->received);
  }
  std::vector<std::shared_ptr<const store::HandedEvents>> out;
  out.reserve(taken.size());
  for (auto& events : taken) {
    // Cleared (its batch keeps its memory) and back among the spares when the run is done with it.
    out.emplace_back(events.release(), [shared = shared_](const store::HandedEvents* done) {
      std::unique_ptr<store::HandedEvents> back(const_cast<store::HandedEvents*>(done));
      back->clear();
      std::lock_guard lock(shared->mu);
      --shared->held;
      shared->spares.push_back(std::move(back));
    });
  }
  return out;
}

void HandedEventQueue::wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(shared_->mu);
  shared_->received_cv.wait_for(lock, timeout, [&] { return !shared_->received.empty(); });
}

}  // namespace ward::privacy
