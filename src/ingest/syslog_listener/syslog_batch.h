// What the syslog listener does with the messages of one sender, without sockets: parse each
// through the syslog file parser's own per-message function (read_syslog_message) into one
// batch, quarantine what is not a message, and commit the batch to the store in one
// transaction. SyslogServer keeps one per TCP/TLS connection and one per UDP peer; tests call it
// directly.
#pragma once

#include <string>

#include "core/error.h"
#include "ingest/parse_context.h"
#include "ingest/syslog_listener/syslog_framing.h"

namespace ward::ingest {

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

  // Messages and rejections added and not committed yet.
  std::size_t pending() { return ctx_.out().pending(); }

  // Commits what was added since the last commit, in one transaction, and returns what that
  // commit held (accepted, rejected, duplicates); an error when the store failed, and then
  // nothing of it was kept.
  Result<TypeCounts> commit();

  // What the commits so far stored: accepted, rejected (quarantined), duplicates, all record
  // types together.
  const TypeCounts& kept() const { return kept_; }
  const std::string& source() const { return ctx_.source(); }

 private:
  TypeCounts counted();  // the context's counts, committed or not

  ParseContext ctx_;
  TypeCounts counted_at_commit_;  // counted() after the last commit, failed or not
  TypeCounts kept_;
};

}  // namespace ward::ingest
