#include "ingest/mllp/mllp_framing.h"

#include <algorithm>

namespace ward::ingest {
namespace {

// Senders put line breaks between frames; those are not worth a report.
bool is_blank(char c) { return c == '\r' || c == '\n' || c == ' ' || c == '\t'; }

}  // namespace

void MllpFrameDecoder::feed(std::string_view bytes, std::vector<MllpItem>& out) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    switch (state_) {
      case State::after_end:
        state_ = State::outside;
        if (bytes[i] == kMllpCarriageReturn) ++i;  // the 0x0D that belongs to the 0x1C
        break;
      case State::outside: {
        char c = bytes[i++];
        if (c == kMllpStartBlock) {
          start_frame(out);
        } else if (!is_blank(c)) {
          ++outside_bytes_;
        }
        break;
      }
      case State::inside: {
        std::size_t stop = bytes.find_first_of("\x0b\x1c", i);
        std::size_t end = stop == std::string_view::npos ? bytes.size() : stop;
        append(bytes.substr(i, end - i));
        i = end;
        if (stop == std::string_view::npos) break;
        ++i;
        if (bytes[stop] == kMllpEndBlock) {
          end_frame(out);
        } else {  // a new frame starts before this one ended: this one is lost
          out.push_back({MllpItem::Kind::incomplete, {}, frame_bytes_});
          frame_.clear();
          frame_bytes_ = 0;
        }
        break;
      }
    }
  }
}

void MllpFrameDecoder::finish(std::vector<MllpItem>& out) {
  report_outside(out);
  if (state_ == State::inside) out.push_back({MllpItem::Kind::incomplete, {}, frame_bytes_});
  state_ = State::outside;
  frame_ = std::string();
  frame_bytes_ = 0;
}

void MllpFrameDecoder::start_frame(std::vector<MllpItem>& out) {
  report_outside(out);
  state_ = State::inside;
  frame_.clear();
  frame_bytes_ = 0;
}

void MllpFrameDecoder::append(std::string_view chunk) {
  frame_bytes_ += chunk.size();
  if (frame_bytes_ <= max_bytes_) {
    frame_.append(chunk);
    return;
  }
  // Too large: keep only the head, and give the memory back at once.
  std::size_t head = std::min(kTooLargeHeadBytes, max_bytes_);
  if (frame_.size() < head) frame_.append(chunk.substr(0, head - frame_.size()));
  if (frame_.capacity() > head) frame_ = frame_.substr(0, head);
}

void MllpFrameDecoder::end_frame(std::vector<MllpItem>& out) {
  bool too_large = frame_bytes_ > max_bytes_;
  out.push_back({too_large ? MllpItem::Kind::too_large : MllpItem::Kind::message,
                 std::move(frame_), frame_bytes_});
  frame_ = std::string();
  frame_bytes_ = 0;
  state_ = State::after_end;
}

void MllpFrameDecoder::report_outside(std::vector<MllpItem>& out) {
  if (outside_bytes_ == 0) return;
  out.push_back({MllpItem::Kind::outside, {}, outside_bytes_});
  outside_bytes_ = 0;
}

std::string mllp_frame(std::string_view message) {
  std::string framed;
  framed.reserve(message.size() + 3);
  framed += kMllpStartBlock;
  framed += message;
  framed += kMllpEndBlock;
  framed += kMllpCarriageReturn;
  return framed;
}

}  // namespace ward::ingest
