// How parsers hand over what they read. A parser fills ParseContext::out() record by record,
// reports bad records with reject(), and calls maybe_flush() between records; full batches go
// to the RecordSink (the store during import, a vector in tests). The context counts accepted,
// rejected and skipped records per type for the import summary, and the duplicate events the
// sink reports. One context per input; not thread-safe (in_parts gives each thread its own).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/directory.h"
#include "core/error.h"
#include "core/event.h"

namespace date { class time_zone; }

namespace ward::ingest {

// A record Ward could not take, kept in quarantine with the reason and the record itself.
struct Rejection {
  Error error;          // source, line, offset and field are filled
  std::string record_type;  // "AuditEvent", "ADT^A01", "access-log row", …
  std::string raw;      // the record's bytes (at most kMaxQuarantinedBytes)
};
inline constexpr std::size_t kMaxQuarantinedBytes = 64 * 1024;

struct ParsedRecords {
  EventBatch events;
  std::vector<PatientRecord> patients;
  std::vector<WorkforceMember> workforce;
  std::vector<EncounterRecord> encounters;
  std::vector<Rejection> rejections;
  // Set by the sink in accept(): how many of `events` it already held and did not store again
  // (the store's duplicates: same event_id and time). Not a record; pending() leaves it out.
  std::uint64_t duplicate_events = 0;

  std::size_t pending() const;
  void clear();
  void swap(ParsedRecords& other) noexcept;
};

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // Takes everything in `records`; for a store, durably (committed) before it returns, and sets
  // records.duplicate_events. The caller clears `records` afterwards.
  virtual Result<void> accept(ParsedRecords& records) = 0;
  // Takes several batches, each as accept() would, before it returns. A store commits them in
  // one transaction (one fsync: group commit), so on error none of them is kept. This default,
  // for sinks without transactions, takes them one at a time and stops at the first error.
  virtual Result<void> accept_all(std::span<ParsedRecords* const> batches);
};

// Writes batches on its own thread while the parser fills the next one: parsing and storing
// overlap, one batch in flight. accept() returns once the batch is handed over (the error of an
// earlier batch, if any); finish() waits until everything handed over is written and returns the
// first error. So unlike other sinks, data is durable only after finish(): bulk import only.
// For the same reason accept() reports no duplicates: finish() returns them all.
class PipelinedSink : public RecordSink {
 public:
  explicit PipelinedSink(RecordSink& inner);
  ~PipelinedSink() override;  // finishes
  PipelinedSink(const PipelinedSink&) = delete;
  PipelinedSink& operator=(const PipelinedSink&) = delete;

  Result<void> accept(ParsedRecords& records) override;
  // The duplicate events the inner sink reported for the batches written since the last
  // finish(), or the first error.
  Result<std::uint64_t> finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Per-type counts for the summary printed at the end of an import.
struct TypeCounts {
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  std::uint64_t skipped = 0;  // well-formed records of kinds Ward does not use (e.g. Observation)
  // Accepted events the store already held (same event_id and time): counted in `accepted`, not
  // stored again.
  std::uint64_t duplicates = 0;
};

// Records accepted with a remark the user should see (a JSON line kept without a usable time):
// at most this many are kept with their source, line and field; the rest are only counted.
inline constexpr std::size_t kMaxKeptNotes = 10;

struct ImportSummary {
  std::map<std::string, TypeCounts> by_type;
  std::uint64_t bytes = 0;
  std::vector<Error> first_notes;  // the first kMaxKeptNotes notes (ParseContext::note)
  std::uint64_t notes = 0;         // all of them
  std::uint64_t accepted() const;
  std::uint64_t rejected() const;
  std::uint64_t skipped() const;
  std::uint64_t duplicates() const;
  void merge(const ImportSummary& other);
};

struct ParseOptions {
  std::size_t max_record_bytes = 16 * 1024 * 1024;  // longer lines/messages are rejected
  std::size_t batch_size = 32768;                    // records per flush (one transaction)
  std::size_t max_batch_bytes = 64 * 1024 * 1024;    // or sooner, once the batch holds this much
  const date::time_zone* local_zone = nullptr;       // for times without offset; null = UTC
  // Fill each Event's flat field view while parsing. For JSON it costs about as much as the
  // parse itself, and the store keeps only the core, so `ward import` leaves it off.
  bool keep_fields = false;
  // Keep each record's original bytes in Event::raw (for showing an alert's event). For JSON
  // records this also gives the flat field view without keep_fields: ingest::FieldView reads
  // it from the raw record when asked, so only the events an engine looks at pay for it.
  // Parsers that keep raw today: FHIR AuditEvent. Where the record is in the input as written
  // (an NDJSON line), raw views the input instead of copying it: it is then valid as long as
  // the input the parser was given, which outlives every RecordSink::accept of the parse (the
  // import pipeline finishes before import_buffer returns); copy it to keep it longer.
  bool keep_raw = false;
  // Give events whose source has no id one made from their content (content_id.h; squid and
  // DNS query logs): the store needs it to keep a re-imported line once. Readers that only
  // count and store nothing (`ward ai usage`) turn it off: hashing every line costs.
  bool content_ids = true;
  // Threads a parser may read one large input with (ParseContext::in_parts); 0 = one per
  // hardware thread. `ward import` leaves a core to the store's writer.
  unsigned threads = 0;
  // Called with input bytes the parser will not read again (ParseContext::done_reading); the
  // importer releases a mapped file's pages with it (InputBytes::release). May be empty.
  std::function<void(std::string_view)> release_input;
};

class ParseContext {
 public:
  ParseContext(std::string source, RecordSink& sink, ParseOptions options = {});

