#include "ingest/squid/squid_line.h"

#include <cstdio>

#include <fmt/format.h>

#include "ingest/log_time.h"

namespace ward::ingest::squid {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// The next space-separated token; runs of spaces count as one (squid pads `elapsed`).
std::string_view next_token(std::string_view& rest) {
  std::size_t start = rest.find_first_not_of(' ');
  if (start == std::string_view::npos) {
    rest = {};
    return {};
  }
  rest.remove_prefix(start);
  std::size_t end = rest.find(' ');
  std::string_view token = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  return token;
}

// A quoted token ("GET http://x HTTP/1.1"), quotes removed; squid escapes a quote inside as \".
bool next_quoted(std::string_view& rest, std::string_view& token) {
  std::size_t start = rest.find_first_not_of(' ');
  if (start == std::string_view::npos || rest[start] != '"') return false;
  std::size_t end = start + 1;
  while (end < rest.size() && rest[end] != '"') end += rest[end] == '\\' ? 2 : 1;
  if (end >= rest.size()) return false;
  token = rest.substr(start + 1, end - start - 1);
  rest.remove_prefix(end + 1);
  return true;
}

Unexpected bad(std::string_view field, std::string message) {
  return fail(ErrorCode::invalid_input, std::move(message), std::string(field));
}

void add(SquidLine& out, std::string_view name, std::string_view value) {
  if (!value.empty() && value != "-") out.fields.push_back({name, value});
}

// "code/status" or "peerstatus/peerhost" (native) — split at the first '/'.
bool split_pair(std::string_view token, char sep, std::string_view& a, std::string_view& b) {
  std::size_t at = token.find(sep);
  if (at == std::string_view::npos) return false;
  a = token.substr(0, at);
  b = token.substr(at + 1);
  return true;
}

// "24/Mar/2018:08:59:37 +0000".
Result<TimeNs> parse_common_log_time(std::string_view t) {
  if (t.size() != 26 || t[2] != '/' || t[6] != '/' || t[11] != ':' || t[20] != ' ')
    return fail(ErrorCode::invalid_input, "not a time like [24/Mar/2018:08:59:37 +0000]");
  const int month = month_from_abbreviation(t.substr(3, 3));
  if (month == 0 || !all_digits(t.substr(0, 2)) || !all_digits(t.substr(7, 4)))
    return fail(ErrorCode::invalid_input, "not a time like [24/Mar/2018:08:59:37 +0000]");
  const std::string_view zone = t.substr(21);
  char iso[40];
  int n = std::snprintf(iso, sizeof iso, "%.4s-%02d-%.2sT%.8s%.3s:%.2s", t.data() + 7, month,
                        t.data(), t.data() + 12, zone.data(), zone.data() + 3);
  return parse_iso8601(std::string_view(iso, static_cast<std::size_t>(n)));
}

}  // namespace

std::string_view SquidLine::find(std::string_view name) const {
  for (const SquidField& f : fields)
    if (f.name == name) return f.value;
  return {};
}

Result<void> split_native(std::string_view line, SquidLine& out) {
  out.fields.clear();
  std::string_view rest = line;
  const std::string_view time = next_token(rest);
  auto t = parse_epoch_seconds(time);
  if (!t) return bad("time", t.error().message);
  out.time = *t;
  add(out, "time", time);
  const std::string_view elapsed = next_token(rest);
  if (!all_digits(elapsed)) return bad("elapsed", "expected the elapsed milliseconds");
  add(out, "elapsed", elapsed);
  const std::string_view remotehost = next_token(rest);
  if (remotehost.empty()) return bad("remotehost", "the line ends before the client address");
  add(out, "remotehost", remotehost);
  std::string_view code, status;
  if (!split_pair(next_token(rest), '/', code, status) || !all_digits(status))
    return bad("code/status", "expected a result code and HTTP status (TCP_MISS/200)");
  add(out, "code", code);
  add(out, "status", status);
  const std::string_view bytes = next_token(rest);
  if (!all_digits(bytes)) return bad("bytes", "expected the reply size in bytes");
  add(out, "bytes", bytes);
  const std::string_view method = next_token(rest);
  const std::string_view url = next_token(rest);
  const std::string_view rfc931 = next_token(rest);
  std::string_view peerstatus, peerhost;
  if (!split_pair(next_token(rest), '/', peerstatus, peerhost))
    return bad("peerstatus/peerhost", "expected the hierarchy code and peer (HIER_DIRECT/1.2.3.4)");
  add(out, "method", method);
  add(out, "url", url);
  add(out, "rfc931", rfc931);
  add(out, "peerstatus", peerstatus);
  add(out, "peerhost", peerhost);
  add(out, "type", next_token(rest));
  return {};
}

Result<void> split_combined(std::string_view line, SquidLine& out) {
  out.fields.clear();
  std::string_view rest = line;
  const std::string_view remotehost = next_token(rest);
  const std::string_view rfc931 = next_token(rest);
  const std::string_view user = next_token(rest);
  std::size_t open = rest.find('['), close = rest.find(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open)
    return bad("time", "expected a [dd/Mmm/yyyy:hh:mm:ss +zzzz] time");
  const std::string_view time = rest.substr(open + 1, close - open - 1);
  auto t = parse_common_log_time(time);
  if (!t) return bad("time", t.error().message);
  out.time = *t;
  rest.remove_prefix(close + 1);
  std::string_view request;
  if (!next_quoted(rest, request)) return bad("request", "expected a quoted request line");
  std::string_view method = next_token(request), url = next_token(request);
  std::string_view version = next_token(request);
  const std::string_view status = next_token(rest);
  if (!all_digits(status)) return bad("status", "expected the HTTP status");
  const std::string_view bytes = next_token(rest);
  if (!all_digits(bytes)) return bad("bytes", "expected the reply size in bytes");
  std::string_view referer, user_agent;
  if (!next_quoted(rest, referer) || !next_quoted(rest, user_agent))
    return bad("referer", "expected quoted referer and user agent");
  std::string_view code, peerstatus;
  if (!split_pair(next_token(rest), ':', code, peerstatus))
    return bad("code", "expected the result code and hierarchy (TCP_MISS:HIER_DIRECT)");
  add(out, "remotehost", remotehost);
  add(out, "rfc931", rfc931);
  add(out, "user", user);
  add(out, "time", time);
  add(out, "method", method);
  add(out, "url", url);
  add(out, "version", version);
  add(out, "status", status);
  add(out, "bytes", bytes);
  add(out, "referer", referer);
  add(out, "user_agent", user_agent);
  add(out, "code", code);
  add(out, "peerstatus", peerstatus);
  return {};
}

}  // namespace ward::ingest::squid
