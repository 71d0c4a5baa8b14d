// Test helper for correlations: rules from YAML text and an engine that keeps its alerts.
#pragma once

#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/time.h"
#include "sigma/correlation_engine.h"
#include "sigma/json_events.h"
#include "sigma/rule_set.h"
#include "testing/shared_data.h"

namespace ward::sigma::testing {

constexpr TimeNs kT0 = 1'714'557'600 * kNsPerSecond;  // 2024-05-01T10:00:00Z

// Rules from YAML (one file, any number of documents), and an engine that keeps its alerts.
class Correlator {
 public:
  explicit Correlator(std::string_view yaml, CorrelationOptions options = {}) {
    std::ofstream(dir_.path() / "rules.yml") << yaml;
    auto set = load_rule_set({dir_.path()});
    EXPECT_TRUE(set.has_value()) << set.error().describe();
    if (set) set_ = std::move(*set);
    for (const auto& f : set_.failures) ADD_FAILURE() << f.reason;
    engine_ = std::make_unique<CorrelationEngine>(
        set_.rules, set_.correlations, [this](const CorrelationAlert& a) { alerts.push_back(a); }, options);
  }

  // One event at kT0 + `at`, given to every rule that matches it; `index`: its number (the
  // next one by default).
  void event(TimeNs at, std::string_view json, std::uint64_t index = 0) {
    index_ = index != 0 ? index : index_ + 1;
    read_json_text(json, "events.jsonl",
                   [&](std::uint64_t, const FlatEvent& e) {
                     for (const CompiledRule& r : set_.rules)
                       if (r.matches(e)) engine_->observe(r, kT0 + at, e, "events.jsonl", index_);
                   },
                   [](const Error& e) { ADD_FAILURE() << e.describe(); });
  }
  void finish() { engine_->finish(); }
  std::size_t held() const { return engine_->held(); }
  const CorrelationStats& stats() const { return engine_->stats(); }

  std::string group(std::size_t i) const {
    std::string out;
    for (const auto& [name, value] : alerts.at(i).group) out += (out.empty() ? "" : " ") + name + "=" + value;
    return out;
  }
  std::vector<std::uint64_t> events(std::size_t i) const {
    std::vector<std::uint64_t> out;
    for (const auto& e : alerts.at(i).events) out.push_back(e.event_index);
    return out;
  }

  std::vector<CorrelationAlert> alerts;

 private:
  ward::testing::TempDir dir_;
  RuleSet set_;
  std::unique_ptr<CorrelationEngine> engine_;
  std::uint64_t index_ = 0;
};

}  // namespace ward::sigma::testing
