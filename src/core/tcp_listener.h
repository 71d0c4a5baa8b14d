// What Ward's TCP servers (the HTTP API, the MLLP listener) share: binding an Asio acceptor to a
// ListenAddress and running an io_context on a pool of threads. The servers keep their own
// protocols; only this plumbing is common.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include "core/error.h"
#include "core/listen_address.h"

namespace ward {

// An acceptor whose completion handlers run on a strand of its own. Every server makes its
// acceptor with this, so that close_acceptor() (posted to that strand) never runs while an
// accept completes on another of the pool's threads: an acceptor is not thread-safe, and that
// race crashed a server stopped just as a connection came in.
boost::asio::ip::tcp::acceptor make_acceptor(boost::asio::io_context& ioc);

// Opens `acceptor` on `where` (SO_REUSEADDR), binds and listens; returns the port bound (the
// one the system picked when where.port is 0). A host that is not an IP address is
// ErrorCode::config, a refusal by the system (address in use, no permission) ErrorCode::io
// naming the address; both with `field` (the config key, e.g. "mllp.listen").
Result<std::uint16_t> bind_and_listen(boost::asio::ip::tcp::acceptor& acceptor,
                                      const ListenAddress& where, std::string_view field);

// "127.0.0.1:40312" of the connected peer; "unknown" when the socket has none.
std::string peer_address(const boost::asio::ip::tcp::socket& socket);

// Accepts connections until the acceptor (made by make_acceptor) is closed, each socket on a
// strand of its own, and hands each to `on_connection(socket, peer_address)` (on the acceptor's
// strand). Call once after bind_and_listen.
template <class OnConnection>
void accept_connections(boost::asio::io_context& ioc, boost::asio::ip::tcp::acceptor& acceptor, OnConnection on_connection) {
  acceptor.async_accept(boost::asio::make_strand(ioc),
                        [&ioc, &acceptor, on_connection = std::move(on_connection)](boost::system::error_code ec,
                                                                                   boost::asio::ip::tcp::socket socket) mutable {
                          if (!acceptor.is_open()) return;
                          if (!ec) {
                            std::string peer = peer_address(socket);
                            on_connection(std::move(socket), std::move(peer));
                          }
                          accept_connections(ioc, acceptor, std::move(on_connection));
                        });
}

// Closes the acceptor on its strand (so no accept is under way meanwhile); callable from any
// thread. The acceptor must outlive the io_context's run.
void close_acceptor(boost::asio::ip::tcp::acceptor& acceptor);

// close_acceptor() and stops `ioc`: the servers' stop(), callable from any thread.
void stop_serving(boost::asio::io_context& ioc, boost::asio::ip::tcp::acceptor& acceptor);

// Runs `ioc` on `threads` threads (at least one: the caller's) until it is stopped; returns
// when all of them have finished.
void run_on_threads(boost::asio::io_context& ioc, int threads);

}  // namespace ward
