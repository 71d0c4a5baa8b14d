// The audit trail's follower thread (see audit_event_follower.h).
#include "self_audit/audit_event_follower.h"

#include <condition_variable>
#include <mutex>

#include <spdlog/spdlog.h>

namespace ward::self_audit {

AuditEventFollower::AuditEventFollower(store::Store& store, AuditEventFile file, std::chrono::milliseconds interval)
    : store_(store), file_(std::move(file)), interval_(interval), thread_([this](std::stop_token stop) {
        std::mutex mu;
        std::condition_variable_any wake;  // woken only by the stop request
        while (!stop.stop_requested()) {
          catch_up();
          std::unique_lock lock(mu);
          wake.wait_for(lock, stop, interval_, [] { return false; });
        }
        catch_up();
      }) {}

AuditEventFollower::~AuditEventFollower() {
  thread_.request_stop();
  thread_.join();
}

void AuditEventFollower::catch_up() {
  auto written = file_.catch_up(store_);
  if (!written)
    spdlog::warn("audit: the FHIR AuditEvent file fell behind error=\"{}\" file={} last_seq={}",
                 written.error().message, written.error().source, file_.last_seq());
}

}  // namespace ward::self_audit
