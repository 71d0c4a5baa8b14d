// Monitoring AI use (docs/ai_governance.md, "Monitoring AI use"): proxy, DNS and Zeek log events
// matched against the AI service catalogue (dlp/destination_catalogue.h) and counted per user
// (or client address), service, day and approval status. UsageCounter is a RecordSink, so the
// importer's parsers and format detection feed it (ingest/import/importer.h) without a store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "ai_governance/ai_store.h"
#include "core/time.h"
#include "dlp/destination_catalogue.h"
#include "ingest/import/importer.h"
#include "ingest/parse_context.h"

namespace ward::ai_governance {

// Whether the registry covers a host: approved = an AI system whose `domains` hold the host (or a
// parent) and whose status is approved; unapproved = such systems exist but none is approved
// (intake, in review, rejected); unknown = no system in the registry covers it (shadow AI).
enum class UsageStatus { approved, unapproved, unknown };
std::string_view to_string(UsageStatus s);
// From AiStore::registry_status's answer ("approved", "intake", …, "" for none).
UsageStatus usage_status(std::string_view registry_status);

// The host name in an event's object: a URL ("https://chat.openai.com/c/1"), a CONNECT target
// ("claude.ai:443"), or a bare DNS/SNI name; "" when there is none.
std::string_view host_of(std::string_view object);

struct UsageKey {
  std::string who;      // user id, else the client address
  std::string service;
  std::string day;      // YYYY-MM-DD (UTC)
  UsageStatus status = UsageStatus::unknown;
  auto operator<=>(const UsageKey&) const = default;
};

struct UsageRow {
  bool is_user = false;     // `who` is a user id rather than an address
  std::string group;        // the catalogue's group: ai, ai-cn, ai-ru, mixed
  std::uint64_t requests = 0;
  TimeNs first = 0, last = 0;
  std::set<std::string> hosts;  // up to kMaxHostsPerRow distinct host names
};
inline constexpr std::size_t kMaxHostsPerRow = 5;

struct UsageOptions {
  TimeNs since = 0;  // events before are not counted (0: all)
  // The registry's verdict on a host (AiStore lookups in the CLI); called once per distinct host.
  std::function<UsageStatus(std::string_view host)> status_of;
};

class UsageCounter : public ingest::RecordSink {
 public:
  UsageCounter(const dlp::DestinationCatalogue& catalogue, UsageOptions options);
  Result<void> accept(ingest::ParsedRecords& records) override;

  const std::map<UsageKey, UsageRow>& rows() const { return rows_; }
  std::uint64_t events() const { return events_; }          // events read
  std::uint64_t matched() const { return matched_; }        // of which to an AI service
  std::uint64_t before_since() const { return before_since_; }

 private:
  UsageStatus status(std::string_view host);
  const dlp::DestinationCatalogue& catalogue_;
  UsageOptions options_;
  std::map<UsageKey, UsageRow> rows_;
  std::unordered_map<std::string, UsageStatus> status_cache_;
  std::uint64_t events_ = 0, matched_ = 0, before_since_ = 0;
};

// Reads log files (squid access.log, BIND/dnsmasq query logs, Zeek dns/http/ssl/…: the format
// from the content, folders expanded) into `counter` with the importer's parsers, `threads` per
// large file (0: one per core). One report per file, with its malformed lines (first_rejections:
// file and line) and counts; a file that cannot be read is reported and the others go on.
Result<std::vector<ingest::FileReport>> count_usage(const std::vector<std::filesystem::path>& paths,
                                                   UsageCounter& counter, unsigned threads = 0);

// Each service in the counts with the first time it was seen and by whom (for
// AiStore::record_seen_services).
std::vector<AiStore::SeenService> seen_services(const UsageCounter& counter);

}  // namespace ward::ai_governance
