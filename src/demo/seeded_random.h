// Deterministic random draws for the demo hospital. std::mt19937_64 is specified bit for bit by
// the standard but std:: distributions are not, so every draw goes through these functions and the
// same seed gives the same hospital with any standard library. Not thread-safe: one per thread.
#pragma once

#include <cstdint>
#include <random>
#include <span>

namespace ward::demo {

class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}

  // An independent stream for one phase of generation, so that changing one phase does not
  // shift the draws of the next.
  static SeededRandom for_phase(std::uint64_t seed, std::uint64_t phase) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (phase + 1);  // splitmix64 finaliser
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return SeededRandom(z ^ (z >> 31));
  }

  std::uint64_t next() { return engine_(); }

  // Uniform in [0, n), without modulo bias; 0 when n is 0.
  std::uint64_t below(std::uint64_t n) {
    if (n == 0) return 0;
    const std::uint64_t rest = (~std::uint64_t{0} % n + 1) % n;  // 2^64 mod n
    for (;;) {
      std::uint64_t x = engine_();
      if (rest == 0 || x < 0 - rest) return x % n;
    }
  }

  // Uniform in [lo, hi]; lo when hi < lo.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  // Uniform in [0, 1) with 53 bits.
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  bool chance(double p) { return unit() < p; }

  // An index drawn in proportion to `weights` (non-negative); 0 when they sum to zero.
  std::size_t weighted(std::span<const int> weights) {
    std::uint64_t total = 0;
    for (int w : weights) total += w > 0 ? static_cast<std::uint64_t>(w) : 0;
    if (total == 0) return 0;
    std::uint64_t x = below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      std::uint64_t w = weights[i] > 0 ? static_cast<std::uint64_t>(weights[i]) : 0;
      if (x < w) return i;
      x -= w;
    }
    return weights.size() - 1;
  }

  // Fisher-Yates with our own uniform draw.
  template <class T>
  void shuffle(std::span<T> items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      std::size_t j = static_cast<std::size_t>(below(i));
      std::swap(items[i - 1], items[j]);
    }
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace ward::demo
