// Timestamps as text log files write them, to UTC nanoseconds (core/time.h): epoch seconds with
// a fraction (Zeek, squid), the BSD syslog "Mmm dd hh:mm:ss" without a year (RFC 3164, dnsmasq)
// and BIND's "dd-Mmm-yyyy hh:mm:ss.mmm". Errors say what was wrong, never quote the value.
#pragma once

#include <string_view>

#include "core/time.h"

namespace ward::ingest {

// "1521911720.615923", "1677971734.079", "1521911720": seconds since the epoch, up to 9
// fraction digits (more are cut, not rounded).
Result<TimeNs> parse_epoch_seconds(std::string_view text);

// The time of a JSON event's time field: ISO 8601 (parse_iso8601, times without an offset read
// in `zone`, UTC when null), or epoch seconds with a fraction, or epoch milliseconds (13 or more
// digits and no fraction). Fails on anything else. Also what `ward detect` reads a match's time with.
Result<TimeNs> parse_iso8601_or_epoch(std::string_view text, const date::time_zone* zone = nullptr);

// "Mar 24 08:59:37" or "Mar  4 08:59:37" (day padded with a space or zero), read on the wall
// clock of `zone` (UTC when null). The year is that of `reference` (UTC), or the year before
// when that would put the time more than 7 days after `reference`: logs are read after they
// are written, so a December line read in January belongs to last year. The 15 characters
// must be at the start of `text`.
Result<TimeNs> parse_bsd_timestamp(std::string_view text, TimeNs reference,
                                   const date::time_zone* zone);
inline constexpr std::size_t kBsdTimestampLength = 15;

// "24-Mar-2018 08:59:37.123" (BIND's print-time, milliseconds optional), on `zone`'s wall clock.
Result<TimeNs> parse_bind_timestamp(std::string_view text, const date::time_zone* zone);

// 1–12 for "Jan"…"Dec" (case-sensitive, as syslog writes them), 0 otherwise.
int month_from_abbreviation(std::string_view s);

}  // namespace ward::ingest
