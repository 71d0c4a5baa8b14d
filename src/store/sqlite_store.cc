// SqliteStore: opening a store (migrations, index repair) and writing to it — accept() and the
// rows it writes. Reading is in sqlite_store_queries.cc, the event indexes and bulk loads in
// sqlite_store_event_indexes.cc.
#include "store/sqlite_store.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "store/audit_chain.h"
#include "store/migration_runner.h"

namespace ward::store {

Result<std::unique_ptr<Store>> open_sqlite_store(const std::filesystem::path& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return Unexpected(Error{ErrorCode::io, fmt::format("cannot create the data directory: {}",
                                                       ec.message()),
                            data_dir.string(), 0, 0, {}});
  }
  auto store = SqliteStore::open(data_dir / "ward.db");
  if (!store) return Unexpected(store.error());
  return std::unique_ptr<Store>(std::move(*store));
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::filesystem::path& file) {
  auto db = Db::open(file);
  if (!db) return Unexpected(db.error());
  // A new store takes larger pages (an existing one keeps its own: page_size changes nothing once
  // the file has tables). WAL lets readers run beside the writer; synchronous=FULL makes each
  // commit durable before accept() returns (commits are per batch, so the fsync cost is shared by
  // thousands of rows).
  if (auto r = db->exec(fmt::format("PRAGMA page_size={}; PRAGMA journal_mode=WAL; "
                                    "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                                    "PRAGMA temp_store=MEMORY; PRAGMA cache_size={};",
                                    kNewStorePageSize, kCacheSize));
      !r) {
    Error e = r.error();
    e.source = file.string();
    return Unexpected(e);
  }
  if (auto r = db->add_function("ward_explanation_text_hash", explanation_text_hash); !r)
    return Unexpected(r.error());
  if (auto r = db->add_text_function("ward_audit_fields_hash", audit_fields_hash); !r)
    return Unexpected(r.error());
  if (auto r = apply_migrations(*db, migrations(), file); !r) return Unexpected(r.error());
  {  // the WAL is checkpointed by size, whatever the store's page size
    auto page_size = db->prepare("PRAGMA page_size");
    if (!page_size) return Unexpected(page_size.error());
    auto row = page_size->step();
    if (!row) return Unexpected(row.error());
    const std::int64_t pages = kWalCheckpointBytes / std::max<std::int64_t>(page_size->column_int(0), 512);
    if (auto r = db->exec(fmt::format("PRAGMA wal_autocheckpoint={}", pages)); !r)
      return Unexpected(r.error());
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(file, std::move(*db)));
  if (auto r = store->repair_event_indexes(); !r) return Unexpected(r.error());
  if (auto r = store->prepare_writer(); !r) return Unexpected(r.error());
  return store;
}

