// Notices changes made to the rule store by another process — `ward rules import|enable|disable`
// at a shell while `ward serve` runs — and asks for the live rules to be loaded again. It polls the
// store's rule revision (Store::detection_rules_revision) on its own thread; the reload reports
// the revision it loaded (loaded()), so a change the server made itself (the API) is not loaded
// twice, and a revision whose rules fail to load is tried once, not on every poll.
// Thread-safe: loaded() may be called from any thread, also from inside the reload callback.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "store/store.h"

namespace ward::rules {

class RuleStoreWatch {
 public:
  using Reload = std::function<void()>;
  // `store` must outlive the watch. Polls every `interval` from start() on.
  RuleStoreWatch(store::Store& store, std::chrono::milliseconds interval, Reload reload);
  ~RuleStoreWatch();  // stops the thread and waits for it
  RuleStoreWatch(const RuleStoreWatch&) = delete;
  RuleStoreWatch& operator=(const RuleStoreWatch&) = delete;

  // `loaded_revision`: the revision of the rules in use now.
  void start(std::string loaded_revision);
  // The rules of `revision` are in use (or were tried): no reload for it.
  void loaded(std::string revision);

 private:
  void run();

  store::Store& store_;
  const std::chrono::milliseconds interval_;
  Reload reload_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::string seen_;  // the revision last loaded or tried
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ward::rules
