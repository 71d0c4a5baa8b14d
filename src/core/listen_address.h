// "HOST:PORT" as the listeners take it (`serve.listen`, `mllp.listen`, --listen, --mllp): an IP
// address (IPv6 in brackets) and a port, 0 meaning any free port. One reader for every listener
// so they accept and word the same things.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ward {

struct ListenAddress {
  std::string host;        // "127.0.0.1", "::1" (no brackets)
  std::uint16_t port = 0;  // 0 = any free port
};

// "127.0.0.1:8080" or "[::1]:8080". Anything else (no port, a port above 65535, a host name
// instead of an IP address) is ErrorCode::config with field "listen"; the message quotes the
// text and shows `example` (e.g. "127.0.0.1:8080") as what is expected.
Result<ListenAddress> parse_listen_address(std::string_view text, std::string_view example);

// "127.0.0.1:8080", or "[::1]:8080" for an IPv6 host: how Ward prints an address it listens on.
std::string format_host_port(std::string_view host, std::uint16_t port);

}  // namespace ward