Result<void> SqliteStore::prepare_writer() {
  struct { Statement* stmt; std::string sql; } all[] = {
      {&insert_event_, fmt::format("{} VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?){}", kInsertEventHead, kInsertEventTail)},
      {&find_string_, "SELECT id FROM strings WHERE value = ?"},
      {&insert_string_, "INSERT INTO strings (value) VALUES (?)"},
      {&upsert_patient_,
       "INSERT INTO patients (id, mrn, name, address, birth_date, confidential, source) "
       "VALUES (?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
       "mrn = coalesce(excluded.mrn, mrn), name = coalesce(excluded.name, name), "
       "address = coalesce(excluded.address, address), "
       "birth_date = coalesce(excluded.birth_date, birth_date), "
       "confidential = max(confidential, excluded.confidential), "
       "source = coalesce(excluded.source, source)"},
      {&upsert_workforce_,
       "INSERT INTO workforce (id, employee_id, name, role, department, address, birth_date, "
       "hire_date, termination_date, source) VALUES (?,?,?,?,?,?,?,?,?,?) "
       "ON CONFLICT (id) DO UPDATE SET employee_id = coalesce(excluded.employee_id, employee_id), "
       "name = coalesce(excluded.name, name), role = coalesce(excluded.role, role), "
       "department = coalesce(excluded.department, department), "
       "address = coalesce(excluded.address, address), "
       "birth_date = coalesce(excluded.birth_date, birth_date), "
       "hire_date = coalesce(excluded.hire_date, hire_date), "
       "termination_date = coalesce(excluded.termination_date, termination_date), "
       "source = coalesce(excluded.source, source)"},
      {&insert_quarantine_,
       "INSERT INTO quarantine (received_ns, source, line, byte_offset, field, code, reason, "
       "record_type, raw) VALUES (?,?,?,?,?,?,?,?,?)"},
      {&patient_by_mrn_, "SELECT id FROM patients WHERE mrn = ? LIMIT 1"},
      {&patient_row_, "SELECT mrn, name, address, birth_date, confidential, source FROM patients WHERE id = ?"},
      {&patient_by_mrn_row_,
       "SELECT id, mrn, name, address, birth_date, confidential, source FROM patients WHERE mrn = ? LIMIT 1"},
      {&promote_patient_,
       "UPDATE patients SET id = ?1 WHERE id = ?2 AND mrn = ?2 "
       "AND NOT EXISTS (SELECT 1 FROM patients WHERE id = ?1)"},
      {&repoint_encounters_, "UPDATE encounters SET patient_id = ?1 WHERE patient_id = ?2"},
      {&promote_workforce_,
       "UPDATE workforce SET id = ?1 WHERE id = ?2 AND employee_id = ?2 "
       "AND NOT EXISTS (SELECT 1 FROM workforce WHERE id = ?1)"},
      {&repoint_participants_,
       "UPDATE OR IGNORE encounter_participants SET user_id = ?1 WHERE user_id = ?2"},
      {&workforce_by_employee_id_, "SELECT id FROM workforce WHERE employee_id = ? LIMIT 1"},
      {&insert_source_fields_, "INSERT INTO event_source_fields (seq, fields) VALUES (?,?)"},
  };
  for (auto& [stmt, sql] : all) {
    auto prepared = writer_.prepare(sql);
    if (!prepared) return Unexpected(prepared.error());
    *stmt = std::move(*prepared);
  }
  return {};
}

Result<std::int64_t> SqliteStore::intern(std::string_view value) {
  if (value.empty()) return 0;
  if (std::int64_t cached = string_ids_.find(value); cached != 0) return cached;
  // Another process (an import beside `ward serve`) may have added it: look before inserting.
  find_string_.reset();
  find_string_.bind(1, value);
  auto found = find_string_.step();
  if (!found) return Unexpected(found.error());
  std::int64_t id = 0;
  if (*found) {
    id = find_string_.column_int(0);
  } else {
    insert_string_.reset();
    insert_string_.bind(1, value);
    if (auto r = insert_string_.run(); !r) return Unexpected(r.error());
    id = writer_.last_insert_rowid();
  }
  if (string_ids_.size() >= kMaxCachedStrings) string_ids_.clear();  // last_in_column_ stays valid
  string_ids_.insert(value, id);
  return id;
}

Result<SqliteStore::EventKeys> SqliteStore::event_keys(const Event& e) {
  EventKeys keys;
  std::string_view patient_key = e.patient.id.empty() ? e.patient.mrn : e.patient.id;
  const std::string_view strings[kDictionaryColumns] = {
      e.actor.user_id, e.actor.name, e.actor.role, e.actor.department, e.actor.host,
      e.actor.ip, patient_key, e.patient.mrn, e.purpose, e.source};
  for (std::size_t i = 0; i < kDictionaryColumns; ++i) {
    std::string_view value = strings[i];
    LastString& last = last_in_column_[i];
    if (!value.empty() && value == last.value) {
      keys.ids[i] = last.id;
      continue;
    }
    auto interned = intern(value);
    if (!interned) return Unexpected(interned.error());
    keys.ids[i] = *interned;
    last.value.assign(value);
    last.id = *interned;
  }
  return keys;
}

void SqliteStore::bind_event(Statement& s, int first, const Event& e, const EventKeys& keys) {
  s.bind(first, e.time);
  s.bind(first + 1, static_cast<std::int64_t>(e.kind));
  s.bind(first + 2, static_cast<std::int64_t>(e.action));
  s.bind(first + 3, static_cast<std::int64_t>(e.outcome));
  // Columns 5-12 and 14-15 hold dictionary ids (NULL for an empty string); 13 the object inline.
  int column = 5;
  for (std::int64_t id : keys.ids) {
    if (column == 13) s.bind(first + column++ - 1, e.object);
    if (id == 0) {
      s.bind_null(first + column - 1);
    } else {
      s.bind(first + column - 1, id);
    }
    ++column;
  }
  s.bind(first + 15, e.id);
  if (e.format == EventFormat::unknown) {
    s.bind_null(first + 16);
  } else {
    s.bind(first + 16, static_cast<std::int64_t>(e.format));
  }
}

