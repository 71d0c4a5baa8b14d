// SqliteStore's side of reviewing privacy cases (src/case_review): one case with its accesses,
// review changes and their history, and the explanation rules proposed from dismissals.
#include <algorithm>

#include <fmt/format.h>

#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace ward::store {
namespace {

constexpr std::string_view kProposalColumns =
    "id, case_id, code, description, rule_yaml, open_cases, status, proposed_ns, proposed_by, "
    "coalesce(decided_ns, 0), coalesce(decided_by, ''), coalesce(decision_reason, '')";

ProposalRecord read_proposal_row(const Statement& s) {
  ProposalRecord p;
  p.id = s.column_int(0);
  p.case_id = s.column_int(1);
  p.code = s.column_text(2);
  p.description = s.column_text(3);
  p.rule_yaml = s.column_text(4);
  p.open_cases = s.column_int(5);
  p.status = s.column_text(6);
  p.proposed = s.column_int(7);
  p.proposed_by = s.column_text(8);
  p.decided = s.column_int(9);
  p.decided_by = s.column_text(10);
  p.decision_reason = s.column_text(11);
  return p;
}

// The status of case `id` as the writer sees it; "" when there is no such case.
Result<std::string> case_status(Db& db, std::int64_t id) {
  auto s = db.prepare("SELECT status FROM privacy_cases WHERE id = ?");
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  return *row ? std::string(s->column_text(0)) : std::string();
}

}  // namespace

Result<std::optional<CaseRecord>> SqliteStore::privacy_case(std::int64_t id) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  Db& db = r->db();
  auto s = db.prepare(fmt::format("SELECT {} FROM privacy_cases WHERE id = ?", kCaseColumns));
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<CaseRecord>();
  CaseRecord c = read_case_row(*s);
  auto events = db.prepare(kCaseEventsSql);
  if (!events) return Unexpected(events.error());
  if (auto e = read_case_events(*events, c); !e) return Unexpected(e.error());
  return std::optional<CaseRecord>(std::move(c));
}

Result<std::vector<EventRow>> SqliteStore::events_with_seqs(const std::vector<std::int64_t>& seqs) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  Db& db = r->db();
  // In chunks, well under SQLite's limit on parameters.
  constexpr std::size_t kChunk = 500;
  std::vector<EventRow> out;
  for (std::size_t from = 0; from < seqs.size(); from += kChunk) {
    const std::size_t n = std::min(kChunk, seqs.size() - from);
    std::string marks;
    for (std::size_t i = 0; i < n; ++i) marks += i == 0 ? "?" : ",?";
    auto s = db.prepare(fmt::format("SELECT {} WHERE e.seq IN ({})", kExplainedEventColumns, marks));
    if (!s) return Unexpected(s.error());
    for (std::size_t i = 0; i < n; ++i) s->bind(static_cast<int>(i + 1), seqs[from + i]);
    while (true) {
      auto row = s->step();
      if (!row) return Unexpected(row.error());
      if (!*row) break;
      out.push_back(read_event_row(*s));
    }
  }
  std::sort(out.begin(), out.end(), [](const EventRow& a, const EventRow& b) {
    return a.time != b.time ? a.time < b.time : a.seq < b.seq;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const EventRow& a, const EventRow& b) { return a.seq == b.seq; }),
            out.end());
  return out;
}

