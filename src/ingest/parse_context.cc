#include "ingest/parse_context.h"

namespace ward::ingest {

std::size_t ParsedRecords::pending() const {
  return events.size() + patients.size() + workforce.size() + encounters.size() +
         rejections.size();
}

void ParsedRecords::clear() {
  events.clear();
  patients.clear();
  workforce.clear();
  encounters.clear();
  rejections.clear();
}

std::uint64_t ImportSummary::accepted() const {
  std::uint64_t n = 0;
  for (const auto& [_, c] : by_type) n += c.accepted;
  return n;
}
std::uint64_t ImportSummary::rejected() const {
  std::uint64_t n = 0;
  for (const auto& [_, c] : by_type) n += c.rejected;
  return n;
}
std::uint64_t ImportSummary::skipped() const {
  std::uint64_t n = 0;
  for (const auto& [_, c] : by_type) n += c.skipped;
  return n;
}

void ImportSummary::merge(const ImportSummary& other) {
  bytes += other.bytes;
  for (const auto& [type, c] : other.by_type) {
    TypeCounts& mine = by_type[type];
    mine.accepted += c.accepted;
    mine.rejected += c.rejected;
    mine.skipped += c.skipped;
  }
}

ParseContext::ParseContext(std::string source, RecordSink& sink, ParseOptions options)
    : source_(std::move(source)), sink_(sink), options_(options) {}

void ParseContext::accepted(std::string_view type, std::uint64_t n) {
  summary_.by_type[std::string(type)].accepted += n;
}

void ParseContext::skipped(std::string_view type, std::uint64_t n) {
  summary_.by_type[std::string(type)].skipped += n;
}

void ParseContext::reject(std::string_view type, Error error, std::uint64_t line,
                          std::uint64_t offset, std::string_view raw) {
  error.source = source_;
  if (line != 0) error.line = line;
  if (offset != 0) error.offset = offset;
  summary_.by_type[std::string(type)].rejected++;
  out_.rejections.push_back(
      {std::move(error), std::string(type), std::string(raw.substr(0, kMaxQuarantinedBytes))});
}

Result<void> ParseContext::maybe_flush() {
  if (out_.pending() >= options_.batch_size || out_.events.memory_bytes() >= options_.max_batch_bytes)
    return flush();
  return {};
}

Result<void> ParseContext::flush() {
  if (out_.pending() == 0) return {};
  auto r = sink_.accept(out_);
  out_.clear();
  return r;
}

}  // namespace ward::ingest
