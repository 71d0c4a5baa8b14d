// Business continuity records: critical services with their recovery objectives and what they
// depend on, the backups that protect them, and the exercises that test them. resilience_json.h
// reads and checks them; resilience_store.h keeps them; findings.h and dependencies.h judge them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ward::resilience {

inline constexpr std::string_view kRestoreResults = "success, partial, failed";
inline constexpr std::string_view kExerciseKinds = "tabletop, failover, full_interruption";
inline constexpr std::string_view kActionStatuses = "open, done";

// A service or system the hospital cannot run without for long ("EHR", "PACS").
struct Service {
  std::int64_t id = 0;
  std::string name, owner;
  int tier = 3;                // 1 life-critical … 4 can wait
  int rto_minutes = 0;         // recovery time objective: how long it may be down
  int rpo_minutes = 0;         // recovery point objective: how much data may be lost
  std::string downtime_procedure;
  std::string procedure_reviewed;              // YYYY-MM-DD or ""
  std::vector<std::int64_t> depends_on;        // other services' ids
  std::vector<std::int64_t> vendors;           // program_vendors ids
  std::vector<std::string> devices;            // device ids (asset tags) of the inventory
  std::vector<std::string> systems;            // anything else it needs: "Active Directory", "core network"
};

// One backup of a service: what is copied, where, how often, and when it was last restored.
struct Backup {
  std::int64_t id = 0;
  std::int64_t service = 0;     // its service's id
  std::string what, location;
  bool offsite = false, immutable = false, offline = false;  // copies ransomware cannot reach
  int interval_minutes = 0;     // how often it runs
  std::string started;          // YYYY-MM-DD the backup was first taken, or ""
  std::string last_success;     // YYYY-MM-DD of the last successful backup, or ""
  std::string last_restore_test;  // YYYY-MM-DD, or "" when never tested
  std::string restore_result;     // of kRestoreResults, or "" when never tested
  int restore_minutes = 0;        // measured in that test; 0 when not measured
};

struct CorrectiveAction {
  std::int64_t id = 0;
  std::int64_t exercise = 0;
  std::string text, owner, due;  // due YYYY-MM-DD
  std::string status = "open";   // of kActionStatuses
};

// A tabletop, failover test or full interruption test, what it found and what will be done.
struct Exercise {
  std::int64_t id = 0;
  std::string kind, date, title;        // date YYYY-MM-DD
  std::vector<std::int64_t> services;   // the services covered
  std::vector<std::string> participants, findings;
  std::vector<CorrectiveAction> actions;
};

}  // namespace ward::resilience
