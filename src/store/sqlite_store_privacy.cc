// SqliteStore's side of the privacy engine: the directory snapshot and the accesses it reads,
// the explanations and cases it keeps.
#include <algorithm>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "store/explanation_parts.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace ward::store {
namespace {

template <class Row, class Read>
Result<std::vector<Row>> read_all(Db& db, std::string_view sql, Read read) {
  auto s = db.prepare(sql);
  if (!s) return Unexpected(s.error());
  std::vector<Row> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    out.push_back(read(*s));
  }
  return out;
}

// Fewer new events than this are read with their strings joined, not the whole dictionary.
constexpr std::int64_t kJoinedReadLimit = 20'000;

// A text id a part's value can hold (31 bits).
Result<void> fits_explanation_parts(std::int64_t text_id) {
  if (text_id > 0 && text_id < explanation_parts::kMaxTextId) return {};
  return fail(ErrorCode::storage, fmt::format("explanation text id {} does not fit an explanation part; "
                                              "a full `ward privacy run` renumbers the texts", text_id));
}

}  // namespace

Result<DirectorySnapshot> SqliteStore::directory_snapshot() {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  Db& db = r->db();
  // One read transaction, so the three tables agree with each other.
  if (auto b = db.exec("BEGIN"); !b) return Unexpected(b.error());
  auto snapshot = [&]() -> Result<DirectorySnapshot> {
    DirectorySnapshot d;
    auto w = read_all<WorkforceMember>(db, fmt::format("SELECT {} FROM workforce", kWorkforceColumns),
                                       read_workforce_row);
    if (!w) return Unexpected(w.error());
    d.workforce = std::move(*w);
    auto p = read_all<PatientRecord>(db, fmt::format("SELECT {} FROM patients", kPatientColumns),
                                     read_patient_row);
    if (!p) return Unexpected(p.error());
    d.patients = std::move(*p);
    auto e = read_all<EncounterRecord>(db, fmt::format("SELECT {} FROM encounters", kEncounterColumns),
                                       read_encounter_row);
    if (!e) return Unexpected(e.error());
    d.encounters = std::move(*e);
    std::unordered_map<std::string, std::size_t> by_id;
    for (std::size_t i = 0; i < d.encounters.size(); ++i) by_id.emplace(d.encounters[i].id, i);
    auto parts = db.prepare("SELECT encounter_id, user_id, role FROM encounter_participants");
    if (!parts) return Unexpected(parts.error());
    while (true) {
      auto row = parts->step();
      if (!row) return Unexpected(row.error());
      if (!*row) break;
      auto it = by_id.find(std::string(parts->column_text(0)));
      if (it == by_id.end()) continue;
      d.encounters[it->second].participants.push_back(
          {std::string(parts->column_text(1)), std::string(parts->column_text(2))});
    }
    return d;
  }();
  (void)db.exec("COMMIT");
  return snapshot;
}

// A scan's parts: ranges of kPartSeqs seqs, each read on a connection of its own. A part of
// many accesses decodes its strings from the dictionary, read once for the whole scan (ten joins
// per row took most of a privacy run); a live catch-up of a few new rows joins them instead.
class SqliteStore::SqliteAccessScan final : public AccessScan {
 public:
  static constexpr std::int64_t kPartSeqs = 4096;

  SqliteAccessScan(SqliteStore& store, std::int64_t after_seq, std::int64_t newest,
                   std::shared_ptr<const std::vector<std::string>> dictionary, bool joined)
      : store_(store), after_(after_seq), newest_(newest), dictionary_(std::move(dictionary)), joined_(joined) {}

  std::int64_t newest_seq() const override { return newest_; }
  std::span<const std::string> dictionary() const override {
    return dictionary_ ? std::span<const std::string>(*dictionary_) : std::span<const std::string>();
  }
  std::size_t parts() const override {
    if (newest_ <= after_) return 0;
    return joined_ ? 1 : static_cast<std::size_t>((newest_ - after_ + kPartSeqs - 1) / kPartSeqs);
  }