Result<bool> SqliteStore::write_event(const Event& e, const EventKeys& keys) {
  insert_event_.reset();
  bind_event(insert_event_, 1, e, keys);
  if (auto r = insert_event_.run(); !r) return Unexpected(r.error());
  return writer_.changes() != 0;
}

Result<std::uint64_t> SqliteStore::write_events(const EventBatch& batch, HandedEvents* handed) {
  const std::vector<Event>& events = batch.events();
  std::vector<EventKeys>& keys = batch_keys_;
  std::vector<std::uint32_t>& order = batch_order_;
  keys.resize(events.size());
  order.resize(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    auto k = event_keys(events[i]);
    if (!k) return Unexpected(k.error());
    keys[i] = *k;
    order[i] = static_cast<std::uint32_t>(i);
  }
  // Inserting in (patient, time) order walks the patient index from left to right instead of
  // jumping across it once per event: on a million events that halves the time. While a bulk
  // load has the lookup indexes aside, time order instead appends to events_by_time (~7%).
  if (lookup_indexes_aside_) {
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return events[a].time < events[b].time; });
  } else {
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      std::int64_t pa = keys[a].ids[kPatientColumn], pb = keys[b].ids[kPatientColumn];
      return pa != pb ? pa < pb : events[a].time < events[b].time;
    });
  }
  const bool keep_fields = keep_source_fields_ && std::any_of(events.begin(), events.end(), [](const Event& e) {
    return e.field_count != 0;
  });
  if (!keep_fields) {  // many rows per statement; no row's seq is needed
    auto inserted = insert_events_.insert(writer_, order.size(), [&](Statement& s, int first, std::size_t row) {
      bind_event(s, first, events[order[row]], keys[order[row]]);
    });
    if (!inserted) return Unexpected(inserted.error());
    const std::uint64_t duplicates = order.size() - static_cast<std::uint64_t>(*inserted);
    // Every row stored: each took the rowid after the one before (one writer), in `order`.
    if (handed != nullptr && duplicates == 0 && !order.empty()) {
      handed->after_seq = writer_.last_insert_rowid() - static_cast<std::int64_t>(order.size());
      handed->by_seq.assign(order.begin(), order.end());
      handed->keys.resize(events.size());
      for (std::size_t i = 0; i < events.size(); ++i)
        handed->keys[i] = {keys[i].ids[kUserColumn], keys[i].ids[kPatientColumn], keys[i].ids[kMrnColumn]};
    }
    return duplicates;
  }
  // Each event with source fields keeps them under its seq: one row per statement.
  std::uint64_t duplicates = 0;
  for (std::uint32_t i : order) {
    auto stored = write_event(events[i], keys[i]);
    if (!stored) return Unexpected(stored.error());
    if (!*stored) {
      ++duplicates;
    } else if (events[i].field_count != 0) {
      if (auto r = write_source_fields(writer_.last_insert_rowid(), batch.fields_of(events[i])); !r)
        return Unexpected(r.error());
    }
  }
  return duplicates;
}

Result<void> SqliteStore::promote_placeholder(Statement& promote, Statement& repoint,
                                              std::string_view id, std::string_view placeholder) {
  promote.reset();
  promote.bind(1, id);
  promote.bind(2, placeholder);
  if (auto r = promote.run(); !r) return r;
  if (writer_.changes() == 0) return {};
  repoint.reset();
  repoint.bind(1, id);
  repoint.bind(2, placeholder);
  return repoint.run();
}

void SqliteStore::forget(LookupMemo& memo) {
  // Not clear(): that zeroes every bucket, and a memo that once held a batch's thousands of
  // MRNs keeps its buckets, so each patient written would zero them again.
  memo.erase(memo.begin(), memo.end());
}

