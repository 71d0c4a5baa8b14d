// AiStore (ai_store.h): plain SQL over the tables of migration 0021.
#include "ai_governance/ai_store.h"

#include <fmt/format.h>

#include "ai_governance/ai_system_json.h"
#include "core/time.h"
#include "store/capability_db.h"

namespace ward::ai_governance {
namespace {

// Steps `s` to the end, calling read(s) on each row.
template <class Read>
Result<void> each_row(store::Statement& s, Read read) {
  while (true) {
    auto row = s.step();
    if (!row) return Unexpected(row.error());
    if (!*row) return {};
    read(s);
  }
}

std::string text(const store::Statement& s, int i) { return std::string(s.column_text(i)); }

}  // namespace

Result<AiStore> AiStore::open(const std::filesystem::path& data_dir) {
  auto db = store::open_capability_db(data_dir);
  if (!db) return Unexpected(db.error());
  return AiStore(std::move(*db));
}

Result<void> AiStore::log(const std::string& id, const Decision& d) {
  auto s = db_.prepare("INSERT INTO ai_decisions (system_id, action, decided_by, reason, decided_ns) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  s->bind(2, d.action);
  s->bind(3, d.by);
  s->bind(4, d.reason);
  s->bind(5, d.at_ns ? d.at_ns : now_ns());
  return s->run();
}

Result<void> AiStore::require_system(const std::string& id) {
  auto s = db_.prepare("SELECT 1 FROM ai_systems WHERE system_id = ?1");
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, fmt::format("no AI system '{}' in the registry (ward ai list)", id));
  return {};
}

Result<bool> AiStore::put_system(const AiSystem& system, const std::string& by) {
  return store::in_transaction<bool>(db_, [&]() -> Result<bool> {
    const bool existed = static_cast<bool>(require_system(system.id));
    const std::string body = ai_system_json(system).dump();
    const std::string tier(to_string(assess_risk(system).tier));
    const std::int64_t now = now_ns();
    auto s = db_.prepare(existed
        ? "UPDATE ai_systems SET name = ?2, body = ?3, risk_tier = ?4, updated_ns = ?5 WHERE system_id = ?1"
        : "INSERT INTO ai_systems (system_id, name, body, risk_tier, created_ns, updated_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?5)");
    if (!s) return Unexpected(s.error());
    s->bind(1, system.id);
    s->bind(2, system.name);
    s->bind(3, body);
    s->bind(4, tier);
    s->bind(5, now);
    if (auto r = s->run(); !r) return Unexpected(r.error());
    auto clear = db_.prepare("DELETE FROM ai_system_domains WHERE system_id = ?1");
    if (!clear) return Unexpected(clear.error());
    clear->bind(1, system.id);
    if (auto r = clear->run(); !r) return Unexpected(r.error());
    auto add = db_.prepare("INSERT OR IGNORE INTO ai_system_domains (domain, system_id) VALUES (?1, ?2)");
    if (!add) return Unexpected(add.error());
    for (const std::string& d : system.domains) {
      add->reset();
      add->bind(1, d);
      add->bind(2, system.id);
      if (auto r = add->run(); !r) return Unexpected(r.error());
    }
    if (auto r = log(system.id, {existed ? "updated" : "intake", by, existed ? "record changed" : "added to the registry", now}); !r) {
      return Unexpected(r.error());
    }
    return !existed;
  });
}

namespace {

constexpr std::string_view kSystemColumns = "body, status, conditions, next_review, created_ns, updated_ns";

Result<SystemRecord> read_record(const store::Statement& s) {
  auto system = parse_ai_system(s.column_text(0));
  if (!system) {
    Error e = system.error();
    e.message = "stored AI system record: " + e.message;
    return Unexpected(e);
  }
  return SystemRecord{std::move(*system), text(s, 1), text(s, 2), text(s, 3), s.column_int(4), s.column_int(5)};
}

}  // namespace

Result<std::vector<SystemRecord>> AiStore::systems() {
  auto s = db_.prepare(fmt::format("SELECT {} FROM ai_systems ORDER BY system_id", kSystemColumns));
  if (!s) return Unexpected(s.error());
  std::vector<SystemRecord> out;
  Result<void> bad;
  if (auto r = each_row(*s, [&](const store::Statement& row) {
        auto rec = read_record(row);
        if (rec) out.push_back(std::move(*rec));
        else if (bad) bad = Unexpected(rec.error());
      }); !r) {
    return Unexpected(r.error());
  }
  if (!bad) return Unexpected(bad.error());
  return out;
}

Result<SystemRecord> AiStore::system(const std::string& id) {
  auto s = db_.prepare(fmt::format("SELECT {} FROM ai_systems WHERE system_id = ?1", kSystemColumns));
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, fmt::format("no AI system '{}' in the registry (ward ai list)", id));
  auto rec = read_record(*s);
  s->reset();
  return rec;
}

