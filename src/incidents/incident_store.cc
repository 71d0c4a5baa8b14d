// IncidentStore (incident_store.h): plain SQL over the tables of migration 0022.
#include "incidents/incident_store.h"

#include <fmt/format.h>
#include <sodium.h>

#include "store/capability_db.h"
#include "store/secret_hash.h"

namespace ward::incidents {
namespace {

using nlohmann::json;

constexpr const char* kIncidentColumns =
    "incident_id, receipt_code, title, description, reporter, reporter_contact, source, status, severity, occurred_on, "
    "discovered_on, created_ns, updated_ns, owner";

Incident read_incident(const store::Statement& s) {
  Incident i;
  i.id = s.column_int(0);
  std::string* texts[] = {&i.receipt, &i.title, &i.description, &i.reporter, &i.reporter_contact, &i.source,
                          &i.status,  &i.severity, &i.occurred_on, &i.discovered_on};
  int col = 1;
  for (std::string* t : texts) *t = std::string(s.column_text(col++));
  i.created = s.column_int(11);
  i.updated = s.column_int(12);
  i.owner = std::string(s.column_text(13));
  return i;
}

IncidentEntry read_entry(const store::Statement& s) {
  IncidentEntry e;
  e.id = s.column_int(0);
  e.incident_id = s.column_int(1);
  e.kind = std::string(s.column_text(2));
  e.body = std::string(s.column_text(3));
  e.author = std::string(s.column_text(4));
  if (!s.column_is_null(5)) e.done = s.column_int(5) != 0;
  e.created = s.column_int(6);
  return e;
}

template <class T, class Read>
Result<std::vector<T>> read_all(store::Statement& s, Read read) {
  std::vector<T> out;
  while (true) {
    auto row = s.step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    out.push_back(read(s));
  }
  return out;
}

Unexpected no_incident(std::int64_t id) {
  return fail(ErrorCode::not_found, fmt::format("there is no incident {}", id), "incident");
}

}  // namespace

std::string new_receipt_code() {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // 32 characters, no 0/O, 1/I
  std::string code = "R-";
  for (int i = 0; i < 12; ++i) code += kAlphabet[randombytes_uniform(32)];
  return code;
}

Result<std::unique_ptr<IncidentStore>> IncidentStore::open(const std::filesystem::path& data_dir) {
  if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium could not start");
  auto db = store::open_capability_db(data_dir);
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<IncidentStore>(new IncidentStore(std::move(*db)));
}

Result<IncidentEntry> IncidentStore::insert_entry(IncidentEntry e) {
  auto s = db_.prepare(
      "INSERT INTO program_incident_entries (incident_id, kind, body, author, done, created_ns) VALUES (?1,?2,?3,?4,?5,?6)");
  if (!s) return Unexpected(s.error());
  e.created = now_ns();
  s->bind(1, e.incident_id);
  s->bind(2, e.kind);
  s->bind(3, e.body);
  s->bind(4, e.author);
  if (e.done) s->bind(5, static_cast<std::int64_t>(*e.done ? 1 : 0));
  else s->bind_null(5);
  s->bind(6, e.created);
  if (auto r = s->run(); !r) return Unexpected(r.error());
  e.id = db_.last_insert_rowid();
  auto touch = db_.prepare("UPDATE program_incidents SET updated_ns = ?1 WHERE incident_id = ?2");
  if (!touch) return Unexpected(touch.error());
  touch->bind(1, e.created);
  touch->bind(2, e.incident_id);
  if (auto r = touch->run(); !r) return Unexpected(r.error());
  return e;
}

Result<Incident> IncidentStore::create(Incident in, const std::string& author) {
  if (auto r = check_incident(in); !r) return Unexpected(r.error());
  std::lock_guard lock(mu_);
  return store::in_transaction<Incident>(db_, [&]() -> Result<Incident> {
    auto s = db_.prepare(fmt::format("INSERT INTO program_incidents ({}) VALUES (NULL,?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?11,?12)",
                                     kIncidentColumns));
    if (!s) return Unexpected(s.error());
    in.receipt = new_receipt_code();  // answered once; the store keeps only its hash
    const std::string receipt_hash = store::secret_hash(in.receipt);
    in.created = in.updated = now_ns();
    const std::string* texts[] = {&receipt_hash, &in.title,    &in.description, &in.reporter,    &in.reporter_contact,
                                  &in.source,  &in.status,   &in.severity,    &in.occurred_on, &in.discovered_on};
    int i = 1;
    for (const std::string* t : texts) s->bind(i++, *t);  // "" binds NULL: not given
    s->bind(11, in.created);
    s->bind(12, in.owner);
    if (auto r = s->run(); !r) return Unexpected(r.error());
    in.id = db_.last_insert_rowid();
    auto e = insert_entry({0, in.id, "change",
                           in.source == "intake" ? std::string("reported through the staff intake form")
                                                 : std::string("opened"),
                           author, std::nullopt, 0});
    if (!e) return Unexpected(e.error());
    return in;
  });
}

Result<std::optional<Incident>> IncidentStore::find_where(const char* where, const std::string& key) {
  auto s = db_.prepare(fmt::format("SELECT {} FROM program_incidents WHERE {} = ?1", kIncidentColumns, where));
  if (!s) return Unexpected(s.error());
  s->bind(1, key);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<Incident>();
  return std::optional<Incident>(read_incident(*s));
}

Result<std::optional<Incident>> IncidentStore::find(std::int64_t id) {
  std::lock_guard lock(mu_);
  return find_where("incident_id", std::to_string(id));
}

Result<std::optional<Incident>> IncidentStore::find_by_receipt(const std::string& receipt) {
  std::lock_guard lock(mu_);
  return find_where("receipt_code", store::secret_hash(receipt));
}

Result<std::vector<Incident>> IncidentStore::list(const std::string& status) {
  std::lock_guard lock(mu_);
  const char* where = status.empty() ? "" : status == "open" ? "WHERE status <> 'closed'" : "WHERE status = ?1";
  auto s = db_.prepare(fmt::format("SELECT {} FROM program_incidents {} ORDER BY incident_id DESC", kIncidentColumns, where));
  if (!s) return Unexpected(s.error());
  if (!status.empty() && status != "open") s->bind(1, status);
  return read_all<Incident>(*s, read_incident);
}

Result<Incident> IncidentStore::update(std::int64_t id, const IncidentChange& change, const std::string& author) {
  std::lock_guard lock(mu_);
  return store::in_transaction<Incident>(db_, [&]() -> Result<Incident> {
    auto found = find_where("incident_id", std::to_string(id));
    if (!found) return Unexpected(found.error());
    if (!*found) return no_incident(id);
    Incident in = **found;
    std::string what;
    auto apply = [&](const std::optional<std::string>& v, std::string& field, const char* name) {
      if (!v || *v == field) return;
      what += fmt::format("{}{}: \"{}\" → \"{}\"", what.empty() ? "" : "; ", name, field, *v);
      field = *v;
    };
    apply(change.title, in.title, "title");
    apply(change.status, in.status, "status");
    apply(change.severity, in.severity, "severity");
    apply(change.owner, in.owner, "owner");
    apply(change.occurred_on, in.occurred_on, "occurred_on");
    apply(change.discovered_on, in.discovered_on, "discovered_on");
    if (what.empty()) return in;
    if (auto r = check_incident(in); !r) return Unexpected(r.error());
    auto s = db_.prepare(
        "UPDATE program_incidents SET title=?1, status=?2, severity=?3, occurred_on=?4, discovered_on=?5, owner=?6 "
        "WHERE incident_id=?7");
    if (!s) return Unexpected(s.error());
    const std::string* texts[] = {&in.title, &in.status, &in.severity, &in.occurred_on, &in.discovered_on, &in.owner};
    int i = 1;
    for (const std::string* t : texts) s->bind(i++, *t);
    s->bind(7, id);
    if (auto r = s->run(); !r) return Unexpected(r.error());
    auto e = insert_entry({0, id, "change", what, author, std::nullopt, 0});
    if (!e) return Unexpected(e.error());
    in.updated = e->created;
    return in;
  });
}

Result<IncidentEntry> IncidentStore::add_entry(IncidentEntry entry) {
  if (auto r = check_entry(entry); !r) return Unexpected(r.error());
  if (entry.kind == "task" && !entry.done) entry.done = false;
  std::lock_guard lock(mu_);
  return store::in_transaction<IncidentEntry>(db_, [&]() -> Result<IncidentEntry> {
    auto found = find_where("incident_id", std::to_string(entry.incident_id));
    if (!found) return Unexpected(found.error());
    if (!*found) return no_incident(entry.incident_id);
    return insert_entry(entry);
  });
}

Result<std::vector<IncidentEntry>> IncidentStore::entries(std::int64_t incident_id) {
  std::lock_guard lock(mu_);
  auto s = db_.prepare(
      "SELECT entry_id, incident_id, kind, body, author, done, created_ns FROM program_incident_entries "
      "WHERE incident_id = ?1 ORDER BY entry_id");
  if (!s) return Unexpected(s.error());
  s->bind(1, incident_id);
  return read_all<IncidentEntry>(*s, read_entry);
}

Result<void> IncidentStore::set_task_done(std::int64_t incident_id, std::int64_t entry_id, bool done,
                                          const std::string& author) {
  std::lock_guard lock(mu_);
  return store::in_transaction<void>(db_, [&]() -> Result<void> {
    auto s = db_.prepare(
        "UPDATE program_incident_entries SET done = ?1 WHERE entry_id = ?2 AND incident_id = ?3 AND kind = 'task'");
    if (!s) return Unexpected(s.error());
    s->bind(1, static_cast<std::int64_t>(done ? 1 : 0));
    s->bind(2, entry_id);
    s->bind(3, incident_id);
    if (auto r = s->run(); !r) return r;
    if (db_.changes() == 0)
      return fail(ErrorCode::not_found, fmt::format("incident {} has no task {}", incident_id, entry_id), "task");
    auto e = insert_entry({0, incident_id, "change", fmt::format("task {} {}", entry_id, done ? "done" : "reopened"), author,
                           std::nullopt, 0});
    if (!e) return Unexpected(e.error());
    return {};
  });
}

Result<void> IncidentStore::save_assessment(std::int64_t incident_id, const StoredAssessment& a) {
  std::lock_guard lock(mu_);
  return store::in_transaction<void>(db_, [&]() -> Result<void> {
    auto found = find_where("incident_id", std::to_string(incident_id));
    if (!found) return Unexpected(found.error());
    if (!*found) return no_incident(incident_id);
    auto s = db_.prepare(
        "INSERT OR REPLACE INTO program_breach_assessments (incident_id, facts, answers, outcome, assessed_by, assessed_ns) "
        "VALUES (?1,?2,?3,?4,?5,?6)");
    if (!s) return Unexpected(s.error());
    const std::string facts = assessment_to_json(a.record).dump();
    const std::string answers = json{{"reasons", a.result.reasons}, {"notify", a.result.notify}}.dump();
    s->bind(1, incident_id);
    s->bind(2, facts);
    s->bind(3, answers);
    s->bind(4, a.result.outcome);
    s->bind(5, a.assessed_by);
    s->bind(6, a.assessed);
    if (auto r = s->run(); !r) return r;
    auto e = insert_entry({0, incident_id, "change", fmt::format("breach assessment: {}", a.result.outcome), a.assessed_by,
                           std::nullopt, 0});
    if (!e) return Unexpected(e.error());
    return {};
  });
}

Result<std::optional<StoredAssessment>> IncidentStore::assessment(std::int64_t incident_id) {
  std::lock_guard lock(mu_);
  auto s = db_.prepare(
      "SELECT facts, answers, outcome, assessed_by, assessed_ns FROM program_breach_assessments WHERE incident_id = ?1");
  if (!s) return Unexpected(s.error());
  s->bind(1, incident_id);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<StoredAssessment>();
  StoredAssessment out;
  const json facts = json::parse(s->column_text(0), nullptr, false);
  const json answers = json::parse(s->column_text(1), nullptr, false);
  // Stored by save_assessment, so it reads back; the date check uses the day it was assessed.
  auto rec = assessment_from_json(facts, Day::max());
  if (!rec || answers.is_discarded())
    return fail(ErrorCode::storage, fmt::format("the breach assessment of incident {} could not be read", incident_id));
  out.record = std::move(*rec);
  out.result.outcome = std::string(s->column_text(2));
  out.result.notify = answers.value("notify", false);
  out.result.reasons = answers.value("reasons", std::vector<std::string>{});
  out.assessed_by = std::string(s->column_text(3));
  out.assessed = s->column_int(4);
  return std::optional<StoredAssessment>(std::move(out));
}

Result<std::map<std::int64_t, std::string>> IncidentStore::outcomes() {
  std::lock_guard lock(mu_);
  auto s = db_.prepare("SELECT incident_id, outcome FROM program_breach_assessments");
  if (!s) return Unexpected(s.error());
  std::map<std::int64_t, std::string> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    out[s->column_int(0)] = std::string(s->column_text(1));
  }
  return out;
}

}  // namespace ward::incidents
