#include "ingest/syslog_listener/syslog_batch.h"

#include <fmt/format.h>

#include "ingest/syslog/syslog_parser.h"

namespace ward::ingest {
namespace {

constexpr std::string_view kType = "syslog message";  // as the syslog file parser counts them

}  // namespace

SyslogBatch::SyslogBatch(RecordSink& sink, std::string source, const ParseOptions& parse)
    : ctx_(std::move(source), sink, parse) {
  ctx_.set_event_type(kType);
}

void SyslogBatch::add(const SyslogFrame& frame, std::size_t max_message_bytes) {
  using Kind = SyslogFrame::Kind;
  if (frame.kind == Kind::message) {
    read_syslog_message({.text = frame.text, .number = frame.number, .offset = frame.offset}, ctx_);
    return;
  }
  Error error{frame.kind == Kind::too_large ? ErrorCode::too_large : ErrorCode::invalid_input,
              frame.kind == Kind::too_large
                  ? fmt::format("message is {} bytes, over the limit of {} (syslog.max_message_bytes)",
                                frame.bytes, max_message_bytes)
                  : frame.reason,
              {}, 0, 0, "frame"};
  ctx_.reject(kType, std::move(error), frame.number, frame.offset, frame.text);
}

TypeCounts SyslogBatch::counted() {
  TypeCounts total;  // every record type: a message may hold others (an ATNA audit message)
  for (const auto& [type, c] : ctx_.summary().by_type) {
    total.accepted += c.accepted;
    total.rejected += c.rejected;
    total.skipped += c.skipped;
    total.duplicates += c.duplicates;
  }
  return total;
}

Result<TypeCounts> SyslogBatch::commit() {
  auto flushed = ctx_.flush();
  TypeCounts now = counted();
  TypeCounts delta{.accepted = now.accepted - counted_at_commit_.accepted,
                   .rejected = now.rejected - counted_at_commit_.rejected,
                   .skipped = now.skipped - counted_at_commit_.skipped,
                   .duplicates = now.duplicates - counted_at_commit_.duplicates};
  counted_at_commit_ = now;  // what failed is gone: not counted with the next commit either
  if (!flushed) return Unexpected(flushed.error());
  kept_.accepted += delta.accepted;
  kept_.rejected += delta.rejected;
  kept_.skipped += delta.skipped;
  kept_.duplicates += delta.duplicates;
  return delta;
}

}  // namespace ward::ingest
