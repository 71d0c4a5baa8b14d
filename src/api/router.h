// Matches "METHOD /path" against route patterns such as "/api/v1/patients/{id}/accesses" and
// calls the route's handler with the captured parameters. Built once at start, then read-only,
// so many threads may dispatch at once.
#pragma once

#include <concepts>
#include <functional>
#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "store/store.h"

namespace ward::api {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Where a request came from, as the transport saw it.
struct Connection {
  std::string client_address;  // "10.0.0.7"; "" when not known (tests)
  bool tls = false;            // the server runs TLS: session cookies are Secure
};

struct RequestContext {
  const Request& request;
  std::map<std::string, std::string> path;   // {id} captures, percent-decoded
  std::map<std::string, std::string> query;  // ?a=b&c=d, percent-decoded
  const store::TokenRecord* token = nullptr; // the bearer token; null on public routes and sessions
  const store::AccountSession* session = nullptr;  // the signed-in account; null otherwise
  const Connection* connection = nullptr;    // never null when called by handle_request
};

// The query parameter `name` as a whole number from `min` to `max` into `out`; absent or empty
// leaves `out`. Anything else is ErrorCode::invalid_input ("limit: expected a whole number from
// 1 to 1000"), which error_response turns into a 400.
Result<void> read_int_param(const RequestContext& ctx, std::string_view name, int min, int max, int& out);

// The query parameter `name` as an ISO 8601 time into `out`; absent or empty leaves `out`.
// Anything else is ErrorCode::invalid_input naming the parameter ("from: …").
Result<void> read_time_param(const RequestContext& ctx, std::string_view name, TimeNs& out);

// The path capture `name` ({case}, {alert}…) as a positive id; ErrorCode::not_found ("there is
// no case abc", field `name`) when it is not one, which error_response turns into a 404.
Result<std::int64_t> id_in_path(const RequestContext& ctx, const std::string& name);

// Who a request is, for histories and "added by": "token:3 (alice's laptop)", "token:3" without
// a label, "account:alice" for a signed-in person.
std::string actor_of(const RequestContext& ctx);

// The body as a JSON object with only `allowed` keys (an empty body is {}); ErrorCode::
// invalid_input naming the unknown key otherwise.
Result<nlohmann::json> json_object_body(const Request& req, std::initializer_list<std::string_view> allowed);
// The same, with every value a string (null leaves the key out).
Result<std::map<std::string, std::string>> string_fields(const Request& req,
                                                         std::initializer_list<std::string_view> allowed);

using Handler = std::function<Response(const RequestContext&)>;

class Router {
 public:
  // `pattern` segments in braces capture; public routes skip authentication.
  void add(http::verb method, std::string pattern, Handler handler, bool is_public = false);

  struct Match {
    const Handler* handler = nullptr;
    bool is_public = false;
    bool path_known = false;  // some route has this path (for 405 vs 404)
    const std::string* pattern = nullptr;  // the matched route's pattern
    std::map<std::string, std::string> params;
  };
  Match match(http::verb method, std::string_view path) const;

  // Every route added, in order (the access policy's test walks them).
  struct RouteInfo {
    http::verb method;
    std::string pattern;
    bool is_public;
  };
  std::vector<RouteInfo> routes() const;

 private:
  struct Route {
    http::verb method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    bool is_public;
  };
  std::vector<Route> routes_;
};

// Splits "a=1&b=x%20y" into decoded pairs; later keys win.
std::map<std::string, std::string> parse_query(std::string_view query);
std::string percent_decode(std::string_view s);

// JSON bodies with the right headers; errors are {"error": {"status": N, "message": "...",
// "field": "..."}}, the field (the parameter or body field at fault) of a 400 or 404 when one is
// known.
Response json_response(const Request& req, http::status status, std::string body);
Response error_response(const Request& req, http::status status, std::string_view message,
                        std::string_view field = {});
// The same with more members in the error object (a 409's "services": what stands in the way).
Response error_response(const Request& req, http::status status, std::string_view message, std::string_view field,
                        const nlohmann::json& details);
// `body` as the response to the request, 200 unless told. A braced list is a json.
inline Response ok(const RequestContext& ctx, const nlohmann::json& body, http::status status = http::status::ok) {
  return json_response(ctx.request, status, body.dump());
}
// The same for an ordered_json, whose members keep the order they were added in.
template <class Json>
  requires std::same_as<Json, nlohmann::ordered_json>
Response ok(const RequestContext& ctx, const Json& body, http::status status = http::status::ok) {
  return json_response(ctx.request, status, body.dump());
}
// The answer an Error deserves: 400 for bad input, 404 not found, 401, 403, 413, 503 when the store
// fails, 500 with the message for a configuration problem, else 500 without it.
Response error_response(const Request& req, const Error& error);

}  // namespace ward::api
