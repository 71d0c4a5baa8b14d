// ResilienceStore (resilience_store.h): each record's form as JSON in `profile`, the keys that
// are looked up (name key, tier, service, exercise, action status) as columns.
#include "resilience/resilience_store.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "core/time.h"
#include "devices/vendor_names.h"
#include "incidents/incident.h"
#include "store/capability_db.h"

namespace ward::resilience {
namespace {

using nlohmann::json;

Unexpected bad_ref(std::string_view field, std::string what) {
  return fail(ErrorCode::invalid_input, fmt::format("{}: {}", field, what), std::string(field));
}

Unexpected unreadable(std::string_view what, std::int64_t id, const Error& e) {
  return fail(ErrorCode::storage, fmt::format("{} {} could not be read: {}", what, id, e.message));
}

std::optional<std::int64_t> as_id(std::string_view text) {
  std::int64_t id = 0;
  const char* end = text.data() + text.size();
  if (text.empty() || std::from_chars(text.data(), end, id).ptr != end || id <= 0) return std::nullopt;
  return id;
}

// True when `sql` with ?1 bound finds a row.
template <class T>
Result<bool> exists(store::Db& db, const char* sql, const T& value) {
  auto s = db.prepare(sql);
  if (!s) return Unexpected(s.error());
  s->bind(1, value);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  return *row;
}

// Each row of `sql` (id, profile JSON) through read(id, profile); stops at the first error.
template <class Read>
Result<void> each_profile(store::Db& db, const char* sql, Read read) {
  auto s = db.prepare(sql);
  if (!s) return Unexpected(s.error());
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return {};
    if (auto r = read(s->column_int(0), json::parse(s->column_text(1), nullptr, false)); !r) return r;
  }
}

Result<std::int64_t> insert(store::Db& db, const char* sql, std::initializer_list<std::string_view> texts,
                            std::initializer_list<std::int64_t> ints) {
  auto s = db.prepare(sql);
  if (!s) return Unexpected(s.error());
  int i = 1;
  for (std::string_view t : texts) s->bind(i++, t);
  for (std::int64_t n : ints) s->bind(i++, n);
  if (auto r = s->run(); !r) return Unexpected(r.error());
  return db.last_insert_rowid();
}

}  // namespace

Result<std::unique_ptr<ResilienceStore>> ResilienceStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_capability_db(data_dir);
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<ResilienceStore>(new ResilienceStore(std::move(*db)));
}

Result<std::int64_t> ResilienceStore::resolve(const ServiceRef& ref, std::string_view field) {
  const std::optional<std::int64_t> id = ref.id > 0 ? std::optional(ref.id) : as_id(ref.name);
  auto s = db_.prepare(id ? "SELECT service_id FROM program_services WHERE service_id = ?1"
                          : "SELECT service_id FROM program_services WHERE name_key = ?1");
  if (!s) return Unexpected(s.error());
  const std::string key = id ? std::string() : devices::normalise_name(ref.name);
  if (id) s->bind(1, *id);
  else s->bind(1, key);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row)
    return bad_ref(field, id ? fmt::format("there is no service {}", *id)
                             : fmt::format("there is no service \"{}\" (ward program service list)", ref.name));
  return s->column_int(0);
}

Result<void> ResilienceStore::check_service(Service& s, const ServiceForm& form, const std::string& key, std::int64_t self) {
  auto taken = db_.prepare("SELECT service_id, name FROM program_services WHERE name_key = ?1 AND service_id != ?2");
  if (!taken) return Unexpected(taken.error());
  taken->bind(1, key);
  taken->bind(2, self);
  auto row = taken->step();
  if (!row) return Unexpected(row.error());
  if (*row)
    return bad_ref("name", fmt::format("service {} \"{}\" already exists; a service is added once", taken->column_int(0),
                                       taken->column_text(1)));
  s.depends_on.clear();
  for (std::size_t i = 0; i < form.depends_on.size(); ++i) {
    const std::string field = fmt::format("depends_on[{}]", i);
    auto id = resolve(form.depends_on[i], field);
    if (!id) return Unexpected(id.error());
    if (self != 0 && *id == self) return bad_ref(field, fmt::format("service {} cannot depend on itself", s.name));
    s.depends_on.push_back(*id);
  }
  for (std::size_t i = 0; i < s.vendors.size(); ++i) {
    auto found = exists(db_, "SELECT 1 FROM program_vendors WHERE vendor_id = ?1", s.vendors[i]);
    if (!found) return Unexpected(found.error());
    if (!*found)
      return bad_ref(fmt::format("vendors[{}]", i), fmt::format("there is no vendor {} (ward program vendor list)", s.vendors[i]));
  }
  for (std::size_t i = 0; i < s.devices.size(); ++i) {
    auto found = exists(db_, "SELECT 1 FROM devices WHERE device_id = ?1", std::string_view(s.devices[i]));
    if (!found) return Unexpected(found.error());
    if (!*found)
      return bad_ref(fmt::format("devices[{}]", i), fmt::format("there is no device \"{}\" in the inventory (ward devices list)", s.devices[i]));
  }
  return {};
}