Result<std::string> SqliteStore::find_id(Statement& lookup, LookupMemo& memo, const std::string& key) {
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  lookup.reset();
  lookup.bind(1, key);
  auto row = lookup.step();
  if (!row) return Unexpected(row.error());
  std::string id = *row ? std::string(lookup.column_text(0)) : std::string();
  lookup.reset();
  memo.emplace(key, id);
  return id;
}

Result<void> SqliteStore::write_patient(const PatientRecord& p) {
  std::string id = p.id;
  // A patient known only by MRN (HL7 v2) merges into the row that already has that MRN.
  const bool by_mrn = !p.mrn.empty() && (id.empty() || id == p.mrn);
  // Whether the row already holds everything p says, once read: an ADT feed names the same
  // patient in message after message, mostly as stored, and reading the row costs a fraction of
  // an upsert that would change nothing.
  std::optional<bool> holds;
  if (by_mrn) {
    if (auto known = patient_by_mrn_memo_.find(p.mrn); known != patient_by_mrn_memo_.end()) {
      id = known->second;
    } else {  // the look-up reads the row it finds as well
      Statement& s = patient_by_mrn_row_;
      s.reset();
      s.bind(1, p.mrn);
      auto row = s.step();
      if (!row) return Unexpected(row.error());
      id = *row ? std::string(s.column_text(0)) : std::string();
      holds = *row && patient_row_holds(s, 1, p);
      s.reset();
      patient_by_mrn_memo_.emplace(p.mrn, id);
    }
  }
  if (id.empty()) id = p.mrn;
  // A record with its own id takes over the row an HL7 v2 feed made under its MRN. (A record
  // merged by MRN never does: the row it found exists, and a placeholder gives way only to an id
  // no row has.)
  if (!by_mrn && !p.mrn.empty() && id != p.mrn) {
    forget(patient_by_mrn_memo_);  // what the look-ups found may change now
    if (auto r = promote_placeholder(promote_patient_, repoint_encounters_, id, p.mrn); !r) return r;
  }
  if (!holds) {
    Statement& s = patient_row_;
    s.reset();
    s.bind(1, id);
    auto row = s.step();
    if (!row) return Unexpected(row.error());
    holds = *row && patient_row_holds(s, 0, p);
    s.reset();
  }
  if (*holds) return {};
  // What the look-ups found may change now; the MRN just resolved finds the same row after (the
  // first row holding it, or this one when none did).
  forget(patient_by_mrn_memo_);
  Statement& s = upsert_patient_;
  s.reset();
  s.bind(1, id);
  s.bind(2, p.mrn);
  s.bind(3, p.name);
  s.bind(4, p.address);
  s.bind(5, p.birth_date);
  s.bind(6, std::int64_t{p.confidential ? 1 : 0});
  s.bind(7, p.source);
  if (auto r = s.run(); !r) return r;
  if (by_mrn) patient_by_mrn_memo_.emplace(p.mrn, id);
  return {};
}

bool SqliteStore::patient_row_holds(const Statement& row, int first, const PatientRecord& p) {
  // A value p has must be the stored one; one it lacks keeps the stored value (the upsert binds
  // it as NULL); confidential, once set, stays.
  auto same = [&](int column, std::string_view value) { return value.empty() || row.column_text(first + column) == value; };
  return same(0, p.mrn) && same(1, p.name) && same(2, p.address) && same(3, p.birth_date) &&
         (!p.confidential || row.column_int(first + 4) != 0) && same(5, p.source);
}

Result<void> SqliteStore::write_workforce(const WorkforceMember& w) {
  std::string id = w.id;
  if (!w.employee_id.empty() && (id.empty() || id == w.employee_id)) {
    auto found = find_id(workforce_by_employee_id_, workforce_by_employee_id_memo_, w.employee_id);
    if (!found) return Unexpected(found.error());
    if (!found->empty()) id = std::move(*found);
  }
  if (id.empty()) id = w.employee_id;
  forget(workforce_by_employee_id_memo_);  // what the look-ups found may change now
  if (!w.employee_id.empty() && id != w.employee_id) {
    if (auto r = promote_placeholder(promote_workforce_, repoint_participants_, id, w.employee_id); !r)
      return r;
  }
  Statement& s = upsert_workforce_;
  s.reset();
  s.bind(1, id);
  s.bind(2, w.employee_id);
  s.bind(3, w.name);
  s.bind(4, w.role);
  s.bind(5, w.department);
  s.bind(6, w.address);
  s.bind(7, w.birth_date);
  s.bind(8, w.hire_date);
  s.bind(9, w.termination_date);
  s.bind(10, w.source);
  return s.run();
}