Result<std::vector<std::string>> AiStore::systems_for_host(std::string_view host) {
  auto s = db_.prepare("SELECT DISTINCT system_id FROM ai_system_domains WHERE domain = ?1 ORDER BY system_id");
  if (!s) return Unexpected(s.error());
  std::vector<std::string> out;
  std::string candidate(host);
  for (char& c : candidate) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!candidate.empty()) {
    s->reset();
    s->bind(1, candidate);
    if (auto r = each_row(*s, [&](const store::Statement& row) { out.push_back(text(row, 0)); }); !r) return Unexpected(r.error());
    const std::size_t dot = candidate.find('.');
    if (dot == std::string::npos) break;
    candidate.erase(0, dot + 1);
  }
  return out;
}

Result<std::string> AiStore::registry_status(std::string_view host) {
  auto ids = systems_for_host(host);
  if (!ids) return Unexpected(ids.error());
  std::string status;
  for (const std::string& id : *ids) {
    auto record = system(id);
    if (!record) return Unexpected(record.error());
    if (record->status == "approved") return record->status;
    if (status.empty()) status = record->status;
  }
  return status;
}

Result<std::vector<std::string>> AiStore::record_seen_services(const std::vector<SeenService>& seen) {
  return store::in_transaction<std::vector<std::string>>(db_, [&]() -> Result<std::vector<std::string>> {
    auto s = db_.prepare("INSERT INTO ai_usage_services (service, first_seen_ns, first_who, recorded_ns) VALUES (?1, ?2, ?3, ?4) "
                         "ON CONFLICT (service) DO NOTHING");
    if (!s) return Unexpected(s.error());
    std::vector<std::string> added;
    const std::int64_t now = now_ns();
    for (const SeenService& x : seen) {
      s->reset();
      s->bind(1, x.service);
      s->bind(2, x.first_ns);
      s->bind(3, x.who);
      s->bind(4, now);
      if (auto r = s->step(); !r) return Unexpected(r.error());
      if (db_.changes() > 0) added.push_back(x.service);
    }
    return added;
  });
}

