// Request bodies made readable for the DLP scan: gzip and deflate decoded, multipart uploads split,
// PDFs read (as the body, as a part, as base64 inside JSON), images and unreadable parts counted.
#include "dlp/request_body.h"

#include <zlib.h>

#include <algorithm>

#include <gtest/gtest.h>

#include "core/base64.h"
#include "phi/formats/pdf_testing.h"

namespace ward::dlp {
namespace {

constexpr std::size_t kMax = 1 << 20;

std::string gzipped(std::string_view text) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(text.size() + 128, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

bool holds(const BodyText& b, std::string_view text) {
  return std::any_of(b.texts.begin(), b.texts.end(), [&](const std::string& t) { return t.find(text) != std::string::npos; });
}

TEST(RequestBody, AGzippedJsonBodyIsReadDecoded) {
  const std::string json = R"({"messages":[{"role":"user","content":"Summarise: Jonathan Whitfield, MRN 00123456"}]})";
  const BodyText b = readable_text("POST /v1 HTTP/1.1\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n\r\n",
                                   gzipped(json), kMax);
  EXPECT_TRUE(holds(b, "MRN 00123456"));
  EXPECT_EQ(b.unreadable, 0u);
  const BodyText broken = readable_text("POST / HTTP/1.1\r\nContent-Encoding: gzip\r\n\r\n", "not gzip at all", kMax);
  EXPECT_EQ(broken.unreadable, 1u);
  EXPECT_TRUE(broken.texts.empty());
  const BodyText brotli = readable_text("POST / HTTP/1.1\r\ncontent-encoding: br\r\n\r\n", "\x1b\x03", kMax);
  EXPECT_EQ(brotli.unreadable, 1u) << "an encoding Ward does not read is said, not guessed";
}

TEST(RequestBody, AMultipartUploadIsSplitAndItsPdfRead) {
  const std::string pdf = ward::testing::pdf_with_pages({{"Referral letter", "Patient: Jonathan Whitfield, SSN 460-89-9847"}});
  const std::string jpeg("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11);
  const std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nPlease summarise the letter.\r\n"
                           "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"letter.pdf\"\r\n"
                           "Content-Type: application/pdf\r\n\r\n" + pdf + "\r\n"
                           "--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"face.jpg\"\r\n"
                           "Content-Type: image/jpeg\r\n\r\n" + jpeg + "\r\n"
                           "--XyZ\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"notes.docx\"\r\n"
                           "Content-Type: application/octet-stream\r\n\r\nPK\x03\x04" + std::string(4, '\0') + "\r\n--XyZ--\r\n";
  const BodyText b = readable_text("POST /upload HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=\"XyZ\"\r\n\r\n", body, kMax);
  EXPECT_TRUE(holds(b, "Please summarise the letter."));
  EXPECT_TRUE(holds(b, "SSN 460-89-9847")) << "the PDF's text";
  EXPECT_EQ(b.documents, 1u);
  EXPECT_EQ(b.images, 1u);
  EXPECT_EQ(b.unreadable, 1u) << "the .docx";
}

TEST(RequestBody, APdfAsBase64InsideJsonIsRead) {
  // As AI services' APIs take documents: a base64 "data" field, JSON escaping '/' as "\/".
  const std::string pdf = ward::testing::pdf_with_pages({{"Discharge summary", "MRN: 00123456"}});
  std::string encoded = encode_base64(pdf), escaped;
  for (char c : encoded) escaped += c == '/' ? std::string("\\/") : std::string(1, c);
  const std::string json = R"({"content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":")" +
                           escaped + R"("}},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]})";
  const BodyText b = readable_text("POST /v1/messages HTTP/1.1\r\nContent-Type: application/json\r\n\r\n", json, kMax);
  EXPECT_EQ(b.documents, 1u);
  EXPECT_TRUE(holds(b, "MRN: 00123456"));
  EXPECT_EQ(b.images, 1u);
  const BodyText bare = readable_text("POST / HTTP/1.1\r\n\r\n", pdf, kMax);
  EXPECT_EQ(bare.documents, 1u) << "a PDF as the whole body, told by its first bytes";
}

TEST(RequestBody, HeadersAreFoundInAnyCase) {
  const std::string head = "POST / HTTP/1.1\r\nHOST: a.example\r\ncontent-TYPE:  text/plain \r\n\r\n";
  EXPECT_EQ(http_header(head, "Content-Type"), "text/plain");
  EXPECT_EQ(http_header(head, "host"), "a.example");
  EXPECT_EQ(http_header(head, "content-encoding"), "");
}

}  // namespace
}  // namespace ward::dlp
