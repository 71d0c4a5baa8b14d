#include "core/latency_window.h"

#include <algorithm>
#include <vector>

namespace ward {
namespace {

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

}  // namespace

void LatencyWindow::add(double ms) {
  values_.push_back(ms);
  if (values_.size() > capacity_) values_.pop_front();
}

LatencyWindow::Summary LatencyWindow::summary() const {
  const std::vector<double> values(values_.begin(), values_.end());
  Summary s;
  s.p50_ms = percentile(values, 0.50);
  s.p99_ms = percentile(values, 0.99);
  s.max_ms = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
  return s;
}

}  // namespace ward