Result<std::int64_t> SqliteStore::review_privacy_case(const CaseChange& c,
                                                      const ProposalRecord* proposal) {
  std::lock_guard lock(write_mu_);
  return in_transaction<std::int64_t>(writer_, [&]() -> Result<std::int64_t> {
    auto update = writer_.prepare(
        "UPDATE privacy_cases SET status = ?, status_reason = ?, outcome = ?, reason_code = ?, "
        "assignee = ?, updated_ns = ? WHERE id = ? AND status = ?");
    if (!update) return Unexpected(update.error());
    update->bind(1, c.to_status);
    update->bind(2, c.reason);
    update->bind(3, c.outcome);
    update->bind(4, c.reason_code);
    update->bind(5, c.assignee);
    update->bind(6, c.time);
    update->bind(7, c.case_id);
    update->bind(8, c.from_status);
    if (auto r = update->run(); !r) return Unexpected(r.error());
    if (writer_.changes() == 0) {
      auto now = case_status(writer_, c.case_id);
      if (!now) return Unexpected(now.error());
      if (now->empty()) return fail(ErrorCode::not_found, fmt::format("there is no case {}", c.case_id));
      return fail(ErrorCode::invalid_input,
                  fmt::format("case {} is {} now, not {}: someone changed it meanwhile; look at it "
                              "again", c.case_id, *now, c.from_status));
    }
    auto history = writer_.prepare(
        "INSERT INTO privacy_case_history (case_id, time_ns, actor, from_status, to_status, "
        "outcome, reason_code, reason, assignee) VALUES (?,?,?,?,?,?,?,?,?)");
    if (!history) return Unexpected(history.error());
    history->bind(1, c.case_id);
    history->bind(2, c.time);
    history->bind(3, c.actor);
    history->bind(4, c.from_status);
    history->bind(5, c.to_status);
    history->bind(6, c.outcome);
    history->bind(7, c.reason_code);
    history->bind(8, c.reason);
    history->bind(9, c.assignee);
    if (auto r = history->run(); !r) return Unexpected(r.error());
    if (proposal == nullptr) return std::int64_t{0};
    auto insert = writer_.prepare(
        "INSERT INTO explanation_proposals (case_id, code, description, rule_yaml, open_cases, "
        "status, proposed_ns, proposed_by) VALUES (?,?,?,?,?,'proposed',?,?) RETURNING id");
    if (!insert) return Unexpected(insert.error());
    insert->bind(1, proposal->case_id);
    insert->bind(2, proposal->code);
    insert->bind(3, proposal->description);
    insert->bind(4, proposal->rule_yaml);
    insert->bind(5, proposal->open_cases);
    insert->bind(6, proposal->proposed);
    insert->bind(7, proposal->proposed_by);
    auto row = insert->step();
    if (!row) return Unexpected(row.error());
    const std::int64_t id = insert->column_int(0);
    if (auto r = insert->run(); !r) return Unexpected(r.error());
    return id;
  });
}

Result<std::vector<CaseChange>> SqliteStore::privacy_case_history(std::int64_t case_id) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(
      "SELECT id, case_id, time_ns, actor, from_status, to_status, coalesce(outcome, ''), "
      "coalesce(reason_code, ''), coalesce(reason, ''), coalesce(assignee, '') "
      "FROM privacy_case_history WHERE case_id = ? ORDER BY id");
  if (!s) return Unexpected(s.error());
  s->bind(1, case_id);
  std::vector<CaseChange> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    CaseChange c;
    c.id = s->column_int(0);
    c.case_id = s->column_int(1);
    c.time = s->column_int(2);
    std::string* text[] = {&c.actor,       &c.from_status, &c.to_status, &c.outcome,
                           &c.reason_code, &c.reason,      &c.assignee};
    int column = 3;
    for (std::string* t : text) *t = std::string(s->column_text(column++));
    out.push_back(std::move(c));
  }
}

Result<std::vector<ProposalRecord>> SqliteStore::explanation_proposals(const ProposalQuery& q) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format("SELECT {} FROM explanation_proposals {} ORDER BY id LIMIT {}",
                                       kProposalColumns, q.status.empty() ? "" : "WHERE status = ?",
                                       std::clamp(q.limit, 1, 1'000'000)));
  if (!s) return Unexpected(s.error());
  if (!q.status.empty()) s->bind(1, q.status);
  std::vector<ProposalRecord> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    out.push_back(read_proposal_row(*s));
  }
}

Result<std::optional<ProposalRecord>> SqliteStore::explanation_proposal(std::int64_t id) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format("SELECT {} FROM explanation_proposals WHERE id = ?", kProposalColumns));
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<ProposalRecord>();
  return std::optional<ProposalRecord>(read_proposal_row(*s));
}

Result<void> SqliteStore::decide_explanation_proposal(const ProposalDecision& d) {
  std::lock_guard lock(write_mu_);
  return in_transaction<void>(writer_, [&]() -> Result<void> {
    auto update = writer_.prepare(
        "UPDATE explanation_proposals SET status = ?, decided_ns = ?, decided_by = ?, "
        "decision_reason = ? WHERE id = ? AND status = 'proposed'");
    if (!update) return Unexpected(update.error());
    update->bind(1, d.status);
    update->bind(2, d.time);
    update->bind(3, d.actor);
    update->bind(4, d.reason);
    update->bind(5, d.proposal_id);
    if (auto r = update->run(); !r) return r;
    if (writer_.changes() != 0) return {};
    auto now = writer_.prepare("SELECT status, coalesce(decided_by, '') FROM explanation_proposals WHERE id = ?");
    if (!now) return Unexpected(now.error());
    now->bind(1, d.proposal_id);
    auto row = now->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return fail(ErrorCode::not_found, fmt::format("there is no proposal {}", d.proposal_id));
    return fail(ErrorCode::invalid_input,
                fmt::format("proposal {} is already {} (by {})", d.proposal_id, now->column_text(0),
                            now->column_text(1)));
  });
}

}  // namespace ward::store
