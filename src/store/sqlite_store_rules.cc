// SqliteStore's side of the rule store (migration 0010): Sigma documents upserted by id, listed
// with filters and paging, enabled or disabled, removed, and read back for the live engine.
#include <algorithm>

#include <fmt/format.h>

#include "store/sqlite_store.h"

namespace ward::store {
namespace {

constexpr std::string_view kRuleColumns =
    "rule_id, title, level, status, product, category, service, kind, yaml, enabled, origin, "
    "added_ns, added_by, updated_ns, updated_by";

DetectionRuleRecord read_rule_row(const Statement& s) {
  DetectionRuleRecord r;
  std::string* text[] = {&r.id, &r.title, &r.level, &r.status, &r.product,
                         &r.category, &r.service, &r.kind, &r.yaml};
  int column = 0;
  for (std::string* t : text) *t = std::string(s.column_text(column++));
  r.enabled = s.column_int(9) != 0;
  r.origin = s.column_text(10);
  r.added = s.column_int(11);
  r.added_by = s.column_text(12);
  r.updated = s.column_int(13);
  r.updated_by = s.column_text(14);
  return r;
}

// The stored YAML of rule `id`; nullopt when there is none.
Result<std::optional<std::string>> stored_yaml(Statement& find, std::string_view id) {
  find.reset();
  find.bind(1, id);
  auto row = find.step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(std::string(find.column_text(0)));
}

// `text` for LIKE … ESCAPE '\': its % and _ are literal.
std::string like_pattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace

Result<std::vector<RuleUpsert>> SqliteStore::upsert_detection_rules(
    const std::vector<DetectionRuleRecord>& rules) {
  std::lock_guard lock(write_mu_);
  return in_transaction<std::vector<RuleUpsert>>(writer_, [&]() -> Result<std::vector<RuleUpsert>> {
    auto find = writer_.prepare("SELECT yaml FROM detection_rules WHERE rule_id = ?");
    if (!find) return Unexpected(find.error());
    auto insert = writer_.prepare(
        "INSERT INTO detection_rules (rule_id, title, level, status, product, category, service, "
        "kind, yaml, enabled, origin, added_ns, added_by, updated_ns, updated_by) "
        "VALUES (?1, coalesce(?2, ''), coalesce(?3, ''), coalesce(?4, ''), coalesce(?5, ''), "
        "coalesce(?6, ''), coalesce(?7, ''), ?8, ?9, ?10, coalesce(?11, ''), ?12, coalesce(?13, ''), "
        "?12, coalesce(?13, ''))");
    if (!insert) return Unexpected(insert.error());
    // Replaced in place: the enabled flag and who added it stay.
    auto update = writer_.prepare(
        "UPDATE detection_rules SET title = coalesce(?2, ''), level = coalesce(?3, ''), status = coalesce(?4, ''), "
        "product = coalesce(?5, ''), category = coalesce(?6, ''), service = coalesce(?7, ''), "
        "kind = ?8, yaml = ?9, origin = coalesce(?11, ''), updated_ns = ?12, "
        "updated_by = coalesce(?13, '') WHERE rule_id = ?1");
    if (!update) return Unexpected(update.error());
    std::vector<RuleUpsert> out;
    for (const DetectionRuleRecord& r : rules) {
      auto before = stored_yaml(*find, r.id);
      if (!before) return Unexpected(before.error());
      if (*before && **before == r.yaml) {
        out.push_back(RuleUpsert::unchanged);
        continue;
      }
      Statement& s = *before ? *update : *insert;
      s.reset();
      s.bind(1, r.id);
      s.bind(2, r.title);
      s.bind(3, r.level);
      s.bind(4, r.status);
      s.bind(5, r.product);
      s.bind(6, r.category);
      s.bind(7, r.service);
      s.bind(8, r.kind);
      s.bind(9, r.yaml);
      s.bind(10, std::int64_t{r.enabled ? 1 : 0});
      s.bind(11, r.origin);
      s.bind(12, r.updated);
      s.bind(13, r.updated_by);
      if (auto done = s.run(); !done) return Unexpected(done.error());
      out.push_back(*before ? RuleUpsert::updated : RuleUpsert::added);
    }
    return out;
  });
}

Result<std::vector<DetectionRuleRecord>> SqliteStore::detection_rules(const DetectionRuleQuery& q) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  std::string where = "1";
  if (q.enabled) where += " AND enabled = ?1";
  if (!q.level.empty()) where += " AND level = ?2";
  if (!q.product.empty()) where += " AND product = ?3";
  if (!q.category.empty()) where += " AND category = ?4";
  if (!q.service.empty()) where += " AND service = ?5";
  if (!q.title_contains.empty()) where += " AND title LIKE ?6 ESCAPE '\\'";
  if (!q.after_id.empty()) where += " AND rule_id > ?7";
  auto s = r->db().prepare(fmt::format("SELECT {} FROM detection_rules WHERE {} ORDER BY rule_id LIMIT {}",
                                       kRuleColumns, where, std::clamp(q.limit, 1, 1'000'000)));
  if (!s) return Unexpected(s.error());
  const std::string pattern = like_pattern(q.title_contains);
  if (q.enabled) s->bind(1, std::int64_t{*q.enabled ? 1 : 0});
  if (!q.level.empty()) s->bind(2, q.level);
  if (!q.product.empty()) s->bind(3, q.product);
  if (!q.category.empty()) s->bind(4, q.category);
  if (!q.service.empty()) s->bind(5, q.service);
  if (!q.title_contains.empty()) s->bind(6, pattern);
  if (!q.after_id.empty()) s->bind(7, q.after_id);
  std::vector<DetectionRuleRecord> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    out.push_back(read_rule_row(*s));
  }
}

