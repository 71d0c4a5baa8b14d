#include "ingest/syslog_listener/syslog_framing.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace ward::ingest {
namespace {

constexpr std::size_t kMaxCountDigits = 10;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_trailer(char c) { return c == '\n' || c == '\0'; }

// How a byte is shown in an error: itself when printable, else its hex value.
std::string show_byte(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x21 && u < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02x}", u);
}

std::string_view trim_trailers(std::string_view text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == '\0'))
    text.remove_suffix(1);
  return text;
}

void keep_head(std::string& head, std::string_view more) {
  if (head.size() < kSyslogHeadBytes)
    head.append(more.substr(0, kSyslogHeadBytes - head.size()));
}

}  // namespace

SyslogFrame datagram_frame(std::string_view datagram, std::uint64_t number,
                           std::size_t max_message_bytes) {
  SyslogFrame f;
  f.number = number;
  f.bytes = datagram.size();
  if (datagram.size() > max_message_bytes) {
    f.kind = SyslogFrame::Kind::too_large;
    f.text = datagram.substr(0, kSyslogHeadBytes);
  } else {
    f.text = trim_trailers(datagram);
  }
  return f;
}

SyslogFrameDecoder::SyslogFrameDecoder(std::size_t max_message_bytes, bool octet_counting_only)
    : max_(max_message_bytes), octet_only_(octet_counting_only) {}

std::string_view SyslogFrameDecoder::hold(std::string&& bytes) {
  held_.push_back(std::move(bytes));  // a deque: the views of earlier ones stay valid
  return held_.back();
}

void SyslogFrameDecoder::emit(SyslogFrame::Kind kind, std::string_view text, std::vector<SyslogFrame>& out,
                              std::string reason) {
  SyslogFrame f;
  f.kind = kind;
  f.number = frames_;
  f.offset = frame_offset_;
  f.reason = std::move(reason);
  f.text = text;
  switch (kind) {
    case SyslogFrame::Kind::message:
      f.bytes = text.size();
      f.text = trim_trailers(text);
      break;
    case SyslogFrame::Kind::too_large:
      f.bytes = state_ == State::skip_counted ? length_ : seen_;
      break;
    case SyslogFrame::Kind::malformed:
    case SyslogFrame::Kind::incomplete:
      f.bytes = offset_ - frame_offset_;
      break;
  }
  out.push_back(std::move(f));
}

void SyslogFrameDecoder::begin_frame(char c, std::vector<SyslogFrame>& out) {
  frame_offset_ = offset_;
  ++frames_;
  carry_.clear();
  if (is_digit(c)) {
    count_.clear();
    state_ = State::count;
  } else if (octet_only_) {
    ++offset_;
    emit(SyslogFrame::Kind::malformed, hold(std::string(1, c)), out,
         fmt::format("expected an octet count (digits, a space, then the message, as RFC 5425 "
                     "requires), found {}; rsyslog: set TCP_Framing=\"octet-counted\" on the action",
                     show_byte(c)));
    state_ = State::broken;
  } else {
    seen_ = 0;
    state_ = State::line;
  }
}

void SyslogFrameDecoder::feed(std::string_view bytes, std::vector<SyslogFrame>& out) {
  held_.clear();
  std::size_t i = 0;
  while (i < bytes.size() && state_ != State::broken) {
    switch (state_) {
      case State::start: {
        char c = bytes[i];
        if (c == '\n' || c == '\r' || c == '\0') {  // a trailer after a counted frame, a blank line
          ++i;
          ++offset_;
        } else {
          begin_frame(c, out);
          if (state_ == State::broken) ++i;
        }
        break;
      }
      case State::count: {
        char c = bytes[i];
        if (is_digit(c) && count_.size() < kMaxCountDigits) {
          count_ += c;
          ++i;
          ++offset_;
          break;
        }
        if (c != ' ' || count_[0] == '0') {
          ++offset_;
          std::string reason =
              count_[0] == '0'  ? fmt::format("octet count \"{}\" starts with 0", count_)
              : is_digit(c)     ? fmt::format("octet count longer than {} digits", kMaxCountDigits)
                                : fmt::format("expected a space after the octet count \"{}\", found {}",
                                              count_, show_byte(c));
          emit(SyslogFrame::Kind::malformed, hold(count_ + c), out, std::move(reason));
          state_ = State::broken;
          break;
        }
        ++i;
        ++offset_;
        std::from_chars(count_.data(), count_.data() + count_.size(), length_);
        remaining_ = length_;
        state_ = length_ > max_ ? State::skip_counted : State::counted;
        break;
      }
      case State::counted:
      case State::skip_counted: {
        std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, bytes.size() - i));
        std::string_view part = bytes.substr(i, take);
        i += take;
        offset_ += take;
        remaining_ -= take;
        const bool whole_here = state_ == State::counted && remaining_ == 0 && carry_.empty();
        if (whole_here) {  // the common case: the frame is in this read, viewed where it is
          emit(SyslogFrame::Kind::message, part, out);
          state_ = State::start;
          break;
        }
        if (state_ == State::counted) carry_.append(part); else keep_head(carry_, part);
        if (remaining_ == 0) {
          emit(state_ == State::counted ? SyslogFrame::Kind::message : SyslogFrame::Kind::too_large,
               hold(std::move(carry_)), out);
          carry_.clear();
          state_ = State::start;
        }
        break;
      }
      case State::line:
      case State::skip_line: {
        std::string_view rest = bytes.substr(i);
        std::size_t end = std::find_if(rest.begin(), rest.end(), is_trailer) - rest.begin();
        std::string_view part = rest.substr(0, end);
        if (state_ == State::line && carry_.size() + part.size() > max_) {
          carry_.resize(std::min(carry_.size(), kSyslogHeadBytes));
          state_ = State::skip_line;
        }
        seen_ += part.size();
        bool ended = end < rest.size();
        i += part.size() + (ended ? 1 : 0);
        offset_ += part.size() + (ended ? 1 : 0);
        if (ended && state_ == State::line && carry_.empty()) {  // the line is in this read
          emit(SyslogFrame::Kind::message, part, out);
          state_ = State::start;
          break;
        }
        if (state_ == State::line) carry_.append(part); else keep_head(carry_, part);
        if (ended) {
          emit(state_ == State::line ? SyslogFrame::Kind::message : SyslogFrame::Kind::too_large,
               hold(std::move(carry_)), out);
          carry_.clear();
          state_ = State::start;
        }
        break;
      }
      case State::broken:
        break;
    }
  }
}

void SyslogFrameDecoder::finish(std::vector<SyslogFrame>& out) {
  held_.clear();
  switch (state_) {
    case State::line:
      if (!carry_.empty()) emit(SyslogFrame::Kind::message, hold(std::move(carry_)), out);
      break;
    case State::skip_line:
      emit(SyslogFrame::Kind::too_large, hold(std::move(carry_)), out);
      break;
    case State::count:
      emit(SyslogFrame::Kind::incomplete, hold(std::string(count_)), out,
           fmt::format("the connection closed inside the octet count \"{}\"", count_));
      break;
    case State::counted:
    case State::skip_counted:
      emit(SyslogFrame::Kind::incomplete, hold(std::move(carry_)), out,
           fmt::format("the connection closed {} bytes into a message of {} bytes",
                       length_ - remaining_, length_));
      break;
    case State::start:
    case State::broken:
      break;
  }
  carry_.clear();
  state_ = State::start;
}

}  // namespace ward::ingest
