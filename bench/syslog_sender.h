// The sending side of `ward bench syslog` and `ward bench detect-live`: one blocking TCP
// connection to 127.0.0.1:port, written to as fast as the receiver reads (TCP flow control is
// the only brake). Not thread-safe: one per sending thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "core/error.h"

namespace ward::bench {

class SyslogSender {
 public:
  // Connects (a refusal retried for up to 5 s); an error names the port when nothing listens.
  static Result<SyslogSender> connect(std::uint16_t port);

  // Writes all of `frames` (already framed), blocking until the kernel took them.
  Result<void> send(std::string_view frames);
  // Ends the stream (the receiver sees the close after the last byte).
  void close();

 private:
  SyslogSender() = default;
  std::unique_ptr<boost::asio::io_context> io_ = std::make_unique<boost::asio::io_context>();
  std::unique_ptr<boost::asio::ip::tcp::socket> socket_;
  std::uint16_t port_ = 0;
};

}  // namespace ward::bench
