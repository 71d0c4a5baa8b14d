#include "api/router.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/time.h"

namespace ward::api {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path[0] == '/') { path.remove_prefix(1); continue; }
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else if (s[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    auto eq = pair.find('=');
    if (!pair.empty())
      out[percent_decode(pair.substr(0, eq))] =
          eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

void Router::add(http::verb method, std::string pattern, Handler handler, bool is_public) {
  Route r{method, pattern, {}, std::move(handler), is_public};
  for (auto seg : split_path(pattern)) r.segments.emplace_back(seg);
  routes_.push_back(std::move(r));
}

std::vector<Router::RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  for (const Route& r : routes_) out.push_back({r.method, r.pattern, r.is_public});
  return out;
}

Router::Match Router::match(http::verb method, std::string_view path) const {
  Match m;
  auto segments = split_path(path);
  for (const Route& r : routes_) {
    if (r.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < segments.size() && ok; ++i) {
      const std::string& want = r.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        params[want.substr(1, want.size() - 2)] = percent_decode(segments[i]);
      } else {
        ok = want == segments[i];
      }
    }
    if (!ok) continue;
    m.path_known = true;
    if (r.method != method) continue;
    m.handler = &r.handler;
    m.pattern = &r.pattern;
    m.is_public = r.is_public;
    m.params = std::move(params);
    return m;
  }
  return m;
}

Response json_response(const Request& req, http::status status, std::string body) {
  Response res{status, req.version()};
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Result<void> read_time_param(const RequestContext& ctx, std::string_view name, TimeNs& out) {
  auto it = ctx.query.find(std::string(name));
  if (it == ctx.query.end() || it->second.empty()) return {};
  auto t = parse_iso8601(it->second);
  if (!t) return fail(ErrorCode::invalid_input, fmt::format("{}: {}", name, t.error().message), std::string(name));
  out = *t;
  return {};
}

Result<std::int64_t> id_in_path(const RequestContext& ctx, const std::string& name) {
  const std::string& text = ctx.path.at(name);
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1)
    return fail(ErrorCode::not_found, fmt::format("there is no {} {}", name, text), name);
  return id;
}

std::string actor_of(const RequestContext& ctx) {
  if (ctx.session != nullptr) return "account:" + ctx.session->account.username;
  if (ctx.token == nullptr) return "token:?";
  return ctx.token->label.empty() ? fmt::format("token:{}", ctx.token->id)
                                  : fmt::format("token:{} ({})", ctx.token->id, ctx.token->label);
}

Result<nlohmann::json> json_object_body(const Request& req, std::initializer_list<std::string_view> allowed) {
  if (req.body().empty()) return nlohmann::json::object();
  nlohmann::json body = nlohmann::json::parse(req.body(), nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object())
    return fail(ErrorCode::invalid_input, "the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string keys;
    for (std::string_view k : allowed) keys += (keys.empty() ? "" : ", ") + std::string(k);
    return fail(ErrorCode::invalid_input, fmt::format("unknown key \"{}\" (expected {})", key, keys), key);
  }
  return body;
}

Result<std::map<std::string, std::string>> string_fields(const Request& req,
                                                         std::initializer_list<std::string_view> allowed) {
  auto body = json_object_body(req, allowed);
  if (!body) return Unexpected(body.error());
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : body->items()) {
    if (value.is_null()) continue;
    if (!value.is_string())
      return fail(ErrorCode::invalid_input, fmt::format("{}: expected a string", key), key);
    out[key] = value.get<std::string>();
  }
  return out;
}

Result<void> read_int_param(const RequestContext& ctx, std::string_view name, int min, int max, int& out) {
  auto it = ctx.query.find(std::string(name));
  if (it == ctx.query.end() || it->second.empty()) return {};
  const std::string& v = it->second;
  int value = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec != std::errc() || end != v.data() + v.size() || value < min || value > max)
    return fail(ErrorCode::invalid_input,
                fmt::format("{}: expected a whole number from {} to {}", name, min, max), std::string(name));
  out = value;
  return {};
}

Response error_response(const Request& req, http::status status, std::string_view message, std::string_view field) {
  return error_response(req, status, message, field, nlohmann::json::object());
}

Response error_response(const Request& req, http::status status, std::string_view message, std::string_view field,
                        const nlohmann::json& details) {
  nlohmann::json j = {{"error", details}};
  j["error"]["status"] = static_cast<int>(status);
  j["error"]["message"] = message;
  if (!field.empty()) j["error"]["field"] = field;
  return json_response(req, status, j.dump());
}

Response error_response(const Request& req, const Error& e) {
  switch (e.code) {
    case ErrorCode::invalid_input:
    case ErrorCode::unsupported: return error_response(req, http::status::bad_request, e.message, e.field);
    case ErrorCode::not_found: return error_response(req, http::status::not_found, e.message, e.field);
    case ErrorCode::unauthorized: return error_response(req, http::status::unauthorized, e.message);
    case ErrorCode::forbidden: return error_response(req, http::status::forbidden, e.message);
    case ErrorCode::too_large: return error_response(req, http::status::payload_too_large, e.message);
    case ErrorCode::storage:
    case ErrorCode::io: return error_response(req, http::status::service_unavailable, "the store is unavailable; try again");
    case ErrorCode::config: return error_response(req, http::status::internal_server_error, e.describe());
    default: return error_response(req, http::status::internal_server_error, "internal error");
  }
}

}  // namespace ward::api
