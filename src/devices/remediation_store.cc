// RemediationStore (remediation_store.h): plain SQL over the tables of migration 0019.
#include "devices/remediation_store.h"

#include <fmt/format.h>

#include "core/stable_hash.h"
#include "devices/device_store.h"
#include "store/capability_db.h"

namespace ward::devices {
namespace {

constexpr std::string_view kColumns =
    "device_id, advisory_id, cve, product, version, matched_by, confidence, cvss_base, advisory_revision, ssvc_deployer, "
    "ssvc_cisa, ssvc_inputs, outcome_since, matched, state, evidence, expires, change_note, first_seen_ns, last_seen_ns, "
    "state_changed_ns";

// kColumns as read: the inputs' id replaced by the inputs it names.
std::string select_columns() {
  std::string columns(kColumns);
  columns.replace(columns.find("ssvc_inputs"), std::string_view("ssvc_inputs").size(), "coalesce(i.inputs, '[]')");
  return columns;
}

TrackedFinding read_finding(const store::Statement& s) {
  TrackedFinding f;
  int i = 0;
  auto text = [&] { return std::string(s.column_text(i++)); };
  f.device_id = text();
  f.advisory_id = text();
  f.cve = text();
  f.product = text();
  f.version = text();
  f.matched_by = text();
  f.confidence = s.column_double(i++);
  f.cvss_base = s.column_double(i++);
  f.advisory_revision = text();
  f.ssvc_deployer = text();
  f.ssvc_cisa = text();
  f.ssvc_inputs = text();
  f.outcome_since = text();
  f.matched = s.column_int(i++) != 0;
  f.state = parse_state(s.column_text(i++)).value_or(RemediationState::open);
  f.evidence = text();
  f.expires = text();
  f.change_note = text();
  f.first_seen_ns = s.column_int(i++);
  f.last_seen_ns = s.column_int(i++);
  f.state_changed_ns = s.column_int(i++);
  return f;
}

template <class F>
Result<void> each_row(store::Statement& s, F f) {
  while (true) {
    auto row = s.step();
    if (!row) return Unexpected(row.error());
    if (!*row) return {};
    f(s);
  }
}

}  // namespace

Result<RemediationStore> RemediationStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_capability_db(data_dir);
  if (!db) return Unexpected(db.error());
  return RemediationStore(std::move(*db));
}

Result<std::vector<TrackedFinding>> RemediationStore::findings(const std::string& device_id) {
  return select("device_id", device_id);
}

// The findings whose `column` is `value`; every finding when `value` is "" (binds NULL).
Result<std::vector<TrackedFinding>> RemediationStore::select(const char* column, const std::string& value) {
  auto s = db_.prepare(fmt::format("SELECT {} FROM device_findings f LEFT JOIN ssvc_input_sets i ON i.id = f.ssvc_inputs "
                                   "WHERE ?1 IS NULL OR {} = ?1 ORDER BY device_id, advisory_id, cve",
                                   select_columns(), column));
  if (!s) return Unexpected(s.error());
  s->bind(1, value);
  std::vector<TrackedFinding> out;
  if (auto r = each_row(*s, [&](const store::Statement& row) { out.push_back(read_finding(row)); }); !r) {
    return Unexpected(r.error());
  }
  return out;
}

// INSERT OR REPLACE: an empty text binds NULL, which REPLACE turns into the column's default ''.
Result<void> RemediationStore::write(const TrackedFinding& f) {
  if (!upsert_.has_value()) {
    auto s = db_.prepare(fmt::format("INSERT OR REPLACE INTO device_findings ({}) VALUES "
                                     "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)", kColumns));
    if (!s) return Unexpected(s.error());
    upsert_ = std::move(*s);
  }
  const std::string inputs_id = fmt::format("{:016x}", stable_hash(f.ssvc_inputs));
  if (!input_sets_written_.contains(inputs_id)) {
    auto put = db_.prepare("INSERT OR IGNORE INTO ssvc_input_sets (id, inputs) VALUES (?1, ?2)");
    if (!put) return Unexpected(put.error());
    put->bind(1, inputs_id);
    put->bind(2, f.ssvc_inputs);
    if (auto r = put->run(); !r) return Unexpected(r.error());
    input_sets_written_.insert(inputs_id);
  }
  store::Statement* s = &*upsert_;
  s->reset();
  int i = 1;
  for (const std::string* t : {&f.device_id, &f.advisory_id, &f.cve, &f.product, &f.version, &f.matched_by}) s->bind(i++, *t);
  s->bind_double(i++, f.confidence);
  s->bind_double(i++, f.cvss_base);
  for (const std::string* t : {&f.advisory_revision, &f.ssvc_deployer, &f.ssvc_cisa, &inputs_id, &f.outcome_since}) {
    s->bind(i++, *t);
  }
  s->bind(i++, static_cast<std::int64_t>(f.matched ? 1 : 0));
  const std::string_view state = to_string(f.state);
  s->bind(i++, state);
  for (const std::string* t : {&f.evidence, &f.expires, &f.change_note}) s->bind(i++, *t);
  s->bind(i++, f.first_seen_ns);
  s->bind(i++, f.last_seen_ns);
  s->bind(i++, f.state_changed_ns);
  return s->run();
}

