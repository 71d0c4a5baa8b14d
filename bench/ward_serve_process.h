// `ward serve` started by a benchmark as a user starts it — this very binary (/proc/self/exe),
// a fresh data folder, the API and a syslog TCP listener on 127.0.0.1 free ports — so what is
// measured is the program users run, with everything it does beside the listener (privacy
// monitor, live detection). Stopped with SIGINT (Ctrl-C) when the object goes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench/child_process.h"
#include "core/error.h"
#include "store/store.h"

namespace ward::bench {

class WardServeProcess {
 public:
  // Starts `ward --data DATA serve --listen 127.0.0.1:0 --syslog-tcp 127.0.0.1:0 EXTRA…`, its
  // output in `DATA/../<name of DATA>.out`, and waits (up to 20 s) until it serves. `ward` is
  // the binary to run ("" = this one; another build, to compare before and after a change).
  // An error with its output when it did not start.
  static Result<WardServeProcess> start(const std::filesystem::path& data, const std::vector<std::string>& extra,
                                        const std::filesystem::path& ward = {});

  std::uint16_t syslog_port() const { return syslog_port_; }
  std::uint16_t api_port() const { return api_port_; }
  const std::string& admin_token() const { return token_; }
  // The same store, opened beside the server (SQLite WAL: reads do not block its writes).
  store::Store& store() { return *store_; }
  // Events the server has committed (the store's newest seq: events are numbered from 1 in a
  // fresh store).
  Result<std::uint64_t> events_committed();
  double cpu_seconds() const { return process_.cpu_seconds(); }
  // Ctrl-C; the exit status (0 when it stopped cleanly).
  int stop() { return process_.stop(2); }

 private:
  WardServeProcess(ChildProcess process) : process_(std::move(process)) {}
  ChildProcess process_;
  std::uint16_t syslog_port_ = 0, api_port_ = 0;
  std::string token_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace ward::bench
