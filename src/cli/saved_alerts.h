// `ward detect --save`: what a hunt found, kept in the store as alerts (store/alert_rows.h) so
// analysts see it in the API beside live detections. Buffers and writes in batches; the same
// match saved twice (a hunt run again) stays one alert.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/error.h"
#include "sigma/correlation_engine.h"
#include "sigma/hunt.h"
#include "store/store.h"

namespace ward::cli {

class SavedAlerts {
 public:
  explicit SavedAlerts(store::Store& store) : store_(store) {}

  void add(const sigma::HuntMatch& match);
  void add(const sigma::CorrelationAlert& alert);
  // Writes what is buffered; returns how many alerts were new in all. The first store error
  // stops saving and is returned here.
  Result<std::uint64_t> finish();

 private:
  void push(store::AlertRecord alert);
  void flush();

  static constexpr std::size_t kBatch = 1000;
  store::Store& store_;
  std::vector<store::AlertRecord> pending_;
  std::uint64_t added_ = 0;
  TimeNs now_ = now_ns();
  std::optional<Error> error_;
};

}  // namespace ward::cli
