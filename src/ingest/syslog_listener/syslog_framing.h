// Syslog over a byte stream (TCP, TLS) cut into messages, RFC 6587: octet counting
// ("LEN SP MSG", as RFC 5425 requires for TLS) when a frame starts with a digit, else
// non-transparent framing (the message ends at LF or NUL), decided again for every message.
// SyslogFrameDecoder::feed() takes bytes as reads deliver them and yields whole frames, as views
// into those bytes (copied only when a frame spans two reads).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace ward::ingest {

struct SyslogFrame {
  enum class Kind {
    message,    // `text` is one whole message (a trailing CR, LF or NUL removed)
    too_large,  // longer than the limit: `text` holds its first bytes only; skipped, the stream goes on
    malformed,  // bytes that are not a frame (a bad octet count): `reason` says what was found
    incomplete  // the connection ended inside a frame: `text` holds what had arrived
  };
  Kind kind = Kind::message;
  // A view into the bytes given to feed() (or to datagram_frame()) or into the decoder: valid
  // until the decoder's next feed() or finish(), and while those bytes are.
  std::string_view text;
  std::uint64_t number = 0;  // 1-based count of frames on the connection
  std::uint64_t offset = 0;  // byte offset of the frame's first byte in the connection
  std::uint64_t bytes = 0;   // the frame's length (for too_large: as counted or seen so far)
  std::string reason;        // malformed and incomplete: what is wrong, for the log and quarantine
};

// One UDP datagram as a frame (RFC 5426: a datagram holds one message): a message with trailing
// CR, LF and NUL removed, or too_large (its head kept) when over `max_message_bytes`. The text
// views `datagram`.
SyslogFrame datagram_frame(std::string_view datagram, std::uint64_t number,
                           std::size_t max_message_bytes);

// How much of an over-long message is kept for quarantine.
inline constexpr std::size_t kSyslogHeadBytes = 4096;

// One per connection; not thread-safe. A frame is never longer than `max_message_bytes`, and the
// decoder never buffers more than that. After a malformed frame the decoder cannot tell where the
// next message starts: broken() turns true and the connection should be closed.
class SyslogFrameDecoder {
 public:
  // `octet_counting_only`: a frame that does not start with a digit is malformed (TLS, RFC 5425).
  explicit SyslogFrameDecoder(std::size_t max_message_bytes, bool octet_counting_only = false);

  // Appends the frames completed by `bytes` to `out`. Bytes after a malformed frame are ignored.
  // The frames' texts view `bytes` or the decoder: use them before the next feed() or finish().
  void feed(std::string_view bytes, std::vector<SyslogFrame>& out);
  // The connection ended: a newline-framed message without its trailer is taken as a message
  // (some senders close instead of ending the last line); a partial octet-counted one is
  // `incomplete`.
  void finish(std::vector<SyslogFrame>& out);

  bool broken() const { return state_ == State::broken; }
  std::uint64_t bytes_seen() const { return offset_; }

 private:
  enum class State { start, count, counted, line, skip_counted, skip_line, broken };

  void emit(SyslogFrame::Kind kind, std::string_view text, std::vector<SyslogFrame>& out,
            std::string reason = {});
  void begin_frame(char c, std::vector<SyslogFrame>& out);
  // Keeps `bytes` until the next feed() or finish(), for a frame's text to view.
  std::string_view hold(std::string&& bytes);

  std::size_t max_;
  bool octet_only_;
  State state_ = State::start;
  std::uint64_t offset_ = 0;       // bytes consumed on the connection
  std::uint64_t frame_offset_ = 0;
  std::uint64_t frames_ = 0;
  std::uint64_t length_ = 0;       // octet count being read, or of the frame being read
  std::uint64_t remaining_ = 0;    // bytes still to read or skip of a counted frame
  std::uint64_t seen_ = 0;         // bytes of a frame being skipped
  std::string count_;              // the digits read so far
  std::string carry_;              // the frame's bytes from earlier reads (or head, when skipping)
  std::deque<std::string> held_;   // texts of the frames emitted by the last feed() that were carried
};

}  // namespace ward::ingest
