// CvdStore (cvd_store.h): plain SQL over the tables of migration 0029.
#include "devices/cvd_store.h"

#include <fmt/format.h>

#include "devices/remediation.h"
#include "store/capability_db.h"

namespace ward::devices {
namespace {

// The text columns after report_id, in CvdReport's order; written with coalesce (an empty text binds NULL).
constexpr std::string_view kTextColumns[] = {
    "subject", "reporter", "reporter_contact", "vendor", "product", "version", "title", "description", "cve", "state",
    "received_on", "acknowledged_on", "triaged_on", "vendor_notified_on", "fix_available_on", "disclosed_on",
    "target_disclosure_on"};

std::vector<std::string*> texts(CvdReport& r) {
  return {&r.subject, &r.reporter, &r.reporter_contact, &r.vendor, &r.product, &r.version, &r.title, &r.description, &r.cve,
          &r.state, &r.received_on, &r.acknowledged_on, &r.triaged_on, &r.vendor_notified_on, &r.fix_available_on,
          &r.disclosed_on, &r.target_disclosure_on};
}

std::string columns() { return fmt::format("report_id, {}, created_ns, updated_ns", fmt::join(kTextColumns, ", ")); }

CvdReport read_report(const store::Statement& s) {
  CvdReport r;
  r.id = s.column_int(0);
  int i = 1;
  for (std::string* t : texts(r)) *t = std::string(s.column_text(i++));
  r.created = s.column_int(i++);
  r.updated = s.column_int(i);
  return r;
}

// Binds the report's texts to ?1…?17 and its times to ?18, ?19.
void bind_report(store::Statement& s, CvdReport& r) {
  int i = 1;
  for (std::string* t : texts(r)) s.bind(i++, *t);
  s.bind(i++, r.created);
  s.bind(i, r.updated);
}

}  // namespace

Result<CvdStore> CvdStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_capability_db(data_dir);
  if (!db) return Unexpected(db.error());
  return CvdStore(std::move(*db));
}

Result<std::vector<CvdReport>> CvdStore::select(const std::string& where, const std::string& value) {
  auto s = db_.prepare(fmt::format("SELECT {} FROM cvd_reports WHERE {} ORDER BY report_id DESC", columns(), where));
  if (!s) return Unexpected(s.error());
  if (!value.empty()) s->bind(1, value);
  std::vector<CvdReport> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    out.push_back(read_report(*s));
  }
}

Result<void> CvdStore::log(std::int64_t id, TimeNs at, const std::string& actor, const std::string& event, const std::string& detail) {
  auto s = db_.prepare("INSERT INTO cvd_timeline (report_id, at_ns, actor, event, detail) "
                       "VALUES (?1, ?2, coalesce(?3, ''), ?4, coalesce(?5, ''))");
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  s->bind(2, at);
  s->bind(3, actor);
  s->bind(4, event);
  s->bind(5, detail);
  return s->run();
}

Result<CvdReport> CvdStore::add(CvdReport report, const std::string& actor, TimeNs now) {
  auto r = new_report(std::move(report), today(now));
  if (!r) return Unexpected(r.error());
  r->created = r->updated = now;
  return store::in_transaction<CvdReport>(db_, [&]() -> Result<CvdReport> {
    std::string values;
    for (std::size_t i = 1; i <= std::size(kTextColumns); ++i) values += fmt::format("coalesce(?{}, ''), ", i);
    auto s = db_.prepare(fmt::format("INSERT INTO cvd_reports ({}, created_ns, updated_ns) VALUES ({}?18, ?19)",
                                     fmt::join(kTextColumns, ", "), values));
    if (!s) return Unexpected(s.error());
    bind_report(*s, *r);
    if (auto w = s->run(); !w) return Unexpected(w.error());
    r->id = db_.last_insert_rowid();
    const std::string who = r->reporter.empty() ? std::string("an anonymous reporter") : r->reporter;
    auto w = log(r->id, now, actor, "received", fmt::format("received on {} from {}; target disclosure {}", r->received_on, who,
                                                            r->target_disclosure_on));
    if (!w) return Unexpected(w.error());
    return *r;
  });
}

Result<CvdReport> CvdStore::find(std::int64_t id) {
  auto found = select("report_id = ?1", std::to_string(id));
  if (!found) return Unexpected(found.error());
  if (found->empty()) return fail(ErrorCode::not_found, fmt::format("there is no CVD report {}", id), "report");
  return found->front();
}

Result<std::vector<CvdReport>> CvdStore::list(const std::string& state) {
  if (state.empty()) return select("1", "");
  if (state == "open") return select("state NOT IN ('disclosed', 'closed', 'rejected')", "");
  if (auto ok = check_state(state); !ok) return Unexpected(ok.error());
  return select("state = ?1", state);
}

Result<CvdReport> CvdStore::update(std::int64_t id, const CvdChange& change, const std::string& actor, TimeNs now) {
  return store::in_transaction<CvdReport>(db_, [&]() -> Result<CvdReport> {
    auto r = find(id);
    if (!r) return Unexpected(r.error());
    auto entries = apply_change(*r, change, today(now));
    if (!entries) return Unexpected(entries.error());
    r->updated = now;
    std::string sets;
    for (std::size_t i = 0; i < std::size(kTextColumns); ++i) sets += fmt::format("{} = coalesce(?{}, ''), ", kTextColumns[i], i + 1);
    auto s = db_.prepare(fmt::format("UPDATE cvd_reports SET {}created_ns = ?18, updated_ns = ?19 WHERE report_id = ?20", sets));
    if (!s) return Unexpected(s.error());
    bind_report(*s, *r);
    s->bind(20, id);
    if (auto w = s->run(); !w) return Unexpected(w.error());
    for (const auto& [event, detail] : *entries) {
      if (auto w = log(id, now, actor, event, detail); !w) return Unexpected(w.error());
    }
    return *r;
  });
}

Result<std::vector<CvdEntry>> CvdStore::timeline(std::int64_t id) {
  auto s = db_.prepare("SELECT report_id, at_ns, actor, event, detail FROM cvd_timeline WHERE report_id = ?1 ORDER BY at_ns, entry_id");
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  std::vector<CvdEntry> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    out.push_back({s->column_int(0), s->column_int(1), std::string(s->column_text(2)), std::string(s->column_text(3)),
                   std::string(s->column_text(4))});
  }
}

}  // namespace ward::devices
