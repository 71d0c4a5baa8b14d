// Keeps an AuditEventFile up with the audit trail on a thread of its own, for `ward serve` with
// audit.fhir_file set: catch_up() every `interval` and once more when it stops, so the file ends
// up with every entry written while it ran — API requests and CLI commands run beside it alike,
// in chain order. A failed catch-up is logged (the file's path and why, never an entry) and
// tried again at the next tick.
#pragma once

#include <chrono>
#include <thread>

#include "self_audit/audit_event_file.h"
#include "store/store.h"

namespace ward::self_audit {

class AuditEventFollower {
 public:
  // Starts following at once; `store` must outlive this.
  AuditEventFollower(store::Store& store, AuditEventFile file, std::chrono::milliseconds interval);
  // Stops after a last catch-up.
  ~AuditEventFollower();
  AuditEventFollower(const AuditEventFollower&) = delete;
  AuditEventFollower& operator=(const AuditEventFollower&) = delete;

 private:
  void catch_up();

  store::Store& store_;
  AuditEventFile file_;  // used by thread_ only
  std::chrono::milliseconds interval_;
  std::jthread thread_;  // last: it starts once the members above are ready
};

}  // namespace ward::self_audit
