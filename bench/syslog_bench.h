// `ward bench syslog`: how many syslog messages per second `ward serve` takes over TCP from a
// local sender and keeps (committed to its store), beside rsyslogd receiving the same stream
// into a file, in the same run, so the ratio travels between machines. Each round starts a fresh
// `ward serve` and a fresh rsyslogd (rsyslog_process.h), sends the same generated stream
// (hospital_syslog.h) to each in turn, and stops each clock when the other end holds every
// message: Ward's store counts them as events, rsyslog's file as lines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"

namespace ward::bench {

struct SyslogBenchOptions {
  std::uint64_t messages = 200'000;
  int connections = 1;        // the stream is dealt round-robin over this many connections
  bool newline_framing = false;  // default: octet counting (RFC 6587), as rsyslog forwards
  int rounds = 3;
  int timeout_seconds = 120;  // after the last byte is sent, for the other end to hold every message
  std::string workdir;        // "" = a new folder in the system temp dir
  std::string ward;           // the ward binary to serve with; "" = this one
};

struct SyslogRound {
  double ward_seconds = 0, rsyslog_seconds = 0;
  // CPU time (user + system) each receiver used in the round, start-up included: on a shared
  // machine a steadier measure of the work than the wall clock.
  double ward_cpu_seconds = 0, rsyslog_cpu_seconds = 0;
  std::uint64_t ward_events = 0, ward_quarantined = 0, rsyslog_lines = 0;
};

struct SyslogBenchResult {
  std::string machine;
  std::uint64_t bytes = 0;  // of the stream, framed
  std::vector<SyslogRound> rounds;
};

// An error when a receiver did not start, or did not hold every message within the timeout.
Result<SyslogBenchResult> run_syslog_bench(const SyslogBenchOptions& options);
std::string format_report(const SyslogBenchOptions& options, const SyslogBenchResult& result);

}  // namespace ward::bench
