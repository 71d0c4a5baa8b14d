#include "ingest/parse_context.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include <fmt/format.h>

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
  duplicate_events = 0;
}

void ParsedRecords::swap(ParsedRecords& other) noexcept {
  events.swap(other.events);
  patients.swap(other.patients);
  workforce.swap(other.workforce);
  encounters.swap(other.encounters);
  rejections.swap(other.rejections);
  std::swap(duplicate_events, other.duplicate_events);
}

struct PipelinedSink::State {
  explicit State(RecordSink& inner_sink) : inner(inner_sink) {}
  RecordSink& inner;
  std::mutex mu;
  std::condition_variable cv;
  ParsedRecords pending;     // handed over, being written (guarded by mu while handing over)
  bool has_work = false;     // pending holds a batch not yet written
  bool stopping = false;
  std::optional<Error> first_error;
  std::uint64_t duplicate_events = 0;  // reported by `inner` since the last finish()
  std::jthread writer;       // last: starts after the members it uses, stops before they go

  void write_loop() {
    std::unique_lock lock(mu);
    while (true) {
      cv.wait(lock, [&] { return has_work || stopping; });
      if (!has_work) return;
      lock.unlock();
      // A failed batch still clears: later batches are not written after an error.
      Result<void> r = first_error ? Result<void>{} : inner.accept(pending);
      const std::uint64_t duplicates = pending.duplicate_events;
      pending.clear();
      lock.lock();
      if (!r && !first_error) first_error = r.error();
      if (r) duplicate_events += duplicates;
      has_work = false;
      cv.notify_all();
    }
  }
};

PipelinedSink::PipelinedSink(RecordSink& inner) : state_(std::make_unique<State>(inner)) {
  state_->writer = std::jthread([s = state_.get()] { s->write_loop(); });
}

PipelinedSink::~PipelinedSink() {
  (void)finish();
  {
    std::lock_guard lock(state_->mu);
    state_->stopping = true;
  }
  state_->cv.notify_all();
}

Result<void> PipelinedSink::accept(ParsedRecords& records) {
  std::unique_lock lock(state_->mu);
  state_->cv.wait(lock, [&] { return !state_->has_work; });
  if (state_->first_error) return Unexpected(*state_->first_error);
  state_->pending.swap(records);  // records now holds the written (cleared) batch
  state_->has_work = true;
  state_->cv.notify_all();
  return {};
}

Result<std::uint64_t> PipelinedSink::finish() {
  std::unique_lock lock(state_->mu);
  state_->cv.wait(lock, [&] { return !state_->has_work; });
  if (state_->first_error) return Unexpected(*state_->first_error);
  return std::exchange(state_->duplicate_events, 0);
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

std::uint64_t ImportSummary::duplicates() const {
  std::uint64_t n = 0;
  for (const auto& [_, c] : by_type) n += c.duplicates;
  return n;
}

void ImportSummary::merge(const ImportSummary& other) {
  bytes += other.bytes;
  for (const auto& [type, c] : other.by_type) {
    TypeCounts& mine = by_type[type];
    mine.accepted += c.accepted;
    mine.rejected += c.rejected;
    mine.skipped += c.skipped;
    mine.duplicates += c.duplicates;
  }
  for (const Error& e : other.first_notes)
    if (first_notes.size() < kMaxKeptNotes) first_notes.push_back(e);
  notes += other.notes;
}

ParseContext::ParseContext(std::string source, RecordSink& sink, ParseOptions options)
    : source_(std::move(source)), sink_(sink), options_(options) {}

void ParseContext::accepted(std::string_view type, std::uint64_t n) {
  summary_.by_type[std::string(type)].accepted += n;
}

void ParseContext::skipped(std::string_view type, std::uint64_t n) {
  summary_.by_type[std::string(type)].skipped += n;
}

void ParseContext::count_duplicate_events(std::uint64_t n) {
  if (n != 0) summary_.by_type[event_type_].duplicates += n;
}

void ParseContext::note(Error error, std::uint64_t line, std::uint64_t offset) {
  error.source = source_;
  if (line != 0) error.line = line;
  if (offset != 0) error.offset = offset;
  ++summary_.notes;
  if (summary_.first_notes.size() < kMaxKeptNotes) summary_.first_notes.push_back(std::move(error));
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

Result<void> RecordSink::accept_all(std::span<ParsedRecords* const> batches) {
  for (ParsedRecords* records : batches)
    if (auto r = accept(*records); !r) return r;
  return {};
}

Result<void> ParseContext::maybe_flush() {
  if (out_.pending() >= options_.batch_size || out_.events.memory_bytes() >= options_.max_batch_bytes)
    return flush();
  return {};
}

Result<void> ParseContext::flush() {
  if (out_.pending() == 0) return {};
  auto r = sink_.accept(out_);
  if (r) count_duplicate_events(out_.duplicate_events);
  out_.clear();
  return r;
}

namespace {

// Lets several contexts share one sink: one batch at a time.
class LockedSink : public RecordSink {
 public:
  explicit LockedSink(RecordSink& inner) : inner_(inner) {}
  Result<void> accept(ParsedRecords& records) override {
    std::lock_guard lock(mu_);
    return inner_.accept(records);
  }

 private:
  RecordSink& inner_;
  std::mutex mu_;
};

}  // namespace

std::size_t ParseContext::threads() const {
  if (options_.threads != 0) return options_.threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

Result<void> ParseContext::in_parts(std::size_t parts, const PartReader& read_part) {
  if (auto r = flush(); !r) return r;  // what this context holds goes first
  LockedSink locked(sink_);
  std::vector<std::unique_ptr<ParseContext>> contexts;
  for (std::size_t i = 0; i < parts; ++i) {
    contexts.push_back(std::make_unique<ParseContext>(source_, locked, options_));
    contexts.back()->set_event_type(event_type_);
  }
  std::vector<Result<void>> results(parts);
  auto run = [&](std::size_t i) {
    try {
      results[i] = read_part(*contexts[i], i);
      if (results[i]) results[i] = contexts[i]->flush();
    } catch (const std::exception& e) {  // allocation failure: report it, do not lose it
      results[i] = fail(ErrorCode::internal, fmt::format("reading part {} stopped: {}", i + 1, e.what()));
    }
  };
  {
    std::vector<std::jthread> helpers;
    for (std::size_t i = 1; i < parts; ++i) helpers.emplace_back(run, i);
    run(0);
  }  // joined
  for (const auto& c : contexts) summary_.merge(c->summary());
  for (auto& r : results)
    if (!r) return r;
  return {};
}

}  // namespace ward::ingest
