// Checks Ward's own audit trail (store/audit_chain.h): walks the hash chain from the first entry
// and says how many entries hold, the head (the last entry's seq and hash, which an operator
// keeps elsewhere to anchor the trail), or the first entry where the chain breaks and how —
// edited, deleted, inserted or reordered. `ward verify` and GET /api/v1/audit/verify call it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "store/store.h"

namespace ward::self_audit {

enum class BreakKind { edited, deleted, inserted, reordered };
std::string_view to_string(BreakKind kind);

struct ChainBreak {
  BreakKind kind = BreakKind::edited;
  std::int64_t seq = 0;  // the entry the break is put on (0: a row with no seq)
  TimeNs time = 0;       // that entry's time
  std::string detail;    // what differs, for a person; never a subject or other field value
};

// A head hash kept elsewhere (docs/audit.md#anchoring): entry `seq` must still have `hash`.
struct Anchor {
  std::int64_t seq = 0;
  std::string hash;
};
// "SEQ:HASH" (as `ward verify` prints the head) into an Anchor; ErrorCode::invalid_input otherwise.
Result<Anchor> parse_anchor(std::string_view text);

struct ChainReport {
  std::uint64_t entries = 0;  // entries checked and found whole, from the first
  std::int64_t head_seq = 0;  // the last of those; 0 and the genesis hash when there is none
  std::string head_hash;
  std::optional<ChainBreak> broken;  // the first break; nullopt when the chain holds
  bool ok() const { return !broken; }
};

// Walks the whole trail in seq order, holding two entries at a time. Errors only when the store
// cannot be read; a broken chain is a report with `broken` set.
Result<ChainReport> check_chain(store::Store& store, const std::optional<Anchor>& anchor = std::nullopt);

}  // namespace ward::self_audit
