// Ids for events whose source gives them none (syslog, squid access.log, DNS query logs): made
// from the input's name and the record's own bytes, so that importing the same file again gives
// every event the id it got the first time and the store (whose identity is time and id, store.h)
// keeps it once. Start reading at ContentIds::id_for.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/event.h"

namespace ward::ingest {

// One per reader of one input, fed its records in order. Not thread-safe.
class ContentIds {
 public:
  // "c:" and 16 hex digits of a stable hash of `source` and `record`; a record that is a copy of
  // one among the kRecent before it (the same line written twice in one second: two events)
  // gets "~2", "~3"… after it, so copies stay apart and import again to the same ids. Kept in
  // `batch`. The record's position is not in it: a log that grew imports its old lines to
  // their old ids.
  std::string_view id_for(std::string_view source, std::string_view record, EventBatch& batch);

  static constexpr std::size_t kRecent = 64;

 private:
  std::array<std::uint64_t, kRecent> recent_{};  // hashes of the last records, a ring
  std::size_t next_ = 0, seen_ = 0;
};

}  // namespace ward::ingest
