#include "ingest/mllp/message_receiver.h"

#include <fmt/format.h>

#include "ingest/hl7v2/hl7v2_stream.h"

namespace ward::ingest {
namespace {

// What the log and quarantine call a message: "ADT^A01", as the HL7 parser counts it.
std::string record_type_of(const AckedHeader& h) {
  if (h.message_type.empty()) return "HL7v2";
  return h.trigger_event.empty() ? h.message_type : h.message_type + "^" + h.trigger_event;
}

// How many messages (and runs of text that are not messages) the frame holds.
std::size_t count_chunks(std::string_view message) {
  Hl7v2Splitter splitter(message);
  Hl7v2Chunk chunk;
  std::size_t n = 0;
  while (splitter.next(chunk)) ++n;
  return n;
}

}  // namespace

MessageReceiver::MessageReceiver(RecordSink& sink, ParseOptions parse, CommittedHook on_committed,
                                 SenderHook on_sender)
    : sink_(sink), on_committed_(std::move(on_committed)), on_sender_(std::move(on_sender)) {
  import_.format = InputFormat::hl7v2;
  import_.parse = parse;
  import_.parse.threads = 1;  // one message: nothing to read in parts
}

Receipt MessageReceiver::answer(std::string_view message, AckCode code, const AckError* error) {
  AckedHeader header = read_acked_header(message);
  TimeNs now = now_ns();
  std::uint64_t n = next_ack_number_.fetch_add(1, std::memory_order_relaxed);
  // Seconds since 1970 and a counter: unique across restarts unless a million ACKs a second.
  std::string id = fmt::format("{}{:06}", now / kNsPerSecond, n % 1'000'000);
  Receipt r;
  r.code = code;
  r.record_type = record_type_of(header);
  r.ack = build_ack(header, {.code = code, .control_id = id, .time = now, .error = error});
  if (error != nullptr) r.reason = error->text;
  r.header = std::move(header);
  return r;
}

Receipt MessageReceiver::refuse(std::string_view message, const Error& rejection,
                                std::string record_type) {
  Refusal refusal = refusal_for(rejection, message);
  Receipt r = answer(message, refusal.code, &refusal.error);
  if (!record_type.empty()) r.record_type = std::move(record_type);
  return r;
}

Receipt MessageReceiver::receive(std::string_view message, const std::string& source, std::string_view peer_ip) {
  Receipt r;
  try {
    r = receive_one(message, source);
  } catch (const std::exception& e) {
    AckError error{.hl7_code = 207, .text = "internal error in Ward; the message was not kept"};
    r = answer(message, AckCode::error, &error);
    r.reason = e.what();
    r.store_failed = true;
    return counted(std::move(r));
  }
  if (r.code == AckCode::accept && on_committed_) on_committed_(r.summary);
  if (r.code == AckCode::accept && on_sender_ && !peer_ip.empty()) {
    on_sender_({.peer_ip = peer_ip, .sending_application = r.header.sending_application,
                .sending_facility = r.header.sending_facility,
                .component = r.header.delimiters.component, .time = now_ns()});
  }
  return counted(std::move(r));
}

Receipt MessageReceiver::counted(Receipt r) {
  ++counters_.received;
  counters_.last_received.now();
  if (r.store_failed) ++counters_.store_failures;
  else if (r.code == AckCode::accept) ++counters_.accepted;
  else ++counters_.rejected;
  return r;
}

Receipt MessageReceiver::receive_one(std::string_view message, const std::string& source) {
  if (std::size_t chunks = count_chunks(message); chunks != 1) {
    return refuse(message,
                  Error{ErrorCode::invalid_input,
                        chunks == 0 ? std::string("the MLLP frame holds no message")
                                    : fmt::format("the MLLP frame holds {} messages or runs of text; "
                                                  "send one message per frame", chunks),
                        source, 0, 0, {}},
                  {});
  }
  auto report = import_buffer(message, source, sink_, import_);
  if (!report) {
    AckError error{.hl7_code = 207,
                   .text = "Ward could not store the message and did not keep it; send it again"};
    Receipt r = answer(message, AckCode::error, &error);
    r.reason = report.error().describe();
    r.store_failed = true;
    return r;
  }
  const ImportSummary& summary = report->summary;
  std::string record_type = summary.by_type.empty() ? std::string() : summary.by_type.begin()->first;
  if (report->failure) return refuse(message, *report->failure, std::move(record_type));
  if (summary.rejected() > 0 && !report->first_rejections.empty())
    return refuse(message, report->first_rejections.front(), std::move(record_type));
  if (summary.accepted() + summary.skipped() == 0)
    return refuse(message, Error{ErrorCode::invalid_input, "the frame holds no HL7 message", source, 0, 0, {}},
                  std::move(record_type));
  Receipt r = answer(message, AckCode::accept, nullptr);
  r.record_type = std::move(record_type);
  r.summary = summary;
  return r;
}

Receipt MessageReceiver::refuse_too_large(std::string_view head, std::uint64_t bytes,
                                          std::uint64_t limit, const std::string& source) {
  Error error{ErrorCode::too_large,
              fmt::format("message is {} bytes, over the limit of {} (mllp.max_message_bytes)",
                          bytes, limit),
              source, 0, 0, "message"};
  std::string record_type = record_type_of(read_acked_header(head));
  ParsedRecords quarantine;
  quarantine.rejections.push_back({error, record_type, std::string(head)});
  auto stored = sink_.accept(quarantine);
  Receipt r = refuse(head, error, std::move(record_type));
  r.store_failed = !stored;
  return counted(std::move(r));
}

}  // namespace ward::ingest
