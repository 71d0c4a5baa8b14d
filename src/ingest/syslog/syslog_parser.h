// Syslog files -> Events: one RFC 5424 or RFC 3164 message per line (syslog_message.h), as a
// syslog daemon or `logger` writes them. Entry points: parse_syslog() per file,
// looks_like_syslog() for format detection, read_syslog_message() for one message (the
// syslog listener, src/ingest/syslog_listener, hands it each message it receives).
#pragma once

#include <memory>
#include <string_view>

#include "core/error.h"
#include "ingest/atna/atna_parser.h"
#include "ingest/parse_context.h"
#include "ingest/text_lines.h"

namespace ward::ingest {

struct SyslogFileOptions {
  // When the file was read: RFC 3164 times have no year (the year is the one that puts the time
  // at most 7 days after this), and a message with a NILVALUE time takes this time. 0 = now.
  TimeNs reference = 0;
  // Told of each ATNA audit message read well from a MSG (passive discovery reads their hosts).
  AuditMessageVisitor atna_messages;
};

// Parses every non-blank line into ctx.out().events, counted as "syslog message"; a MSG that is
// an IHE ATNA audit message becomes its events instead (ingest/atna/atna_parser.h). RFC 3164
// times are read in ctx.options().local_zone. Event: time, actor.host = HOSTNAME, kind
// authentication for the auth and authpriv facilities; flat fields pri, facility, severity
// (names: "auth", "info"), version, timestamp, hostname, app_name, procid, msgid,
// sd.<SD-ID>.<PARAM-NAME> (unescaped), message; absent and NILVALUE parts are left out. A line
// that is not a syslog message (bad <PRI>, time or structured data), invalid UTF-8, or over
// max_record_bytes is rejected naming the part; the rest goes on. Returns an error only when
// the sink fails.
Result<void> parse_syslog(std::string_view data, ParseContext& ctx,
                          const SyslogFileOptions& options = {});

// One message to one event in ctx.out(), or one rejection naming the part, as parse_syslog()
// does with each line (the same checks, fields and counts). `message.number` and
// `message.offset` say where it was in its input (the message's number and byte offset in a
// connection, for the listener). Does not flush: the caller commits with ctx.flush().
void read_syslog_message(const TextLine& message, ParseContext& ctx,
                         const SyslogFileOptions& options = {});

// read_syslog_message() for one message after another into the same context, keeping its
// buffers between them (the listener keeps one per connection). A message without a time
// takes the time it is read. Not thread-safe; `ctx` must outlive it.
class SyslogMessageReader {
 public:
  explicit SyslogMessageReader(ParseContext& ctx, const SyslogFileOptions& options = {});
  ~SyslogMessageReader();
  SyslogMessageReader(const SyslogMessageReader&) = delete;
  SyslogMessageReader& operator=(const SyslogMessageReader&) = delete;

  void read(const TextLine& message);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True when the first line starts with <PRI> followed by "1 " or a time.
bool looks_like_syslog(std::string_view head);

}  // namespace ward::ingest