  Result<void> read_part(std::size_t part, const std::function<Result<void>(EventRow&)>& f) const override {
    const std::int64_t from = joined_ ? after_ : after_ + static_cast<std::int64_t>(part) * kPartSeqs;
    const std::int64_t to = joined_ ? newest_ : std::min(newest_, from + kPartSeqs);
    auto r = store_.reader();
    if (!r) return Unexpected(r.error());
    Db& db = r->db();
    const auto kind = static_cast<int>(EventKind::ehr_access);
    if (joined_) {
      auto s = db.prepare(fmt::format("SELECT {} WHERE e.kind = {} AND e.seq > {} AND e.seq <= {} ORDER BY e.seq",
                                      kEventColumns, kind, from, to));
      if (!s) return Unexpected(s.error());
      while (true) {
        auto row = s->step();
        if (!row) return Unexpected(row.error());
        if (!*row) return {};
        EventRow e = read_event_row(*s);
        if (auto done = f(e); !done) return done;
      }
    }
    auto s = db.prepare(fmt::format(
        "SELECT seq, time_ns, kind, action, outcome, user_key, user_name_key, role_key, "
        "department_key, host_key, ip_key, patient_key, mrn_key, object, purpose_key, source_key, "
        "event_id FROM events WHERE kind = {} AND seq > {} AND seq <= {} ORDER BY seq",
        kind, from, to));
    if (!s) return Unexpected(s.error());
    const std::vector<std::string>& dictionary = *dictionary_;
    auto text = [&](int column) -> std::string_view {
      auto id = static_cast<std::size_t>(s->column_int(column));
      return id < dictionary.size() ? std::string_view(dictionary[id]) : std::string_view();
    };
    EventRow e;
    while (true) {
      auto row = s->step();
      if (!row) return Unexpected(row.error());
      if (!*row) return {};
      e.seq = s->column_int(0);
      e.time = s->column_int(1);
      e.kind = static_cast<EventKind>(s->column_int(2));
      e.action = static_cast<Action>(s->column_int(3));
      e.outcome = static_cast<Outcome>(s->column_int(4));
      std::string* keyed[] = {&e.user_id, &e.user_name, &e.role, &e.department, &e.host, &e.ip,
                              &e.patient_id, &e.patient_mrn};
      int column = 5;
      for (std::string* t : keyed) t->assign(text(column++));
      e.object = s->column_text(13);
      e.purpose.assign(text(14));
      e.source.assign(text(15));
      e.event_id = s->column_text(16);
      e.user_key = s->column_int(5);
      e.patient_key = s->column_int(11);
      e.mrn_key = s->column_int(12);
      if (auto done = f(e); !done) return done;
    }
  }

 private:
  SqliteStore& store_;
  const std::int64_t after_, newest_;
  const std::shared_ptr<const std::vector<std::string>> dictionary_;  // nullptr when joined_
  const bool joined_;
};

Result<std::unique_ptr<AccessScan>> SqliteStore::scan_accesses(std::int64_t after_seq) {
  return scan_accesses_through(after_seq, std::numeric_limits<std::int64_t>::max());
}

