// The Store: where accepted events, the directory, the quarantine and API tokens live. One
// interface, implemented by SqliteStore (embedded default; PostgreSQL later). It is the import's
// RecordSink: accept() commits a parsed batch in one transaction before returning, so whatever
// Ward acknowledges is durable. An event is stored once: one with the event_id and time of an
// event already stored is a duplicate, skipped and counted (events without an id are always
// stored). Thread-safe: writers are serialised, readers run concurrently.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/directory.h"
#include "core/event.h"
#include "ingest/parse_context.h"
#include "store/account_rows.h"
#include "store/alert_rows.h"
#include "store/case_review_rows.h"
#include "store/detection_rule_rows.h"
#include "store/overview_rows.h"
#include "store/privacy_rows.h"

namespace ward::store {

struct EventQuery {
  std::string user;     // workforce id or employee id; "" = anyone
  std::string patient;  // FHIR patient id or MRN; "" = anyone
  TimeNs from = std::numeric_limits<TimeNs>::min();  // inclusive
  TimeNs to = std::numeric_limits<TimeNs>::max();    // exclusive
  int limit = 100;
  std::string cursor;   // next_cursor of the previous page; "" = newest first
};

// An event as stored, with its strings decoded.
struct EventRow {
  std::int64_t seq = 0;
  TimeNs time = 0;
  EventKind kind = EventKind::unknown;
  Action action = Action::unknown;
  Outcome outcome = Outcome::unknown;
  EventFormat format = EventFormat::unknown;  // unknown for events stored before migration 0013
  std::string user_id, user_name, role, department, host, ip;
  std::string patient_id, patient_mrn, object, purpose, source, event_id;
  // The store's ids of the user id, patient id and MRN strings, when the row was read by an
  // AccessScan that has a dictionary (AccessScan::dictionary()); 0 otherwise.
  std::int64_t user_key = 0, patient_key = 0, mrn_key = 0;
  // What the last privacy run said of this access (ehr_access events only).
  enum class Explained { not_run, yes, no } explained = Explained::not_run;
  std::string explanation_code, explanation_evidence;
};

// The ehr_access events after a seq, up to the newest event committed when the scan was made,
// in parts by seq that several threads may read at once: the parts in order are the whole, in
// seq order (Store::scan_accesses).
class AccessScan {
 public:
  virtual ~AccessScan() = default;
  // Every event up to this seq was committed before the scan was made, so it is in a part.
  virtual std::int64_t newest_seq() const = 0;
  virtual std::size_t parts() const = 0;
  // Calls f for each access of part `part` (0 … parts() - 1) in seq order, stopping at f's first
  // error; f may take the row's strings. Thread-safe: parts may be read at once.
  virtual Result<void> read_part(std::size_t part, const std::function<Result<void>(EventRow&)>& f) const = 0;
  // The strings the rows' keys name (EventRow::user_key …: dictionary()[key]), so a reader may
  // look each one up once rather than once per row; empty when the rows carry no keys.
  virtual std::span<const std::string> dictionary() const { return {}; }
};

// Starts an event in `batch` with what `row` holds (the strings kept in the batch): a stored
// event replayed as if it arrived again, as the privacy bench's live phase and tests do.
inline Event& add_event_from_row(const EventRow& row, EventBatch& batch) {
  Event& e = batch.start_event();
  e.id = batch.keep(row.event_id);
  e.time = row.time;
  e.kind = row.kind;
  e.action = row.action;
  e.outcome = row.outcome;
  e.format = row.format;
  e.actor = {batch.keep(row.user_id), batch.keep(row.user_name), batch.keep(row.role),
             batch.keep(row.department), batch.keep(row.host), batch.keep(row.ip)};
  e.patient = {batch.keep(row.patient_id), batch.keep(row.patient_mrn)};
  e.object = batch.keep(row.object);
  e.purpose = batch.keep(row.purpose);
  e.source = batch.keep(row.source);
  return e;
}

// An event for live detection (src/live_detection): the stored row and the source's own fields
// (syslog's app_name and message, …) as its parser gave them. The store keeps those fields only
// for events whose parser added them (ParseOptions::keep_fields, which `ward serve` sets while
// detection runs), and only until detection has read them (save_detection_progress).
struct SourcedEventRow {
  EventRow row;
  std::vector<std::pair<std::string, std::string>> fields;  // name, value; in the record's order
  // Why the kept fields could not be read ("" when they could): the row then comes without
  // them, so one damaged record does not stop the events after it from being looked at.
  std::string fields_error;
};

struct EventPage {
  std::vector<EventRow> rows;  // newest first
  std::string next_cursor;     // "" when there is no further page
};

struct QuarantineRow {
  std::int64_t id = 0;
  TimeNs received = 0;
  std::string source, field, code, reason, record_type;
  std::uint64_t line = 0, offset = 0;
};

struct StoreCounts {
  std::uint64_t events = 0, patients = 0, workforce = 0, encounters = 0, quarantined = 0;
};

// One authenticated API request, for Ward's own audit trail. Read back, the trail also holds
// CLI commands (record_cli_command): token_id 0, method "CLI", status the exit status, actor set.
// Every field is in the entry's hash (audit_chain.h); docs/audit.md says what each holds.
struct ApiAuditEntry {
  TimeNs time = 0;
  std::int64_t token_id = 0;
  std::string method, route, subject;
  int status = 0;
  std::string actor;  // "cli:alice" for CLI commands; "" for API requests (the token says who)
  // FHIR AuditEvent.action: C, R, U, D or E; "" when not said (entries before migration 0017:
  // the method says it, self_audit/audit_event_fhir.h).
  std::string action;
  std::string client_address;  // the peer's IP address; "" for CLI commands and older entries
};

// An entry as stored, with its place in the hash chain (docs/audit.md#the-chain).
struct AuditRecord {
  std::int64_t seq = 0;  // 1, 2, … in the order written; 0 for a row that has none
  ApiAuditEntry entry;
  std::string prev_hash, hash;  // lowercase hex SHA-256; "" when the row has none
};

// Who an entry says did it: its actor, else "token:<token_id>".
inline std::string audit_actor(const ApiAuditEntry& e) {
  return e.actor.empty() ? "token:" + std::to_string(e.token_id) : e.actor;
}

struct AuditQuery {
  TimeNs from = std::numeric_limits<TimeNs>::min();  // inclusive
  TimeNs to = std::numeric_limits<TimeNs>::max();    // exclusive
  std::string actor;    // as audit_actor() says it ("token:3", "cli:alice"); "" = anyone
  std::string subject;  // exactly; "" = any
  int limit = 100;
  std::string cursor;   // next_cursor of the previous page; "" = newest first
};

struct AuditPage {
  std::vector<AuditRecord> records;  // newest first
  std::string next_cursor;           // "" when there is no further page
};

struct TokenRecord {
  std::int64_t id = 0;
  std::string role, label;
  TimeNs created = 0;
  bool revoked = false;
};

// A first import of millions of events into an empty store: the event lookup indexes (by user,
// patient, MRN) are set aside while the rows go in and built once at the end, from sorted keys,
// instead of being updated row by row. finish() builds them; the destructor does too when
// finish() was not called (an import that stopped half way), and a store opened after a crash
// rebuilds any that are missing. Queries work all along, more slowly. The index that is the
// events' identity stays, so copies of an event are turned away and counted as they come.
class BulkLoad {
 public:
  virtual ~BulkLoad() = default;
  // Builds the indexes; does nothing when called again.
  virtual Result<void> finish() = 0;
  // finish() on a thread of its own, beside work that needs none of the event lookup indexes:
  // a privacy run reads the accesses by seq, and its save waits for the store's writer. The
  // result must be taken (get()) before this BulkLoad goes.
  std::future<Result<void>> finish_beside() {
    return std::async(std::launch::async, [this] { return finish(); });
  }
};

// What one committed batch wrote, for whoever watches the store (the live privacy monitor).
struct CommitNotice {
  std::uint64_t events = 0;             // events written
  std::vector<std::string> workforce;   // ids of the workforce members written
  std::vector<std::string> patients;    // ids of the patients written, and of patients whose
                                        // encounters were written (as the encounters name them)
  TimeNs committed = 0;                 // when the commit returned
};
using CommitListener = std::function<void(const CommitNotice&)>;

// A listener added with Store::add_commit_listener, heard until this is destroyed (or reset).
// Move-only; the store must outlive it.
class CommitSubscription {
 public:
  CommitSubscription() = default;
  explicit CommitSubscription(std::function<void()> remove) : remove_(std::move(remove)) {}
  CommitSubscription(CommitSubscription&& other) noexcept : remove_(std::exchange(other.remove_, {})) {}
  CommitSubscription& operator=(CommitSubscription&& other) noexcept {
    if (this != &other) {
      reset();
      remove_ = std::exchange(other.remove_, {});
    }
    return *this;
  }
  CommitSubscription(const CommitSubscription&) = delete;
  CommitSubscription& operator=(const CommitSubscription&) = delete;
  ~CommitSubscription() { reset(); }
  // Stops listening; when it returns, the listener is not running and will not be called again.
  void reset() {
    if (remove_) std::exchange(remove_, {})();
  }

