#include "privacy_import/import_with_privacy.h"

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <set>

namespace ward::privacy_import {
namespace {

// The directory records the store committed while a run beside the import read the accesses:
// the run's snapshot of the directory may predate them.
class DirectoryChanges {
 public:
  void add(const store::CommitNotice& n) {
    std::lock_guard lock(mu_);
    workforce_.insert(n.workforce.begin(), n.workforce.end());
    patients_.insert(n.patients.begin(), n.patients.end());
  }
  // A notice naming every record added (empty when there is none).
  store::CommitNotice notice() const {
    std::lock_guard lock(mu_);
    store::CommitNotice n;
    n.workforce.assign(workforce_.begin(), workforce_.end());
    n.patients.assign(patients_.begin(), patients_.end());
    return n;
  }

 private:
  mutable std::mutex mu_;
  std::set<std::string> workforce_, patients_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

ImportWithPrivacy import_with_privacy(store::Store& store, const std::vector<std::filesystem::path>& paths,
                                      const ImportWithPrivacyOptions& options) {
  ImportWithPrivacy out;
  const auto started = std::chrono::steady_clock::now();
  // Into an empty store the event lookup indexes are built once at the end (store.h: BulkLoad).
  auto bulk = store.begin_bulk_load();
  if (!bulk) {
    out.reports = Unexpected(bulk.error());
    return out;
  }
  out.bulk_load = *bulk != nullptr;

  std::optional<privacy::PrivacyEngine> engine;
  if (options.privacy) engine.emplace(store, *options.privacy);
  std::atomic<bool> loading{true};
  privacy::Loading beside = options.beside;
  beside.more_coming = [&loading] { return loading.load(); };
  DirectoryChanges changes;
  store::CommitSubscription listening;
  std::future<Result<privacy::PrivacyRunSummary>> running;
  // However the import ends (by an exception too), the run beside it hears that no more is
  // coming before anything waits for it (a future's destructor waits).
  struct EndOfLoad {
    std::atomic<bool>& loading;
    ~EndOfLoad() { loading = false; }
  } end_of_load{loading};
  ingest::ImportOptions import_options = options.import;
  if (engine && out.bulk_load) {
    // Once the directory is in: from here the run reads the accesses as they are committed.
    import_options.before_event_files = [&] {
      listening = store.add_commit_listener([&changes](const store::CommitNotice& n) { changes.add(n); });
      running = std::async(std::launch::async, [&] { return engine->run(&beside); });
    };
  }
  out.reports = ingest::import_paths(paths, store, import_options, options.progress);
  loading = false;
  out.import_seconds = seconds_since(started);

  // The indexes are built beside the rest of the run, which needs none of them; its save waits.
  std::future<Result<void>> indexing;
  if (*bulk) indexing = (*bulk)->finish_beside();
  if (running.valid()) {
    out.privacy = running.get();
  } else if (engine && out.reports) {
    out.privacy = engine->run();
  }
  listening = {};
  if (indexing.valid()) out.indexes = indexing.get();
  // Directory records committed after the run's snapshot: taken as late ADT is (the look-ups of
  // the people they name use the indexes, built by now).
  if (out.privacy && *out.privacy) {
    const store::CommitNotice late = changes.notice();
    if (!late.workforce.empty() || !late.patients.empty()) {
      if (auto r = engine->catch_up(late); !r) {
        out.privacy = Unexpected(r.error());
      } else {
        out.privacy = engine->summary();
      }
    }
  }
  out.total_seconds = seconds_since(started);
  return out;
}

}  // namespace ward::privacy_import
