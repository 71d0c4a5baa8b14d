// A vendor's risk score (0–100) with the reasons behind each point, and the reminders and
// concentration views of the vendor list. Pure functions of the vendors and today's date.
#pragma once

#include <string>
#include <vector>

#include "incidents/calendar_day.h"
#include "third_parties/questionnaire_score.h"
#include "third_parties/vendor.h"

namespace ward::third_parties {

struct RiskScore {
  int score = 0;      // 0–100
  std::string level;  // "low" (< 30), "moderate" (< 60), "high"
  std::vector<std::string> reasons;  // "+25 business associate without a signed BAA"
};

// Points for: criticality, PHI shared (categories, volume), a business associate without a
// current signed BAA, no current SOC 2 or HITRUST certification, and the ways in. With the
// vendor's questionnaire (results_by_vendor), when complete: +15 weak, +5 fair, −10 strong
// answers; an incomplete one is named but not counted. The score stays within 0–100.
RiskScore vendor_risk(const Vendor& v, incidents::Day today, const QuestionnaireResult* questionnaire = nullptr);

struct Reminder {
  std::string vendor;
  std::string what;     // "BAA", "certificate SOC 2 Type II"
  std::string expires;  // YYYY-MM-DD
  int days_left = 0;    // negative: expired that many days ago
};

// BAAs and certificates that expire within `within_days` of `today`, or have expired; soonest first.
std::vector<Reminder> expiry_reminders(const std::vector<Vendor>& vendors, incidents::Day today, int within_days);

struct Concentration {
  std::string service;               // as the vendors name it (compared case-insensitively)
  std::string vendor;                // the only vendor providing it
  std::string criticality;           // the vendor's: high or critical
  std::vector<std::string> systems;  // what depends on it
};

// Services of high or critical vendors that no other vendor provides: single points of failure
// (a clearinghouse that every claim goes through).
std::vector<Concentration> single_vendor_services(const std::vector<Vendor>& vendors);

}  // namespace ward::third_parties
