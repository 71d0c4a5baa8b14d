// Failed sign-ins counted in memory by key ("address:10.0.0.7", "user:alice" for usernames that
// have no account), so that guessing from one address, or at a name Ward does not know, is
// locked out like guessing at a known account (whose count is in the store, accounts.h).
// Thread-safe. Bounded: at max_keys it forgets ended windows first, then the oldest.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "core/time.h"

namespace ward::api {

class LoginThrottle {
 public:
  // `max_failures` within `window` lock the key for `window` from the last of them.
  LoginThrottle(int max_failures, TimeNs window, std::size_t max_keys = 100'000);

  // When the key's lockout ends; 0 when it is not locked at `now`.
  TimeNs locked_until(const std::string& key, TimeNs now) const;
  // Counts a failure; returns when the lockout it started ends, else 0.
  TimeNs note_failure(const std::string& key, TimeNs now);

 private:
  struct Failures {
    int count = 0;
    TimeNs first = 0;         // the window's start
    TimeNs locked_until = 0;
  };
  void make_room(TimeNs now);  // holds mu_

  const int max_failures_;
  const TimeNs window_;
  const std::size_t max_keys_;
  mutable std::mutex mu_;
  std::map<std::string, Failures> by_key_;  // guarded by mu_
};

}  // namespace ward::api
