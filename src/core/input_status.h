// What a live input (a listener of `ward serve`) has done since it started: the counts its
// counters keep, read as one row of GET /api/v1/inputs and the web UI's "Listeners" tab. Never
// message contents.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/time.h"

namespace ward {

struct InputStatus {
  std::string name;      // "mllp", "syslog"
  std::string protocol;  // "HL7 v2 over MLLP", "syslog over UDP, TCP"
  std::string address;   // where it listens: "127.0.0.1:2575"; several joined by ", "
  bool tls = false;
  std::uint64_t received = 0;        // messages (frames, datagrams) read
  std::uint64_t accepted = 0;        // stored as records
  std::uint64_t rejected = 0;        // quarantined with their reason
  std::uint64_t store_failures = 0;  // not kept: the store could not commit (the sender was told, where it can be)
  TimeNs last_received = 0;          // 0: nothing yet
};

// The live inputs' rows, asked for when someone looks (empty when nothing listens).
using LiveInputs = std::function<std::vector<InputStatus>()>;

// The time of the last message, kept by a listener beside its counts (relaxed: a clock reading).
class LastReceived {
 public:
  void now() { ns_.store(now_ns(), std::memory_order_relaxed); }
  TimeNs get() const { return ns_.load(std::memory_order_relaxed); }

 private:
  std::atomic<TimeNs> ns_{0};
};

}  // namespace ward
