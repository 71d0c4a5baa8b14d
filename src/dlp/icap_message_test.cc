// ICAP requests as squid sends them, whole and a byte at a time, with previews; the answers.
#include "dlp/icap_message.h"

#include <gtest/gtest.h>

namespace ward::dlp {
namespace {

const std::string kHttpHead = "POST http://chat.openai.com/v1/chat HTTP/1.1\r\nHost: chat.openai.com\r\nContent-Length: 11\r\n\r\n";

std::string reqmod(std::string_view extra_headers, std::string_view chunks) {
  return "REQMOD icap://127.0.0.1:1344/reqmod ICAP/1.0\r\nHost: 127.0.0.1:1344\r\nAllow: 204\r\n" + std::string(extra_headers) +
         "Encapsulated: req-hdr=0, req-body=" + std::to_string(kHttpHead.size()) + "\r\n\r\n" + kHttpHead + std::string(chunks);
}

std::vector<IcapRequest> decode(std::string_view bytes, std::size_t piece, std::vector<IcapDecoder::Step>* steps = nullptr) {
  IcapDecoder d(1024);
  std::vector<IcapRequest> out;
  for (std::size_t at = 0; at < bytes.size(); at += piece) {
    d.feed(bytes.substr(at, piece));
    for (auto s = d.next(); s != IcapDecoder::Step::need_more; s = d.next()) {
      if (steps) steps->push_back(s);
      if (s == IcapDecoder::Step::request) out.push_back(d.take());
      if (s == IcapDecoder::Step::error) return out;
    }
  }
  return out;
}

TEST(IcapDecoder, ReadsAReqmodWholeOrAByteAtATime) {
  const std::string bytes = reqmod("", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  for (std::size_t piece : {bytes.size(), std::size_t{1}, std::size_t{7}}) {
    auto requests = decode(bytes, piece);
    ASSERT_EQ(requests.size(), 1u) << piece;
    const IcapRequest& r = requests[0];
    EXPECT_EQ(r.method, "REQMOD");
    EXPECT_EQ(r.uri, "icap://127.0.0.1:1344/reqmod");
    EXPECT_EQ(r.http_head, kHttpHead);
    EXPECT_EQ(r.body, "hello world");
    EXPECT_TRUE(r.allows_204());
    EXPECT_FALSE(r.body_truncated());
  }
}

TEST(IcapDecoder, OptionsWithoutEncapsulatedAsSquidSendsThem) {
  auto requests = decode("OPTIONS icap://127.0.0.1:1344/reqmod ICAP/1.0\r\nHost: 127.0.0.1:1344\r\nAllow: 206\r\n\r\n", 1000);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "OPTIONS");
  EXPECT_FALSE(requests[0].has_body);
}

TEST(IcapDecoder, SeveralRequestsOnOneConnection) {
  const std::string one = reqmod("", "3\r\nabc\r\n0\r\n\r\n");
  auto requests = decode(one + one + one, 13);
  EXPECT_EQ(requests.size(), 3u);
}

TEST(IcapDecoder, APreviewAsksToContinue) {
  const std::string bytes = reqmod("Preview: 4\r\n", "4\r\nhell\r\n0\r\n\r\n7\r\no world\r\n0\r\n\r\n");
  std::vector<IcapDecoder::Step> steps;
  auto requests = decode(bytes, bytes.size(), &steps);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].body, "hello world");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0], IcapDecoder::Step::send_continue);
  // ieof: the preview was the whole body, no 100 Continue.
  steps.clear();
  requests = decode(reqmod("Preview: 4\r\n", "3\r\nend\r\n0; ieof\r\n\r\n"), 5, &steps);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].body, "end");
  EXPECT_EQ(steps, std::vector<IcapDecoder::Step>{IcapDecoder::Step::request});
}

TEST(IcapDecoder, ABodyOverTheLimitIsCountedNotKept) {
  const std::string big(3000, 'x');
  auto requests = decode(reqmod("", "bb8\r\n" + big + "\r\n0\r\n\r\n"), 512);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].body.size(), 1024u);
  EXPECT_EQ(requests[0].body_bytes, 3000u);
  EXPECT_TRUE(requests[0].body_truncated());
}

TEST(IcapDecoder, BadInputIsAnErrorWithItsReason) {
  auto error_of = [](std::string_view bytes) {
    IcapDecoder d(1024);
    d.feed(bytes);
    auto s = d.next();
    while (s == IcapDecoder::Step::request) s = d.next();
    return s == IcapDecoder::Step::error ? d.error_text() : std::string("no error");
  };
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\n\r\n"), "not an ICAP request line");
  EXPECT_EQ(error_of("REQMOD icap://x/r ICAP/1.0\r\nHost: x\r\n\r\n"), "no Encapsulated header");
  EXPECT_EQ(error_of("REQMOD icap://x/r ICAP/1.0\r\nEncapsulated: req-hdr=0, req-body=zz\r\n\r\n"), "Encapsulated: offset is not a number");
  EXPECT_EQ(error_of(reqmod("", "zz\r\n")), "chunk size is not a hex number");
  EXPECT_EQ(error_of(reqmod("", "2\r\nabcd\r\n")), "chunk not followed by CRLF");
  EXPECT_EQ(error_of("REQMOD icap://x/r ICAP/1.0\r\n" + std::string(70000, 'a')), "ICAP head over 64 KiB");
}

TEST(IcapAnswers, BlockedIsA403InPlaceOfTheRequest) {
  const std::string answer = blocked_response("<p>no</p>");
  EXPECT_TRUE(answer.starts_with("ICAP/1.0 200 OK\r\n"));
  const std::size_t http = answer.find("HTTP/1.1 403 Forbidden\r\n");
  ASSERT_NE(http, std::string::npos);
  const std::size_t res_body = answer.find("\r\n\r\n", http) + 4 - http;
  EXPECT_NE(answer.find("Encapsulated: res-hdr=0, res-body=" + std::to_string(res_body) + "\r\n"), std::string::npos)
      << "the body offset is the HTTP head's length";
  EXPECT_TRUE(answer.ends_with("9\r\n<p>no</p>\r\n0\r\n\r\n"));
  EXPECT_TRUE(no_content_response().starts_with("ICAP/1.0 204 "));
  EXPECT_NE(options_response(64).find("Methods: REQMOD\r\n"), std::string::npos);
}

TEST(IcapAnswers, UnchangedEchoesTheRequest) {
  auto requests = decode(reqmod("", "5\r\nhello\r\n0\r\n\r\n"), 100);
  ASSERT_EQ(requests.size(), 1u);
  const std::string answer = unchanged_response(requests[0]);
  EXPECT_NE(answer.find("Encapsulated: req-hdr=0, req-body=" + std::to_string(kHttpHead.size())), std::string::npos);
  EXPECT_TRUE(answer.ends_with(kHttpHead + "5\r\nhello\r\n0\r\n\r\n"));
}

}  // namespace
}  // namespace ward::dlp
