// The hash chain over Ward's own audit trail (api_audit): each entry's hash is SHA-256 over the
// previous entry's hash and a length-prefixed encoding of the entry's fields, so an edit, a
// deletion, an insertion or a move breaks a link. docs/audit.md gives the encoding for auditors
// who re-compute it themselves; SqliteStore appends with it, self_audit/chain_check.h checks it.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "store/store.h"

namespace ward::store {

// The prev_hash of the first entry: 64 zeros.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";
// The first field hashed: names the encoding, so a later one can never be mistaken for it.
inline constexpr std::string_view kAuditHashVersion = "ward-audit-1";

// Lowercase hex SHA-256 of the fields, each as its 8-byte big-endian length then its bytes.
std::string audit_fields_hash(std::span<const std::string_view> fields);

// The hash of `entry` chained after `prev_hash`: audit_fields_hash of kAuditHashVersion,
// prev_hash, time_ns, token_id, actor, method, route, subject, status, action, client_address
// (integers as decimal digits). The entry's seq is not hashed: the links say the order.
std::string audit_entry_hash(std::string_view prev_hash, const ApiAuditEntry& entry);

}  // namespace ward::store