Result<std::unique_ptr<AccessScan>> SqliteStore::scan_accesses_through(std::int64_t after_seq, std::int64_t through) {
  // The newest event first: every event up to it is committed (one writer, seqs in commit
  // order), and so are the strings they name, which the dictionary read after it holds.
  auto newest = last_event_seq();
  if (!newest) return Unexpected(newest.error());
  *newest = std::min(*newest, std::max(through, after_seq));
  auto r = reader();
  if (!r) return Unexpected(r.error());
  Db& db = r->db();
  if (after_seq > 0) {
    auto count = db.prepare(fmt::format("SELECT count(*) FROM events WHERE seq > {} AND seq <= {}", after_seq, *newest));
    if (!count) return Unexpected(count.error());
    auto row = count->step();
    if (!row) return Unexpected(row.error());
    if (count->column_int(0) < kJoinedReadLimit)
      return std::unique_ptr<AccessScan>(std::make_unique<SqliteAccessScan>(*this, after_seq, *newest, nullptr, true));
  }
  // The strings the last scan read, and those added since (a scan beside it may have read them
  // meanwhile: then both have them).
  std::lock_guard lock(scan_dictionary_mu_);
  std::shared_ptr<const std::vector<std::string>> known = scan_dictionary_;
  const std::size_t known_size = known ? known->size() : 0;
  auto strings = db.prepare("SELECT id, value FROM strings WHERE id >= ? ORDER BY id");
  if (!strings) return Unexpected(strings.error());
  strings->bind(1, static_cast<std::int64_t>(known_size));
  std::shared_ptr<std::vector<std::string>> dictionary;
  while (true) {
    auto row = strings->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    // A copy of what the earlier scans share (a few MB, far less than reading it again).
    if (!dictionary) dictionary = std::make_shared<std::vector<std::string>>(known ? *known : std::vector<std::string>());
    auto id = static_cast<std::size_t>(strings->column_int(0));
    if (id >= dictionary->size()) dictionary->resize(id + 1);
    (*dictionary)[id] = strings->column_text(1);
  }
  if (dictionary) scan_dictionary_ = known = std::move(dictionary);
  if (!known) known = std::make_shared<const std::vector<std::string>>();
  return std::unique_ptr<AccessScan>(std::make_unique<SqliteAccessScan>(*this, after_seq, *newest, std::move(known), false));
}

Result<void> SqliteStore::write_explanations(const ExplanationBatch& explanations) {
  // The id of each of the batch's texts: a text the store has keeps its id (found by hash).
  auto find = writer_.prepare("SELECT id, code, evidence FROM explanation_texts WHERE hash = ?");
  auto add_text = writer_.prepare("INSERT INTO explanation_texts (hash, code, evidence) VALUES (?,?,?)");
  for (auto* s : {&find, &add_text})
    if (!*s) return Unexpected(s->error());
  const std::vector<ExplanationBatch::Text>& texts = explanations.texts();
  std::vector<std::int64_t> ids(texts.size(), 0);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const ExplanationBatch::Text& t = texts[i];
    std::int64_t id = 0;
    find->reset();
    find->bind(1, t.hash);
    while (id == 0) {
      auto row = find->step();
      if (!row) return Unexpected(row.error());
      if (!*row) break;
      if (find->column_text(1) == t.code && find->column_text(2) == t.evidence) id = find->column_int(0);
    }
    find->reset();
    if (id == 0) {
      add_text->reset();
      add_text->bind(1, t.hash);
      add_text->bind(2, t.code);
      add_text->bind(3, t.evidence);
      if (auto r = add_text->run(); !r) return r;
      id = writer_.last_insert_rowid();
    }
    ids[i] = id;
  }
  for (std::int64_t id : ids)
    if (auto fits = fits_explanation_parts(id); !fits) return fits;
  // Each part the rows touch, as stored, and then with the rows in.
  ExplanationPartBlobs parts;
  std::int64_t last_part = -1;  // a run's rows come in seq order: one look-up per part, not per row
  for (const ExplanationBatch::Row& x : explanations.rows())
    if (explanation_parts::part_of(x.seq) != last_part) parts.try_emplace(last_part = explanation_parts::part_of(x.seq));
  auto read = writer_.prepare("SELECT texts FROM access_explanation_parts WHERE part = ?");
  if (!read) return Unexpected(read.error());
  for (auto& [part, blob] : parts) {
    read->reset();
    read->bind(1, part);
    auto row = read->step();
    if (!row) return Unexpected(row.error());
    if (*row) blob = read->column_blob(0);
    read->reset();
  }
  put_explanations(parts, explanations.rows(), ids);
  return write_explanation_parts(parts);
}

