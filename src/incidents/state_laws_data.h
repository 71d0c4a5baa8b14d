// data/program/state_breach_laws.yaml, built into the binary (see CMakeLists.txt).
#pragma once

#include <string_view>

namespace ward::incidents {
extern const std::string_view kStateBreachLawsYaml;
}  // namespace ward::incidents