 private:
  std::function<void()> remove_;
};

// Events a commit stored, handed over whole to a reader beside the writer (a privacy run beside
// `ward import`), so that it need not read them back from the store: the batch as parsed (every
// string of its events but Event::raw is in the batch), which events got which seq, and the
// store's string ids of their people (EventRow::user_key …).
struct HandedEvents {
  struct Keys {
    std::int64_t user = 0, patient = 0, mrn = 0;  // 0: none
  };
  std::int64_t after_seq = 0;  // the events are exactly those with seqs after_seq + 1 … newest_seq()
  EventBatch events;
  std::vector<std::uint32_t> by_seq;  // events.events()[by_seq[i]] has seq after_seq + 1 + i
  std::vector<Keys> keys;             // by index into events.events()
  std::int64_t newest_seq() const { return after_seq + static_cast<std::int64_t>(by_seq.size()); }
  void clear() {
    after_seq = 0;
    events.clear();
    by_seq.clear();
    keys.clear();
  }
};

// Takes what a store hands over (Store::hand_events_to). Both calls come from the store's
// writer, right after a commit, and must be quick.
class EventReceiver {
 public:
  virtual ~EventReceiver() = default;
  // Somewhere to move a committed batch: an empty HandedEvents (its batch's memory goes back to
  // the parser, which fills it next), or nullptr when the receiver holds enough for now: then
  // those events are not handed over, and it reads them from the store.
  virtual std::unique_ptr<HandedEvents> spare() = 0;
  // The events of one batch, in commit order.
  virtual void receive(std::unique_ptr<HandedEvents> events) = 0;
};

class Store : public ingest::RecordSink {
 public:
  // Commits events, directory upserts (non-empty fields win) and rejections in one transaction;
  // sets records.duplicate_events to the batch's events it already held (and did not store again).
  Result<void> accept(ingest::ParsedRecords& records) override = 0;
  // Several batches in one transaction (group commit: one fsync, one commit notice for all);
  // on error none of them is kept.
  Result<void> accept_all(std::span<ingest::ParsedRecords* const> batches) override = 0;