Result<void> SqliteStore::write_encounters(const std::vector<EncounterRecord>& encounters) {
  // Encounters from HL7 v2 name the patient by MRN and staff by employee id: store the
  // directory ids when the directory knows them, so one patient has one id everywhere. The
  // look-ups read patients and workforce only, so all are made before the rows go in, many a
  // statement, in the batch's order (a later update of an encounter merges into the earlier).
  std::vector<std::string>& patient_ids = encounter_patient_ids_;
  std::vector<ParticipantRow>& participants = participant_rows_;
  patient_ids.assign(encounters.size(), std::string());
  participants.clear();
  for (std::size_t i = 0; i < encounters.size(); ++i) {
    const EncounterRecord& e = encounters[i];
    patient_ids[i] = e.patient_id;
    if (!e.patient_id.empty()) {
      auto found = find_id(patient_by_mrn_, patient_by_mrn_memo_, e.patient_id);
      if (!found) return Unexpected(found.error());
      if (!found->empty()) patient_ids[i] = std::move(*found);
    }
  }
  auto upserted = upsert_encounters_.insert(writer_, encounters.size(), [&](Statement& s, int first, std::size_t row) {
    const EncounterRecord& e = encounters[row];
    s.bind(first, e.id);
    s.bind(first + 1, patient_ids[row]);
    s.bind(first + 2, e.visit_number);
    s.bind(first + 3, e.class_code);
    s.bind(first + 4, e.status);
    s.bind(first + 5, e.location);
    s.bind(first + 6, e.department);
    auto bind_time = [&s](int column, TimeNs t) { t != 0 ? s.bind(column, t) : s.bind_null(column); };
    bind_time(first + 7, e.start);
    bind_time(first + 8, e.end);
    s.bind(first + 9, e.source);
  });
  if (!upserted) return Unexpected(upserted.error());
  for (const EncounterRecord& e : encounters) {
    for (const EncounterParticipant& p : e.participants) {
      auto found = find_id(workforce_by_employee_id_, workforce_by_employee_id_memo_, p.user_id);
      if (!found) return Unexpected(found.error());
      participants.push_back({&e.id, found->empty() ? p.user_id : std::move(*found),
                              p.role.empty() ? std::string_view("?") : std::string_view(p.role)});
    }
  }
  auto inserted = insert_participants_.insert(writer_, participants.size(), [&](Statement& s, int first, std::size_t row) {
    const ParticipantRow& p = participants[row];
    s.bind(first, *p.encounter_id);
    s.bind(first + 1, p.user_id);
    s.bind(first + 2, p.role);
  });
  if (!inserted) return Unexpected(inserted.error());
  return {};
}

Result<void> SqliteStore::write_rejection(const ingest::Rejection& r) {
  Statement& s = insert_quarantine_;
  s.reset();
  s.bind(1, now_ns());
  s.bind(2, r.error.source.empty() ? std::string_view("(unknown)") : std::string_view(r.error.source));
  s.bind(3, static_cast<std::int64_t>(r.error.line));
  s.bind(4, static_cast<std::int64_t>(r.error.offset));
  s.bind(5, r.error.field);
  s.bind(6, to_string(r.error.code));
  s.bind(7, r.error.message);
  s.bind(8, r.record_type);
  s.bind_blob(9, r.raw);
  return s.run();
}

Result<void> SqliteStore::accept(ingest::ParsedRecords& records) {
  ingest::ParsedRecords* one[] = {&records};
  return accept_all(one);
}

Result<void> SqliteStore::accept_all(std::span<ingest::ParsedRecords* const> batches) {
  std::vector<Handing> handing;
  if (auto r = commit(batches, handing); !r) return r;
  notify_commit(batches);
  hand_over(handing);
  return {};
}

CommitSubscription SqliteStore::hand_events_to(EventReceiver& receiver) {
  std::lock_guard lock(receiver_mu_);
  receiver_ = &receiver;
  return CommitSubscription([this] {
    std::lock_guard lock(receiver_mu_);
    receiver_ = nullptr;
  });
}

