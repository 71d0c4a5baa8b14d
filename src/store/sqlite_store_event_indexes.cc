// SqliteStore's event indexes: the bulk load that sets them aside and builds them at the end,
// the repair at open that builds any a crash left out, and the identity index that keeps an
// event from being stored twice (migration 0006), rebuilt like the others.
#include "store/sqlite_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <iterator>

#include <fmt/format.h>

namespace ward::store {
namespace {

// The event indexes as the migrations create them (0001, and 0006 for events_identity), for
// bulk loads to drop and rebuild. The store's tests check that a rebuilt schema is the migrated
// one.
constexpr std::string_view kEventIndexNames[] = {"events_by_user", "events_by_patient",
                                                 "events_by_mrn", "events_by_time",
                                                 "events_identity"};
constexpr std::string_view kCreateEventIndexes =
    "CREATE INDEX IF NOT EXISTS events_by_user ON events (user_key, time_ns);\n"
    "CREATE INDEX IF NOT EXISTS events_by_patient ON events (patient_key);\n"
    "CREATE INDEX IF NOT EXISTS events_by_mrn ON events (mrn_key, time_ns) "
    "WHERE mrn_key IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS events_by_time ON events (time_ns);";
constexpr std::string_view kCreateIdentityIndex =
    "CREATE UNIQUE INDEX IF NOT EXISTS events_identity ON events (time_ns, event_id) "
    "WHERE event_id IS NOT NULL;";
// Removes every copy of an event but the first (lowest seq), and what the privacy engine
// recorded about the copies, as migration 0006 does. It ends with the DELETE from events, so
// changes() counts the copies; the caller drops temp.duplicate_events. An earlier copy is looked
// up through events_by_time.
constexpr std::string_view kRemoveDuplicateEvents =
    "CREATE TEMP TABLE duplicate_events AS "
    "SELECT seq FROM events AS e WHERE event_id IS NOT NULL AND EXISTS ("
    "SELECT 1 FROM events AS earlier WHERE earlier.time_ns = e.time_ns "
    "AND earlier.event_id = e.event_id AND earlier.seq < e.seq);\n"
    "DELETE FROM access_explanations WHERE seq IN (SELECT seq FROM temp.duplicate_events);\n"
    "DELETE FROM privacy_case_events WHERE seq IN (SELECT seq FROM temp.duplicate_events);\n"
    "DELETE FROM events WHERE seq IN (SELECT seq FROM temp.duplicate_events);";

// An exclusive flock on <db>.bulk-load while a bulk load runs: the kernel drops it when the
// process ends, however it ends, so a held lock means a live load.
class BulkLoadLock {
 public:
  // Takes the lock; !held() when another process holds it (or the file cannot be opened).
  explicit BulkLoadLock(const std::filesystem::path& db_file) {
    const std::string path = db_file.string() + ".bulk-load";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~BulkLoadLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  BulkLoadLock(const BulkLoadLock&) = delete;
  BulkLoadLock& operator=(const BulkLoadLock&) = delete;
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace

Result<std::uint64_t> SqliteStore::build_event_indexes() {
  // CREATE INDEX sorts the keys within cache_size: in one 256 MB run the sort chases pointers
  // across the whole of it; in 16 MB runs, merged, it stays in the CPU cache and takes ~30% less.
  if (auto r = writer_.exec(fmt::format("PRAGMA cache_size={}", kIndexBuildCacheSize)); !r)
    return Unexpected(r.error());
  auto built = create_event_indexes();
  (void)writer_.exec(fmt::format("PRAGMA cache_size={}", kCacheSize));
  if (!built) {
    Error e = built.error();
    e.source = file_.string();
    return Unexpected(e);
  }
  return built;
}

Result<std::uint64_t> SqliteStore::create_event_indexes() {
  auto built = writer_.exec(fmt::format("BEGIN IMMEDIATE; {} COMMIT;", kCreateEventIndexes));
  if (!built) {
    (void)writer_.exec("ROLLBACK");
    return Unexpected(built.error());
  }
  // The identity index on its own: when the rows hold copies of an event (a file given twice to
  // the load that set the indexes aside) it fails alone, and is built again once they are gone.
  auto identity = writer_.exec(fmt::format("BEGIN IMMEDIATE; {} COMMIT;", kCreateIdentityIndex));
  if (identity) return 0;
  const bool copies = writer_.last_error_is_constraint();
  (void)writer_.exec("ROLLBACK");
  if (!copies) return Unexpected(identity.error());
  auto remove_copies = [this]() -> Result<std::uint64_t> {
    if (auto r = writer_.exec("BEGIN IMMEDIATE"); !r) return Unexpected(r.error());
    if (auto r = writer_.exec(kRemoveDuplicateEvents); !r) return Unexpected(r.error());
    const auto removed = static_cast<std::uint64_t>(writer_.changes());  // the last DELETE's
    if (auto r = writer_.exec("DROP TABLE temp.duplicate_events"); !r) return Unexpected(r.error());
    if (auto r = writer_.exec(kCreateIdentityIndex); !r) return Unexpected(r.error());
    if (auto r = writer_.exec("COMMIT"); !r) return Unexpected(r.error());
    return removed;
  };
  auto removed = remove_copies();
  if (!removed) (void)writer_.exec("ROLLBACK");
  return removed;
}

Result<void> SqliteStore::repair_event_indexes() {
  {  // the statement is finalized before anything is written
    auto present = writer_.prepare(fmt::format(
        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('{}')",
        fmt::join(kEventIndexNames, "','")));
    if (!present) return Unexpected(present.error());
    auto row = present->step();
    if (!row) return Unexpected(row.error());
    if (present->column_int(0) == static_cast<std::int64_t>(std::size(kEventIndexNames))) return {};
  }
  BulkLoadLock lock(file_);
  if (!lock.held()) return {};  // a bulk load is running; it builds them when it ends
  // Copies of events a crashed load left are removed; nobody is left to tell how many.
  if (auto built = build_event_indexes(); !built) return Unexpected(built.error());
  return {};
}

class SqliteStore::SqliteBulkLoad final : public BulkLoad {
 public:
  SqliteBulkLoad(SqliteStore& store, std::unique_ptr<BulkLoadLock> lock)
      : store_(store), lock_(std::move(lock)) {}
  ~SqliteBulkLoad() override {
    if (!finished_) (void)finish();  // else the next open() builds them
  }
  Result<std::uint64_t> finish() override {
    if (finished_) return 0;
    finished_ = true;
    std::lock_guard lock(store_.write_mu_);
    auto built = store_.build_event_indexes();
    lock_.reset();
    return built;
  }

 private:
  SqliteStore& store_;
  std::unique_ptr<BulkLoadLock> lock_;
  bool finished_ = false;
};

Result<std::unique_ptr<BulkLoad>> SqliteStore::begin_bulk_load() {
  auto load_lock = std::make_unique<BulkLoadLock>(file_);
  if (!load_lock->held()) return std::unique_ptr<BulkLoad>();  // another process is loading
  std::lock_guard lock(write_mu_);
  if (auto r = writer_.exec("BEGIN IMMEDIATE"); !r) return Unexpected(r.error());
  auto run = [&]() -> Result<bool> {
    {
      auto any = writer_.prepare("SELECT EXISTS (SELECT 1 FROM events)");
      if (!any) return Unexpected(any.error());
      auto row = any->step();
      if (!row) return Unexpected(row.error());
      if (any->column_int(0) != 0) return false;
    }  // finalized: DROP INDEX fails while a statement reads the table
    for (std::string_view name : kEventIndexNames)
      if (auto r = writer_.exec(fmt::format("DROP INDEX IF EXISTS {}", name)); !r)
        return Unexpected(r.error());
    return true;
  };
  auto dropped = run();
  if (!dropped || !*dropped) {
    (void)writer_.exec("ROLLBACK");
    if (!dropped) return Unexpected(dropped.error());
    return std::unique_ptr<BulkLoad>();
  }
  if (auto r = writer_.exec("COMMIT"); !r) {
    (void)writer_.exec("ROLLBACK");
    return Unexpected(r.error());
  }
  return std::unique_ptr<BulkLoad>(std::make_unique<SqliteBulkLoad>(*this, std::move(load_lock)));
}

}  // namespace ward::store
