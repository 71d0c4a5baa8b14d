#include "core/tcp_listener.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace ward {
namespace {

TEST(TcpListener, BindsAnyFreePortAndSaysWhichOne) {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor(ioc);
  auto port = bind_and_listen(acceptor, {"127.0.0.1", 0}, "mllp.listen");
  ASSERT_TRUE(port) << port.error().describe();
  EXPECT_NE(*port, 0);
  EXPECT_EQ(acceptor.local_endpoint().port(), *port);
}

TEST(TcpListener, AnAddressInUseNamesTheAddressAndTheKey) {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor first(ioc), second(ioc);
  auto port = bind_and_listen(first, {"127.0.0.1", 0}, "listen");
  ASSERT_TRUE(port) << port.error().describe();
  auto again = bind_and_listen(second, {"127.0.0.1", *port}, "mllp.listen");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::io);
  EXPECT_EQ(again.error().field, "mllp.listen");
  EXPECT_EQ(again.error().message.rfind(fmt::format("cannot bind 127.0.0.1:{}: ", *port), 0), 0u)
      << again.error().message;
}

TEST(TcpListener, AHostThatIsNotAnAddressIsAConfigError) {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor(ioc);
  auto r = bind_and_listen(acceptor, {"ward.example", 0}, "listen");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::config);
}

}  // namespace
}  // namespace ward
