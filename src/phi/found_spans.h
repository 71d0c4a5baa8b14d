// The byte ranges that findings already cover, for the rules that add findings next to or apart
// from them (address_parts.h, name_mentions.h): each question in O(log n), so a long text with
// many findings stays linear-ish. Built from a snapshot; later findings are not seen.
#pragma once

#include <cstddef>
#include <vector>

#include "phi/finding.h"

namespace ward::phi {

class FoundSpans {
 public:
  // The findings of `findings` that `keep` accepts (all when `keep` is null).
  explicit FoundSpans(const std::vector<Finding>& findings, bool (*keep)(const Finding&) = nullptr);
  bool contains(std::size_t begin, std::size_t end) const;  // one finding holds all of [begin, end)
  bool overlaps(std::size_t begin, std::size_t end) const;  // one finding shares a byte with it

 private:
  std::vector<std::size_t> begins_, max_ends_;  // sorted by begin; max end of the spans so far
};

}  // namespace ward::phi
