// Waiting on a condition with a deadline, for benchmarks that watch another process (a store's
// event count, a file's lines): calls `done` every `every` until it says true.
#pragma once

#include <chrono>
#include <thread>

#include "core/error.h"

namespace ward::bench {

// True once `done()` returned true, false when `timeout` passed first; an error `done` returned
// ends the wait with it. `done` is called at least once.
template <class Done>
Result<bool> poll_until(Done&& done, std::chrono::steady_clock::duration timeout,
                        std::chrono::steady_clock::duration every) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    Result<bool> now = done();
    if (!now || *now) return now;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(every);
  }
}

}  // namespace ward::bench
