// SqliteStore's event indexes: the bulk load that sets the lookup indexes aside and builds them
// at the end, and the repair at open that builds any a crash left out.
#include "store/sqlite_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <iterator>

#include <fmt/format.h>

namespace ward::store {
namespace {

// The event indexes a bulk load sets aside and builds at the end, as the migrations create them
// (0001, 0014). events_by_time (0007) stays: it is the events' identity, which turns copies away as
// they come, and it grows at its right edge, so it costs a load little. The store's tests check
// that a rebuilt schema is the migrated one.
constexpr std::string_view kEventIndexNames[] = {"events_by_user", "events_by_patient",
                                                 "events_by_mrn"};
constexpr std::string_view kCreateEventIndexes =
    "CREATE INDEX IF NOT EXISTS events_by_user ON events (user_key, time_ns) WHERE user_key IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS events_by_patient ON events (patient_key) WHERE patient_key IS NOT NULL;\n"
    "CREATE INDEX IF NOT EXISTS events_by_mrn ON events (mrn_key, time_ns) "
    "WHERE mrn_key IS NOT NULL;";

// Helper threads of CREATE INDEX's sorter (PRAGMA threads), while the event indexes are built.
constexpr int kIndexBuildSorterThreads = 1;

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

Result<void> SqliteStore::build_event_indexes() {
  // CREATE INDEX sorts the keys in runs of cache_size, spilled to temporary files and merged.
  // 4 MB runs in files the OS caches take ~40% less CPU than 16 MB runs in SQLite's own memory
  // files (temp_store=MEMORY, which the writer otherwise uses for its temp tables), and ~50% less
  // than one run in the whole 256 MB cache, whose sort chases pointers across all of it.
  // Changing temp_store drops the connection's temp tables; none is in use between transactions.
  // One sorter helper thread sorts runs while this one reads the table: the build ends ~2 s
  // sooner on the bench's 3.9 M accesses for ~2.5 CPU s more (docs/benchmarks.md, 2026-12-03),
  // and it runs when a load has ended, beside nothing but the end of a privacy run.
  if (auto r = writer_.exec(fmt::format("PRAGMA temp_store=FILE; PRAGMA threads={}; PRAGMA cache_size={}",
                                        kIndexBuildSorterThreads, kIndexBuildCacheSize));
      !r)
    return Unexpected(r.error());
  auto built = writer_.exec(fmt::format("BEGIN IMMEDIATE; {} COMMIT;", kCreateEventIndexes));
  if (!built) (void)writer_.exec("ROLLBACK");
  (void)writer_.exec(fmt::format("PRAGMA temp_store=MEMORY; PRAGMA threads=0; PRAGMA cache_size={}", kCacheSize));
  if (!built) {
    Error e = built.error();
    e.source = file_.string();
    return Unexpected(e);
  }
  return {};
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
  return build_event_indexes();
}

class SqliteStore::SqliteBulkLoad final : public BulkLoad {
 public:
  SqliteBulkLoad(SqliteStore& store, std::unique_ptr<BulkLoadLock> lock)
      : store_(store), lock_(std::move(lock)) {}
  ~SqliteBulkLoad() override {
    if (!finished_) (void)finish();  // else the next open() builds them
  }
  Result<void> finish() override {
    if (finished_) return {};
    finished_ = true;
    std::lock_guard lock(store_.write_mu_);
    store_.lookup_indexes_aside_ = false;
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
  lookup_indexes_aside_ = true;
  return std::unique_ptr<BulkLoad>(std::make_unique<SqliteBulkLoad>(*this, std::move(load_lock)));
}

}  // namespace ward::store
