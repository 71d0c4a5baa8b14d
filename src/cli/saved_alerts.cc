#include "cli/saved_alerts.h"

#include "live_detection/alert_records.h"

namespace ward::cli {

void SavedAlerts::add(const sigma::HuntMatch& m) { push(live_detection::alert_from_match(m, now_)); }

void SavedAlerts::add(const sigma::CorrelationAlert& c) { push(live_detection::alert_from_correlation(c, now_)); }

void SavedAlerts::push(store::AlertRecord alert) {
  if (error_) return;
  pending_.push_back(std::move(alert));
  if (pending_.size() >= kBatch) flush();
}

void SavedAlerts::flush() {
  if (error_ || pending_.empty()) return;
  auto added = store_.add_alerts(pending_);
  pending_.clear();
  if (!added) {
    error_ = added.error();
    return;
  }
  added_ += *added;
}

Result<std::uint64_t> SavedAlerts::finish() {
  flush();
  if (error_) return Unexpected(*error_);
  return added_;
}

}  // namespace ward::cli
