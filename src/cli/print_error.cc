#include <fmt/format.h>

#include "cli/commands.h"

namespace ward::cli {

void print_error(const Error& error) { fmt::print(stderr, "ward: {}\n", error.describe()); }

}  // namespace ward::cli