Result<Service> ResilienceStore::add_service(const ServiceForm& form) {
  Service s = form.service;
  const std::string key = devices::normalise_name(s.name);
  if (key.empty()) return bad_ref("name", "needs letters or digits");
  std::lock_guard lock(mu_);
  return store::in_transaction<Service>(db_, [&]() -> Result<Service> {
    if (auto r = check_service(s, form, key, 0); !r) return Unexpected(r.error());
    const std::string profile = service_to_json(s).dump();
    auto id = insert(db_, "INSERT INTO program_services (name, name_key, profile, tier, created_ns) VALUES (?1,?2,?3,?4,?5)",
                     {s.name, key, profile}, {s.tier, now_ns()});
    if (!id) return Unexpected(id.error());
    s.id = *id;
    return s;
  });
}

Result<void> ResilienceStore::write_profile(const Service& s) {
  auto u = db_.prepare(
      "UPDATE program_services SET name = ?1, name_key = ?2, profile = ?3, tier = ?4 WHERE service_id = ?5 RETURNING service_id");
  if (!u) return Unexpected(u.error());
  const std::string key = devices::normalise_name(s.name), profile = service_to_json(s).dump();
  u->bind(1, s.name);
  u->bind(2, key);
  u->bind(3, profile);
  u->bind(4, static_cast<std::int64_t>(s.tier));
  u->bind(5, s.id);
  auto row = u->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, fmt::format("there is no service {}", s.id), "service");
  if (auto done = u->step(); !done) return Unexpected(done.error());
  return {};
}

Result<Service> ResilienceStore::update_service(const ServiceForm& form) {
  Service s = form.service;
  const std::string key = devices::normalise_name(s.name);
  if (key.empty()) return bad_ref("name", "needs letters or digits");
  std::lock_guard lock(mu_);
  return store::in_transaction<Service>(db_, [&]() -> Result<Service> {
    if (auto r = check_service(s, form, key, s.id); !r) return Unexpected(r.error());
    if (auto r = write_profile(s); !r) return Unexpected(r.error());
    return s;
  });
}

Result<std::vector<Service>> ResilienceStore::services_using_vendor(std::int64_t vendor) {
  auto all = services();
  if (!all) return all;
  std::erase_if(*all, [vendor](const Service& s) { return std::find(s.vendors.begin(), s.vendors.end(), vendor) == s.vendors.end(); });
  return all;
}

Result<std::vector<Service>> ResilienceStore::detach_vendor(std::int64_t vendor) {
  std::lock_guard lock(mu_);
  return store::in_transaction<std::vector<Service>>(db_, [&]() -> Result<std::vector<Service>> {
    auto all = services_locked();
    if (!all) return all;
    std::vector<Service> changed;
    for (Service& s : *all)
      if (std::erase(s.vendors, vendor) > 0) {
        if (auto r = write_profile(s); !r) return Unexpected(r.error());
        changed.push_back(std::move(s));
      }
    return changed;
  });
}

Result<Backup> ResilienceStore::add_backup(const BackupForm& form) {
  Backup b = form.backup;
  std::lock_guard lock(mu_);
  return store::in_transaction<Backup>(db_, [&]() -> Result<Backup> {
    auto service = resolve(form.service, "service");
    if (!service) return Unexpected(service.error());
    b.service = *service;
    const std::string profile = backup_to_json(b).dump();
    auto id = insert(db_, "INSERT INTO program_backups (profile, service_id, created_ns) VALUES (?1,?2,?3)", {profile},
                     {b.service, now_ns()});
    if (!id) return Unexpected(id.error());
    b.id = *id;
    return b;
  });
}

Result<Exercise> ResilienceStore::add_exercise(const ExerciseForm& form) {
  Exercise e = form.exercise;
  std::lock_guard lock(mu_);
  return store::in_transaction<Exercise>(db_, [&]() -> Result<Exercise> {
    for (std::size_t i = 0; i < form.services.size(); ++i) {
      auto id = resolve(form.services[i], fmt::format("services[{}]", i));
      if (!id) return Unexpected(id.error());
      e.services.push_back(*id);
    }
    const std::string profile = exercise_to_json(e).dump();
    auto id = insert(db_, "INSERT INTO program_exercises (profile, created_ns) VALUES (?1,?2)", {profile}, {now_ns()});
    if (!id) return Unexpected(id.error());
    e.id = *id;
    for (CorrectiveAction& a : e.actions) {
      auto action = insert(db_,
                           "INSERT INTO program_exercise_actions (text, owner, due, status, exercise_id, updated_ns) "
                           "VALUES (?1,?2,?3,?4,?5,?6)",
                           {a.text, a.owner, a.due, a.status}, {e.id, now_ns()});
      if (!action) return Unexpected(action.error());
      a.id = *action;
      a.exercise = e.id;
    }
    return e;
  });
}

