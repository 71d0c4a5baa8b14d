// ContentIds (content_id.h): the hash, and copies counted among the recent records.
#include "ingest/content_id.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/stable_hash.h"

namespace ward::ingest {

std::string_view ContentIds::id_for(std::string_view source, std::string_view record, EventBatch& batch) {
  // A separator byte that text cannot hold keeps ("ab", "c") apart from ("a", "bc").
  const std::uint64_t hash = stable_hash(record, stable_hash(std::string_view("\0", 1), stable_hash(source)));
  const std::size_t held = std::min(seen_, kRecent);
  const auto copies = std::count(recent_.begin(), recent_.begin() + static_cast<std::ptrdiff_t>(held), hash);
  recent_[next_] = hash;
  next_ = (next_ + 1) % kRecent;
  ++seen_;
  char text[40];
  const auto end = copies == 0 ? fmt::format_to(text, "c:{:016x}", hash)
                               : fmt::format_to(text, "c:{:016x}~{}", hash, copies + 1);
  return batch.keep(std::string_view(text, static_cast<std::size_t>(end - text)));
}

}  // namespace ward::ingest
