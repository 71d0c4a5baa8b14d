// Services, backups and exercises in the store (migration 0025). Adding checks every reference
// in the same transaction as the insert: services by id or name, vendors of program_vendors,
// devices of the inventory; a service name already taken (compared normalised, as vendor
// names are) is refused. A failed add saves nothing. Thread-safe (one connection behind a mutex).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/error.h"
#include "resilience/resilience_json.h"
#include "store/sqlite_db.h"

namespace ward::resilience {

class ResilienceStore {
 public:
  static Result<std::unique_ptr<ResilienceStore>> open(const std::filesystem::path& data_dir);

  // Each returns the record with its id. An unknown reference is ErrorCode::invalid_input on
  // its field ("vendors[1]: there is no vendor 9"); a taken name on "name".
  Result<Service> add_service(const ServiceForm& form);
  // Replaces service `form.service.id` (an edit) with the same checks as add_service, and a
  // service may not depend on itself ("depends_on[0]"). ErrorCode::not_found when there is none.
  Result<Service> update_service(const ServiceForm& form);
  // The services that name vendor `vendor` among their dependencies, by name.
  Result<std::vector<Service>> services_using_vendor(std::int64_t vendor);
  // Takes vendor `vendor` out of every service's dependencies (one transaction); the services
  // changed, by name.
  Result<std::vector<Service>> detach_vendor(std::int64_t vendor);
  Result<Backup> add_backup(const BackupForm& form);
  Result<Exercise> add_exercise(const ExerciseForm& form);
  Result<CorrectiveAction> add_action(std::int64_t exercise, CorrectiveAction action);
  // ErrorCode::not_found when the exercise has no such action.
  Result<CorrectiveAction> set_action_status(std::int64_t exercise, std::int64_t action, const std::string& status);

  Result<std::vector<Service>> services();  // by name
  // By id ("3") or name; nullopt when none.
  Result<std::optional<Service>> find_service(const std::string& id_or_name);
  Result<std::vector<Backup>> backups();      // by service, then id
  Result<std::vector<Exercise>> exercises();  // newest first, with their actions

 private:
  explicit ResilienceStore(store::Db db) : db_(std::move(db)) {}
  Result<std::int64_t> resolve(const ServiceRef& ref, std::string_view field);  // mu_ held
  Result<std::vector<Service>> services_locked();
  // Checks the name is free (but for `self`), resolves form.depends_on into `s` and checks
  // its vendors and devices exist; mu_ held, inside a transaction.
  Result<void> check_service(Service& s, const ServiceForm& form, const std::string& key, std::int64_t self);
  Result<void> write_profile(const Service& s);  // mu_ held
  std::mutex mu_;
  store::Db db_;
};

}  // namespace ward::resilience
