#include "api/login_throttle.h"

#include <algorithm>

namespace ward::api {

LoginThrottle::LoginThrottle(int max_failures, TimeNs window, std::size_t max_keys)
    : max_failures_(std::max(1, max_failures)), window_(window), max_keys_(std::max<std::size_t>(1, max_keys)) {}

TimeNs LoginThrottle::locked_until(const std::string& key, TimeNs now) const {
  std::lock_guard lock(mu_);
  auto it = by_key_.find(key);
  return it != by_key_.end() && it->second.locked_until > now ? it->second.locked_until : 0;
}

TimeNs LoginThrottle::note_failure(const std::string& key, TimeNs now) {
  std::lock_guard lock(mu_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) {
    make_room(now);
    it = by_key_.emplace(key, Failures{0, now, 0}).first;
  }
  Failures& f = it->second;
  if (now - f.first > window_) f = {0, now, 0};
  if (++f.count < max_failures_) return 0;
  f = {0, now, now + window_};
  return f.locked_until;
}

void LoginThrottle::make_room(TimeNs now) {
  if (by_key_.size() < max_keys_) return;
  std::erase_if(by_key_, [&](const auto& kv) {
    return kv.second.locked_until <= now && now - kv.second.first > window_;
  });
  while (by_key_.size() >= max_keys_) {
    auto oldest = std::min_element(by_key_.begin(), by_key_.end(), [](const auto& a, const auto& b) {
      return std::max(a.second.first, a.second.locked_until) < std::max(b.second.first, b.second.locked_until);
    });
    by_key_.erase(oldest);
  }
}

}  // namespace ward::api
