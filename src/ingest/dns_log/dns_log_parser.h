// DNS server query logs -> Events (kind dns): BIND's query log and dnsmasq's log-queries
// output, each line bare, after BIND's print-time prefix ("24-Mar-2018 08:59:37.123 queries:
// info: "), or inside a syslog message (RFC 3164/5424, from named or dnsmasq). Entry points:
// parse_dns_log() per file, looks_like_dns_log() for format detection.
#pragma once

#include <string_view>

#include "core/error.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

struct DnsLogOptions {
  // When the file was read: the year of syslog times, and the time of lines that carry none
  // (BIND without print-time, dnsmasq to its own log file without time). 0 = now.
  TimeNs reference = 0;
};

// Parses each line into ctx.out().events, counted as "bind query" or "dnsmasq line". A query
// is action query, actor.ip = the client, object = the name asked; dnsmasq's reply/cached/config
// lines give the answer (outcome failure for NXDOMAIN, NODATA, SERVFAIL, REFUSED, else success)
// and forwarded lines the upstream server. Flat fields: client client_port view query qclass
// qtype flags server ecs (BIND), action qtype query client answer upstream serial client_port
// (dnsmasq), and hostname/app_name/procid of a syslog prefix. Other named or dnsmasq lines
// (start-up, DHCP) are skipped; a line from neither, a broken query entry, invalid UTF-8, or
// one over max_record_bytes is rejected naming the part; the rest goes on. Times without an
// offset are read in ctx.options().local_zone. Returns an error only when the sink fails.
Result<void> parse_dns_log(std::string_view data, ParseContext& ctx,
                           const DnsLogOptions& options = {});

// True when the first non-blank line is a BIND query entry or a dnsmasq query-log line.
bool looks_like_dns_log(std::string_view head);

}  // namespace ward::ingest
