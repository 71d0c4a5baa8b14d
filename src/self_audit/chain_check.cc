// The audit chain's check (see chain_check.h). An entry holds when its fields give its hash, its
// prev_hash is the hash of the entry before it, and its seq follows that entry's. Where one
// does not, the links around it say what happened: a link to no entry Ward wrote after a gap in
// seq is a deletion; two entries linked to the same predecessor mean the first was inserted; a
// link to an entry elsewhere is a move; a link to nothing without a gap means the entry before
// was changed and its hash recomputed.
#include "self_audit/chain_check.h"

#include <charconv>

#include <fmt/format.h>

#include "store/audit_chain.h"

namespace ward::self_audit {
namespace {

using store::AuditRecord;

ChainBreak at(BreakKind kind, const AuditRecord& r, std::string detail) {
  return {kind, r.seq, r.entry.time, std::move(detail)};
}

// Why `r`, which does not hold after `p` (nullptr: r is first) and `pp` (the one before p),
// breaks the chain.
Result<ChainBreak> diagnose(store::Store& store, const AuditRecord* pp, const AuditRecord* p, const AuditRecord& r) {
  const std::string_view expected_prev = p != nullptr ? std::string_view(p->hash) : store::kAuditGenesisHash;
  const std::int64_t expected_seq = p != nullptr ? p->seq + 1 : 1;
  const bool self_ok = store::audit_entry_hash(r.prev_hash, r.entry) == r.hash;
  const bool linked = r.prev_hash == expected_prev;
  if (self_ok && linked)  // only its seq is not the one after p's
    return at(BreakKind::edited, r, fmt::format("its seq was changed (expected {})", expected_seq));
  if (!self_ok && linked)
    return at(BreakKind::edited, r, "its fields no longer give its hash: changed after it was written");

  // Its link is not to the entry before it: find the entry it is linked to.
  std::optional<AuditRecord> linked_to;
  if (r.prev_hash != store::kAuditGenesisHash) {
    auto found = store.audit_record_with_hash(r.prev_hash);
    if (!found) return Unexpected(found.error());
    linked_to = std::move(*found);
  }
  const bool to_genesis = r.prev_hash == store::kAuditGenesisHash;
  if (!self_ok) {
    if (linked_to || to_genesis)
      return at(BreakKind::edited, r, "its fields no longer give its hash, and it was moved from where it was written");
    return at(BreakKind::inserted, r, "its hash and its link match no entry Ward wrote: added outside Ward");
  }
  // It is whole; the chain broke just before it.
  const bool same_predecessor_as_p =
      p != nullptr && ((pp == nullptr && to_genesis) || (pp != nullptr && r.prev_hash == pp->hash));
  if (same_predecessor_as_p)
    return at(BreakKind::inserted, *p,
              fmt::format("entry {} is linked to the entry before this one: this one was inserted", r.seq));
  if (linked_to)
    return at(BreakKind::reordered, r,
              fmt::format("it was written after the entry now at seq {}, not after seq {}", linked_to->seq,
                          p != nullptr ? p->seq : 0));
  if (to_genesis)
    return at(BreakKind::reordered, r, fmt::format("it was written first, not after seq {}", p != nullptr ? p->seq : 0));
  if (r.seq > expected_seq)
    return at(BreakKind::deleted, r,
              expected_seq == r.seq - 1
                  ? fmt::format("entry {} before it is missing", expected_seq)
                  : fmt::format("entries {} to {} before it are missing", expected_seq, r.seq - 1));
  if (p != nullptr)
    return at(BreakKind::edited, *p,
              fmt::format("it was changed and its hash recomputed: entry {} is linked to the hash it had before",
                          r.seq));
  return at(BreakKind::deleted, r, "it is linked to an entry before it that is missing");
}

}  // namespace

std::string_view to_string(BreakKind kind) {
  switch (kind) {
    case BreakKind::edited: return "edited";
    case BreakKind::deleted: return "deleted";
    case BreakKind::inserted: return "inserted";
    case BreakKind::reordered: return "reordered";
  }
  return "edited";
}

Result<Anchor> parse_anchor(std::string_view text) {
  auto colon = text.find(':');
  Anchor a;
  if (colon != std::string_view::npos) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + colon, a.seq);
    a.hash = std::string(text.substr(colon + 1));
    bool hex = a.hash.size() == 64;
    for (char c : a.hash) hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    if (ec == std::errc() && end == text.data() + colon && a.seq >= 1 && hex) return a;
  }
  return fail(ErrorCode::invalid_input,
              "the anchor is SEQ:HASH as `ward verify` prints the head, e.g. 42:<64 lowercase hex digits>", "anchor");
}

Result<ChainReport> check_chain(store::Store& store, const std::optional<Anchor>& anchor) {
  ChainReport report;
  report.head_hash = std::string(store::kAuditGenesisHash);
  // The last two entries that held: the walk needs no more to name a break.
  std::optional<AuditRecord> pp, p;
  bool anchor_seen = false;
  auto walked = store.for_each_audit_record(0, [&](const AuditRecord& r) -> Result<void> {
    if (report.broken) return {};
    if (r.seq == 0 || r.hash.empty() || r.prev_hash.empty()) {
      report.broken = at(BreakKind::inserted, r, "a row outside the chain (it has no seq or hash): added outside Ward");
      return {};
    }
    const bool holds = r.seq == (p ? p->seq + 1 : 1) &&
                       r.prev_hash == (p ? std::string_view(p->hash) : store::kAuditGenesisHash) &&
                       store::audit_entry_hash(r.prev_hash, r.entry) == r.hash;
    if (!holds) {
      auto why = diagnose(store, pp ? &*pp : nullptr, p ? &*p : nullptr, r);
      if (!why) return Unexpected(why.error());
      report.broken = std::move(*why);
      return {};
    }
    if (anchor && r.seq == anchor->seq) {
      anchor_seen = true;
      if (r.hash != anchor->hash) {
        report.broken = at(BreakKind::edited, r,
                           "its hash is not the anchored one: the trail up to here was rewritten");
        return {};
      }
    }
    ++report.entries;
    report.head_seq = r.seq;
    report.head_hash = r.hash;
    pp = std::move(p);
    p = r;
    return {};
  });
  if (!walked) return Unexpected(walked.error());
  if (anchor && !anchor_seen && !report.broken)
    report.broken = ChainBreak{BreakKind::deleted, anchor->seq, 0,
                               fmt::format("the trail ends at seq {} but the anchor names seq {}: entries "
                                           "from {} on were deleted",
                                           report.head_seq, anchor->seq, report.head_seq + 1)};
  return report;
}

}  // namespace ward::self_audit
