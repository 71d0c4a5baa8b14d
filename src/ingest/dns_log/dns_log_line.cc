#include "ingest/dns_log/dns_log_line.h"

namespace ward::ingest::dns_log {
namespace {

Unexpected bad(std::string_view field, std::string message) {
  return fail(ErrorCode::invalid_input, std::move(message), std::string(field));
}

std::string_view token(std::string_view& rest) {
  std::size_t end = rest.find(' ');
  std::string_view t = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  return t;
}

void add(DnsLine& out, std::string_view name, std::string_view value) {
  if (!value.empty()) out.fields.push_back({name, value});
}

// "10.0.0.1#53124" or "[2001:db8::1]#53124" (older BIND) -> address and port.
void split_address(std::string_view a, std::string_view& ip, std::string_view& port) {
  std::size_t hash = a.rfind('#');
  ip = a.substr(0, hash);
  port = hash == std::string_view::npos ? std::string_view{} : a.substr(hash + 1);
  if (ip.size() > 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
}

bool is_serial(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

Result<bool> read_bind_query(std::string_view text, DnsLine& out) {
  out = DnsLine{};
  if (!text.starts_with("client ")) return false;
  std::string_view rest = text.substr(7);
  if (rest.starts_with("@0x")) token(rest);
  std::string_view address = token(rest);
  if (address.ends_with(':')) {
    address.remove_suffix(1);  // "client 10.0.0.1#53124: query: …" (BIND before 9.9)
  } else if (rest.starts_with('(')) {
    std::size_t close = rest.find("): ");
    if (close == std::string_view::npos)
      return bad("name", "expected \"(name): \" after the client");
    rest.remove_prefix(close + 3);
  } else {
    return bad("client", "expected the client address#port");
  }
  std::string_view ip, port;
  split_address(address, ip, port);
  if (ip.empty()) return bad("client", "expected the client address#port");
  std::string_view view;
  if (rest.starts_with("view ")) {
    std::size_t colon = rest.find(": ");
    if (colon == std::string_view::npos) return bad("view", "expected \"view name: \"");
    view = rest.substr(5, colon - 5);
    rest.remove_prefix(colon + 2);
  }
  if (!rest.starts_with("query: ")) return false;
  rest.remove_prefix(7);
  const std::string_view name = token(rest), qclass = token(rest), qtype = token(rest);
  const std::string_view flags = token(rest);
  if (name.empty() || qclass.empty() || qtype.empty() || flags.empty())
    return bad("query", "expected name, class, type and flags after \"query: \"");
  std::string_view server = token(rest);
  if (server.size() < 2 || server.front() != '(' || server.back() != ')')
    return bad("server", "expected the server address in parentheses");
  server = server.substr(1, server.size() - 2);
  out.is_query = true;
  out.client = ip;
  out.name = name;
  add(out, "client", ip);
  add(out, "client_port", port);
  add(out, "view", view);
  add(out, "query", name);
  add(out, "qclass", qclass);
  add(out, "qtype", qtype);
  add(out, "flags", flags);
  add(out, "server", server);
  if (rest.starts_with('[') && rest.ends_with(']'))
    add(out, "ecs", rest.substr(1, rest.size() - 2));
  return true;
}

Result<bool> read_dnsmasq(std::string_view text, DnsLine& out) {
  out = DnsLine{};
  std::string_view rest = text;
  // log-queries=extra: "<serial> <client>/<port> " before the verb.
  std::string_view serial, client_port;
  {
    std::string_view probe = rest;
    std::string_view first = token(probe);
    if (is_serial(first)) {
      serial = first;
      std::string_view from = token(probe);
      std::size_t slash = from.rfind('/');
      if (slash == std::string_view::npos) return false;  // e.g. a DHCP transaction id
      client_port = from.substr(slash + 1);
      rest = probe;
    }
  }
  const std::string_view verb = token(rest);
  const std::string_view name = token(rest);
  const std::string_view connector = token(rest);
  const std::string_view arg = rest;
  std::string_view action = verb, qtype;
  if (verb.ends_with(']')) {
    std::size_t open = verb.find('[');
    if (open == std::string_view::npos) return bad("query", "expected query[TYPE]");
    action = verb.substr(0, open);
    qtype = verb.substr(open + 1, verb.size() - open - 2);
  }
  const bool known_connector = connector == "from" || connector == "to" || connector == "is";
  if (name.empty() || !known_connector || arg.empty()) return false;  // not a query log line
  add(out, "serial", serial);
  add(out, "action", action);
  add(out, "qtype", qtype);
  add(out, "query", name);
  out.name = name;
  if (connector == "from") {
    out.client = arg;
    add(out, "client", arg);
    out.is_query = action == "query";
  } else if (connector == "to") {
    add(out, "upstream", arg);
  } else {
    out.answer = arg;
    add(out, "answer", arg);
  }
  add(out, "client_port", client_port);
  return true;
}

}  // namespace ward::ingest::dns_log