Result<void> AiStore::add_review(const std::string& id, const Review& review) {
  return store::in_transaction<void>(db_, [&]() -> Result<void> {
    if (auto r = require_system(id); !r) return r;
    auto s = db_.prepare("INSERT INTO ai_reviews (system_id, area, outcome, reviewer, notes, reviewed_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!s) return Unexpected(s.error());
    const std::int64_t now = review.at_ns ? review.at_ns : now_ns();
    s->bind(1, id);
    s->bind(2, review.area);
    s->bind(3, review.outcome);
    s->bind(4, review.reviewer);
    s->bind(5, review.notes);
    s->bind(6, now);
    if (auto r = s->run(); !r) return r;
    auto status = db_.prepare("UPDATE ai_systems SET status = 'in_review', updated_ns = ?2 WHERE system_id = ?1 AND status = 'intake'");
    if (!status) return Unexpected(status.error());
    status->bind(1, id);
    status->bind(2, now);
    if (auto r = status->run(); !r) return r;
    return log(id, {"reviewed", review.reviewer, fmt::format("{} review: {}{}", review.area, review.outcome,
                                                            review.notes.empty() ? "" : " — " + review.notes), now});
  });
}

Result<std::vector<Review>> AiStore::reviews(const std::string& id) {
  auto s = db_.prepare("SELECT area, outcome, reviewer, notes, reviewed_ns FROM ai_reviews WHERE system_id = ?1 ORDER BY review_id");
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  std::vector<Review> out;
  if (auto r = each_row(*s, [&](const store::Statement& row) {
        out.push_back({text(row, 0), text(row, 1), text(row, 2), text(row, 3), row.column_int(4)});
      }); !r) {
    return Unexpected(r.error());
  }
  return out;
}

Result<std::int64_t> AiStore::add_evidence(const std::string& id, const Evidence& e) {
  return store::in_transaction<std::int64_t>(db_, [&]() -> Result<std::int64_t> {
    if (auto r = require_system(id); !r) return Unexpected(r.error());
    auto s = db_.prepare("INSERT INTO ai_evidence (system_id, kind, summary, body, added_by, added_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!s) return Unexpected(s.error());
    const std::int64_t now = e.at_ns ? e.at_ns : now_ns();
    s->bind(1, id);
    s->bind(2, e.kind);
    s->bind(3, e.summary);
    s->bind(4, e.body);
    s->bind(5, e.added_by);
    s->bind(6, now);
    if (auto r = s->run(); !r) return Unexpected(r.error());
    const std::int64_t evidence_id = db_.last_insert_rowid();
    if (auto r = log(id, {"evidence", e.added_by, fmt::format("{} #{}: {}", e.kind, evidence_id, e.summary), now}); !r) {
      return Unexpected(r.error());
    }
    return evidence_id;
  });
}

Result<std::vector<Evidence>> AiStore::evidence(const std::string& id) {
  auto s = db_.prepare("SELECT evidence_id, kind, summary, body, added_by, added_ns FROM ai_evidence WHERE system_id = ?1 ORDER BY evidence_id");
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  std::vector<Evidence> out;
  if (auto r = each_row(*s, [&](const store::Statement& row) {
        out.push_back({row.column_int(0), text(row, 1), text(row, 2), text(row, 3), text(row, 4), row.column_int(5)});
      }); !r) {
    return Unexpected(r.error());
  }
  return out;
}

Result<void> AiStore::decide(const std::string& id, const std::string& status, const std::string& conditions,
                             const std::string& next_review, const Decision& decision) {
  return store::in_transaction<void>(db_, [&]() -> Result<void> {
    if (auto r = require_system(id); !r) return r;
    auto s = db_.prepare("UPDATE ai_systems SET status = ?2, conditions = ?3, next_review = ?4, updated_ns = ?5 WHERE system_id = ?1");
    if (!s) return Unexpected(s.error());
    const std::int64_t now = decision.at_ns ? decision.at_ns : now_ns();
    s->bind(1, id);
    s->bind(2, status);
    s->bind(3, conditions);
    s->bind(4, next_review);
    s->bind(5, now);
    if (auto r = s->run(); !r) return r;
    Decision d = decision;
    d.at_ns = now;
    return log(id, d);
  });
}

Result<std::vector<Decision>> AiStore::history(const std::string& id) {
  auto s = db_.prepare("SELECT action, decided_by, reason, decided_ns FROM ai_decisions WHERE system_id = ?1 ORDER BY decision_id");
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  std::vector<Decision> out;
  if (auto r = each_row(*s, [&](const store::Statement& row) {
        out.push_back({text(row, 0), text(row, 1), text(row, 2), row.column_int(3)});
      }); !r) {
    return Unexpected(r.error());
  }
  return out;
}

Result<void> AiStore::set_rmf(const std::string& id, const RmfAnswer& a) {
  return store::in_transaction<void>(db_, [&]() -> Result<void> {
    if (auto r = require_system(id); !r) return r;
    auto s = db_.prepare(
        "INSERT OR REPLACE INTO ai_rmf_checklist (system_id, subcategory, met, evidence, updated_by, updated_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!s) return Unexpected(s.error());
    const std::int64_t now = a.at_ns ? a.at_ns : now_ns();
    s->bind(1, id);
    s->bind(2, a.subcategory);
    s->bind(3, static_cast<std::int64_t>(a.met ? 1 : 0));
    s->bind(4, a.evidence);
    s->bind(5, a.by);
    s->bind(6, now);
    if (auto r = s->run(); !r) return r;
    return log(id, {"rmf", a.by, fmt::format("{} {}{}", a.subcategory, a.met ? "met" : "not met", a.evidence.empty() ? "" : ": " + a.evidence), now});
  });
}

Result<std::vector<RmfAnswer>> AiStore::rmf(const std::string& id) {
  auto s = db_.prepare("SELECT subcategory, met, evidence, updated_by, updated_ns FROM ai_rmf_checklist WHERE system_id = ?1");
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  std::vector<RmfAnswer> out;
  if (auto r = each_row(*s, [&](const store::Statement& row) {
        out.push_back({text(row, 0), row.column_int(1) != 0, text(row, 2), text(row, 3), row.column_int(4)});
      }); !r) {
    return Unexpected(r.error());
  }
  return out;
}

}  // namespace ward::ai_governance