std::unique_ptr<HandedEvents> SqliteStore::spare_for_handing() {
  std::lock_guard lock(receiver_mu_);
  return receiver_ != nullptr ? receiver_->spare() : nullptr;
}

void SqliteStore::hand_over(std::vector<Handing>& handing) {
  if (handing.empty()) return;
  std::lock_guard lock(receiver_mu_);
  if (receiver_ == nullptr) return;
  for (Handing& h : handing) {
    h.events->events.swap(h.records->events);
    receiver_->receive(std::move(h.events));
  }
}

void SqliteStore::set_commit_listener(CommitListener listener) {
  std::lock_guard lock(listener_mu_);
  if (listener) {
    listeners_[0] = std::move(listener);
  } else {
    listeners_.erase(0);
  }
}

CommitSubscription SqliteStore::add_commit_listener(CommitListener listener) {
  if (!listener) return {};
  std::lock_guard lock(listener_mu_);
  const std::uint64_t key = next_listener_++;
  listeners_.emplace(key, std::move(listener));
  return CommitSubscription([this, key] {
    std::lock_guard lock(listener_mu_);
    listeners_.erase(key);
  });
}

void SqliteStore::notify_commit(std::span<ingest::ParsedRecords* const> batches) {
  std::lock_guard lock(listener_mu_);
  if (listeners_.empty()) return;
  CommitNotice notice;
  for (const ingest::ParsedRecords* records : batches) {
    notice.events += records->events.size() - records->duplicate_events;  // what was written
    for (const auto& w : records->workforce) notice.workforce.push_back(w.id);
    for (const auto& p : records->patients) notice.patients.push_back(p.id);
    for (const auto& e : records->encounters) notice.patients.push_back(e.patient_id);
  }
  if (notice.events == 0 && notice.workforce.empty() && notice.patients.empty()) return;
  notice.committed = now_ns();
  for (const auto& [key, listener] : listeners_) listener(notice);
}

Result<void> SqliteStore::write_records(ingest::ParsedRecords& records, std::vector<Handing>& handing) {
  // Directory first, so encounters and events of the same batch resolve against it.
  for (const auto& p : records.patients)
    if (auto r = write_patient(p); !r) return r;
  for (const auto& w : records.workforce)
    if (auto r = write_workforce(w); !r) return r;
  if (!records.encounters.empty())
    if (auto r = write_encounters(records.encounters); !r) return r;
  std::unique_ptr<HandedEvents> handed = records.events.empty() ? nullptr : spare_for_handing();
  auto duplicates = write_events(records.events, handed.get());
  if (!duplicates) return Unexpected(duplicates.error());
  records.duplicate_events = *duplicates;
  if (handed && !handed->by_seq.empty()) handing.push_back({&records, std::move(handed)});
  for (const auto& rej : records.rejections)
    if (auto r = write_rejection(rej); !r) return r;
  return {};
}

Result<void> SqliteStore::commit(std::span<ingest::ParsedRecords* const> batches, std::vector<Handing>& handing) {
  std::lock_guard lock(write_mu_);
  if (auto r = writer_.exec("BEGIN IMMEDIATE"); !r) return r;
  auto write_all = [&]() -> Result<void> {
    for (ingest::ParsedRecords* records : batches)
      if (auto r = write_records(*records, handing); !r) return r;
    // The lookups (strings, MRNs, employee ids) end here: no snapshot outlives the transaction,
    // so the next one can begin after another process (`ward import` beside `ward serve`) wrote.
    writer_.reset_statements();
    return writer_.exec("COMMIT");
  };
  auto result = write_all();
  // Other processes may write the directory between transactions.
  forget(patient_by_mrn_memo_);
  forget(workforce_by_employee_id_memo_);
  if (!result) {
    handing.clear();
    writer_.reset_statements();
    (void)writer_.exec("ROLLBACK");
    for (ingest::ParsedRecords* records : batches) records->duplicate_events = 0;
    string_ids_.clear();  // ids handed out inside the rolled-back transaction are gone
    last_in_column_ = {};
    Error e = result.error();
    e.source = file_.string();
    return Unexpected(e);
  }
  return {};
}

}  // namespace ward::store
