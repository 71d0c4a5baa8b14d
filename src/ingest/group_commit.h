// Group commit of parsed records into a RecordSink: the syslog listener's TCP/TLS connections
// hand their batches to one writer thread, which commits every batch pending with one
// RecordSink::accept_all (for the store: one transaction, one fsync). A lone connection's next
// batch is parsed while its last one is written. The mechanism is core/group_committer.h.
#pragma once

#include <span>

#include "core/group_committer.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

using GroupCommit = GroupCommitter<ParsedRecords>;

// What a GroupCommit into `sink` commits with (`sink` must outlive it).
inline GroupCommit::CommitAll commit_to(RecordSink& sink) {
  return [&sink](std::span<ParsedRecords* const> batches) { return sink.accept_all(batches); };
}

}  // namespace ward::ingest
