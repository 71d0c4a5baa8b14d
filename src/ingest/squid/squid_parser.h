// squid access.log -> Events (kind http): the native format and the "combined" logformat.
// Entry points: parse_squid() per file, looks_like_squid() for format detection.
#pragma once

#include <string_view>

#include "core/error.h"
#include "ingest/parse_context.h"

namespace ward::ingest {

// Parses every line into ctx.out().events, counted as "squid access". Each line is read in
// the native format, or in "combined" when it starts like it (an address, two tokens and
// "["). time -> Event.time, remotehost -> actor.ip, rfc931 (or the combined user) ->
// actor.user_id, url -> object (host:port for CONNECT), status 1xx-3xx success, 4xx-5xx or a
// DENIED code failure. Flat fields under squid's names (time elapsed remotehost code status
// bytes method url rfc931 peerstatus peerhost type; combined: user version referer user_agent),
// "-" left out. A line that does not fit, invalid UTF-8, or over max_record_bytes is rejected
// naming the field; the rest goes on. Returns an error only when the sink fails.
Result<void> parse_squid(std::string_view data, ParseContext& ctx);

// True when the first line reads as a native squid line, or as a combined one ending in a
// squid code:hierarchy pair ("TCP_MISS:HIER_DIRECT").
bool looks_like_squid(std::string_view head);

}  // namespace ward::ingest
