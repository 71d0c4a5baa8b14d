#include "bench/api_get.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

namespace ward::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

Result<std::string> api_get(std::uint16_t port, std::string_view target, std::string_view token) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  beast::error_code ec;
  stream.connect(asio::ip::tcp::endpoint(asio::ip::address_v4::loopback(), port), ec);
  if (ec) return fail(ErrorCode::io, fmt::format("cannot reach the API on 127.0.0.1:{}: {}", port, ec.message()));
  http::request<http::empty_body> request(http::verb::get, std::string(target), 11);
  request.set(http::field::host, fmt::format("127.0.0.1:{}", port));
  request.set(http::field::authorization, fmt::format("Bearer {}", token));
  http::write(stream, request, ec);
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  if (!ec) http::read(stream, buffer, response, ec);
  if (ec) return fail(ErrorCode::io, fmt::format("GET {} failed: {}", target, ec.message()));
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  if (response.result() != http::status::ok)
    return fail(ErrorCode::internal, fmt::format("GET {}: {} {}", target, response.result_int(), response.body()));
  return std::move(response.body());
}

}  // namespace ward::bench
