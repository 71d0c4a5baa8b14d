// ICAP (RFC 3507) as a proxy such as squid speaks it to a REQMOD service: requests read
// incrementally from a connection (the ICAP head, the encapsulated HTTP request head, the chunked
// body, previews), and the answers Ward gives — OPTIONS, 204 No Content (let it through), an HTTP
// 403 page in place of the request (block), the request itself back (when 204 is not allowed),
// and 400 for what cannot be read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ward::dlp {

struct IcapRequest {
  std::string method;  // OPTIONS, REQMOD, RESPMOD
  std::string uri;     // icap://host:port/service
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string http_head;      // the encapsulated HTTP request line and headers, as sent
  std::string body;           // de-chunked, up to the decoder's limit
  std::uint64_t body_bytes = 0;  // all of it, also past the limit
  bool has_body = false;

  std::string_view header(std::string_view lower_name) const;  // "" when absent
  bool allows_204() const;
  bool body_truncated() const { return body_bytes > body.size(); }
};

class IcapDecoder {
 public:
  explicit IcapDecoder(std::size_t max_body_bytes) : max_body_(max_body_bytes) {}

  enum class Step { need_more, request, send_continue, error };
  // Takes bytes as they arrive; then call next() until it says need_more. `request`: one is
  // complete (take()); send_continue: a preview ended, answer "100 Continue" (continue_response())
  // and feed the rest; error: the stream cannot be read (error_text() says why), close it.
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  Step next();
  IcapRequest take() { return std::move(done_); }
  const std::string& error_text() const { return error_; }

 private:
  enum class State { head, http_head, chunk_size, chunk_data, chunk_end, preview_end, trailer };
  Step fail(std::string why);
  bool read_line(std::string& line);  // a CRLF-ended line from the buffer, false when not all there

  std::size_t max_body_;
  std::string buffer_;
  std::size_t at_ = 0;  // read position in buffer_
  State state_ = State::head;
  IcapRequest current_, done_;
  std::size_t http_head_bytes_ = 0;
  std::uint64_t chunk_left_ = 0;
  bool preview_ = false;
  std::string error_;
};

// ISTag names the service's state: a proxy may cache answers while it is unchanged.
inline constexpr std::string_view kIsTag = "\"ward-dlp-1\"";

std::string options_response(int max_connections);
std::string no_content_response();
std::string continue_response();
std::string bad_request_response(std::string_view reason);
// The request unchanged (200 with the request encapsulated again): for a client that did not
// send "Allow: 204".
std::string unchanged_response(const IcapRequest& request);
// An HTTP 403 with `html` as the answer to the request: it never reaches its destination.
std::string blocked_response(std::string_view html);

}  // namespace ward::dlp
