// A program a benchmark starts beside itself (rsyslogd, `ward serve`), owned like a file handle:
// when the ChildProcess goes, so does the process (SIGTERM, then SIGKILL if it lingers, and
// waited for), whatever path the benchmark leaves by.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"

namespace ward::bench {

class ChildProcess {
 public:
  // Starts argv[0] (a path, not looked up in PATH unless it has no slash) with stdout and stderr
  // appended to `output`. An error when it cannot be started.
  static Result<ChildProcess> start(const std::vector<std::string>& argv, const std::filesystem::path& output);

  ChildProcess(ChildProcess&& other) noexcept : pid_(other.pid_) { other.pid_ = -1; }
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ~ChildProcess() { stop(); }

  // CPU time (user + system, all its threads) it has used so far; 0 when it is gone.
  double cpu_seconds() const;
  // Whether it is still running (it has not exited, or not been waited for).
  bool running();
  // Sends `signal`, waits up to `grace` for the exit, then SIGKILL; returns the exit status
  // (128 + signal when killed by one), -1 when there was no process. Safe to call twice.
  int stop(int signal = 15, std::chrono::milliseconds grace = std::chrono::seconds(5));

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
};

// Runs a program to its end (stdout and stderr to `output`): wall seconds and its CPU seconds
// (children_cpu_seconds). An error when it cannot be started.
struct ChildRun {
  double seconds = 0, cpu_seconds = 0;
};
Result<ChildRun> run_to_end(const std::vector<std::string>& argv, const std::filesystem::path& output);

}  // namespace ward::bench
