// Reading ICAP requests and writing answers (icap_message.h).
#include "dlp/icap_message.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "core/blanks.h"

namespace ward::dlp {
namespace {

constexpr std::size_t kMaxHeadBytes = 64 * 1024;

std::string chunked(std::string_view body) {
  std::string out;
  if (!body.empty()) out = fmt::format("{:x}\r\n{}\r\n", body.size(), body);
  return out + "0\r\n\r\n";
}

}  // namespace

std::string_view IcapRequest::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers)
    if (name == lower_name) return value;
  return {};
}

bool IcapRequest::allows_204() const {
  const std::string allow = ascii_lower(header("allow"));
  return allow.find("204") != std::string::npos;
}

IcapDecoder::Step IcapDecoder::fail(std::string why) {
  error_ = std::move(why);
  return Step::error;
}

bool IcapDecoder::read_line(std::string& line) {
  const std::size_t eol = buffer_.find("\r\n", at_);
  if (eol == std::string::npos) return false;
  line.assign(buffer_, at_, eol - at_);
  at_ = eol + 2;
  return true;
}

IcapDecoder::Step IcapDecoder::next() {
  if (!error_.empty()) return Step::error;
  while (true) {
    switch (state_) {
      case State::head: {
        const std::size_t end = buffer_.find("\r\n\r\n", at_);
        if (end == std::string::npos) {
          if (buffer_.size() - at_ > kMaxHeadBytes) return fail("ICAP head over 64 KiB");
          // Drop what was read before, so a long connection does not grow its buffer.
          if (at_ > 0) { buffer_.erase(0, at_); at_ = 0; }
          return Step::need_more;
        }
        std::string_view head(buffer_.data() + at_, end - at_);
        at_ = end + 4;
        current_ = IcapRequest{};
        const std::size_t eol = head.find("\r\n");
        const std::string_view request_line = head.substr(0, eol);
        const std::size_t s1 = request_line.find(' '), s2 = request_line.rfind(' ');
        if (s1 == std::string_view::npos || s2 == s1 || !request_line.substr(s2 + 1).starts_with("ICAP/1."))
          return fail("not an ICAP request line");
        current_.method = std::string(request_line.substr(0, s1));
        current_.uri = std::string(request_line.substr(s1 + 1, s2 - s1 - 1));
        std::string_view rest = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
        while (!rest.empty()) {
          const std::size_t e = rest.find("\r\n");
          const std::string_view line = rest.substr(0, e);
          rest = e == std::string_view::npos ? std::string_view() : rest.substr(e + 2);
          const std::size_t colon = line.find(':');
          if (colon == std::string_view::npos) return fail("ICAP header line without a colon");
          current_.headers.emplace_back(ascii_lower(trim_blanks(line.substr(0, colon))), std::string(trim_blanks(line.substr(colon + 1))));
        }
        // Encapsulated: req-hdr=0, req-body=412 | req-hdr=0, null-body=170 | null-body=0
        // OPTIONS may come without one (squid sends none): no encapsulated parts.
        const std::string_view encapsulated =
            current_.header("encapsulated").empty() && current_.method == "OPTIONS" ? "null-body=0" : current_.header("encapsulated");
        if (encapsulated.empty()) return fail("no Encapsulated header");
        std::size_t hdr = 0, body_at = 0;
        bool has_hdr = false;
        for (std::size_t p = 0; p < encapsulated.size();) {
          std::size_t comma = encapsulated.find(',', p);
          std::string_view part = trim_blanks(encapsulated.substr(p, comma == std::string_view::npos ? std::string_view::npos : comma - p));
          p = comma == std::string_view::npos ? encapsulated.size() : comma + 1;
          const std::size_t eq = part.find('=');
          if (eq == std::string_view::npos) return fail("Encapsulated: expected name=offset");
          std::size_t offset = 0;
          const std::string_view digits = part.substr(eq + 1);
          if (std::from_chars(digits.data(), digits.data() + digits.size(), offset).ec != std::errc())
            return fail("Encapsulated: offset is not a number");
          const std::string_view name = part.substr(0, eq);
          if (name == "req-hdr" || name == "res-hdr") { hdr = offset; has_hdr = true; }
          else if (name == "req-body" || name == "res-body") { body_at = offset; current_.has_body = true; }
          else if (name == "null-body") body_at = offset;
          else return fail(fmt::format("Encapsulated: unknown part {}", name));
        }
        if (has_hdr && body_at < hdr) return fail("Encapsulated: the body comes before the head");
        http_head_bytes_ = has_hdr ? body_at - hdr : 0;
        preview_ = !current_.header("preview").empty();
        state_ = State::http_head;
        break;
      }
      case State::http_head:
        if (buffer_.size() - at_ < http_head_bytes_) return Step::need_more;
        current_.http_head.assign(buffer_, at_, http_head_bytes_);
        at_ += http_head_bytes_;
        if (!current_.has_body) {
          state_ = State::head;
          done_ = std::move(current_);
          return Step::request;
        }
        state_ = State::chunk_size;
        break;
      case State::chunk_size: {
        std::string line;
        if (!read_line(line)) return Step::need_more;
        const std::size_t semi = line.find(';');
        const std::string_view size_text = trim_blanks(std::string_view(line).substr(0, semi));
        std::uint64_t size = 0;
        if (size_text.empty() ||
            std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16).ec != std::errc())
          return fail("chunk size is not a hex number");
        if (size == 0) {
          const bool ieof = semi != std::string::npos && line.find("ieof", semi) != std::string::npos;
          // A preview that ends without "ieof": more follows once we ask for it.
          state_ = preview_ && !ieof ? State::preview_end : State::trailer;
          break;
        }
        chunk_left_ = size;
        state_ = State::chunk_data;
        break;
      }
      case State::chunk_data: {
        const std::size_t have = std::min<std::uint64_t>(chunk_left_, buffer_.size() - at_);
        if (have == 0) return Step::need_more;
        const std::size_t keep = current_.body.size() < max_body_ ? std::min(have, max_body_ - current_.body.size()) : 0;
        current_.body.append(buffer_, at_, keep);
        current_.body_bytes += have;
        at_ += have;
        chunk_left_ -= have;
        if (at_ == buffer_.size()) { buffer_.clear(); at_ = 0; }
        if (chunk_left_ > 0) return Step::need_more;
        state_ = State::chunk_end;
        break;
      }
      case State::chunk_end: {  // the CRLF after a chunk's data (or after a preview's last chunk)
        std::string line;
        if (!read_line(line)) return Step::need_more;
        if (!line.empty()) return fail("chunk not followed by CRLF");
        state_ = State::chunk_size;
        break;
      }
      case State::preview_end: {
        std::string line;
        if (!read_line(line)) return Step::need_more;
        if (!line.empty()) return fail("preview not ended by an empty line");
        preview_ = false;
        state_ = State::chunk_size;
        return Step::send_continue;
      }
      case State::trailer: {  // the empty line that ends the body
        std::string line;
        if (!read_line(line)) return Step::need_more;
        if (!line.empty()) break;  // a trailer header: skipped
        state_ = State::head;
        done_ = std::move(current_);
        return Step::request;
      }
    }
  }
}

