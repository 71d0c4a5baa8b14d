#include "bench/child_process.h"

#include "bench/cpu_time.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <thread>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include <fmt/format.h>

extern char** environ;

namespace ward::bench {
namespace {

int exit_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

Result<ChildProcess> ChildProcess::start(const std::vector<std::string>& argv, const std::filesystem::path& output) {
  if (argv.empty()) return fail(ErrorCode::internal, "no program to start");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string out = output.string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = argv[0].find('/') == std::string::npos
                     ? posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ)
                     : posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return fail(ErrorCode::io, fmt::format("cannot start {}: {}", argv[0], std::strerror(rc)));
  return ChildProcess(pid);
}

double ChildProcess::cpu_seconds() const {
  if (pid_ <= 0) return 0;
  std::ifstream stat(fmt::format("/proc/{}/stat", pid_));
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // After "pid (comm) ", whose comm may hold spaces: state is field 3, utime 14, stime 15.
  const std::size_t after_comm = text.rfind(')');
  if (after_comm == std::string::npos) return 0;
  std::istringstream fields(text.substr(after_comm + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i)
    if (i >= 14) ticks += std::stod(field);
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

bool ChildProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

int ChildProcess::stop(int signal, std::chrono::milliseconds grace) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  int status = 0;
  while (true) {
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_ || (done < 0 && errno != EINTR)) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  pid_ = -1;
  return exit_status(status);
}

Result<ChildRun> run_to_end(const std::vector<std::string>& argv, const std::filesystem::path& output) {
  const auto start = std::chrono::steady_clock::now();
  const double cpu = children_cpu_seconds();
  auto child = ChildProcess::start(argv, output);
  if (!child) return Unexpected(child.error());
  while (child->running()) std::this_thread::sleep_for(std::chrono::microseconds(500));
  ChildRun run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  (void)child->stop();  // reaped already by running()
  run.cpu_seconds = children_cpu_seconds() - cpu;
  return run;
}

}  // namespace ward::bench
