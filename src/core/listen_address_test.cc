#include "core/listen_address.h"

#include <gtest/gtest.h>

namespace ward {
namespace {

TEST(ListenAddress, ReadsIpv4AndBracketedIpv6) {
  auto v4 = parse_listen_address("127.0.0.1:2575", "127.0.0.1:2575");
  ASSERT_TRUE(v4) << v4.error().describe();
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 2575);
  auto v6 = parse_listen_address("[::1]:0", "127.0.0.1:2575");
  ASSERT_TRUE(v6) << v6.error().describe();
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
}

TEST(ListenAddress, ProblemsQuoteTheTextAndShowTheExample) {
  auto no_port = parse_listen_address("localhost", "127.0.0.1:2575");
  ASSERT_FALSE(no_port);
  EXPECT_EQ(no_port.error().code, ErrorCode::config);
  EXPECT_EQ(no_port.error().message, "listen address \"localhost\" must be HOST:PORT, e.g. 127.0.0.1:2575");
  EXPECT_FALSE(parse_listen_address("127.0.0.1:65536", "x"));
  EXPECT_FALSE(parse_listen_address("127.0.0.1:80x", "x"));
  auto name = parse_listen_address("hospital.example:2575", "x");
  ASSERT_FALSE(name);
  EXPECT_EQ(name.error().message, "\"hospital.example\" is not an IP address");
}

TEST(ListenAddress, PrintsIpv6InBrackets) {
  EXPECT_EQ(format_host_port("127.0.0.1", 2575), "127.0.0.1:2575");
  EXPECT_EQ(format_host_port("::1", 2575), "[::1]:2575");
}

}  // namespace
}  // namespace ward