  // Events matching the query, newest first; user and patient match every alias the directory
  // knows (FHIR id, employee id, MRN). A malformed cursor is ErrorCode::invalid_input.
  virtual Result<EventPage> find_events(const EventQuery& query) = 0;
  // Starts a bulk load when the store holds no events yet; nullptr (nothing to do) otherwise.
  virtual Result<std::unique_ptr<BulkLoad>> begin_bulk_load() = 0;
  virtual Result<std::optional<PatientRecord>> find_patient(std::string_view id_or_mrn) = 0;
  virtual Result<std::optional<WorkforceMember>> find_workforce(std::string_view id) = 0;
  virtual Result<std::vector<EncounterRecord>> encounters_of_patient(std::string_view patient_id) = 0;
  virtual Result<StoreCounts> counts() = 0;
  virtual Result<std::vector<QuarantineRow>> quarantined(int limit) = 0;

  virtual Result<void> add_token(std::string_view token_hash, std::string_view role,
                                 std::string_view label) = 0;
  virtual Result<std::optional<TokenRecord>> find_token(std::string_view token_hash) = 0;
  virtual Result<std::uint64_t> count_tokens() = 0;
  // Every token, newest first, revoked ones too.
  virtual Result<std::vector<TokenListing>> tokens() = 0;
  // Revokes token `id` at `time`; not_found when there is no such token. Revoking a revoked
  // token again changes nothing.
  virtual Result<void> revoke_token(std::int64_t id, TimeNs time) = 0;

