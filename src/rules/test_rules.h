// Sigma documents the rule store's tests upload (src/rules, src/api): a base rule and a
// correlation over it, in one multi-document text, as rules/healthcare writes them.
#pragma once

#include <string_view>

namespace ward::rules::testing {

inline constexpr std::string_view kDeniedAndBurst = R"(title: EHR Access Denied
id: 031caf20-46f0-40da-af7d-5cb50a2e9316
name: denied
status: experimental
logsource:
    product: ward
    category: ehr_access
detection:
    selection:
        event.outcome: failure
    condition: selection
level: informational
---
title: Many Denied EHR Accesses
id: 1526ca8c-373d-41f4-abe4-96721ec937f5
correlation:
    type: event_count
    rules:
        - denied
    group-by:
        - user.id
    timespan: 10m
    condition:
        gte: 20
level: high
)";

}  // namespace ward::rules::testing
