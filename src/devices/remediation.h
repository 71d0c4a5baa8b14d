// Remediation of device findings: the tracked finding (a match kept per device, advisory and CVE
// with its SSVC outcome and remediation state), reconciling a new match with what was kept (no
// new alert for an unchanged advisory revision; a revision or device change that alters the match
// says what changed and re-opens a closed finding), state-change rules and due dates. Plain
// functions over values; remediation_store.h keeps them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "devices/matcher.h"
#include "devices/ssvc_assessment.h"

namespace ward::devices {

enum class RemediationState { open, mitigated, patched, risk_accepted };
std::string_view to_string(RemediationState s);
Result<RemediationState> parse_state(std::string_view text);  // the error lists the states

struct TrackedFinding {
  std::string device_id, advisory_id, cve;
  std::string product, version, matched_by;
  double confidence = 0, cvss_base = 0;
  std::string advisory_revision;
  std::string ssvc_deployer, ssvc_cisa;
  std::string ssvc_inputs = "[]";  // JSON array of {decision_point, value, reason, assumed}
  std::string outcome_since;       // YYYY-MM-DD: when the SSVC outcomes last changed; due dates count from it
  bool matched = true;             // false once the latest match no longer finds it
  RemediationState state = RemediationState::open;
  std::string evidence, expires;   // expires: YYYY-MM-DD, risk_accepted only
  std::string change_note;         // what the last change was
  TimeNs first_seen_ns = 0, last_seen_ns = 0, state_changed_ns = 0;
};

// What a match did to a finding. `revised`: a new advisory revision with the same match (no alert).
enum class FindingChange { added, unchanged, revised, changed, reopened, gone };
std::string_view to_string(FindingChange c);

struct ReconciledFinding {
  TrackedFinding finding;
  FindingChange change = FindingChange::unchanged;
};

// Findings of one match as tracked findings (state open, first seen `now`); `revisions` maps
// advisory ids to their revision.
std::vector<TrackedFinding> tracked_findings(const std::vector<Finding>& findings,
                                             const std::vector<std::shared_ptr<const SsvcAssessment>>& assessments,
                                             const std::map<std::string, std::string>& revisions, TimeNs now);

// `stored` as kept, `current` from tracked_findings(): every finding of either, with what changed.
std::vector<ReconciledFinding> reconcile(const std::vector<TrackedFinding>& stored, const std::vector<TrackedFinding>& current,
                                         TimeNs now);

struct StateChange {
  RemediationState state = RemediationState::open;
  std::string evidence;  // required for every state but open
  std::string expires;   // YYYY-MM-DD, required for risk_accepted (not before `today`), refused otherwise
};
Result<void> check_state_change(const StateChange& change, std::string_view today);

std::string today(TimeNs now);  // YYYY-MM-DD, UTC
// outcome_since + the outcome's days (settings.due_days); nullopt when that outcome has none.
std::optional<std::string> due_date(const TrackedFinding& f, const SsvcSettings& settings);
// A risk acceptance whose expiry date has passed: the finding is open again.
bool acceptance_expired(const TrackedFinding& f, std::string_view today);

}  // namespace ward::devices
