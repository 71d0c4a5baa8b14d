// What a store hands a privacy run beside a load (store::EventReceiver): the committed batches,
// kept in commit order until the run takes them. At most `limit` are held at once — received
// and not yet done with — so a run that falls behind the load reads the rest back from the
// store instead of holding the import in memory. A batch the run is done with (its last
// reference gone) goes back among the spares, and its memory to the parser that fills it next.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "store/store.h"

namespace ward::privacy {

class HandedEventQueue final : public store::EventReceiver {
 public:
  explicit HandedEventQueue(std::size_t limit);

  std::unique_ptr<store::HandedEvents> spare() override;
  void receive(std::unique_ptr<store::HandedEvents> events) override;

  // What was received since the last call, oldest first.
  std::vector<std::shared_ptr<const store::HandedEvents>> take();
  // Returns once something was received (and not taken yet) or `timeout` has passed.
  void wait(std::chrono::milliseconds timeout);

 private:
  struct Shared {
    std::mutex mu;
    std::condition_variable received_cv;
    std::deque<std::unique_ptr<store::HandedEvents>> received;
    std::vector<std::unique_ptr<store::HandedEvents>> spares;
    std::size_t held = 0;  // received and not yet gone back among the spares
    std::size_t limit = 0;
  };
  // Shared with the deleters of what take() returned, which may run after this queue is gone.
  std::shared_ptr<Shared> shared_;
};

}  // namespace ward::privacy