  // --- Ward's own accounts and browser sessions (account_rows.h, src/api/accounts.h) ---
  // Adds an account and returns its id; ErrorCode::invalid_input when the username is taken.
  virtual Result<std::int64_t> add_account(const AccountRecord& account) = 0;
  virtual Result<std::optional<AccountRecord>> account(std::string_view username) = 0;
  // Every account, by username.
  virtual Result<std::vector<AccountRecord>> accounts() = 0;
  // Applies `change` in one transaction (ending the account's sessions when it disables the
  // account or sets a password) and returns the account as it is now; not_found when there is
  // no such account.
  virtual Result<AccountRecord> change_account(const AccountChange& change) = 0;
  // Counts a wrong password for account `id` at `time`; the `max_failures`th in a row locks the
  // account until time + lock_for and starts the count again. Returns the account's
  // locked_until (0 when not locked).
  virtual Result<TimeNs> note_login_failure(std::int64_t id, TimeNs time, int max_failures, TimeNs lock_for) = 0;
  // A right password: the count of failures starts again.
  virtual Result<void> note_login_success(std::int64_t id) = 0;
  // Stores a new session (session.id is ignored) and deletes the sessions that ended before
  // session.created.
  virtual Result<void> add_session(const SessionRecord& session) = 0;
  // The session whose secret has hash `secret_hash`, with its account, whether or not it has
  // ended (the caller decides, with its clock); nullopt when there is none.
  virtual Result<std::optional<AccountSession>> session(std::string_view secret_hash) = 0;
  // Sets the session's last_seen to `time`.
  virtual Result<void> touch_session(std::int64_t id, TimeNs time) = 0;
  virtual Result<void> delete_session(std::int64_t id) = 0;

  // --- the privacy engine's input and results (src/privacy) ---
  virtual Result<DirectorySnapshot> directory_snapshot() = 0;
  // Calls f for every ehr_access event after `after_seq` (0: all), in seq order; stops at f's
  // first error. The parts of scan_accesses(after_seq), one after the other.
  Result<void> for_each_access(std::int64_t after_seq, const std::function<Result<void>(const EventRow&)>& f) {
    auto scan = scan_accesses(after_seq);
    if (!scan) return Unexpected(scan.error());
    for (std::size_t i = 0; i < (*scan)->parts(); ++i)
      if (auto r = (*scan)->read_part(i, [&](EventRow& row) { return f(row); }); !r) return r;
    return {};
  }
  // The ehr_access events after `after_seq` (0: all), for reading on several threads.
  virtual Result<std::unique_ptr<AccessScan>> scan_accesses(std::int64_t after_seq) = 0;
  // The same, of the events up to seq `through` only (committed already).
  virtual Result<std::unique_ptr<AccessScan>> scan_accesses_through(std::int64_t after_seq, std::int64_t through) = 0;
  // Replaces every explanation and merges the cases: a case whose key is known keeps its id and
  // review state and takes the new findings; a case still `new` that this run no longer finds
  // (late ADT explained it) is removed; reviewed cases stay. One transaction.
  Result<void> save_privacy_run(const ExplanationBatch& explanations, const std::vector<CaseRecord>& cases) {
    return save_privacy_run_with(explanations, [&cases]() -> const std::vector<CaseRecord>& { return cases; });
  }
  // The same, with the cases asked for once the explanations are written: the caller may still
  // be building them while the store writes (PrivacyEngine::run). `cases` is not called when
  // writing the explanations failed.
  using CasesWhenWritten = std::function<const std::vector<CaseRecord>&()>;
  virtual Result<void> save_privacy_run_with(const ExplanationBatch& explanations, const CasesWhenWritten& cases) = 0;
  // A live update: upserts these explanations and cases (as save_privacy_run does for a case),
  // and removes the cases under `gone_keys` that are still `new`. One transaction.
  virtual Result<void> save_privacy_changes(const ExplanationBatch& explanations,
                                            const std::vector<CaseRecord>& cases,
                                            const std::vector<std::string>& gone_keys) = 0;
  // Explanations joined with their events' ids, in seq order.
  virtual Result<void> for_each_explanation(
      const std::function<Result<void>(const ExplanationRow&)>& f) = 0;
  virtual Result<std::vector<CaseRecord>> privacy_cases(const CaseQuery& query) = 0;
  // How many cases `query` finds in all (its limit and offset aside).
  virtual Result<std::uint64_t> count_privacy_cases(const CaseQuery& query) = 0;

