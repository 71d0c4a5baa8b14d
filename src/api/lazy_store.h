// A capability store (CvdStore, ModelStore…: anything with `static Result<Store> open(dir)`)
// opened on the data directory at the first request that needs it, then used by every request
// of its routes one at a time under a lock. Thread-safe; shared by the routes' handlers.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "api/router.h"

namespace ward::api {

template <class Store>
class LazyStore {
 public:
  // `what` names the capability in the 503 a server without a data directory answers ("CVD").
  LazyStore(std::filesystem::path dir, std::string what) : dir_(std::move(dir)), what_(std::move(what)) {}

  // f(Store&) -> Response, under the lock.
  template <class F>
  Response with(const Request& req, F f) {
    std::lock_guard lock(mutex_);
    if (dir_.empty()) return error_response(req, http::status::service_unavailable, what_ + ": no data directory configured");
    if (!store_) {
      auto s = Store::open(dir_);
      if (!s) return error_response(req, s.error());
      store_.emplace(std::move(*s));
    }
    return f(*store_);
  }

 private:
  std::filesystem::path dir_;
  std::string what_;
  std::mutex mutex_;
  std::optional<Store> store_;
};

}  // namespace ward::api