Result<CorrectiveAction> ResilienceStore::add_action(std::int64_t exercise, CorrectiveAction a) {
  std::lock_guard lock(mu_);
  return store::in_transaction<CorrectiveAction>(db_, [&]() -> Result<CorrectiveAction> {
    auto found = exists(db_, "SELECT 1 FROM program_exercises WHERE exercise_id = ?1", exercise);
    if (!found) return Unexpected(found.error());
    if (!*found) return fail(ErrorCode::not_found, fmt::format("there is no exercise {}", exercise), "exercise");
    auto id = insert(db_,
                     "INSERT INTO program_exercise_actions (text, owner, due, status, exercise_id, updated_ns) "
                     "VALUES (?1,?2,?3,?4,?5,?6)",
                     {a.text, a.owner, a.due, a.status}, {exercise, now_ns()});
    if (!id) return Unexpected(id.error());
    a.id = *id;
    a.exercise = exercise;
    return a;
  });
}

Result<CorrectiveAction> ResilienceStore::set_action_status(std::int64_t exercise, std::int64_t action,
                                                            const std::string& status) {
  if (auto r = incidents::check_one_of(status, kActionStatuses, "status"); !r) return Unexpected(r.error());
  std::lock_guard lock(mu_);
  auto s = db_.prepare(
      "UPDATE program_exercise_actions SET status = ?1, updated_ns = ?2 WHERE exercise_id = ?3 AND action_id = ?4 "
      "RETURNING text, owner, due");
  if (!s) return Unexpected(s.error());
  s->bind(1, status);
  s->bind(2, now_ns());
  s->bind(3, exercise);
  s->bind(4, action);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, fmt::format("exercise {} has no corrective action {}", exercise, action), "action");
  CorrectiveAction a{action, exercise, std::string(s->column_text(0)), std::string(s->column_text(1)),
                     std::string(s->column_text(2)), status};
  if (auto done = s->step(); !done) return Unexpected(done.error());
  return a;
}

Result<std::vector<Service>> ResilienceStore::services_locked() {
  std::vector<Service> out;
  const auto today = incidents::today_utc();
  auto r = each_profile(db_, "SELECT service_id, profile FROM program_services ORDER BY name_key",
                        [&](std::int64_t id, const json& profile) -> Result<void> {
    auto form = service_from_json(profile, today);
    if (!form) return unreadable("service", id, form.error());
    form->service.id = id;
    for (const ServiceRef& ref : form->depends_on) form->service.depends_on.push_back(ref.id);
    out.push_back(std::move(form->service));
    return {};
  });
  if (!r) return Unexpected(r.error());
  return out;
}

Result<std::vector<Service>> ResilienceStore::services() {
  std::lock_guard lock(mu_);
  return services_locked();
}

Result<std::optional<Service>> ResilienceStore::find_service(const std::string& id_or_name) {
  std::int64_t id = 0;
  {
    std::lock_guard lock(mu_);
    auto found = resolve(ServiceRef{0, id_or_name}, "service");
    if (!found) {
      if (found.error().code == ErrorCode::invalid_input) return std::optional<Service>();
      return Unexpected(found.error());
    }
    id = *found;
  }
  auto all = services();
  if (!all) return Unexpected(all.error());
  for (Service& s : *all)
    if (s.id == id) return std::optional<Service>(std::move(s));
  return std::optional<Service>();
}

Result<std::vector<Backup>> ResilienceStore::backups() {
  std::lock_guard lock(mu_);
  std::vector<Backup> out;
  const auto today = incidents::today_utc();
  auto r = each_profile(db_, "SELECT backup_id, profile FROM program_backups ORDER BY service_id, backup_id",
                        [&](std::int64_t id, const json& profile) -> Result<void> {
    auto form = backup_from_json(profile, today);
    if (!form) return unreadable("backup", id, form.error());
    form->backup.id = id;
    form->backup.service = form->service.id;
    out.push_back(std::move(form->backup));
    return {};
  });
  if (!r) return Unexpected(r.error());
  return out;
}

Result<std::vector<Exercise>> ResilienceStore::exercises() {
  std::lock_guard lock(mu_);
  std::vector<Exercise> out;
  auto r = each_profile(db_, "SELECT exercise_id, profile FROM program_exercises ORDER BY exercise_id DESC",
                        [&](std::int64_t id, const json& profile) -> Result<void> {
    auto form = exercise_from_json(profile);
    if (!form) return unreadable("exercise", id, form.error());
    form->exercise.id = id;
    for (const ServiceRef& ref : form->services) form->exercise.services.push_back(ref.id);
    out.push_back(std::move(form->exercise));
    return {};
  });
  if (!r) return Unexpected(r.error());
  auto a = db_.prepare("SELECT action_id, exercise_id, text, owner, due, status FROM program_exercise_actions ORDER BY action_id");
  if (!a) return Unexpected(a.error());
  while (true) {
    auto row = a->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    CorrectiveAction action{a->column_int(0), a->column_int(1), std::string(a->column_text(2)), std::string(a->column_text(3)),
                            std::string(a->column_text(4)), std::string(a->column_text(5))};
    for (Exercise& e : out)
      if (e.id == action.exercise) e.actions.push_back(action);
  }
  return out;
}

}  // namespace ward::resilience