std::string options_response(int max_connections) {
  return fmt::format("ICAP/1.0 200 OK\r\nMethods: REQMOD\r\nService: Ward PHI DLP\r\nISTag: {}\r\nAllow: 204\r\n"
                     "Max-Connections: {}\r\nOptions-TTL: 3600\r\nEncapsulated: null-body=0\r\n\r\n",
                     kIsTag, max_connections);
}

std::string no_content_response() {
  return fmt::format("ICAP/1.0 204 No Content\r\nISTag: {}\r\nEncapsulated: null-body=0\r\n\r\n", kIsTag);
}

std::string continue_response() { return "ICAP/1.0 100 Continue\r\n\r\n"; }

std::string bad_request_response(std::string_view reason) {
  return fmt::format("ICAP/1.0 400 Bad Request\r\nISTag: {}\r\nX-Ward-Reason: {}\r\nEncapsulated: null-body=0\r\n\r\n", kIsTag,
                     reason);
}

std::string unchanged_response(const IcapRequest& r) {
  if (!r.has_body)
    return fmt::format("ICAP/1.0 200 OK\r\nISTag: {}\r\nEncapsulated: req-hdr=0, null-body={}\r\n\r\n{}", kIsTag,
                       r.http_head.size(), r.http_head);
  return fmt::format("ICAP/1.0 200 OK\r\nISTag: {}\r\nEncapsulated: req-hdr=0, req-body={}\r\n\r\n{}{}", kIsTag,
                     r.http_head.size(), r.http_head, chunked(r.body));
}

std::string blocked_response(std::string_view html) {
  const std::string http = fmt::format("HTTP/1.1 403 Forbidden\r\nContent-Type: text/html; charset=utf-8\r\n"
                                       "Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
                                       html.size());
  return fmt::format("ICAP/1.0 200 OK\r\nISTag: {}\r\nEncapsulated: res-hdr=0, res-body={}\r\n\r\n{}{}", kIsTag, http.size(),
                     http, chunked(html));
}

}  // namespace ward::dlp
