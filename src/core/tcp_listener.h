// What Ward's TCP servers (the HTTP API, the MLLP listener) share: binding an Asio acceptor to a
// ListenAddress and running an io_context on a pool of threads. The servers keep their own
// protocols; only this plumbing is common.
#pragma once

#include <cstdint>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "core/error.h"
#include "core/listen_address.h"

namespace ward {

// Opens `acceptor` on `where` (SO_REUSEADDR), binds and listens; returns the port bound (the
// one the system picked when where.port is 0). A host that is not an IP address is
// ErrorCode::config, a refusal by the system (address in use, no permission) ErrorCode::io
// naming the address; both with `field` (the config key, e.g. "mllp.listen").
Result<std::uint16_t> bind_and_listen(boost::asio::ip::tcp::acceptor& acceptor,
                                      const ListenAddress& where, std::string_view field);

// Runs `ioc` on `threads` threads (at least one: the caller's) until it is stopped; returns
// when all of them have finished.
void run_on_threads(boost::asio::io_context& ioc, int threads);

}  // namespace ward
