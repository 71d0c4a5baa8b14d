// RiskStore (risk_store.h): one row per risk, per linked control, per treatment.
#include "risks/risk_store.h"

#include <map>

#include <fmt/format.h>

#include "core/time.h"
#include "store/capability_db.h"

namespace ward::risks {
namespace {

template <class Row>
Result<void> each_row(store::Statement& s, Row row) {
  while (true) {
    auto has = s.step();
    if (!has) return Unexpected(has.error());
    if (!*has) return {};
    row(s);
  }
}

std::string text(const store::Statement& s, int i) { return std::string(s.column_text(i)); }

}  // namespace

Result<std::unique_ptr<RiskStore>> RiskStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_capability_db(data_dir);
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<RiskStore>(new RiskStore(std::move(*db)));
}

Result<Risk> RiskStore::add(Risk risk, const std::string& actor) {
  if (auto r = check_risk(risk); !r) return Unexpected(r.error());
  risk.created_by = actor;
  risk.created_ns = now_ns();
  risk.treatments.clear();
  std::lock_guard lock(mu_);
  return store::in_transaction<Risk>(db_, [&]() -> Result<Risk> {
    auto s = db_.prepare(
        "INSERT INTO program_risks (title, description, category, likelihood, impact, owner, created_by, created_ns) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
    if (!s) return Unexpected(s.error());
    s->bind(1, risk.title);
    s->bind(2, risk.description);
    s->bind(3, risk.category);
    s->bind(4, std::int64_t{risk.likelihood});
    s->bind(5, std::int64_t{risk.impact});
    s->bind(6, risk.owner);
    s->bind(7, actor);
    s->bind(8, risk.created_ns);
    if (auto r = s->run(); !r) return Unexpected(r.error());
    risk.id = db_.last_insert_rowid();
    auto c = db_.prepare("INSERT OR IGNORE INTO program_risk_controls (risk_id, catalog, control_id) VALUES (?1,?2,?3)");
    if (!c) return Unexpected(c.error());
    for (const LinkedControl& link : risk.controls) {
      c->reset();
      c->bind(1, risk.id);
      c->bind(2, link.catalog);
      c->bind(3, link.control_id);
      if (auto r = c->run(); !r) return Unexpected(r.error());
    }
    return risk;
  });
}

Result<Treatment> RiskStore::add_treatment(std::int64_t risk_id, Treatment t, const std::string& actor) {
  if (auto r = check_treatment(t); !r) return Unexpected(r.error());
  auto found = find(risk_id);
  if (!found) return Unexpected(found.error());
  if (!*found) return fail(ErrorCode::not_found, fmt::format("no risk {}", risk_id), "risk");
  t.created_by = actor;
  t.created_ns = t.updated_ns = now_ns();
  std::lock_guard lock(mu_);
  auto s = db_.prepare(
      "INSERT INTO program_risk_treatments (risk_id, kind, description, owner, status, target, cost, residual_likelihood, "
      "residual_impact, created_by, created_ns, updated_ns) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?11)");
  if (!s) return Unexpected(s.error());
  s->bind(1, risk_id);
  s->bind(2, t.kind);
  s->bind(3, t.description);
  s->bind(4, t.owner);
  s->bind(5, t.status);
  s->bind(6, t.target);
  s->bind(7, t.cost);
  s->bind(8, std::int64_t{t.residual_likelihood});
  s->bind(9, std::int64_t{t.residual_impact});
  s->bind(10, actor);
  s->bind(11, t.created_ns);
  if (auto r = s->run(); !r) return Unexpected(r.error());
  t.id = db_.last_insert_rowid();
  return t;
}

Result<void> RiskStore::set_treatment_status(std::int64_t risk_id, std::int64_t treatment_id, const std::string& status) {
  Treatment probe;
  probe.status = status;
  probe.residual_likelihood = probe.residual_impact = 1;
  if (auto r = check_treatment(probe); !r) return r;
  std::lock_guard lock(mu_);
  auto s = db_.prepare("UPDATE program_risk_treatments SET status = ?1, updated_ns = ?2 WHERE risk_id = ?3 AND treatment_id = ?4");
  if (!s) return Unexpected(s.error());
  s->bind(1, status);
  s->bind(2, now_ns());
  s->bind(3, risk_id);
  s->bind(4, treatment_id);
  if (auto r = s->run(); !r) return r;
  if (db_.changes() == 0)
    return fail(ErrorCode::not_found, fmt::format("risk {} has no treatment {}", risk_id, treatment_id), "treatment");
  return {};
}

Result<std::vector<Risk>> RiskStore::list() {
  std::lock_guard lock(mu_);
  return read(std::nullopt);
}

Result<std::optional<Risk>> RiskStore::find(std::int64_t id) {
  std::lock_guard lock(mu_);
  auto rows = read(id);
  if (!rows) return Unexpected(rows.error());
  if (rows->empty()) return std::optional<Risk>();
  return std::optional<Risk>(std::move(rows->front()));
}

Result<std::vector<Risk>> RiskStore::read(std::optional<std::int64_t> only) {
  // ?1 NULL reads every risk.
  const char* kWhere = "WHERE ?1 IS NULL OR risk_id = ?1";
  std::vector<Risk> out;
  std::map<std::int64_t, std::size_t> index;
  auto bind_only = [&](store::Statement& s) {
    if (only) s.bind(1, *only);
    else s.bind_null(1);
  };
  auto risks = db_.prepare(fmt::format(
      "SELECT risk_id, title, description, category, likelihood, impact, owner, created_by, created_ns FROM program_risks {} "
      "ORDER BY risk_id", kWhere));
  if (!risks) return Unexpected(risks.error());
  bind_only(*risks);
  if (auto r = each_row(*risks, [&](const store::Statement& s) {
        Risk risk;
        risk.id = s.column_int(0);
        risk.title = text(s, 1);
        risk.description = text(s, 2);
        risk.category = text(s, 3);
        risk.likelihood = static_cast<int>(s.column_int(4));
        risk.impact = static_cast<int>(s.column_int(5));
        risk.owner = text(s, 6);
        risk.created_by = text(s, 7);
        risk.created_ns = s.column_int(8);
        index[risk.id] = out.size();
        out.push_back(std::move(risk));
      });
      !r)
    return Unexpected(r.error());
  auto controls = db_.prepare(fmt::format(
      "SELECT risk_id, catalog, control_id FROM program_risk_controls {} ORDER BY risk_id, catalog, control_id", kWhere));
  if (!controls) return Unexpected(controls.error());
  bind_only(*controls);
  if (auto r = each_row(*controls, [&](const store::Statement& s) {
        if (auto it = index.find(s.column_int(0)); it != index.end())
          out[it->second].controls.push_back({text(s, 1), text(s, 2)});
      });
      !r)
    return Unexpected(r.error());
  auto treatments = db_.prepare(fmt::format(
      "SELECT risk_id, treatment_id, kind, description, owner, status, target, cost, residual_likelihood, residual_impact, "
      "created_by, created_ns, updated_ns FROM program_risk_treatments {} ORDER BY risk_id, treatment_id", kWhere));
  if (!treatments) return Unexpected(treatments.error());
  bind_only(*treatments);
  if (auto r = each_row(*treatments, [&](const store::Statement& s) {
        Treatment t;
        t.id = s.column_int(1);
        t.kind = text(s, 2);
        t.description = text(s, 3);
        t.owner = text(s, 4);
        t.status = text(s, 5);
        t.target = text(s, 6);
        t.cost = s.column_int(7);
        t.residual_likelihood = static_cast<int>(s.column_int(8));
        t.residual_impact = static_cast<int>(s.column_int(9));
        t.created_by = text(s, 10);
        t.created_ns = s.column_int(11);
        t.updated_ns = s.column_int(12);
        if (auto it = index.find(s.column_int(0)); it != index.end()) out[it->second].treatments.push_back(std::move(t));
      });
      !r)
    return Unexpected(r.error());
  return out;
}

}  // namespace ward::risks
