#include "bench/cpu_time.h"

#include <sys/resource.h>
#include <time.h>

namespace ward::bench {
namespace {

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }

double usage_seconds(int who) {
  rusage u{};
  getrusage(who, &u);
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

}  // namespace

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double process_cpu_seconds() { return usage_seconds(RUSAGE_SELF); }

double children_cpu_seconds() { return usage_seconds(RUSAGE_CHILDREN); }

}  // namespace ward::bench
