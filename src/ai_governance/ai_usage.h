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
#include "ai_governance/ai_usage_rows.h"
#include "core/time.h"
#include "dlp/destination_catalogue.h"
#include "ingest/import/importer.h"
#include "ingest/parse_context.h"

namespace ward::ai_governance {

// The host name in an event's object: a URL ("https://chat.openai.com/c/1"), a CONNECT target
// ("claude.ai:443"), or a bare DNS/SNI name; "" when there is none.
std::string_view host_of(std::string_view object);

// The AI service catalogue: `file` when given (ward.yaml ai.service_catalogue, --catalogue;
// errors name it and the line), else data/dlp/ai_service_domains.tsv as built in.
Result<dlp::DestinationCatalogue> ai_service_catalogue(const std::filesystem::path& file);

struct UsageOptions {
  TimeNs since = 0;  // events before are not counted (0: all)
  // The registry's verdict on a host (AiStore lookups in the CLI); called once per distinct host.
  std::function<UsageStatus(std::string_view host)> status_of;
};

class UsageCounter : public ingest::RecordSink {
 public:
  UsageCounter(const dlp::DestinationCatalogue& catalogue, UsageOptions options);
  Result<void> accept(ingest::ParsedRecords& records) override;

  const UsageRows& rows() const { return rows_; }
  std::uint64_t events() const { return events_; }          // events read
  std::uint64_t matched() const { return matched_; }        // of which to an AI service
  std::uint64_t before_since() const { return before_since_; }

 private:
  UsageStatus status(std::string_view host);
  const dlp::DestinationCatalogue& catalogue_;
  UsageOptions options_;
  UsageRows rows_;
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
std::vector<AiStore::SeenService> seen_services(const UsageRows& rows);

}  // namespace ward::ai_governance