Result<void> SqliteStore::write_explanations(const FullRunExplanations& explanations) {
  if (auto r = writer_.exec("DELETE FROM access_explanation_parts; DELETE FROM explanation_texts"); !r) return r;
  const std::size_t count = explanations.texts();
  if (count > 0) {
    if (auto fits = fits_explanation_parts(static_cast<std::int64_t>(count)); !fits) return fits;
    // Many rows a statement, each under the id FullRunExplanations gave it.
    auto inserted = insert_explanation_texts_.insert(writer_, count, [&](Statement& s, int first, std::size_t row) {
      const FullRunExplanations::Text t = explanations.text(row);
      s.bind(first, static_cast<std::int64_t>(row) + 1);
      s.bind(first + 1, t.hash);
      s.bind(first + 2, t.code);
      s.bind(first + 3, t.evidence);
    });
    if (!inserted) return Unexpected(inserted.error());
    if (static_cast<std::size_t>(*inserted) != count) return fail(ErrorCode::internal, "an explanation text was not stored");
  }
  return write_explanation_parts(explanations.parts());
}

Result<void> SqliteStore::write_explanation_parts(const ExplanationPartBlobs& parts) {
  auto write = writer_.prepare("INSERT OR REPLACE INTO access_explanation_parts (part, texts) VALUES (?, ?)");
  if (!write) return Unexpected(write.error());
  for (const auto& [part, blob] : parts) {
    write->reset();
    write->bind(1, part);
    write->bind_blob(2, blob);
    if (auto r = write->run(); !r) return r;
  }
  return {};
}

Result<void> SqliteStore::write_cases(const std::vector<CaseRecord>& cases) {
  // The new findings under known keys keep their id and review state.
  if (auto r = writer_.exec("CREATE TEMP TABLE IF NOT EXISTS run_case_keys (case_key TEXT PRIMARY KEY);"
                            "DELETE FROM run_case_keys;");
      !r)
    return r;
  // Known keys are updated and only new ones inserted: an INSERT … ON CONFLICT DO UPDATE would
  // draw a fresh id from the AUTOINCREMENT counter for every known case (gaps on each run).
  auto update = writer_.prepare(
      "UPDATE privacy_cases SET user_id = ?2, patient_id = ?3, score = ?4, categories = ?5, "
      "reason = ?6, first_ns = ?7, last_ns = ?8, updated_ns = ?9 WHERE case_key = ?1 RETURNING id");
  auto insert_case = writer_.prepare(
      "INSERT INTO privacy_cases (case_key, user_id, patient_id, score, categories, reason, "
      "first_ns, last_ns, updated_ns) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9) RETURNING id");
  auto remember = writer_.prepare("INSERT OR IGNORE INTO run_case_keys (case_key) VALUES (?)");
  auto clear_events = writer_.prepare("DELETE FROM privacy_case_events WHERE case_id = ?");
  auto add_event = writer_.prepare("INSERT OR IGNORE INTO privacy_case_events (case_id, seq) VALUES (?,?)");
  for (auto* s : {&update, &insert_case, &remember, &clear_events, &add_event})
    if (!*s) return Unexpected(s->error());
  const TimeNs now = now_ns();
  // The case's id: updated under its known key, else inserted.
  auto save_case = [&](const CaseRecord& c) -> Result<std::int64_t> {
    for (Statement* s : {&*update, &*insert_case}) {
      s->reset();
      s->bind(1, c.key);
      s->bind(2, c.user_id);
      s->bind(3, c.patient_id);
      s->bind_double(4, c.score);
      s->bind(5, c.categories);
      s->bind(6, c.reason);
      s->bind(7, c.first);
      s->bind(8, c.last);
      s->bind(9, now);
      auto row = s->step();
      if (!row) return Unexpected(row.error());
      if (!*row) continue;  // no case under this key yet
      const std::int64_t id = s->column_int(0);
      if (auto r = s->run(); !r) return Unexpected(r.error());
      return id;
    }
    return fail(ErrorCode::internal, "a privacy case was neither updated nor inserted");
  };
  for (const CaseRecord& c : cases) {
    auto saved = save_case(c);
    if (!saved) return Unexpected(saved.error());
    const std::int64_t id = *saved;
    remember->reset();
    remember->bind(1, c.key);
    if (auto r = remember->run(); !r) return r;
    clear_events->reset();
    clear_events->bind(1, id);
    if (auto r = clear_events->run(); !r) return r;
    for (std::int64_t seq : c.seqs) {
      add_event->reset();
      add_event->bind(1, id);
      add_event->bind(2, seq);
      if (auto r = add_event->run(); !r) return r;
    }
  }
  return {};
}

