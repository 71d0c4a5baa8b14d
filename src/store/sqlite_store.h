// SqliteStore: the embedded Store on one SQLite file in WAL mode. One writer connection behind a
// mutex (SQLite allows one writer anyway) with a string dictionary cache for the event log; a
// small pool of reader connections for queries, which WAL lets run beside the writer.
// Writing lives in sqlite_store.cc, reading in sqlite_store_queries.cc, the event indexes and
// bulk loads in sqlite_store_event_indexes.cc, the privacy engine's tables in
// sqlite_store_privacy.cc, case review in sqlite_store_case_review.cc, detection alerts and
// their status changes in sqlite_store_alerts.cc, the rule store in sqlite_store_rules.cc,
// accounts, sessions and the token list in sqlite_store_accounts.cc, Ward's own hash-chained
// audit trail in sqlite_store_audit.cc, the overview's aggregates in sqlite_store_overview.cc.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/batched_insert.h"
#include "store/full_run_explanations.h"
#include "store/sqlite_db.h"
#include "store/string_ids.h"
#include "store/store.h"

namespace ward::store {

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::filesystem::path& file);

  Result<void> accept(ingest::ParsedRecords& records) override;
  Result<void> accept_all(std::span<ingest::ParsedRecords* const> batches) override;
  Result<EventPage> find_events(const EventQuery& query) override;
  Result<std::unique_ptr<BulkLoad>> begin_bulk_load() override;
  Result<std::optional<PatientRecord>> find_patient(std::string_view id_or_mrn) override;
  Result<std::optional<WorkforceMember>> find_workforce(std::string_view id) override;
  Result<std::vector<EncounterRecord>> encounters_of_patient(std::string_view patient_id) override;
  Result<StoreCounts> counts() override;
  Result<std::vector<QuarantineRow>> quarantined(int limit) override;
  Result<void> add_token(std::string_view token_hash, std::string_view role,
                         std::string_view label) override;
  Result<std::optional<TokenRecord>> find_token(std::string_view token_hash) override;
  Result<std::uint64_t> count_tokens() override;
  Result<std::vector<TokenListing>> tokens() override;
  Result<void> revoke_token(std::int64_t id, TimeNs time) override;
  Result<std::int64_t> add_account(const AccountRecord& account) override;
  Result<std::optional<AccountRecord>> account(std::string_view username) override;
  Result<std::vector<AccountRecord>> accounts() override;
  Result<AccountRecord> change_account(const AccountChange& change) override;
  Result<TimeNs> note_login_failure(std::int64_t id, TimeNs time, int max_failures, TimeNs lock_for) override;
  Result<void> note_login_success(std::int64_t id) override;
  Result<void> add_session(const SessionRecord& session) override;
  Result<std::optional<AccountSession>> session(std::string_view secret_hash) override;
  Result<void> touch_session(std::int64_t id, TimeNs time) override;
  Result<void> delete_session(std::int64_t id) override;
  Result<DirectorySnapshot> directory_snapshot() override;
  Result<std::unique_ptr<AccessScan>> scan_accesses(std::int64_t after_seq) override;
  Result<std::unique_ptr<AccessScan>> scan_accesses_through(std::int64_t after_seq, std::int64_t through) override;
  Result<void> save_privacy_run_with(const ExplanationBatch& explanations, const CasesWhenWritten& cases) override;
  Result<void> save_privacy_changes(const ExplanationBatch& explanations,
                                    const std::vector<CaseRecord>& cases,
                                    const std::vector<std::string>& gone_keys) override;
  void set_commit_listener(CommitListener listener) override;
  CommitSubscription add_commit_listener(CommitListener listener) override;
  CommitSubscription hand_events_to(EventReceiver& receiver) override;
  Result<void> for_each_event_after(std::int64_t after_seq, int limit,
                                    const std::function<Result<void>(const SourcedEventRow&)>& f) override;
  Result<std::optional<std::int64_t>> detection_progress() override;
  Result<std::int64_t> last_event_seq() override;
  Result<void> save_detection_progress(std::int64_t seq) override;
  void keep_source_fields(bool keep) override { keep_source_fields_ = keep; }
  Result<void> for_each_explanation(
      const std::function<Result<void>(const ExplanationRow&)>& f) override;
  Result<std::vector<CaseRecord>> privacy_cases(const CaseQuery& query) override;
  Result<std::uint64_t> count_privacy_cases(const CaseQuery& query) override;
  Result<std::vector<InputActivity>> input_activity(std::int64_t days_from) override;
  Result<std::vector<CaseTally>> case_tallies() override;
  Result<std::vector<AlertTally>> alert_tallies() override;
  Result<void> record_api_request(const ApiAuditEntry& entry) override;
  Result<std::vector<ApiAuditEntry>> api_requests_about(std::string_view subject, int limit) override;
  Result<void> record_cli_command(const CliAuditEntry& entry) override;
  Result<AuditRecord> append_audit_entry(const ApiAuditEntry& entry) override;
  Result<std::vector<AuditRecord>> append_audit_entries(std::span<const ApiAuditEntry* const> entries) override;
  Result<AuditPage> audit_trail(const AuditQuery& query) override;
  Result<void> for_each_audit_record(std::int64_t after_seq,
                                     const std::function<Result<void>(const AuditRecord&)>& f) override;
  Result<std::optional<AuditRecord>> audit_record_with_hash(std::string_view hash) override;
  Result<std::uint64_t> add_alerts(const std::vector<AlertRecord>& alerts) override;
  Result<std::vector<AlertRecord>> alerts(const AlertQuery& query) override;
  Result<std::optional<AlertRecord>> alert(std::int64_t id) override;
  Result<void> change_alert_status(const AlertChange& change) override;
  Result<std::vector<AlertChange>> alert_history(std::int64_t alert_id) override;
  Result<std::vector<RuleUpsert>> upsert_detection_rules(
      const std::vector<DetectionRuleRecord>& rules) override;
  Result<std::vector<DetectionRuleRecord>> detection_rules(const DetectionRuleQuery& query) override;
  Result<std::optional<DetectionRuleRecord>> detection_rule(std::string_view id) override;
  Result<DetectionRuleRecord> set_detection_rule_enabled(std::string_view id, bool enabled,
                                                         std::string_view actor, TimeNs time) override;
  Result<void> delete_detection_rule(std::string_view id) override;
  Result<std::vector<EnabledRuleText>> enabled_rule_texts() override;
  Result<std::string> detection_rules_revision() override;
  Result<std::optional<CaseRecord>> privacy_case(std::int64_t id) override;
  Result<std::vector<EventRow>> events_with_seqs(const std::vector<std::int64_t>& seqs) override;
  Result<std::int64_t> review_privacy_case(const CaseChange& change,
                                           const ProposalRecord* proposal) override;
  Result<std::vector<CaseChange>> privacy_case_history(std::int64_t case_id) override;
  Result<std::vector<ProposalRecord>> explanation_proposals(const ProposalQuery& query) override;
  Result<std::optional<ProposalRecord>> explanation_proposal(std::int64_t id) override;
  Result<void> decide_explanation_proposal(const ProposalDecision& decision) override;

 private:
  // A reader connection borrowed from the pool for one query; returned on destruction.
  class Reader {
   public:
    Reader(SqliteStore& store, std::unique_ptr<Db> db) : store_(store), db_(std::move(db)) {}
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;
    Db& db() { return *db_; }
   private:
    SqliteStore& store_;
    std::unique_ptr<Db> db_;
  };

  class SqliteBulkLoad;
  class SqliteAccessScan;
  static constexpr int kCacheSize = -262144;           // KiB: the writer's page cache, 256 MB
  static constexpr int kIndexBuildCacheSize = -4096;   // KiB: while building indexes, 4 MB
  // A new store's pages: with 16 KB instead of SQLite's 4 KB, a load writes ~25% faster and
  // its indexes build ~15% faster (docs/benchmarks.md).
  static constexpr int kNewStorePageSize = 16384;
  static constexpr std::int64_t kWalCheckpointBytes = 64 << 20;  // checkpoint past 64 MB of WAL
  // Creates whichever of the event lookup indexes are missing (all of them after a bulk load).
  Result<void> build_event_indexes();
  // At open: rebuilds the event indexes a bulk load that died left out — only when some are
  // missing and no live bulk load holds its lock file (<db>.bulk-load), so an ordinary open
  // writes nothing and a store opened beside a running load leaves the load alone.
  Result<void> repair_event_indexes();

  SqliteStore(std::filesystem::path file, Db writer) : file_(std::move(file)), writer_(std::move(writer)) {}
  Result<void> prepare_writer();
  // A committed batch of events on its way to the receiver (hand_events_to): `events` has all
  // but the batch itself, which is still in `records`.
  struct Handing {
    ingest::ParsedRecords* records = nullptr;
    std::unique_ptr<HandedEvents> events;
  };
  // accept()'s and accept_all()'s transaction: every batch, in order, or (on error) none. The
  // batches whose events go to the receiver are added to `handing`.
  Result<void> commit(std::span<ingest::ParsedRecords* const> batches, std::vector<Handing>& handing);
  // One batch, inside commit().
  Result<void> write_records(ingest::ParsedRecords& records, std::vector<Handing>& handing);
  // Writes explanation rows (upserts) and cases (merged by key), inside the caller's transaction;
  // the keys written go to the temp table run_case_keys.
  Result<void> write_explanations(const ExplanationBatch& explanations);
  // A full run's: every explanation and text before goes first.
  Result<void> write_explanations(const FullRunExplanations& explanations);
  // Stores these part blobs (store/explanation_parts.h), each replacing its part.
  Result<void> write_explanation_parts(const ExplanationPartBlobs& parts);
  Result<void> write_cases(const std::vector<CaseRecord>& cases);
  // Tells the commit listeners, if any, what one commit just wrote (outside write_mu_).
  void notify_commit(std::span<ingest::ParsedRecords* const> batches);
  // The receiver's spare, or nullptr when there is no receiver or it wants no more.
  std::unique_ptr<HandedEvents> spare_for_handing();
  // Moves each batch to the receiver, if it is still there (after a commit, outside write_mu_).
  void hand_over(std::vector<Handing>& handing);
  Result<Reader> reader();
  Result<std::int64_t> intern(std::string_view value);  // 0 for empty
  // The dictionary ids of an event's string columns, in insert order (0 = empty).
  static constexpr std::size_t kDictionaryColumns = 10;
  static constexpr std::size_t kUserColumn = 0, kPatientColumn = 6, kMrnColumn = 7;
  struct EventKeys {
    std::array<std::int64_t, kDictionaryColumns> ids{};
  };
  Result<EventKeys> event_keys(const Event& e);
  // The events table's insert, in three parts (BatchedInsert puts many rows in one statement).
  static constexpr std::string_view kInsertEventHead =
      "INSERT INTO events (time_ns, kind, action, outcome, user_key, user_name_key, role_key, "
      "department_key, host_key, ip_key, patient_key, mrn_key, object, purpose_key, "
      "source_key, event_id, format)";
  static constexpr int kInsertEventColumns = 17;
  // An event already stored (same time and event_id: the unique events_by_time) is skipped.
  static constexpr std::string_view kInsertEventTail = " ON CONFLICT DO NOTHING";
  // Binds an event's columns to parameters first … first + 16 of an insert.
  static void bind_event(Statement& s, int first, const Event& e, const EventKeys& keys);
  // false when the store already held the event (same event_id and time), which is skipped.
  Result<bool> write_event(const Event& e, const EventKeys& keys);
  // Keeps the source fields of the event just written (seq: its row) for live detection.
  Result<void> write_source_fields(std::int64_t seq, std::span<const Field> fields);
  // How many of the batch's events the store already held. With `handed`, when every event was
  // stored and their seqs are known, fills its after_seq, by_seq and keys (else leaves by_seq
  // empty).
  Result<std::uint64_t> write_events(const EventBatch& batch, HandedEvents* handed = nullptr);
  Result<void> write_patient(const PatientRecord& p);
  Result<void> write_workforce(const WorkforceMember& w);
  // The batch's encounters and their participants, many rows a statement.
  Result<void> write_encounters(const std::vector<EncounterRecord>& encounters);
  // Whether a patient row (mrn, name, address, birth_date, confidential, source from column
  // `first` of `row`) already holds everything `p` would write with the upsert.
  static bool patient_row_holds(const Statement& row, int first, const PatientRecord& p);
  Result<void> write_rejection(const ingest::Rejection& r);
  // Every spelling of a person the directory knows: the given id plus its id/MRN/employee id.
  Result<std::vector<std::int64_t>> alias_keys(Db& db, std::string_view sql, std::string_view id);

  std::filesystem::path file_;
  std::atomic<bool> keep_source_fields_{true};
  std::mutex write_mu_;
  Db writer_;
  // Writer-side statements, prepared once.
  Statement insert_event_, find_string_, insert_string_, upsert_patient_, upsert_workforce_,
      insert_quarantine_, patient_by_mrn_, patient_row_, patient_by_mrn_row_,
      workforce_by_employee_id_, promote_patient_, repoint_encounters_, promote_workforce_,
      repoint_participants_, insert_source_fields_;
  // Events without kept source fields, many per statement (write_events).
  BatchedInsert insert_events_{std::string(kInsertEventHead), kInsertEventColumns, std::string(kInsertEventTail)};
  // Encounters (an update merges into the row: coalesce, so a later message keeps what an
  // earlier one said and it did not) and their participants (a known one is skipped), many per
  // statement (write_encounters).
  BatchedInsert upsert_encounters_{
      "INSERT INTO encounters (id, patient_id, visit_number, class_code, status, location, "
      "department, start_ns, end_ns, source)",
      10,
      " ON CONFLICT (id) DO UPDATE SET patient_id = coalesce(excluded.patient_id, patient_id), "
      "visit_number = coalesce(excluded.visit_number, visit_number), "
      "class_code = coalesce(excluded.class_code, class_code), "
      "status = coalesce(excluded.status, status), "
      "location = coalesce(excluded.location, location), "
      "department = coalesce(excluded.department, department), "
      "start_ns = coalesce(excluded.start_ns, start_ns), "
      // An update that says the encounter is open again (A13) clears the end.
      "end_ns = CASE WHEN excluded.status = 'in-progress' THEN excluded.end_ns "
      "ELSE coalesce(excluded.end_ns, end_ns) END, "
      "source = coalesce(excluded.source, source)"};
  BatchedInsert insert_participants_{"INSERT OR IGNORE INTO encounter_participants (encounter_id, user_id, role)", 3, ""};
  // A full run's explanation texts (write_explanations).
  BatchedInsert insert_explanation_texts_{"INSERT INTO explanation_texts (id, hash, code, evidence)", 4, ""};
  // write_encounters' scratch, kept between batches.
  struct ParticipantRow {
    const std::string* encounter_id;
    std::string user_id;
    std::string_view role;
  };
  std::vector<std::string> encounter_patient_ids_;
  std::vector<ParticipantRow> participant_rows_;
  // The look-ups by MRN and by employee id within the current transaction, remembered until it
  // ends or writes the table they read: an ADT message names its patient twice (the patient,
  // the visit) and a batch names the same staff on visit after visit. "" : none found.
  using LookupMemo = std::unordered_map<std::string, std::string>;
  LookupMemo patient_by_mrn_memo_, workforce_by_employee_id_memo_;
  // Empties a memo in the time its entries take, whatever its buckets.
  static void forget(LookupMemo& memo);
  // The id `lookup` (patient_by_mrn_ or workforce_by_employee_id_) finds for `key`; "" when none.
  Result<std::string> find_id(Statement& lookup, LookupMemo& memo, const std::string& key);
  // A row keyed by MRN (or employee id) because that was all an earlier input knew takes the
  // FHIR id when a record with both arrives, and what pointed at it follows.
  Result<void> promote_placeholder(Statement& promote, Statement& repoint, std::string_view id,
                                   std::string_view placeholder);
  // Bounded: cleared when it passes kMaxCachedStrings entries or a transaction fails.
  static constexpr std::size_t kMaxCachedStrings = 2'000'000;
  StringIds string_ids_;
  // The last string seen in each event column and its id: consecutive events repeat the source,
  // the role and the purpose, and a compare is cheaper than a hash look-up.
  struct LastString {
    std::string value;
    std::int64_t id = 0;
  };
  std::array<LastString, kDictionaryColumns> last_in_column_;
  // This store's bulk load has set the lookup indexes aside (guarded by write_mu_).
  bool lookup_indexes_aside_ = false;
  // write_events' scratch, kept between batches.
  std::vector<EventKeys> batch_keys_;
  std::vector<std::uint32_t> batch_order_;

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Db>> idle_readers_;  // at most kMaxIdleReaders kept

  // The strings table (by id) as the last scan_accesses read it: strings are only ever added,
  // so the next scan reads only those after it (a run beside an import scans ~20 times).
  std::mutex scan_dictionary_mu_;
  std::shared_ptr<const std::vector<std::string>> scan_dictionary_;

  // Held while a listener runs, so a removed listener is not running when removal returns.
  std::mutex listener_mu_;
  // Key 0: set_commit_listener's; others: add_commit_listener's, keyed by next_listener_.
  std::map<std::uint64_t, CommitListener> listeners_;
  std::uint64_t next_listener_ = 1;
  // Held while the receiver is called (taken inside write_mu_, never the other way round).
  std::mutex receiver_mu_;
  EventReceiver* receiver_ = nullptr;  // hand_events_to's
  static constexpr std::size_t kMaxIdleReaders = 8;
};

}  // namespace ward::store
