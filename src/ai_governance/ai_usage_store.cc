// AiStore's tables of AI use seen in logs (ai_store.h): the services seen (migration 0023) and
// the counts per source, who, service, day and status (migration 0030).
#include <map>

#include <fmt/format.h>

#include "ai_governance/ai_store.h"
#include "core/time.h"
#include "store/capability_db.h"

namespace ward::ai_governance {

Result<std::vector<AiStore::SeenService>> AiStore::seen_services() {
  auto s = db_.prepare("SELECT service, COALESCE(first_who, ''), first_seen_ns FROM ai_usage_services ORDER BY first_seen_ns, service");
  if (!s) return Unexpected(s.error());
  std::vector<SeenService> out;
  while (true) {
    auto row = s->step();
    if (!row) return Unexpected(row.error());
    if (!*row) return out;
    out.push_back({std::string(s->column_text(0)), std::string(s->column_text(1)), s->column_int(2)});
  }
}

Result<void> AiStore::record_usage(const std::string& source, const UsageRows& rows) {
  return store::in_transaction<void>(db_, [&]() -> Result<void> {
    auto clear = db_.prepare("DELETE FROM ai_usage_counts WHERE source = ?1");
    if (!clear) return Unexpected(clear.error());
    clear->bind(1, source);
    if (auto r = clear->run(); !r) return r;
    auto s = db_.prepare(
        "INSERT INTO ai_usage_counts (source, who, is_user, service, service_group, day, status, requests, first_ns, "
        "last_ns, hosts, recorded_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!s) return Unexpected(s.error());
    const std::int64_t now = now_ns();
    for (const auto& [key, row] : rows) {
      std::string hosts;
      for (const std::string& h : row.hosts) hosts += (hosts.empty() ? "" : " ") + h;
      s->reset();
      s->bind(1, source);
      s->bind(2, key.who);
      s->bind(3, std::int64_t{row.is_user});
      s->bind(4, key.service);
      s->bind(5, row.group);
      s->bind(6, key.day);
      s->bind(7, to_string(key.status));
      s->bind(8, static_cast<std::int64_t>(row.requests));
      s->bind(9, row.first);
      s->bind(10, row.last);
      s->bind(11, hosts);
      s->bind(12, now);
      if (auto r = s->run(); !r) return r;
    }
    return {};
  });
}

Result<UsageRows> AiStore::usage_between_as_now(const std::string& from_day, const std::string& to_day) {
  auto counted = usage_between(from_day, to_day);
  if (!counted) return Unexpected(counted.error());
  std::map<std::string, UsageStatus, std::less<>> statuses;  // by host
  UsageRows rows;
  for (const auto& [key, row] : *counted) {
    UsageKey now = key;
    if (!row.hosts.empty()) {
      const std::string& host = *row.hosts.begin();
      auto it = statuses.find(host);
      if (it == statuses.end()) {
        auto status = registry_status(host);
        if (!status) return Unexpected(status.error());
        it = statuses.emplace(host, usage_status(*status)).first;
      }
      now.status = it->second;
    }
    add_usage(rows, now, row);
  }
  return rows;
}

Result<UsageRows> AiStore::usage_between(const std::string& from_day, const std::string& to_day) {
  auto s = db_.prepare(
      "SELECT who, is_user, service, COALESCE(service_group, ''), day, status, requests, first_ns, last_ns, "
      "COALESCE(hosts, '') FROM ai_usage_counts WHERE day >= ?1 AND day <= ?2");
  if (!s) return Unexpected(s.error());
  s->bind(1, from_day);
  s->bind(2, to_day);
  UsageRows rows;
  while (true) {
    auto more = s->step();
    if (!more) return Unexpected(more.error());
    if (!*more) return rows;
    UsageKey key{std::string(s->column_text(0)), std::string(s->column_text(2)), std::string(s->column_text(4)),
                 usage_status_from(s->column_text(5))};
    UsageRow row;
    row.is_user = s->column_int(1) != 0;
    row.group = std::string(s->column_text(3));
    row.requests = static_cast<std::uint64_t>(s->column_int(6));
    row.first = s->column_int(7);
    row.last = s->column_int(8);
    std::string_view hosts = s->column_text(9);
    while (!hosts.empty()) {
      const std::size_t space = hosts.find(' ');
      row.hosts.emplace(hosts.substr(0, space));
      hosts = space == std::string_view::npos ? std::string_view() : hosts.substr(space + 1);
    }
    add_usage(rows, key, row);
  }
}

}  // namespace ward::ai_governance