Result<void> SqliteStore::save_privacy_run_with(const ExplanationBatch& explanations, const CasesWhenWritten& cases) {
  // Laid out before the writer is taken, which a run beside a bulk load waits for while the
  // event indexes are built (on the core the index build leaves idle).
  const FullRunExplanations laid_out(explanations);
  std::lock_guard lock(write_mu_);
  if (auto r = writer_.exec("BEGIN IMMEDIATE"); !r) return r;
  auto write = [&]() -> Result<void> {
    if (auto r = write_explanations(laid_out); !r) return r;
    if (auto r = write_cases(cases()); !r) return r;
    // A new case this run no longer finds (late ADT explained it) goes; reviewed ones stay.
    return writer_.exec(
        "DELETE FROM privacy_case_events WHERE case_id IN (SELECT id FROM privacy_cases "
        "WHERE status = 'new' AND case_key NOT IN (SELECT case_key FROM run_case_keys));"
        "DELETE FROM privacy_cases WHERE status = 'new' AND case_key NOT IN "
        "(SELECT case_key FROM run_case_keys);");
  };
  auto r = write();
  if (!r) {
    (void)writer_.exec("ROLLBACK");
    return r;
  }
  return writer_.exec("COMMIT");
}

Result<void> SqliteStore::save_privacy_changes(const ExplanationBatch& explanations,
                                               const std::vector<CaseRecord>& cases,
                                               const std::vector<std::string>& gone_keys) {
  std::lock_guard lock(write_mu_);
  if (auto r = writer_.exec("BEGIN IMMEDIATE"); !r) return r;
  auto write = [&]() -> Result<void> {
    if (auto r = write_explanations(explanations); !r) return r;
    if (auto r = write_cases(cases); !r) return r;
    auto events = writer_.prepare(
        "DELETE FROM privacy_case_events WHERE case_id IN "
        "(SELECT id FROM privacy_cases WHERE case_key = ? AND status = 'new')");
    auto remove = writer_.prepare("DELETE FROM privacy_cases WHERE case_key = ? AND status = 'new'");
    if (!events) return Unexpected(events.error());
    if (!remove) return Unexpected(remove.error());
    for (const std::string& key : gone_keys) {
      for (Statement* s : {&*events, &*remove}) {
        s->reset();
        s->bind(1, key);
        if (auto r = s->run(); !r) return r;
      }
    }
    return {};
  };
  auto r = write();
  if (!r) {
    (void)writer_.exec("ROLLBACK");
    return r;
  }
  return writer_.exec("COMMIT");
}

Result<void> SqliteStore::for_each_explanation(
    const std::function<Result<void>(const ExplanationRow&)>& f) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  // Each part with the events of its seqs, in seq order; events without an explanation left out.
  auto s = r->db().prepare(fmt::format(
      "SELECT seq, value & 1, coalesce(t.code, ''), coalesce(t.evidence, ''), event_id FROM ("
      "  SELECT e.seq AS seq, nullif(ward_u32_at(xp.texts, e.seq & {0}), 0) AS value, "
      "         coalesce(e.event_id, '') AS event_id "
      "  FROM access_explanation_parts xp JOIN events e "
      "    ON e.seq >= xp.part << {1} AND e.seq < (xp.part + 1) << {1}) "
      "LEFT JOIN explanation_texts t ON t.id = value >> 1 WHERE value IS NOT NULL ORDER BY seq",
      explanation_parts::kPartSeqs - 1, explanation_parts::kPartBits));
  if (!s) return Unexpected(s.error());
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return {};
    ExplanationRow x;
    x.seq = s->column_int(0);
    x.explained = s->column_int(1) != 0;
    x.code = s->column_text(2);
    x.evidence = s->column_text(3);
    x.event_id = s->column_text(4);
    if (auto done = f(x); !done) return done;
  }
}

