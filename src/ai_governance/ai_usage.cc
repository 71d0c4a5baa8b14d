// Counting AI service use in log events (ai_usage.h).
#include "ai_governance/ai_usage.h"

#include <algorithm>

#include "core/time.h"

namespace ward::ai_governance {

std::string_view to_string(UsageStatus s) {
  switch (s) {
    case UsageStatus::approved: return "approved";
    case UsageStatus::unapproved: return "unapproved";
    case UsageStatus::unknown: break;
  }
  return "unknown";
}

std::string_view host_of(std::string_view object) {
  if (const std::size_t scheme = object.find("://"); scheme != std::string_view::npos) object.remove_prefix(scheme + 3);
  object = object.substr(0, object.find_first_of("/?#"));
  if (const std::size_t at = object.rfind('@'); at != std::string_view::npos) object.remove_prefix(at + 1);
  if (object.starts_with('[')) return {};  // an IPv6 literal is no host name
  return object.substr(0, object.find(':'));
}

UsageStatus usage_status(std::string_view registry_status) {
  if (registry_status.empty()) return UsageStatus::unknown;
  return registry_status == "approved" ? UsageStatus::approved : UsageStatus::unapproved;
}

UsageCounter::UsageCounter(const dlp::DestinationCatalogue& catalogue, UsageOptions options)
    : catalogue_(catalogue), options_(std::move(options)) {}

Result<dlp::DestinationCatalogue> ai_service_catalogue(const std::filesystem::path& file) {
  if (file.empty()) return dlp::DestinationCatalogue::ai_services();
  return dlp::DestinationCatalogue::from_file(file);
}

UsageStatus usage_status_from(std::string_view text) {
  if (text == "approved") return UsageStatus::approved;
  return text == "unapproved" ? UsageStatus::unapproved : UsageStatus::unknown;
}

void add_usage(UsageRows& rows, const UsageKey& key, const UsageRow& row) {
  UsageRow& into = rows[key];
  if (into.requests == 0) {
    into.is_user = row.is_user;
    into.group = row.group;
    into.first = row.first;
    into.last = row.last;
  }
  into.requests += row.requests;
  into.first = std::min(into.first, row.first);
  into.last = std::max(into.last, row.last);
  for (const std::string& h : row.hosts) {
    if (into.hosts.size() >= kMaxHostsPerRow) break;
    into.hosts.insert(h);
  }
}

UsageStatus UsageCounter::status(std::string_view host) {
  if (!options_.status_of) return UsageStatus::unknown;
  auto it = status_cache_.find(std::string(host));
  if (it == status_cache_.end()) it = status_cache_.emplace(std::string(host), options_.status_of(host)).first;
  return it->second;
}

Result<void> UsageCounter::accept(ingest::ParsedRecords& records) {
  for (const Event& e : records.events.events()) {
    ++events_;
    const std::string_view host = host_of(e.object);
    if (host.empty()) continue;
    const dlp::ServiceMatch* m = catalogue_.match(host);
    if (!m) continue;
    if (e.time < options_.since) {
      ++before_since_;
      continue;
    }
    ++matched_;
    const bool is_user = !e.actor.user_id.empty();
    UsageKey key{std::string(is_user ? e.actor.user_id : e.actor.ip), m->service,
                 format_day(e.time >= 0 ? e.time / kNsPerDay : (e.time + 1) / kNsPerDay - 1), status(host)};
    UsageRow& row = rows_[std::move(key)];
    if (row.requests == 0) {
      row.is_user = is_user;
      row.group = m->group;
      row.first = row.last = e.time;
    }
    ++row.requests;
    row.first = std::min(row.first, e.time);
    row.last = std::max(row.last, e.time);
    if (row.hosts.size() < kMaxHostsPerRow) row.hosts.emplace(host);
  }
  return {};
}

Result<std::vector<ingest::FileReport>> count_usage(const std::vector<std::filesystem::path>& paths,
                                                   UsageCounter& counter, unsigned threads) {
  ingest::ImportOptions options;
  options.keep_log_fields = false;  // the event core (object, actor) is all the counter reads
  options.parse.threads = threads;
  options.parse.content_ids = false;  // nothing is stored
  return ingest::import_paths(paths, counter, options);
}

std::vector<AiStore::SeenService> seen_services(const UsageRows& rows) {
  std::map<std::string, AiStore::SeenService> first;
  for (const auto& [key, row] : rows) {
    auto [it, added] = first.try_emplace(key.service, AiStore::SeenService{key.service, key.who, row.first});
    if (!added && row.first < it->second.first_ns) it->second = {key.service, key.who, row.first};
  }
  std::vector<AiStore::SeenService> out;
  for (auto& [service, seen] : first) out.push_back(std::move(seen));
  return out;
}

}  // namespace ward::ai_governance
