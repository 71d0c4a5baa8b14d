// What Ward's TCP servers (HTTP API, MLLP, syslog) share to serve a connection over TLS or plain
// TCP with one session class: the TLS stream type, the server side of the handshake (bounded by
// the connection's timeout; at once for plain TCP), and closing either kind. Header-only; link
// ward_tls for the context (tls_context.h).
#pragma once

#include <chrono>
#include <memory>
#include <type_traits>
#include <utility>

#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

namespace ward {

using TlsStream = boost::asio::ssl::stream<boost::beast::tcp_stream>;

template <class Stream>
inline constexpr bool is_tls_stream = std::is_same_v<Stream, TlsStream>;

// How long a client has for its TLS handshake when a listener's idle timeout is 0 (never).
inline constexpr std::chrono::seconds kHandshakeTimeoutWithoutIdleTimeout{60};

// For a TlsStream, the server handshake within `idle_timeout` (or 60 s when that is 0: a
// connection may stay idle for ever, but not half-open), then `next(error_code)`; for plain TCP,
// `next` at once with no error. `next` must keep the session alive (capture its shared_ptr).
template <class Stream, class Next>
void server_handshake(Stream& stream, std::chrono::seconds idle_timeout, Next next) {
  if constexpr (is_tls_stream<Stream>) {
    boost::beast::get_lowest_layer(stream).expires_after(
        idle_timeout.count() > 0 ? idle_timeout : kHandshakeTimeoutWithoutIdleTimeout);
    stream.async_handshake(boost::asio::ssl::stream_base::server, std::move(next));
  } else {
    (void)stream;
    (void)idle_timeout;
    next(boost::system::error_code{});
  }
}

// Starts a connection's session: Session<TlsStream>(socket, args…, *tls) when the listener has a
// TLS context, else Session<beast::tcp_stream>(socket, args…). Each Session takes its stream's
// constructor arguments last and has start().
template <template <class> class Session, class... Args>
void start_session(const std::shared_ptr<boost::asio::ssl::context>& tls, boost::asio::ip::tcp::socket socket,
                   Args&... args) {
  if (tls)
    std::make_shared<Session<TlsStream>>(std::move(socket), args..., *tls)->start();
  else
    std::make_shared<Session<boost::beast::tcp_stream>>(std::move(socket), args...)->start();
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
