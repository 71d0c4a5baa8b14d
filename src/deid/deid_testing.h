// For the format tests: a de-identifier over the shared scanner under a policy, with a keyed
// linker (a fixed test key) or a vault in a temporary folder, and the research policy the text
// tests use (keyed codes, surrogates, date shifts of 10 to 100 days).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/config_yaml.h"
#include "deid/structured_deidentifier.h"
#include "phi/scanner_testing.h"

namespace ward::deid::testing {

inline Policy policy_from(std::string_view yaml) {
  auto node = load_yaml_text(yaml, "policy.yaml");
  EXPECT_TRUE(node);
  auto p = policy_from_yaml(*node, "policy.yaml");
  EXPECT_TRUE(p) << p.error().message;
  return p ? *p : Policy{};
}

inline Policy research_policy(std::string_view extra = "") {
  return policy_from("basis: expert-determination\n"
                     "types: {name: surrogate, date: date_shift, mrn: pseudonym, geography: surrogate, phone: surrogate}\n"
                     "date_shift: {min_days: 10, max_days: 100}\n" +
                     std::string(extra));
}

// `data` de-identified as `format` under `policy` with `linker`; fails the test when it fails.
inline Deidentified run(phi::InputFormat format, const Policy& policy, Linker& linker, std::string_view data,
                        std::string_view file = "input") {
  const phi::Scanner& scanner = phi::testing::shared_scanner();
  TextDeidentifier deid(policy, scanner, linker);
  auto scratch = phi::ScanScratch::make(scanner);
  EXPECT_TRUE(scratch);
  auto out = deidentify_format(format, data, deid, *scratch, file);
  EXPECT_TRUE(out) << out.error().describe();
  return out ? std::move(*out) : Deidentified{};
}

// The error of de-identifying `data` as `format` under Safe Harbor (the test fails when there is none).
inline Error refusal(phi::InputFormat format, std::string_view data) {
  KeyedLinker linker(SecretKey{});
  const Policy policy = safe_harbor_policy();
  TextDeidentifier deid(policy, phi::testing::shared_scanner(), linker);
  auto scratch = phi::ScanScratch::make(phi::testing::shared_scanner());
  EXPECT_TRUE(scratch);
  auto out = deidentify_format(format, data, deid, *scratch, "input");
  EXPECT_FALSE(out) << "de-identified, not refused";
  return out ? Error{} : out.error();
}

inline std::uint64_t changed(const Deidentified& d, phi::PhiType type) {
  return d.changed.by_type[static_cast<std::size_t>(type)];
}

}  // namespace ward::deid::testing