namespace {

// The WHERE clause of `q` (placeholders bound by bind_case_filter, in this order).
std::string case_filter(const CaseQuery& q) {
  std::vector<std::string> terms;
  if (q.status == "open") terms.emplace_back("status IN ('new', 'in_review')");
  else if (!q.status.empty()) terms.emplace_back("status = ?");
  if (!q.user_id.empty()) terms.emplace_back("user_id = ?");
  return terms.empty() ? std::string() : fmt::format("WHERE {}", fmt::join(terms, " AND "));
}

// Returns the next placeholder's index.
int bind_case_filter(Statement& s, const CaseQuery& q) {
  int i = 1;
  if (!q.status.empty() && q.status != "open") s.bind(i++, q.status);
  if (!q.user_id.empty()) s.bind(i++, q.user_id);
  return i;
}

// The sort key of `q`: a known column; a case without a time sorts as 0, as it reads back.
const char* case_sort_column(const CaseQuery& q) {
  return q.sort == "last" ? "coalesce(last_ns, 0)" : q.sort == "first" ? "coalesce(first_ns, 0)"
         : q.sort == "case_id" ? "id" : "score";
}

// ORDER BY of `q`: ties by id, oldest case first (as the queue always was).
std::string case_order(const CaseQuery& q) {
  const std::string_view column = case_sort_column(q);
  const char* dir = q.descending ? "DESC" : "ASC";
  if (column == "id") return fmt::format("ORDER BY id {}", dir);
  return fmt::format("ORDER BY {} {}, id", column, dir);
}

// The keyset term that starts the page after `q.after` ("" without one), in case_order's order;
// its placeholders are bound by bind_case_cursor after the filter's.
std::string case_cursor_term(const CaseQuery& q) {
  if (!q.after) return {};
  const std::string_view column = case_sort_column(q);
  const char* beyond = q.descending ? "<" : ">";
  if (column == "id") return fmt::format("id {} ?", beyond);
  // The first term alone bounds the index range (score's index seeks to it); the second drops
  // the cases at the cursor's own value up to its id.
  return fmt::format("{0} {1}= ? AND ({0} {1} ? OR id > ?)", column, beyond);
}

void bind_case_cursor(Statement& s, const CaseQuery& q, int first) {
  if (!q.after) return;
  if (q.sort == "case_id") {
    s.bind(first, q.after->id);
    return;
  }
  for (int i : {first, first + 1}) {
    if (q.sort == "score") s.bind_double(i, q.after->score);
    else s.bind(i, static_cast<std::int64_t>(q.after->time));
  }
  s.bind(first + 2, q.after->id);
}

}  // namespace

Result<std::vector<CaseRecord>> SqliteStore::privacy_cases(const CaseQuery& q) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  Db& db = r->db();
  std::string where = case_filter(q);
  if (std::string cursor = case_cursor_term(q); !cursor.empty())
    where = where.empty() ? "WHERE " + cursor : fmt::format("{} AND {}", where, cursor);
  auto s = db.prepare(fmt::format("SELECT {} FROM privacy_cases {} {} LIMIT {} OFFSET {}", kCaseColumns,
                                  where, case_order(q), std::clamp(q.limit, 1, 1'000'000),
                                  std::max<std::int64_t>(q.offset, 0)));
  auto events = db.prepare(kCaseEventsSql);
  if (!s) return Unexpected(s.error());
  if (!events) return Unexpected(events.error());
  bind_case_cursor(*s, q, bind_case_filter(*s, q));
  std::vector<CaseRecord> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    CaseRecord c = read_case_row(*s);
    if (auto e = read_case_events(*events, c); !e) return Unexpected(e.error());
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::uint64_t> SqliteStore::count_privacy_cases(const CaseQuery& q) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format("SELECT count(*) FROM privacy_cases {}", case_filter(q)));
  if (!s) return Unexpected(s.error());
  bind_case_filter(*s, q);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  return static_cast<std::uint64_t>(s->column_int(0));
}

}  // namespace ward::store