  const std::string& source() const { return source_; }
  // source() kept in the batch being filled, for Event::source: copied once per batch, the
  // events after the first sharing it. Only for parsers whose events all take source().
  std::string_view source_in_batch() {
    EventBatch& batch = out_.events;
    return batch.empty() ? batch.keep(source_) : batch.events().back().source;
  }
  const ParseOptions& options() const { return options_; }
  ParsedRecords& out() { return out_; }
  ImportSummary& summary() { return summary_; }

  // Count an accepted / skipped record of `type` (events, patients, … added to out()).
  void accepted(std::string_view type, std::uint64_t n = 1);
  void skipped(std::string_view type, std::uint64_t n = 1);
  // The record type that becomes events in this input ("AuditEvent", "access-log row"): the
  // duplicate events the sink reports are counted under it. "event" until a parser sets it.
  void set_event_type(std::string_view type) { event_type_ = type; }
  // Counts `n` events the sink already held, under the event type. flush() does so itself;
  // call it for what a sink reports later (PipelinedSink::finish).
  void count_duplicate_events(std::uint64_t n);
  // A record accepted (and counted as such by the parser) that the user should hear about:
  // `error` says what and which field; line/offset say where. Not quarantined.
  void note(Error error, std::uint64_t line, std::uint64_t offset);
  // Quarantine a bad record. `error` says what and which field; line/offset say where.
  void reject(std::string_view type, Error error, std::uint64_t line, std::uint64_t offset,
              std::string_view raw);

  // The parser is done reading `bytes` of its input: their memory may go (options().release_input).
  // Events may still view them (Event::raw): the pages are read again from the file if touched.
  void done_reading(std::string_view bytes) const {
    if (options_.release_input) options_.release_input(bytes);
  }

  // Hands a batch to the sink once enough is pending; flush() hands whatever is pending.
  Result<void> maybe_flush();
  Result<void> flush();

  // Reads an input in `parts` pieces at once: read_part(part_ctx, i) runs for each i on its own
  // thread (i = 0 on the caller's), with its own context whose batches reach this context's sink
  // one at a time. Their counts are added to this context's summary; the first error is
  // returned. Batches arrive in no fixed order, so only for inputs whose records are
  // independent (the store orders events by time itself). threads() says how many to use.
  using PartReader = std::function<Result<void>(ParseContext& part_ctx, std::size_t part)>;
  Result<void> in_parts(std::size_t parts, const PartReader& read_part);
  // options().threads, or the hardware threads when that is 0; at least 1.
  std::size_t threads() const;

 private:
  std::string source_;
  RecordSink& sink_;
  ParseOptions options_;
  ParsedRecords out_;
  ImportSummary summary_;
  std::string event_type_ = "event";
};

}  // namespace ward::ingest
