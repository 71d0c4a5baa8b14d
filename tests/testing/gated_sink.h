// A RecordSink that holds every commit at a gate until the test opens it, and tells how the
// batches came (one call of accept_all per transaction): for tests of what a writer does while a
// commit is under way (group commit, reading no more before a commit).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <span>
#include <vector>

#include "ingest/parse_context.h"

namespace ward::testing {

class GatedSink : public ingest::RecordSink {
 public:
  // Commits go on to inner() once through the gate (the gate starts closed).
  explicit GatedSink(std::function<ingest::RecordSink&()> inner) : inner_(std::move(inner)) {}
  ~GatedSink() override { open(); }

  Result<void> accept(ingest::ParsedRecords& records) override {
    ingest::ParsedRecords* one[] = {&records};
    return accept_all(one);
  }
  Result<void> accept_all(std::span<ingest::ParsedRecords* const> batches) override {
    std::unique_lock lock(mu_);
    batches_per_commit_.push_back(batches.size());
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
    lock.unlock();
    return inner_().accept_all(batches);
  }

  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    changed_.notify_all();
  }
  // Waits (10 s at most) until `n` commits have reached the gate; false on time-out.
  bool wait_for_commits(std::size_t n) {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return batches_per_commit_.size() >= n; });
  }
  // How many batches each commit so far held, in order.
  std::vector<std::size_t> batches_per_commit() {
    std::lock_guard lock(mu_);
    return batches_per_commit_;
  }

 private:
  std::function<ingest::RecordSink&()> inner_;
  std::mutex mu_;
  std::condition_variable changed_;
  bool open_ = false;
  std::vector<std::size_t> batches_per_commit_;
};

}  // namespace ward::testing
