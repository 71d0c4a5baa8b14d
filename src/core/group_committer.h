// Group commit: many producers hand items to one writer thread, which commits everything pending
// at that moment with one call (for a store: one transaction, one fsync) and then tells each
// producer. While it commits, the next items gather, so the more producers there are and the
// slower the disk, the more each commit holds. Used for the syslog listener's batches of records
// (ingest/group_commit.h) and for the API's audit entries (api/audit_writer.h).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "core/error.h"

namespace ward {

// Thread-safe. Not bounded by itself: each producer bounds what it has handed over and not seen
// committed.
template <class Item>
class GroupCommitter {
 public:
  // Commits the items together: all kept, or (an error) none.
  using CommitAll = std::function<Result<void>(std::span<Item* const> items)>;
  // Called on the writer thread once `item` is committed (ok) or not (the error: then nothing
  // of the commit it was in is kept). It must be quick — hand over to the producer's own thread —
  // and may keep `item` (to fill again) or let it go.
  using Done = std::function<void(Result<void> committed, std::unique_ptr<Item> item)>;

  // `commit_all` is called on the writer thread only, one call at a time.
  explicit GroupCommitter(CommitAll commit_all)
      : commit_all_(std::move(commit_all)), writer_([this] { write_until_stopped(); }) {}
  // Commits what was submitted and not committed yet, tells its producers, then stops.
  ~GroupCommitter() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    has_work_.notify_one();
    writer_.join();
  }
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Hands `item` to the writer; `done` is called once it is committed (never before submit
  // returns, never from the caller's thread).
  void submit(std::unique_ptr<Item> item, Done done) {
    {
      std::lock_guard lock(mu_);
      pending_.push_back({std::move(item), std::move(done)});
    }
    has_work_.notify_one();
  }

  // Commits so far (each holds one or more items).
  std::uint64_t commits() const {
    std::lock_guard lock(mu_);
    return commits_;
  }

 private:
  struct Submitted {
    std::unique_ptr<Item> item;
    Done done;
  };

  void write_until_stopped() {
    std::vector<Submitted> group;
    std::vector<Item*> items;
    for (;;) {
      {
        std::unique_lock lock(mu_);
        // Once stopping, what is still pending is committed before the thread ends.
        has_work_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
        if (pending_.empty()) return;
        group.swap(pending_);
      }
      items.clear();
      for (Submitted& s : group) items.push_back(s.item.get());
      Result<void> committed;
      try {
        committed = commit_all_(items);
      } catch (const std::exception& e) {  // the last catch: this group fails, the writer goes on
        committed = fail(ErrorCode::internal, e.what());
      }
      if (committed) {
        std::lock_guard lock(mu_);
        ++commits_;
      }
      for (Submitted& s : group) s.done(committed, std::move(s.item));
      group.clear();
    }
  }

  CommitAll commit_all_;
  mutable std::mutex mu_;
  std::condition_variable has_work_;
  std::vector<Submitted> pending_;  // guarded by mu_
  std::uint64_t commits_ = 0;       // guarded by mu_
  bool stopping_ = false;           // guarded by mu_
  std::thread writer_;              // last: started once the rest is ready
};

}  // namespace ward
