// What of an outbound HTTP request body Ward can read as text, for the DLP scan: the body decoded
// (Content-Encoding gzip, x-gzip, deflate), split into its parts (multipart/form-data, as a file
// upload sends it), and documents turned into their text — a PDF sent as the body, as a part, or
// as base64 inside JSON (AI services' APIs take documents so: `"data":"JVBERi0…"`, a data: URL).
// Images (which may show a face) and parts Ward cannot read (an encrypted PDF, a Word file, a
// Brotli body) are counted, so that the log and the alert say what was not looked at.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ward::dlp {

struct BodyText {
  std::vector<std::string> texts;  // to scan for PHI, each on its own
  std::uint32_t documents = 0;     // PDFs whose text was read
  std::uint32_t images = 0;        // image parts and data: URLs
  std::uint32_t unreadable = 0;    // parts, documents or encodings Ward could not read
};

// `http_head` is the request line and headers as sent (Content-Type, Content-Encoding are read
// from it); at most `max_bytes` of decoded text are kept.
BodyText readable_text(std::string_view http_head, std::string_view body, std::size_t max_bytes);

// The value of header `name` (any case) in an HTTP head, leading blanks dropped; "" when absent.
std::string_view http_header(std::string_view http_head, std::string_view name);

}  // namespace ward::dlp
