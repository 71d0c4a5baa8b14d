// An outbound request body made readable for the DLP scan (request_body.h).
#include "dlp/request_body.h"

#include <zlib.h>

#include "core/ascii_case.h"
#include "core/base64.h"
#include "phi/formats/image_files.h"
#include "phi/formats/pdf_text.h"

namespace ward::dlp {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A parameter of a header value: `boundary` of `multipart/form-data; boundary="x"`.
std::string_view parameter(std::string_view value, std::string_view name) {
  for (std::size_t at = value.find(';'); at != std::string_view::npos; at = value.find(';', at + 1)) {
    std::string_view p = trim(value.substr(at + 1, value.find(';', at + 1) - at - 1));
    if (p.size() > name.size() && p[name.size()] == '=' && ascii_iequals(p.substr(0, name.size()), name)) {
      p.remove_prefix(name.size() + 1);
      if (p.size() >= 2 && p.front() == '"' && p.back() == '"') p = p.substr(1, p.size() - 2);
      return p;
    }
  }
  return {};
}

// Inflates gzip or zlib (`window_bits` as zlib's inflateInit2 takes it) up to `max_bytes`; false
// when the data is not what it says.
bool inflate_into(std::string_view in, int window_bits, std::size_t max_bytes, std::string& out) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  char chunk[16384];
  while (rc == Z_OK && out.size() < max_bytes) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(chunk, sizeof chunk - z.avail_out);
    if (z.avail_in == 0 && rc == Z_OK && z.avail_out != 0) break;  // truncated input: keep what came
  }
  inflateEnd(&z);
  if (out.size() > max_bytes) out.resize(max_bytes);
  return rc == Z_OK || rc == Z_STREAM_END;
}

class Reader {
 public:
  Reader(BodyText& out, std::size_t max_bytes) : out_(out), max_bytes_(max_bytes) {}

  // One body or part, of `content_type` ("" when not said).
  void content(std::string_view content_type, std::string_view bytes, int depth = 0) {
    const std::string type = ascii_lower(trim(content_type.substr(0, content_type.find(';'))));
    if (type == "multipart/form-data" || type == "multipart/mixed" || type == "multipart/related") {
      const std::string_view boundary = parameter(content_type, "boundary");
      if (!boundary.empty() && depth < 4) return multipart(boundary, bytes, depth);
    }
    if (type == "application/pdf" || phi::looks_like_pdf(bytes)) return pdf(bytes);
    if (type.starts_with("image/") || !phi::image_format(bytes.substr(0, 16)).empty()) {
      ++out_.images;
      return;
    }
    if (bytes.find('\0') != std::string_view::npos) {  // a file Ward cannot read: Word, zip, audio…
      ++out_.unreadable;
      return;
    }
    text(bytes);
  }

 private:
  void pdf(std::string_view bytes) {
    auto read = phi::pdf_text(bytes);
    if (!read || read->pages_without_text == read->pages.size()) {
      ++out_.unreadable;
      return;
    }
    ++out_.documents;
    for (std::string& page : read->pages) add(std::move(page));
  }

  // Text, and the documents and images inside it as base64 (JSON APIs) or data: URLs.
  void text(std::string_view bytes) {
    add(std::string(bytes));
    for (std::size_t at = bytes.find("JVBERi0"); at != std::string_view::npos; at = bytes.find("JVBERi0", at + 1)) {
      std::string encoded;  // base64 characters; JSON may write '/' as "\/"
      std::size_t end = at;
      while (end < bytes.size()) {
        const char c = bytes[end];
        if (c == '\\' && end + 1 < bytes.size() && bytes[end + 1] == '/') {
          encoded += '/';
          end += 2;
        } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=') {
          encoded += c;
          ++end;
        } else {
          break;
        }
      }
      std::string decoded;
      if (decode_base64(encoded, decoded, max_bytes_)) pdf(decoded);
      else ++out_.unreadable;
      at = end;
    }
    for (std::size_t at = bytes.find("data:image/"); at != std::string_view::npos; at = bytes.find("data:image/", at + 1))
      ++out_.images;
  }

  void multipart(std::string_view boundary, std::string_view bytes, int depth) {
    const std::string delimiter = "--" + std::string(boundary);
    std::size_t at = bytes.find(delimiter);
    while (at != std::string_view::npos) {
      std::size_t start = at + delimiter.size();
      if (bytes.substr(start, 2) == "--") return;  // the closing delimiter
      const std::size_t head_end = bytes.find("\r\n\r\n", start);
      if (head_end == std::string_view::npos) return;
      const std::string_view head = bytes.substr(start, head_end - start);
      const std::size_t next = bytes.find("\r\n" + delimiter, head_end + 4);
      const std::string_view part = bytes.substr(head_end + 4, next == std::string_view::npos ? std::string_view::npos : next - head_end - 4);
      content(http_header(head, "content-type"), part, depth + 1);
      at = next == std::string_view::npos ? next : next + 2;
    }
  }

  void add(std::string text) {
    if (used_ >= max_bytes_) return;
    if (text.size() > max_bytes_ - used_) text.resize(max_bytes_ - used_);
    used_ += text.size();
    out_.texts.push_back(std::move(text));
  }

  BodyText& out_;
  std::size_t max_bytes_;
  std::size_t used_ = 0;
};

}  // namespace

std::string_view http_header(std::string_view head, std::string_view name) {
  for (std::size_t at = 0; at < head.size();) {
    const std::size_t end = std::min(head.find("\r\n", at), head.size());
    const std::string_view line = head.substr(at, end - at);
    if (line.size() > name.size() && line[name.size()] == ':' && ascii_iequals(line.substr(0, name.size()), name))
      return trim(line.substr(name.size() + 1));
    at = end + 2;
  }
  return {};
}

BodyText readable_text(std::string_view http_head, std::string_view body, std::size_t max_bytes) {
  BodyText out;
  const std::string encoding = ascii_lower(http_header(http_head, "content-encoding"));
  std::string decoded;
  if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
    // deflate is zlib-wrapped by the RFC, raw by some clients: 15 + 32 reads gzip and zlib alike.
    if (!inflate_into(body, 15 + 32, max_bytes, decoded) && (decoded.clear(), !inflate_into(body, -15, max_bytes, decoded))) {
      ++out.unreadable;
      return out;
    }
    body = decoded;
  } else if (!encoding.empty() && encoding != "identity") {
    ++out.unreadable;  // br, zstd…: not read
    return out;
  }
  Reader(out, max_bytes).content(http_header(http_head, "content-type"), body);
  return out;
}

}  // namespace ward::dlp
