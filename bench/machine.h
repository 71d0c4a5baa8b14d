// The machine a benchmark ran on, for its report: CPU model and hardware threads.
#pragma once

#include <string>

namespace ward::bench {

std::string machine_description();

}  // namespace ward::bench
