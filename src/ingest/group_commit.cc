#include "ingest/group_commit.h"

#include <exception>

namespace ward::ingest {

GroupCommit::GroupCommit(RecordSink& sink)
    : sink_(sink), writer_([this](std::stop_token stop) { write_until_stopped(stop); }) {}

GroupCommit::~GroupCommit() {
  writer_.request_stop();
  writer_.join();
}

void GroupCommit::submit(std::unique_ptr<ParsedRecords> records, Done done) {
  {
    std::lock_guard lock(mu_);
    pending_.push_back({std::move(records), std::move(done)});
  }
  has_work_.notify_one();
}

std::uint64_t GroupCommit::commits() const {
  std::lock_guard lock(mu_);
  return commits_;
}

void GroupCommit::write_until_stopped(std::stop_token stop) {
  std::vector<Submitted> group;
  std::vector<ParsedRecords*> batches;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      // Once stopped, what is still pending is committed before the thread ends.
      has_work_.wait(lock, stop, [this] { return !pending_.empty(); });
      if (pending_.empty()) return;
      group.swap(pending_);
    }
    batches.clear();
    for (Submitted& s : group) batches.push_back(s.records.get());
    Result<void> committed;
    try {
      committed = sink_.accept_all(batches);
    } catch (const std::exception& e) {  // the last catch: this group fails, the writer goes on
      committed = fail(ErrorCode::internal, e.what());
    }
    if (committed) {
      std::lock_guard lock(mu_);
      ++commits_;
    }
    for (Submitted& s : group) s.done(committed, std::move(s.records));
    group.clear();
  }
}

}  // namespace ward::ingest
