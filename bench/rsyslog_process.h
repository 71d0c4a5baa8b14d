// The baseline of `ward bench syslog`: a real rsyslogd (in the foreground, unprivileged, its own
// config and work folder) receiving syslog over TCP (imtcp, which takes octet-counted and
// newline-framed messages, on a free 127.0.0.1 port) into a file (omfile, default queues), one
// line per message. Stopped (SIGTERM, waited for) when the object goes.
#pragma once

#include <cstdint>
#include <filesystem>

#include "bench/child_process.h"
#include "core/error.h"

namespace ward::bench {

class RsyslogProcess {
 public:
  // Writes `folder`/rsyslog.conf and starts `rsyslogd -n` on it; waits (up to 20 s) for the
  // port it bound. An error with its output when rsyslogd is missing or did not start.
  static Result<RsyslogProcess> start(const std::filesystem::path& folder);

  std::uint16_t port() const { return port_; }
  double cpu_seconds() const { return process_.cpu_seconds(); }
  // Lines written to the output file so far (read on from where the last call stopped).
  Result<std::uint64_t> messages_written();

 private:
  RsyslogProcess(ChildProcess process) : process_(std::move(process)) {}
  ChildProcess process_;
  std::uint16_t port_ = 0;
  std::filesystem::path output_;
  std::uint64_t read_bytes_ = 0, lines_ = 0;
};

}  // namespace ward::bench
