#include "core/listen_address.h"

#include <charconv>

#include <boost/asio/ip/address.hpp>
#include <fmt/format.h>

namespace ward {

Result<ListenAddress> parse_listen_address(std::string_view text, std::string_view example) {
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size())
    return fail(ErrorCode::config,
                fmt::format("listen address \"{}\" must be HOST:PORT, e.g. {}", text, example), "listen");
  std::string_view host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  auto port_text = text.substr(colon + 1);
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535)
    return fail(ErrorCode::config, fmt::format("port in \"{}\" must be a number from 0 to 65535", text), "listen");
  boost::system::error_code bad;
  boost::asio::ip::make_address(std::string(host), bad);
  if (bad) return fail(ErrorCode::config, fmt::format("\"{}\" is not an IP address", host), "listen");
  return ListenAddress{std::string(host), static_cast<std::uint16_t>(port)};
}

std::string format_host_port(std::string_view host, std::uint16_t port) {
  if (host.find(':') != std::string_view::npos) return fmt::format("[{}]:{}", host, port);
  return fmt::format("{}:{}", host, port);
}

}  // namespace ward
