// The pattern database serialised at build time by serialize_patterns_tool.cc for a generic
// x86-64 CPU (generated file). Only pattern_database_loader.cc reads it.
#pragma once

#include <cstdint>
#include <string_view>

namespace ward::phi::embedded {

extern const std::string_view k_pattern_database;    // hs_serialize_database's bytes
extern const std::uint64_t k_pattern_fingerprint;    // PatternDatabase::fingerprint() when made

}  // namespace ward::phi::embedded
