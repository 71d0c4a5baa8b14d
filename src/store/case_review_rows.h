// What reviewing privacy cases (src/case_review) keeps in the store: each change of a case's
// review state, the explanation rules proposed from dismissed cases and the decisions on them.
// Plain rows; src/case_review owns their meaning (which states, outcomes and reason codes exist).
#pragma once

#include <cstdint>
#include <string>

#include "core/time.h"

namespace ward::store {

// One change of a case's review state, as privacy_case_history keeps it.
struct CaseChange {
  std::int64_t id = 0;       // assigned by the store
  std::int64_t case_id = 0;
  TimeNs time = 0;
  std::string actor;         // "token:3 (alice's laptop)" for the API, "cli:alice" for the CLI
  std::string from_status, to_status;
  std::string outcome;       // confirmed: snooping, policy_violation, other; else ""
  std::string reason_code;   // dismissed: float_pool, covering_colleague, …; else ""
  std::string reason;        // free text; "" when none was given
  std::string assignee;      // the case's assignee after the change; "" when none
};

// An explanation rule proposed from a dismissed case, and what became of it.
struct ProposalRecord {
  std::int64_t id = 0;        // assigned by the store
  std::int64_t case_id = 0;   // the dismissed case it was proposed from
  std::string code;           // the rule's code, unique among proposals
  std::string description;    // the rule's description: what it allows and where it came from
  std::string rule_yaml;      // a one-rule YAML list, in the shape of privacy.explanations
  std::int64_t open_cases = 0;  // other open cases it explained when it was proposed
  std::string status = "proposed";  // proposed, accepted, rejected
  TimeNs proposed = 0;
  std::string proposed_by;
  TimeNs decided = 0;         // 0 while proposed
  std::string decided_by, decision_reason;
};

struct ProposalQuery {
  std::string status;  // "" = any
  int limit = 1000;    // oldest first
};

// Accepting or rejecting a proposal.
struct ProposalDecision {
  std::int64_t proposal_id = 0;
  std::string status;  // accepted or rejected
  TimeNs time = 0;
  std::string actor, reason;
};

// One CLI command in Ward's audit trail (beside the API's requests, in api_audit).
struct CliAuditEntry {
  TimeNs time = 0;
  std::string actor;    // "cli:alice"
  std::string command;  // "ward privacy case {id}"
  std::string subject;  // "case:42", "proposal:3"; "" for lists
  int exit_status = 0;
};

}  // namespace ward::store
