// What the syslog listener does with the messages of one sender, without sockets: parse each
// through the syslog file parser's own per-message function (read_syslog_message) into one
// batch, quarantine what is not a message, and commit the batch to the store in one
// transaction. SyslogServer keeps one per TCP/TLS connection and one per UDP peer; tests call it
// directly.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "ingest/parse_context.h"
#include "ingest/syslog/syslog_parser.h"
#include "ingest/syslog_listener/syslog_framing.h"

namespace ward::ingest {

// What a batch gathered, handed over to be committed elsewhere (GroupCommit) rather than by
// commit(): the records and what they count.
struct SyslogSlice {
  std::unique_ptr<ParsedRecords> records;
  TypeCounts counts;  // accepted, rejected and skipped in `records`; duplicates known once committed
};

// Not thread-safe: one per connection (the sink must be thread-safe, as the Store is).
// `sink` must outlive the batch.
class SyslogBatch {
 public:
  // `source` names the sender in events and quarantine ("syslog-tcp:127.0.0.1:53124").
  SyslogBatch(RecordSink& sink, std::string source, const ParseOptions& parse);

  // A message becomes an event, or a rejection naming the part (bad PRI, time, structured data,
  // not UTF-8), as `ward import` does with a syslog file's line. A frame that is not a message
  // (too_large, malformed, incomplete) becomes a rejection with its reason and first bytes; the
  // error's line is the frame's number on the connection and its offset the byte offset.
  // `max_message_bytes` is the limit a too_large frame is reported against.
  void add(const SyslogFrame& frame, std::size_t max_message_bytes);

  // Messages and rejections added and not committed or handed over yet.
  std::size_t pending() { return ctx_.out().pending(); }

  // Commits what was added since the last commit or hand_over, in one transaction, and returns
  // what that commit held (accepted, rejected, duplicates); an error when the store failed, and
  // then nothing of it was kept.
  Result<TypeCounts> commit();

  // What was added since the last commit or hand_over, to be committed by the caller; `empty`
  // (cleared records, e.g. a slice's after its commit, or null) is filled next.
  SyslogSlice hand_over(std::unique_ptr<ParsedRecords> empty);
  // The caller committed `records` of a slice that counted `counts`: adds them to kept() and
  // returns what the commit held, duplicates included.
  TypeCounts committed(const TypeCounts& counts, const ParsedRecords& records);

  // What the commits so far stored: accepted, rejected (quarantined), duplicates, all record
  // types together.
  const TypeCounts& kept() const { return kept_; }
  const std::string& source() const { return ctx_.source(); }

 private:
  TypeCounts counted();  // the context's counts, committed or not

  RecordSink& sink_;
  ParseContext ctx_;
  SyslogMessageReader reader_;  // reads into ctx_
  TypeCounts counted_at_hand_over_;  // counted() at the last commit or hand_over, failed or not
  TypeCounts kept_;
  std::unique_ptr<ParsedRecords> spare_;  // commit()'s records, kept for the next
};

}  // namespace ward::ingest
