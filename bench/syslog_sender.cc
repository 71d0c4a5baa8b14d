#include "bench/syslog_sender.h"

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
  sender.socket_->connect({asio::ip::address_v4::loopback(), port}, ec);
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
