// MLLP (the Minimal Lower Layer Protocol of HL7 v2 over TCP): a message travels as
// 0x0B <message> 0x1C 0x0D. MllpFrameDecoder turns received bytes, however TCP splits them, into
// whole messages; mllp_frame() wraps an outgoing one (an ACK). Start with MllpFrameDecoder::feed().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ward::ingest {

inline constexpr char kMllpStartBlock = '\x0b';
inline constexpr char kMllpEndBlock = '\x1c';
inline constexpr char kMllpCarriageReturn = '\x0d';

// One thing found in the received bytes, in the order received.
struct MllpItem {
  enum class Kind {
    message,     // a whole frame: `text` is the message between 0x0B and 0x1C
    too_large,   // a whole frame longer than the limit: `text` holds only its first bytes
    outside,     // bytes outside any frame (not counting line breaks and blanks), skipped
    incomplete,  // a frame cut short by a new 0x0B or by the end of the connection, dropped
  };
  Kind kind = Kind::message;
  std::string text;
  std::uint64_t bytes = 0;  // the frame's content size, or how many bytes were skipped/dropped
};

// Reassembles frames from a byte stream. A frame holds at most `max_message_bytes`; the content
// of a longer one is not kept (only its first kTooLargeHeadBytes, so the answer can name its MSH)
// and it is reported as too_large once its end arrives, so memory stays bounded whatever a peer
// sends. A 0x1C ends a frame whether or not the 0x0D follows. One decoder per connection; not
// thread-safe.
class MllpFrameDecoder {
 public:
  static constexpr std::size_t kTooLargeHeadBytes = 4096;

  explicit MllpFrameDecoder(std::size_t max_message_bytes) : max_bytes_(max_message_bytes) {}

  // Appends to `out` what `bytes` completes. Bytes outside frames are reported as one item per
  // run, when the next frame starts (or at finish()), not once per read.
  void feed(std::string_view bytes, std::vector<MllpItem>& out);

  // At the end of the connection: reports outside bytes not yet reported and a frame still
  // open (incomplete), and resets the decoder.
  void finish(std::vector<MllpItem>& out);

 private:
  enum class State { outside, inside, after_end };
  void start_frame(std::vector<MllpItem>& out);
  void append(std::string_view chunk);
  void end_frame(std::vector<MllpItem>& out);
  void report_outside(std::vector<MllpItem>& out);

  std::size_t max_bytes_;
  State state_ = State::outside;
  std::string frame_;           // the open frame's content, or its head once it is too large
  std::uint64_t frame_bytes_ = 0;  // bytes of the open frame so far
  std::uint64_t outside_bytes_ = 0;
};

// 0x0B message 0x1C 0x0D.
std::string mllp_frame(std::string_view message);

}  // namespace ward::ingest
