// Lowering the calling thread's CPU priority, so work that can wait (a privacy run beside the
// import that feeds it) yields the cores to work that cannot. Linux: a thread's nice value is
// its own (setpriority on its thread id); elsewhere this does nothing.
#pragma once

#include <cerrno>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace ward {

// Adds `steps` (1–19) to the calling thread's nice value; the threads it starts later inherit
// it. Returns false when the system refused (the thread keeps its priority). An unprivileged
// process cannot raise it back: call it on threads that keep lower priority until they end.
inline bool lower_thread_priority(int steps) {
#if defined(__linux__)
  const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
  errno = 0;
  const int now = ::getpriority(PRIO_PROCESS, tid);
  if (now == -1 && errno != 0) return false;
  return ::setpriority(PRIO_PROCESS, tid, now + steps) == 0;
#else
  (void)steps;
  return false;
#endif
}

}  // namespace ward
