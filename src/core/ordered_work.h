// Parallel work with sequential output: jobs run on a fixed set of threads and their results
// are handed back on the caller's thread in the order the jobs were added, so what is printed
// does not depend on the number of threads (`ward detect --threads`, sigma/hunt.cc).
//
//   OrderedWork<Part> work(threads, /*window=*/threads * 4);
//   for (…) work.add([…](std::size_t worker) { return hunt_part(…, state[worker]); }, print);
//   work.finish(print);
//
// A job gets the index (0…threads-1) of the thread running it, for state kept per thread. At
// most `window` jobs are queued, running or done but not yet taken: add() waits for the oldest
// before queueing past that, so memory stays bounded. A job is destroyed on the thread that ran
// it, once it has run: what it captured (a batch of input it shares with other jobs) is freed
// there, not on the caller's thread, which has the results to take. An exception a job throws is rethrown by
// the add() or finish() that takes its result. Used by one caller thread; the destructor stops
// the threads after their current job, dropping the jobs not started.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <vector>

namespace ward {

template <class Result>
class OrderedWork {
 public:
  using Job = std::function<Result(std::size_t worker)>;
  using Take = std::function<void(Result&)>;

  OrderedWork(std::size_t threads, std::size_t window) : window_(std::max<std::size_t>(window, 1)) {
    threads = std::max<std::size_t>(threads, 1);
    workers_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i)
      workers_.emplace_back([this, i](std::stop_token stop) { work(stop, i); });
  }
  ~OrderedWork() {
    for (auto& w : workers_) w.request_stop();
    job_ready_.notify_all();
  }
  OrderedWork(const OrderedWork&) = delete;
  OrderedWork& operator=(const OrderedWork&) = delete;

  std::size_t threads() const { return workers_.size(); }

  // Queues `job`; first passes the oldest results to `take` while `window` jobs are pending.
  void add(Job job, const Take& take) {
    while (pending() >= window_) take_oldest(take);
    {
      std::lock_guard lock(mu_);
      slots_.push_back(std::make_unique<Slot>(Slot{std::move(job), {}, {}, false}));
    }
    job_ready_.notify_one();
  }

  // Passes the results already done to `take`, in order, up to the first not done: does not
  // wait (for a caller that also waits for something else, such as more jobs to add).
  void take_done(const Take& take) {
    while (true) {
      {
        std::lock_guard lock(mu_);
        if (slots_.empty() || !slots_.front()->done) return;
      }
      take_oldest(take);
    }
  }

  // Passes every remaining result to `take`, in order.
  void finish(const Take& take) {
    while (pending() > 0) take_oldest(take);
  }

 private:
  struct Slot {
    Job job;
    std::optional<Result> result;
    std::exception_ptr error;
    bool done = false;
  };

  std::size_t pending() {
    std::lock_guard lock(mu_);
    return slots_.size();
  }

  void take_oldest(const Take& take) {
    std::unique_ptr<Slot> slot;
    {
      std::unique_lock lock(mu_);
      done_.wait(lock, [&] { return slots_.front()->done; });
      slot = std::move(slots_.front());
      slots_.pop_front();
      --started_;
    }
    if (slot->error) std::rethrow_exception(slot->error);
    take(*slot->result);
  }

  void work(std::stop_token stop, std::size_t worker) {
    while (true) {
      Slot* slot = nullptr;
      {
        std::unique_lock lock(mu_);
        if (!job_ready_.wait(lock, stop, [&] { return started_ < slots_.size(); })) return;
        slot = slots_[started_++].get();
      }
      std::optional<Result> result;
      std::exception_ptr error;
      try {
        result.emplace(slot->job(worker));
      } catch (...) {  // handed to the caller's thread, which rethrows it
        error = std::current_exception();
      }
      slot->job = nullptr;  // only this thread touches a started job
      {
        std::lock_guard lock(mu_);
        slot->result = std::move(result);
        slot->error = error;
        slot->done = true;
      }
      done_.notify_one();
    }
  }

  const std::size_t window_;
  std::mutex mu_;
  std::condition_variable_any job_ready_;
  std::condition_variable done_;
  std::deque<std::unique_ptr<Slot>> slots_;  // oldest first; the first started_ have a thread
  std::size_t started_ = 0;
  std::vector<std::jthread> workers_;  // last: stopped and joined before the members they use go
};

}  // namespace ward
