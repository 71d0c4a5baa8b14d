// CPU time, the steadier measure of a benchmark's work on a shared machine: of the calling
// thread, of the whole process, and of the child processes reaped so far (baselines run as
// programs: ripgrep). In seconds, user + system.
#pragma once

namespace ward::bench {

double thread_cpu_seconds();
double process_cpu_seconds();
double children_cpu_seconds();

}  // namespace ward::bench
