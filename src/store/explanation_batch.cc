// ExplanationBatch: explanation rows with each distinct text kept once (see privacy_rows.h).
#include <algorithm>

#include "core/prefetch.h"
#include "core/stable_hash.h"
#include "store/privacy_rows.h"

namespace ward::store {

std::int64_t explanation_text_hash(std::string_view code, std::string_view evidence) {
  // The code's hash, then a separator no code holds, then the evidence.
  return static_cast<std::int64_t>(stable_hash(evidence, stable_hash("\n", stable_hash(code))));
}

std::uint32_t ExplanationBatch::add(std::int64_t seq, bool explained, std::string_view code, std::string_view evidence) {
  return add(seq, explained, code, evidence, explanation_text_hash(code, evidence));
}

std::uint32_t ExplanationBatch::add(std::int64_t seq, bool explained, std::string_view code, std::string_view evidence,
                                    std::int64_t hash) {
  // Grown at half full, so a probe ends at an empty slot after a few steps.
  if (2 * (texts_.size() + 1) > slots_.size()) {
    std::vector<std::uint32_t> grown(std::max<std::size_t>(64, 2 * slots_.size()), 0);
    const std::size_t mask = grown.size() - 1;
    for (std::uint32_t i = 0; i < texts_.size(); ++i) {
      std::size_t at = static_cast<std::size_t>(texts_[i].hash) & mask;
      while (grown[at] != 0) at = (at + 1) & mask;
      grown[at] = i + 1;
    }
    slots_ = std::move(grown);
  }
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = static_cast<std::size_t>(hash) & mask;
  while (slots_[at] != 0) {
    const Text& t = texts_[slots_[at] - 1];
    if (t.hash == hash && t.evidence == evidence && t.code == code) break;
    at = (at + 1) & mask;
  }
  if (slots_[at] == 0) {
    texts_.push_back({std::string(code), std::string(evidence), hash});
    slots_[at] = static_cast<std::uint32_t>(texts_.size());
  }
  rows_.push_back({seq, slots_[at] - 1, explained});
  return slots_[at] - 1;
}

void ExplanationBatch::prefetch(std::int64_t hash) const {
  if (slots_.empty()) return;
  prefetch_lines(&slots_[static_cast<std::size_t>(hash) & (slots_.size() - 1)], sizeof(std::uint32_t));
}

}  // namespace ward::store
