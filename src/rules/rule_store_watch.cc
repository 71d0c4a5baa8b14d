#include "rules/rule_store_watch.h"

#include <spdlog/spdlog.h>

namespace ward::rules {

RuleStoreWatch::RuleStoreWatch(store::Store& store, std::chrono::milliseconds interval, Reload reload)
    : store_(store), interval_(interval), reload_(std::move(reload)) {}

RuleStoreWatch::~RuleStoreWatch() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RuleStoreWatch::start(std::string loaded_revision) {
  seen_ = std::move(loaded_revision);
  thread_ = std::thread([this] { run(); });
}

void RuleStoreWatch::loaded(std::string revision) {
  std::lock_guard lock(mu_);
  seen_ = std::move(revision);
}

void RuleStoreWatch::run() {
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, interval_, [&] { return stopping_; })) {
    lock.unlock();
    auto revision = store_.detection_rules_revision();
    lock.lock();
    if (!revision) {
      spdlog::warn("rules: cannot read the rule store's revision: {}", revision.error().describe());
      continue;
    }
    if (*revision == seen_) continue;
    seen_ = *revision;
    lock.unlock();
    spdlog::info("rules: the rule store changed outside this server; loading the live rules again");
    reload_();
    lock.lock();
  }
}

}  // namespace ward::rules
