#include "bench/syslog_sender.h"

#include <chrono>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>

namespace ward::bench {

namespace asio = boost::asio;

Result<SyslogSender> SyslogSender::connect(std::uint16_t port) {
  SyslogSender sender;
  sender.port_ = port;
  sender.socket_ = std::make_unique<asio::ip::tcp::socket>(*sender.io_);
  boost::system::error_code ec;
  // rsyslogd writes its port file a moment before it accepts: a refusal is retried for a while.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (true) {
    sender.socket_->connect({asio::ip::address_v4::loopback(), port}, ec);
    if (ec != asio::error::connection_refused || std::chrono::steady_clock::now() >= deadline) break;
    sender.socket_->close();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (ec) return fail(ErrorCode::io, fmt::format("cannot connect to 127.0.0.1:{}: {}", port, ec.message()));
  return sender;
}

Result<void> SyslogSender::send(std::string_view frames) {
  boost::system::error_code ec;
  asio::write(*socket_, asio::buffer(frames.data(), frames.size()), ec);
  if (ec) return fail(ErrorCode::io, fmt::format("sending to 127.0.0.1:{} failed: {}", port_, ec.message()));
  return {};
}

void SyslogSender::close() {
  boost::system::error_code ignored;
  socket_->shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  socket_->close(ignored);
}

}  // namespace ward::bench
