// The DNS part of one query-log line, after any time or syslog prefix: BIND's query log
//   client @0x7f8b1c0a8b20 10.0.0.1#53124 (example.com): view internal: query: example.com IN A
//   +E(0)K (10.0.0.53)                                      (all one line; "view …: " optional)
// (older versions: no @0x… and no "(name)"), and dnsmasq's log-queries lines
//   query[A] example.com from 10.0.0.5 | forwarded example.com to 8.8.8.8 |
//   reply example.com is 93.184.216.34 | cached example.com is NXDOMAIN | config … | /etc/hosts …
// (log-queries=extra puts "serial client/port " first). Internal to ingest/dns_log.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"

namespace ward::ingest::dns_log {

struct DnsField {
  std::string_view name;
  std::string_view value;
};

struct DnsLine {
  bool is_query = false;            // a question asked (BIND query:, dnsmasq query[T])
  std::string_view client;          // the asking address, when the line says
  std::string_view name;            // the name asked about
  std::string_view answer;          // dnsmasq "is …": an address, NXDOMAIN, NODATA, <CNAME>, …
  std::vector<DnsField> fields;     // every part under its name; empty parts left out
};

// BIND: a query entry starts with "client ". Returns false (no error) for other named lines and
// client entries that are not queries ("query failed (SERVFAIL) …"), which are skipped. Fails
// naming the part that does not fit.
Result<bool> read_bind_query(std::string_view text, DnsLine& out);

// dnsmasq: the message after "dnsmasq[pid]: ". Returns false (no error) for a dnsmasq line
// that is not about a DNS query (DHCP, start-up), which is skipped rather than rejected.
Result<bool> read_dnsmasq(std::string_view text, DnsLine& out);

}  // namespace ward::ingest::dns_log
