// What Ward's TCP servers (HTTP API, MLLP, syslog) share to serve a connection over TLS or plain
// TCP with one session class: the TLS stream type, the server side of the handshake (bounded by
// the connection's timeout; at once for plain TCP), and closing either kind. Header-only; link
// ward_tls for the context (tls_context.h).
#pragma once

#include <chrono>
#include <type_traits>
#include <utility>

#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

namespace ward {

using TlsStream = boost::asio::ssl::stream<boost::beast::tcp_stream>;

template <class Stream>
inline constexpr bool is_tls_stream = std::is_same_v<Stream, TlsStream>;

// For a TlsStream, the server handshake within `timeout`, then `next(error_code)`; for plain TCP,
// `next` at once with no error. `next` must keep the session alive (capture its shared_ptr).
template <class Stream, class Next>
void server_handshake(Stream& stream, std::chrono::seconds timeout, Next next) {
  if constexpr (is_tls_stream<Stream>) {
    boost::beast::get_lowest_layer(stream).expires_after(timeout);
    stream.async_handshake(boost::asio::ssl::stream_base::server, std::move(next));
  } else {
    (void)stream;
    (void)timeout;
    next(boost::system::error_code{});
  }
}

// Shuts the connection's socket both ways and closes it (TLS or not), ignoring errors: the peer
// may already be gone.
template <class Stream>
void close_connection(Stream& stream) {
  boost::system::error_code ignored;
  auto& socket = boost::beast::get_lowest_layer(stream).socket();
  socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

}  // namespace ward