  // --- overview aggregates (src/api/stats_routes.cc, the web UI's overview) ---
  // Per input (event source): its events in all, its oldest and newest event time, and its
  // events per UTC day from `days_from` (days since the epoch) on. Reads every event once.
  virtual Result<std::vector<InputActivity>> input_activity(std::int64_t days_from) = 0;
  // Cases per (status, categories) and alerts per (level, status).
  virtual Result<std::vector<CaseTally>> case_tallies() = 0;
  virtual Result<std::vector<AlertTally>> alert_tallies() = 0;

  // Called after each commit of accept() or accept_all(), on the committing thread, outside the store's lock;
  // it must be quick (hand the notice over). One listener; an empty function removes it.
  virtual void set_commit_listener(CommitListener listener) = 0;
  // Another listener, called like the one above (each commit is told to every listener), until
  // the returned subscription is destroyed. An empty function is never called.
  virtual CommitSubscription add_commit_listener(CommitListener listener) = 0;
  // From now until the subscription is destroyed, each committed batch of events that is stored
  // whole (no duplicate turned away) is moved to `receiver` when it has a spare() — so the
  // batch's events are gone from the ParsedRecords when accept() returns. One receiver at a
  // time; a store that cannot hand events over hands none.
  virtual CommitSubscription hand_events_to(EventReceiver& receiver) = 0;

  // --- live detection (src/live_detection) ---
  // Calls f for at most `limit` events after `after_seq`, in seq order, each with its kept
  // source fields (or fields_error); stops at f's first error.
  virtual Result<void> for_each_event_after(std::int64_t after_seq, int limit,
                                            const std::function<Result<void>(const SourcedEventRow&)>& f) = 0;
  // The seq up to which live detection has looked at every event; nullopt before its first run.
  virtual Result<std::optional<std::int64_t>> detection_progress() = 0;
  // The seq of the newest event stored; 0 when there is none.
  virtual Result<std::int64_t> last_event_seq() = 0;
  // Records that detection has looked at every event up to `seq` and drops their kept source
  // fields. One transaction.
  virtual Result<void> save_detection_progress(std::int64_t seq) = 0;
  // Whether commits keep the source fields events carry (on at open). The detection monitor
  // turns it off while it has no rule, so a `ward serve` without rules writes no fields that
  // nobody reads, and on before a rule given to it is live. Thread-safe; commits under way keep
  // the setting they started with.
  virtual void keep_source_fields(bool keep) = 0;

  // --- reviewing cases (src/case_review) ---
  // The case with this id, with its accesses; nullopt when there is none.
  virtual Result<std::optional<CaseRecord>> privacy_case(std::int64_t id) = 0;
  // The events with these seqs, with what the last privacy run said of each, oldest first;
  // seqs the store does not hold are left out.
  virtual Result<std::vector<EventRow>> events_with_seqs(const std::vector<std::int64_t>& seqs) = 0;
  // One review change in one transaction: the case takes change.to_status and its fields, the
  // history gains `change`, and `proposal` (when not null) is added. ErrorCode::invalid_input
  // when the case is no longer in change.from_status (someone changed it meanwhile),
  // not_found when there is no such case. Returns the proposal's id, 0 without one.
  virtual Result<std::int64_t> review_privacy_case(const CaseChange& change,
                                                   const ProposalRecord* proposal) = 0;
  // The case's changes, oldest first.
  virtual Result<std::vector<CaseChange>> privacy_case_history(std::int64_t case_id) = 0;
  virtual Result<std::vector<ProposalRecord>> explanation_proposals(const ProposalQuery& query) = 0;
  virtual Result<std::optional<ProposalRecord>> explanation_proposal(std::int64_t id) = 0;
  // Accepts or rejects a proposal that is still `proposed`; ErrorCode::invalid_input when it
  // is not (anymore), not_found when there is no such proposal.
  virtual Result<void> decide_explanation_proposal(const ProposalDecision& decision) = 0;

