#include "core/tcp_listener.h"

#include <atomic>
#include <thread>

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

// Closing the acceptor while connections pour in on a pool of two threads: the close and the
// accepts completing are kept apart (an acceptor is not thread-safe; this once crashed a server
// stopped just as a sender connected), the pool finishes once the acceptor is closed, and later
// connections are refused.
TEST(TcpListener, ClosingWhileConnectionsArriveIsSafeAndStopsAccepting) {
  namespace asio = boost::asio;
  using tcp = asio::ip::tcp;
  for (int round = 0; round < 20; ++round) {
    SCOPED_TRACE(round);
    asio::io_context ioc;
    tcp::acceptor acceptor = make_acceptor(ioc);
    auto port = bind_and_listen(acceptor, {"127.0.0.1", 0}, "listen");
    ASSERT_TRUE(port) << port.error().describe();
    std::atomic<int> accepted{0};
    accept_connections(ioc, acceptor, [&accepted](tcp::socket, std::string) { ++accepted; });
    std::jthread pool([&ioc] { run_on_threads(ioc, 2); });
    std::atomic<bool> refused{false};
    std::jthread sender([&] {
      asio::io_context client;
      for (int i = 0; i < 100000 && !refused; ++i) {
        tcp::socket socket(client);
        boost::system::error_code ec;
        socket.connect({asio::ip::make_address("127.0.0.1"), *port}, ec);
        if (ec == asio::error::connection_refused) refused = true;
      }
    });
    while (accepted < 20) std::this_thread::yield();
    close_acceptor(acceptor);
    pool.join();  // returns: with the acceptor closed, nothing is left to do
    sender.join();
    EXPECT_TRUE(refused) << "connections after the close are refused";
    EXPECT_FALSE(acceptor.is_open());
  }
}

}  // namespace
}  // namespace ward
