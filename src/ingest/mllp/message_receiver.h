// What the MLLP listener does with each message it receives, without sockets: commit it to the
// store through the import path (the HL7 v2 parser, quarantine and all), and only then build the
// ACK that says so — or the NAK that says why not. MllpServer calls it; tests call it directly.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/input_status.h"
#include "ingest/import/importer.h"
#include "ingest/mllp/hl7v2_ack.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

// Called after each message the store committed and Ward acknowledged with AA, with what it
// held (e.g. one ADT^A01 accepted); for incremental work such as privacy scoring. Runs on a
// listener thread before the ACK is sent: it must be thread-safe and must not throw, and a slow
// hook delays that connection's ACK.
using CommittedHook = std::function<void(const ImportSummary&)>;

// Who sent a message Ward committed and answered AA: the connection's peer address and the
// message's MSH-3/MSH-4, for passive discovery of HL7 v2 senders (src/discovery). Views valid
// during the call only. HD components as sent ("EHRApp^1.Edu^ISO"); `component` separates them.
struct Hl7Sender {
  std::string_view peer_ip;              // "10.20.5.5", "::1"; the connection's remote address
  std::string_view sending_application;  // MSH-3
  std::string_view sending_facility;     // MSH-4
  char component = '^';                  // the message's component separator (MSH-2)
  TimeNs time = 0;                       // when Ward committed it
};
// Called after the committed hook, with the same rules (thread-safe, must not throw, delays
// that connection's ACK while it runs).
using SenderHook = std::function<void(const Hl7Sender&)>;

// What became of one message.
struct Receipt {
  std::string ack;            // the ACK message (segments ended by \r, not framed)
  AckCode code = AckCode::accept;
  std::string record_type;    // "ADT^A01", "HL7v2" when unreadable: for the log
  std::string reason;         // why it was refused (never PHI); "" for AA
  bool store_failed = false;  // the store could not commit: nothing of it was kept
  ImportSummary summary;      // what was committed (what the hook is told)
  AckedHeader header;         // the message's MSH as read for the ACK (sender, delimiters)
};

// Counts since start (relaxed atomics: each exact, not a snapshot as a whole).
struct MllpCounters {
  std::atomic<std::uint64_t> received{0};        // frames answered
  std::atomic<std::uint64_t> accepted{0};        // messages committed and answered AA
  std::atomic<std::uint64_t> rejected{0};        // quarantined or refused, answered AE/AR with the reason
  std::atomic<std::uint64_t> store_failures{0};  // not kept (answered AE: the sender sends them again)
  LastReceived last_received;
};

// Thread-safe: one receiver serves every connection (the sink must be thread-safe, as the
// Store is). `sink` must outlive the receiver.
class MessageReceiver {
 public:
  MessageReceiver(RecordSink& sink, ParseOptions parse, CommittedHook on_committed = {},
                  SenderHook on_sender = {});

  // Parses and commits the one message in `message` (the content of an MLLP frame) under the
  // source name `source` ("mllp:127.0.0.1:54321"), then answers it. A message the parser
  // rejects is quarantined (committed) and answered AE/AR with the reason; a frame holding no
  // message or more than one is answered AR and nothing of it is stored; a store failure is
  // answered AE and nothing is kept. Never throws: anything thrown below (out of memory) is
  // answered AE with code 207 and the exception's text in Receipt::reason. `peer_ip`, the
  // connection's remote address, is what the sender hook is told ("" = no sender hook call).
  Receipt receive(std::string_view message, const std::string& source, std::string_view peer_ip = {});

  // Answers a frame longer than the limit, of which only `head` (its first bytes) was kept:
  // quarantines a too_large rejection with the head and answers AR with code 104.
  Receipt refuse_too_large(std::string_view head, std::uint64_t bytes, std::uint64_t limit,
                           const std::string& source);

  const MllpCounters& counters() const { return counters_; }

 private:
  Receipt receive_one(std::string_view message, const std::string& source);
  Receipt answer(std::string_view message, AckCode code, const AckError* error);
  Receipt refuse(std::string_view message, const Error& rejection, std::string record_type);
  Receipt counted(Receipt r);

  RecordSink& sink_;
  ImportOptions import_;
  CommittedHook on_committed_;
  SenderHook on_sender_;
  std::atomic<std::uint64_t> next_ack_number_{0};
  MllpCounters counters_;
};

}  // namespace ward::ingest