  // Appends to the audit trail of API requests; newest first when read back.
  virtual Result<void> record_api_request(const ApiAuditEntry& entry) = 0;
  virtual Result<std::vector<ApiAuditEntry>> api_requests_about(std::string_view subject, int limit) = 0;
  // Appends a CLI command to the same trail, under its actor.
  virtual Result<void> record_cli_command(const CliAuditEntry& entry) = 0;
  // Appends `entry` at the end of the hash chain and returns it as stored. Appends are serialised
  // by the database's write lock, so the chain never forks, also beside another process.
  virtual Result<AuditRecord> append_audit_entry(const ApiAuditEntry& entry) = 0;
  // Appends `entries` in order in one transaction (one fsync; for a group commit of the API's
  // entries): all are kept, chained one after the other, or (an error) none.
  virtual Result<std::vector<AuditRecord>> append_audit_entries(std::span<const ApiAuditEntry* const> entries) = 0;
  // A page of the trail, newest first. A malformed cursor is ErrorCode::invalid_input.
  virtual Result<AuditPage> audit_trail(const AuditQuery& query) = 0;
  // The rows of the trail in chain order, stops at f's first error. after_seq 0: every row (seq
  // ascending, rows without a seq last), for checking the chain; above 0: the entries after it.
  virtual Result<void> for_each_audit_record(std::int64_t after_seq,
                                             const std::function<Result<void>(const AuditRecord&)>& f) = 0;
  // The row whose hash is `hash`, if any (a full scan: for explaining a broken link).
  virtual Result<std::optional<AuditRecord>> audit_record_with_hash(std::string_view hash) = 0;

  // Detection alerts (alert_rows.h). add_alerts keeps those not already there — same rule,
  // source and event_ref — in one transaction and returns how many were new.
  virtual Result<std::uint64_t> add_alerts(const std::vector<AlertRecord>& alerts) = 0;
  virtual Result<std::vector<AlertRecord>> alerts(const AlertQuery& query) = 0;
  virtual Result<std::optional<AlertRecord>> alert(std::int64_t id) = 0;
  // One status change in one transaction: the alert takes change.to_status and its resolution,
  // and its history gains `change`. ErrorCode::invalid_input when the alert is no longer in
  // change.from_status (someone changed it meanwhile), not_found when there is no such alert.
  virtual Result<void> change_alert_status(const AlertChange& change) = 0;
  // The alert's changes, oldest first.
  virtual Result<std::vector<AlertChange>> alert_history(std::int64_t alert_id) = 0;

  // The rule store (detection_rule_rows.h). upsert_detection_rules writes all of `rules` in one
  // transaction and says what it did to each, in the same order.
  virtual Result<std::vector<RuleUpsert>> upsert_detection_rules(
      const std::vector<DetectionRuleRecord>& rules) = 0;
  virtual Result<std::vector<DetectionRuleRecord>> detection_rules(const DetectionRuleQuery& query) = 0;
  virtual Result<std::optional<DetectionRuleRecord>> detection_rule(std::string_view id) = 0;
  // Enables or disables a rule; not_found when there is no such rule. Returns the rule as it is now.
  virtual Result<DetectionRuleRecord> set_detection_rule_enabled(std::string_view id, bool enabled,
                                                                 std::string_view actor, TimeNs time) = 0;
  // Removes a rule; not_found when there is no such rule.
  virtual Result<void> delete_detection_rule(std::string_view id) = 0;
  // The enabled rules' documents, in id order: what the live detection engine loads.
  virtual Result<std::vector<EnabledRuleText>> enabled_rule_texts() = 0;
  // A token that changes whenever a rule is added, changed, enabled, disabled or deleted, by
  // this process or another (`ward rules` beside a running `ward serve`); compare for equality.
  virtual Result<std::string> detection_rules_revision() = 0;
};

// Opens or creates <dir>/ward.db (WAL mode) and applies pending migrations. Errors name the file.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::filesystem::path& data_dir);

}  // namespace ward::store