Result<std::optional<DetectionRuleRecord>> SqliteStore::detection_rule(std::string_view id) {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare(fmt::format("SELECT {} FROM detection_rules WHERE rule_id = ?", kRuleColumns));
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<DetectionRuleRecord>();
  return std::optional<DetectionRuleRecord>(read_rule_row(*s));
}

Result<DetectionRuleRecord> SqliteStore::set_detection_rule_enabled(std::string_view id, bool enabled,
                                                                    std::string_view actor, TimeNs time) {
  {
    std::lock_guard lock(write_mu_);
    auto s = writer_.prepare(
        "UPDATE detection_rules SET enabled = ?, updated_ns = ?, updated_by = ? WHERE rule_id = ?");
    if (!s) return Unexpected(s.error());
    s->bind(1, std::int64_t{enabled ? 1 : 0});
    s->bind(2, time);
    s->bind(3, actor.empty() ? std::string_view("unknown") : actor);
    s->bind(4, id);
    if (auto r = s->run(); !r) return Unexpected(r.error());
    if (writer_.changes() == 0) return fail(ErrorCode::not_found, fmt::format("there is no rule {}", id), "rule");
  }
  auto now = detection_rule(id);
  if (!now) return Unexpected(now.error());
  if (!*now) return fail(ErrorCode::not_found, fmt::format("there is no rule {}", id), "rule");
  return std::move(**now);
}

Result<void> SqliteStore::delete_detection_rule(std::string_view id) {
  std::lock_guard lock(write_mu_);
  auto s = writer_.prepare("DELETE FROM detection_rules WHERE rule_id = ?");
  if (!s) return Unexpected(s.error());
  s->bind(1, id);
  if (auto r = s->run(); !r) return r;
  if (writer_.changes() == 0) return fail(ErrorCode::not_found, fmt::format("there is no rule {}", id), "rule");
  return {};
}

Result<std::vector<EnabledRuleText>> SqliteStore::enabled_rule_texts() {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  auto s = r->db().prepare("SELECT rule_id, kind, yaml FROM detection_rules WHERE enabled = 1 ORDER BY rule_id");
  if (!s) return Unexpected(s.error());
  std::vector<EnabledRuleText> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    out.push_back({std::string(s->column_text(0)), std::string(s->column_text(1)),
                   std::string(s->column_text(2))});
  }
}

Result<std::string> SqliteStore::detection_rules_revision() {
  auto r = reader();
  if (!r) return Unexpected(r.error());
  // Every change sets updated_ns to its time (an upsert that changes nothing keeps the row as it
  // is); a delete lowers the count. The sums catch a delete and an add in the same nanosecond.
  auto s = r->db().prepare(
      "SELECT count(*), coalesce(max(updated_ns), 0), coalesce(sum(enabled), 0), "
      "coalesce(sum(length(yaml)), 0) FROM detection_rules");
  if (!s) return Unexpected(s.error());
  auto row = s->step();
  if (!row) return Unexpected(row.error());
  return fmt::format("{}:{}:{}:{}", s->column_int(0), s->column_int(1), s->column_int(2), s->column_int(3));
}

}  // namespace ward::store
