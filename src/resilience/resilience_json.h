// Services, backups and exercises as JSON, for the store, the CLI and the API. The readers check
// everything a form can get wrong and name the field ("rto: expected a duration …",
// "last_restore_test: 2024-01-02 is before started 2024-03-01"); references to other records
// (a service by id or name, a vendor id, a device id) are checked by the store when it adds.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "incidents/calendar_day.h"
#include "resilience/resilience.h"

namespace ward::resilience {

// A reference to a service: a JSON number is its id, a string its name (or its id as text).
struct ServiceRef {
  std::int64_t id = 0;  // > 0 when given as a number
  std::string name;
};

// What a form gives for a service: the service, and its dependencies on other services still
// as references (ServiceStore::add resolves them). `service.depends_on` is empty.
struct ServiceForm {
  Service service;
  std::vector<ServiceRef> depends_on;
};
struct BackupForm {
  Backup backup;
  ServiceRef service;
};
struct ExerciseForm {
  Exercise exercise;
  std::vector<ServiceRef> services;
};

// Name, rto and rpo required; tier 1–4 (default 3); dates real and not after `today`; unknown
// fields refused.
Result<ServiceForm> service_from_json(const nlohmann::json& body, incidents::Day today);
// `current` with the fields of `changes` replaced (an edit: PATCH, `ward program service update`),
// checked as a whole by service_from_json; the form keeps `current`'s id.
Result<ServiceForm> service_with_changes(const Service& current, const nlohmann::json& changes, incidents::Day today);
// Service, what and frequency required; dates not after `today`, the last success and the
// restore test not before `started`; a restore test needs its result and the other way round.
Result<BackupForm> backup_from_json(const nlohmann::json& body, incidents::Day today);
// Kind, date and at least one service required; each action needs text, owner and due.
Result<ExerciseForm> exercise_from_json(const nlohmann::json& body);
Result<CorrectiveAction> action_from_json(const nlohmann::json& body, std::string_view field = "");

// The stored forms (references as ids), read back by the readers above.
nlohmann::json service_to_json(const Service& s);
nlohmann::json backup_to_json(const Backup& b);
nlohmann::json exercise_to_json(const Exercise& e);  // without its actions (stored apart)
nlohmann::json action_to_json(const CorrectiveAction& a);

}  // namespace ward::resilience
