#include "core/tcp_listener.h"

#include <atomic>
#include <chrono>
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
// connections are refused. Every wait has a deadline, so a regression fails here, naming the
// step, rather than hanging the suite (under a loaded sanitizer run this test once sat until
// ctest's timeout).
TEST(TcpListener, ClosingWhileConnectionsArriveIsSafeAndStopsAccepting) {
  namespace asio = boost::asio;
  using tcp = asio::ip::tcp;
  using clock = std::chrono::steady_clock;
  constexpr auto kPatience = std::chrono::seconds(60);
  auto wait_for = [&](auto&& done) {
    auto deadline = clock::now() + kPatience;
    while (!done() && clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return done();
  };
  for (int round = 0; round < 20; ++round) {
    SCOPED_TRACE(round);
    asio::io_context ioc;
    tcp::acceptor acceptor = make_acceptor(ioc);
    auto port = bind_and_listen(acceptor, {"127.0.0.1", 0}, "listen");
    ASSERT_TRUE(port) << port.error().describe();
    std::atomic<int> accepted{0};
    accept_connections(ioc, acceptor, [&accepted](tcp::socket, std::string) { ++accepted; });
    std::atomic<bool> pool_done{false};
    std::jthread pool([&ioc, &pool_done] {
      run_on_threads(ioc, 2);
      pool_done = true;
    });
    std::atomic<bool> refused{false}, sender_done{false}, stop_sending{false};
    std::jthread sender([&] {
      asio::io_context client;
      while (!refused && !stop_sending) {
        tcp::socket socket(client);
        boost::system::error_code ec;
        socket.connect({asio::ip::make_address("127.0.0.1"), *port}, ec);
        if (ec == asio::error::connection_refused) refused = true;
        // Out of local ports (each connection leaves one in TIME_WAIT): let some free up.
        if (ec == boost::system::errc::address_not_available) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      sender_done = true;
    });
    EXPECT_TRUE(wait_for([&] { return accepted >= 20; })) << "only " << accepted << " connections accepted";
    close_acceptor(acceptor);
    EXPECT_TRUE(wait_for([&] { return pool_done.load(); })) << "the pool still runs after the close";
    EXPECT_TRUE(wait_for([&] { return sender_done.load(); })) << "connections after the close are not refused";
    stop_sending = true;
    ioc.stop();  // only matters when the pool failed to finish: lets the joins return
    pool.join();
    sender.join();
    EXPECT_TRUE(refused) << "connections after the close are refused";
    EXPECT_FALSE(acceptor.is_open());
  }
}

}  // namespace
}  // namespace ward
