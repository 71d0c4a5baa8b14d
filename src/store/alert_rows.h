// Detection alerts as the store keeps them (migration 0008): what a Sigma rule or correlation
// found, with enough of the event to act on, and the changes of their status (migration 0010).
// src/sigma raises them; the API lists them; src/alert_review owns the status workflow.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/time.h"

namespace ward::store {

struct AlertRecord {
  std::int64_t id = 0;      // assigned by the store
  std::string rule_id;      // the rule's id, or its file when it has none
  std::string rule_title;
  std::string level;        // informational, low, medium, high, critical
  std::string kind = "rule";  // rule, correlation
  TimeNs event_time = 0;    // the event's time (a correlation: its last event)
  TimeNs detected = 0;      // when Ward raised it
  std::string source;       // the input
  std::string event_ref;    // the event's id, or where it is in the input ("line 12")
  std::string host, user_id;
  std::string tags;         // the rule's Sigma tags, space-separated: "attack.impact attack.t1489"
  std::string matched;      // JSON object: field -> value that matched
  std::string raw;          // the event as received (a JSON object of its fields); "" when not kept
  std::string status = "open";  // open, acknowledged, closed
  std::string resolution;   // closed: true_positive, false_positive, benign; else ""
};

// One change of an alert's status, as alert_history keeps it.
struct AlertChange {
  std::int64_t id = 0;        // assigned by the store
  std::int64_t alert_id = 0;
  TimeNs time = 0;
  std::string actor;          // "token:3 (alice's laptop)" for the API, "cli:alice" for the CLI
  std::string from_status, to_status;
  std::string resolution;     // closed: true_positive, false_positive, benign; else ""
  std::string comment;        // free text; "" when none was given
};

// Newest first. Empty strings and zero times leave a filter out.
struct AlertQuery {
  std::string level;     // exactly this level
  std::string min_level;  // this level or higher (low < medium < high < critical)
  std::string rule_id;
  std::string status;
  TimeNs from = 0, to = 0;     // event time, [from, to)
  // Paging: the alerts after this one in the order listed (the last alert of the page before:
  // its event_time and id). 0 = from the newest.
  TimeNs before_time = 0;
  std::int64_t before_id = 0;
  int limit = 100;
};

// The levels of Sigma, lowest first.
inline constexpr std::array<std::string_view, 5> kAlertLevels = {"informational", "low", "medium", "high",
                                                                 "critical"};
// A level's place in kAlertLevels; -1 for anything else.
int alert_level_rank(std::string_view level);

}  // namespace ward::store