Result<void> RemediationStore::log(const TrackedFinding& f, TimeNs at, std::string_view event, const std::string& detail,
                                   const std::string& actor) {
  auto s = db_.prepare("INSERT OR REPLACE INTO finding_history (device_id, advisory_id, cve, at_ns, event, detail, actor) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!s) return Unexpected(s.error());
  s->bind(1, f.device_id);
  s->bind(2, f.advisory_id);
  s->bind(3, f.cve);
  s->bind(4, at);
  s->bind(5, event);
  s->bind(6, detail);
  s->bind(7, actor);
  return s->run();
}

Result<std::vector<ReconciledFinding>> RemediationStore::record_match(const std::vector<TrackedFinding>& current, TimeNs now) {
  return record({}, current, now, {});
}

Result<std::vector<ReconciledFinding>> RemediationStore::record_advisory_match(const std::string& advisory_id,
                                                                               const std::vector<TrackedFinding>& current, TimeNs now,
                                                                               const std::function<void(ReconciledFinding&)>& on_gone) {
  if (advisory_id.empty()) return fail(ErrorCode::invalid_input, "no advisory id", "advisory");
  return record(advisory_id, current, now, on_gone);
}

Result<std::vector<ReconciledFinding>> RemediationStore::record(const std::string& advisory_id, const std::vector<TrackedFinding>& current,
                                                                TimeNs now, const std::function<void(ReconciledFinding&)>& on_gone) {
  return store::in_transaction<std::vector<ReconciledFinding>>(db_, [&]() -> Result<std::vector<ReconciledFinding>> {
    auto stored = select("advisory_id", advisory_id);
    if (!stored) return Unexpected(stored.error());
    std::vector<ReconciledFinding> out = reconcile(*stored, current, now);
    for (ReconciledFinding& r : out) {
      if (r.change == FindingChange::gone && on_gone) on_gone(r);
      if (r.change == FindingChange::unchanged && !r.finding.matched) continue;  // gone before: nothing to write
      if (auto w = write(r.finding); !w) return Unexpected(w.error());
      if (r.change == FindingChange::unchanged) continue;
      if (auto w = log(r.finding, now, to_string(r.change), r.finding.change_note, "match"); !w) return Unexpected(w.error());
    }
    return out;
  });
}

Result<std::vector<TrackedFinding>> RemediationStore::set_state(const std::string& device_id, const std::string& advisory_id,
                                                                const std::string& cve, const StateChange& change,
                                                                const std::string& actor, TimeNs now) {
  if (auto r = check_state_change(change, today(now)); !r) return Unexpected(r.error());
  return store::in_transaction<std::vector<TrackedFinding>>(db_, [&]() -> Result<std::vector<TrackedFinding>> {
    auto all = findings(device_id);
    if (!all) return Unexpected(all.error());
    std::vector<TrackedFinding> changed;
    for (TrackedFinding& f : *all) {
      if (f.advisory_id != advisory_id || (!cve.empty() && f.cve != cve)) continue;
      f.state = change.state;
      f.evidence = change.evidence;
      f.expires = change.expires;
      f.state_changed_ns = now;
      if (auto w = write(f); !w) return Unexpected(w.error());
      const std::string detail = change.evidence.empty() ? std::string(to_string(change.state))
                                 : change.expires.empty()
                                     ? fmt::format("{}: {}", to_string(change.state), change.evidence)
                                     : fmt::format("{} until {}: {}", to_string(change.state), change.expires, change.evidence);
      if (auto w = log(f, now, "state", detail, actor); !w) return Unexpected(w.error());
      changed.push_back(std::move(f));
    }
    if (changed.empty()) {
      return fail(ErrorCode::not_found, fmt::format("device {} has no finding from {}{}", device_id, advisory_id,
                                                    cve.empty() ? std::string() : " for " + cve));
    }
    return changed;
  });
}

Result<std::vector<HistoryEntry>> RemediationStore::history(const std::string& device_id, const std::string& advisory_id) {
  auto s = db_.prepare("SELECT device_id, advisory_id, cve, at_ns, event, detail, actor FROM finding_history "
                       "WHERE device_id = ?1 AND advisory_id = ?2 ORDER BY at_ns, rowid");
  if (!s) return Unexpected(s.error());
  s->bind(1, device_id);
  s->bind(2, advisory_id);
  std::vector<HistoryEntry> out;
  auto r = each_row(*s, [&](const store::Statement& row) {
    out.push_back({std::string(row.column_text(0)), std::string(row.column_text(1)), std::string(row.column_text(2)),
                   row.column_int(3), std::string(row.column_text(4)), std::string(row.column_text(5)),
                   std::string(row.column_text(6))});
  });
  if (!r) return Unexpected(r.error());
  return out;
}

Result<std::size_t> RemediationStore::put_epss(const std::map<std::string, EpssScore>& scores) {
  return store::in_transaction<std::size_t>(db_, [&]() -> Result<std::size_t> {
    auto s = db_.prepare("INSERT OR REPLACE INTO epss_scores (cve, epss, percentile, score_date) VALUES (?1, ?2, ?3, ?4)");
    if (!s) return Unexpected(s.error());
    for (const auto& [cve, score] : scores) {
      s->reset();
      s->bind(1, cve);
      s->bind_double(2, score.epss);
      s->bind_double(3, score.percentile);
      s->bind(4, score.score_date);
      if (auto r = s->run(); !r) return Unexpected(r.error());
    }
    return scores.size();
  });
}

Result<std::map<std::string, EpssScore>> RemediationStore::epss() {
  auto s = db_.prepare("SELECT cve, epss, percentile, score_date FROM epss_scores");
  if (!s) return Unexpected(s.error());
  std::map<std::string, EpssScore> out;
  auto r = each_row(*s, [&](const store::Statement& row) {
    out[std::string(row.column_text(0))] = {row.column_double(1), row.column_double(2), std::string(row.column_text(3))};
  });
  if (!r) return Unexpected(r.error());
  return out;
}

}  // namespace ward::devices
