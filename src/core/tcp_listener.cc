#include "core/tcp_listener.h"

#include <algorithm>
#include <thread>
#include <vector>

#include <boost/asio/ip/address.hpp>
#include <fmt/format.h>

namespace ward {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

Result<std::uint16_t> bind_and_listen(tcp::acceptor& acceptor, const ListenAddress& where,
                                      std::string_view field) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(where.host, ec);
  if (ec)
    return fail(ErrorCode::config, fmt::format("\"{}\" is not an IP address", where.host), std::string(field));
  tcp::endpoint endpoint{address, where.port};
  auto failed = [&](std::string_view step) {
    return fail(ErrorCode::io, fmt::format("cannot {} {}: {}", step, format_host_port(where.host, where.port),
                                           ec.message()), std::string(field));
  };
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return failed("open");
  acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  acceptor.bind(endpoint, ec);
  if (ec) return failed("bind");
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return failed("listen on");
  return acceptor.local_endpoint().port();
}

std::string peer_address(const tcp::socket& socket) {
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  if (ec) return "unknown";
  return format_host_port(endpoint.address().to_string(), endpoint.port());
}

tcp::acceptor make_acceptor(asio::io_context& ioc) { return tcp::acceptor(asio::make_strand(ioc)); }

void close_acceptor(tcp::acceptor& acceptor) {
  asio::post(acceptor.get_executor(), [&acceptor] {
    boost::system::error_code ignored;
    acceptor.close(ignored);
  });
}

void stop_serving(asio::io_context& ioc, tcp::acceptor& acceptor) {
  close_acceptor(acceptor);
  ioc.stop();
}

void run_on_threads(asio::io_context& ioc, int threads) {
  std::vector<std::thread> pool;
  for (int i = 1; i < std::max(1, threads); ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
}

}  // namespace ward
