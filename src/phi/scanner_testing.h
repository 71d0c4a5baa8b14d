// For tests: one scanner built once per test binary (building compiles the Hyperscan database,
// seconds of CPU) and shared read-only, as the Scanner allows.
#pragma once

#include <stdexcept>

#include "phi/scanner.h"

namespace ward::phi::testing {

inline const Scanner& shared_scanner() {
  static const Scanner scanner = [] {
    auto built = Scanner::build();
    if (!built) throw std::runtime_error("the PHI scanner did not build: " + built.error().message);
    return std::move(*built);
  }();
  return scanner;
}

}  // namespace ward::phi::testing
