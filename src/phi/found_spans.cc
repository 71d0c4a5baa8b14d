// Byte ranges covered by findings (found_spans.h).
#include "phi/found_spans.h"

#include <algorithm>
#include <utility>

namespace ward::phi {

FoundSpans::FoundSpans(const std::vector<Finding>& findings, bool (*keep)(const Finding&)) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const Finding& f : findings)
    if (!keep || keep(f)) spans.emplace_back(f.begin, f.end);
  std::sort(spans.begin(), spans.end());
  std::size_t max_end = 0;
  for (const auto& [b, e] : spans) {
    max_end = std::max(max_end, e);
    begins_.push_back(b);
    max_ends_.push_back(max_end);
  }
}

bool FoundSpans::contains(std::size_t begin, std::size_t end) const {
  const auto n = static_cast<std::size_t>(std::upper_bound(begins_.begin(), begins_.end(), begin) - begins_.begin());
  return n > 0 && max_ends_[n - 1] >= end;
}

bool FoundSpans::overlaps(std::size_t begin, std::size_t end) const {
  const auto n = static_cast<std::size_t>(std::lower_bound(begins_.begin(), begins_.end(), end) - begins_.begin());
  return n > 0 && max_ends_[n - 1] > begin;
}

}  // namespace ward::phi
