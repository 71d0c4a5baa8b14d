#include "ingest/syslog_listener/syslog_batch.h"

#include <fmt/format.h>

#include "ingest/syslog/syslog_parser.h"

namespace ward::ingest {
namespace {

constexpr std::string_view kType = "syslog message";  // as the syslog file parser counts them

}  // namespace

SyslogBatch::SyslogBatch(RecordSink& sink, std::string source, const ParseOptions& parse)
    : sink_(sink), ctx_(std::move(source), sink, parse), reader_(ctx_) {
  ctx_.set_event_type(kType);
}

void SyslogBatch::add(const SyslogFrame& frame, std::size_t max_message_bytes) {
  using Kind = SyslogFrame::Kind;
  if (frame.kind == Kind::message) {
    reader_.read({.text = frame.text, .number = frame.number, .offset = frame.offset});
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
  }
  return total;
}

SyslogSlice SyslogBatch::hand_over(std::unique_ptr<ParsedRecords> empty) {
  SyslogSlice slice{empty ? std::move(empty) : std::make_unique<ParsedRecords>(), {}};
  slice.records->clear();
  ctx_.out().swap(*slice.records);
  const TypeCounts now = counted();
  slice.counts = {.accepted = now.accepted - counted_at_hand_over_.accepted,
                  .rejected = now.rejected - counted_at_hand_over_.rejected,
                  .skipped = now.skipped - counted_at_hand_over_.skipped};
  counted_at_hand_over_ = now;  // what fails is gone: not counted with the next slice either
  return slice;
}

TypeCounts SyslogBatch::committed(const TypeCounts& counts, const ParsedRecords& records) {
  TypeCounts held = counts;
  held.duplicates = records.duplicate_events;
  kept_.accepted += held.accepted;
  kept_.rejected += held.rejected;
  kept_.skipped += held.skipped;
  kept_.duplicates += held.duplicates;
  return held;
}

Result<TypeCounts> SyslogBatch::commit() {
  SyslogSlice slice = hand_over(std::move(spare_));
  auto accepted = sink_.accept(*slice.records);
  TypeCounts held;
  if (accepted) held = committed(slice.counts, *slice.records);
  spare_ = std::move(slice.records);
  spare_->clear();
  if (!accepted) return Unexpected(accepted.error());
  return held;
}

}  // namespace ward::ingest
