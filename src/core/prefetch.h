// Asking the CPU for memory before it is read: for loops whose look-ups (a table larger than the
// caches, records found through pointers) would otherwise each wait for memory in turn.
#pragma once

#include <cstddef>

namespace ward {

// Asks for the cache lines of [from, from + bytes). GCC 12 at -O2 drops __builtin_prefetch in
// loops like these (it finds them without effect), so on x86-64 the instruction is written out.
inline void prefetch_lines(const void* from, std::size_t bytes) {
  constexpr std::size_t kCacheLine = 64;
  if (from == nullptr) return;
  const auto* p = static_cast<const char*>(from);
  for (std::size_t at = 0; at < bytes; at += kCacheLine) {
#if defined(__x86_64__)
    asm volatile("prefetcht0 %0" : : "m"(p[at]));
#else
    __builtin_prefetch(p + at);
#endif
  }
}

}  // namespace ward
