// Group commit: many producers (the syslog listener's TCP/TLS connections) hand batches to one
// writer thread, which commits everything pending at that moment with one RecordSink::accept_all
// (for the store: one transaction, one fsync) and then tells each producer. While it commits, the
// next batches gather, so the more producers there are and the slower the disk, the more each
// commit holds; a lone producer's next batch is parsed while its last one is written.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

// Thread-safe. Not bounded by itself: each producer bounds what it has handed over and not seen
// committed (a syslog connection: the messages of one read, before it reads again).
class GroupCommit {
 public:
  // Called on the writer thread once `records` is committed (ok) or not (the error: then nothing
  // of the transaction it was in is kept). It must be quick — hand over to the producer's own
  // thread — and may keep `records` (cleared, to fill again) or let it go.
  using Done = std::function<void(Result<void> committed, std::unique_ptr<ParsedRecords> records)>;

  // `sink` must outlive this object.
  explicit GroupCommit(RecordSink& sink);
  // Commits what was submitted and not committed yet, tells its producers, then stops.
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Hands `records` to the writer; `done` is called once it is committed (never before submit
  // returns, never from the caller's thread).
  void submit(std::unique_ptr<ParsedRecords> records, Done done);

  // Transactions so far (each holds one or more batches).
  std::uint64_t commits() const;

 private:
  struct Submitted {
    std::unique_ptr<ParsedRecords> records;
    Done done;
  };
  void write_until_stopped(std::stop_token stop);

  RecordSink& sink_;
  mutable std::mutex mu_;
  std::condition_variable_any has_work_;
  std::vector<Submitted> pending_;  // guarded by mu_
  std::uint64_t commits_ = 0;       // guarded by mu_
  std::jthread writer_;             // last: started once the rest is ready, stopped first
};

}  // namespace ward::ingest
