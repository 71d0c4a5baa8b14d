#include "privacy/monitor.h"

#include <spdlog/spdlog.h>

namespace ward::privacy {

PrivacyMonitor::PrivacyMonitor(store::Store& store, PrivacyConfig config)
    : store_(store), engine_(store, std::move(config)) {}

PrivacyMonitor::~PrivacyMonitor() {
  store_.set_commit_listener({});
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  full_done_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PrivacyMonitor::start() {
  store_.set_commit_listener([this](const store::CommitNotice& n) { notice(n); });
  thread_ = std::thread([this] { run(); });
}

void PrivacyMonitor::notice(const store::CommitNotice& n) {
  {
    std::lock_guard lock(mu_);
    pending_.push_back(n);
    busy_ = true;
  }
  wake_.notify_one();
}

void PrivacyMonitor::run() {
  std::unique_lock lock(mu_);
  while (true) {
    if (pending_.empty() && full_runs_done_ == full_runs_asked_) {
      busy_ = false;
      idle_.notify_all();
    }
    wake_.wait(lock, [&] { return stopping_ || !pending_.empty() || full_runs_done_ < full_runs_asked_; });
    if (stopping_) break;
    if (full_runs_done_ < full_runs_asked_) {
      // A full run reads everything committed so far: the pending notices are in it.
      const std::uint64_t asked = full_runs_asked_;
      pending_.clear();
      lock.unlock();
      auto full = engine_.run();
      lock.lock();
      last_full_ = full;
      full_runs_done_ = asked;
      status_.ready = status_.ready || full.has_value();
      if (full) {
        status_.summary = *full;
        status_.last_error.clear();
        spdlog::info("privacy: {} accesses explained and scored, {} cases; scoring new ones as they arrive",
                     full->accesses, full->cases);
      } else {
        status_.last_error = full.error().describe();
        spdlog::error("privacy: the full run failed: {}", status_.last_error);
      }
      full_done_.notify_all();
      continue;
    }
    std::vector<store::CommitNotice> batch;
    batch.swap(pending_);
    lock.unlock();
    // One catch-up for every commit so far: the accesses after the last seen, and the union of
    // the directory records the commits wrote.
    store::CommitNotice merged;
    for (const auto& n : batch) {
      merged.events += n.events;
      merged.workforce.insert(merged.workforce.end(), n.workforce.begin(), n.workforce.end());
      merged.patients.insert(merged.patients.end(), n.patients.begin(), n.patients.end());
    }
    auto done = engine_.catch_up(merged);
    const TimeNs finished = now_ns();
    lock.lock();
    ++status_.catch_ups;
    if (!done) {
      status_.last_error = done.error().describe();
      spdlog::error("privacy: scoring new data failed: {}", status_.last_error);
      continue;
    }
    status_.last_error.clear();
    status_.commits += batch.size();
    for (const auto& n : batch) latencies_.add(static_cast<double>(finished - n.committed) / 1e6);
    status_.summary = engine_.summary();
    if (done->cases_saved + done->cases_gone > 0)
      spdlog::debug("privacy: {} new accesses, {} looked at again, {} re-explained, {} cases saved, {} gone",
                    done->accesses, done->reexamined, done->reexplained, done->cases_saved, done->cases_gone);
  }
}

PrivacyMonitor::Status PrivacyMonitor::status() const {
  std::lock_guard lock(mu_);
  Status s = status_;
  s.idle = !busy_;
  static_cast<LatencyWindow::Summary&>(s) = latencies_.summary();
  return s;
}

Result<PrivacyRunSummary> PrivacyMonitor::run_full() {
  std::unique_lock lock(mu_);
  const std::uint64_t mine = ++full_runs_asked_;
  busy_ = true;
  wake_.notify_one();
  full_done_.wait(lock, [&] { return stopping_ || full_runs_done_ >= mine; });
  if (full_runs_done_ < mine) return fail(ErrorCode::internal, "the server is stopping");
  return last_full_;
}

void PrivacyMonitor::wait_until_idle() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [&] { return !busy_ || stopping_; });
}

}  // namespace ward::privacy
