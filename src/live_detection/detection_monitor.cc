#include "live_detection/detection_monitor.h"

#include <chrono>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "live_detection/alert_records.h"
#include "live_detection/stored_event.h"
#include "sigma/correlation_engine.h"
#include "sigma/event_matcher.h"

namespace ward::live_detection {
namespace {

// Commit times kept for latencies while a pass runs; past this, the oldest are dropped (the
// pass still reads every event: it goes by seq, not by notice).
constexpr std::size_t kMaxPendingNotices = 10'000;

}  // namespace

// One rule set ready to match: the router and matcher point into `rules`, so an Engine stays
// where it was made (behind a unique_ptr) and is used by the monitor's thread only.
struct DetectionMonitor::Engine {
  Engine(sigma::RuleSet set, const DetectionMonitorOptions& options)
      : rules(std::move(set)),
        router(rules.rules, rules.filters),
        matcher(router, hunt_options, summary, on_match),
        correlations(rules.rules, rules.correlations, [this](const sigma::CorrelationAlert& a) {
          alerts.push_back(alert_from_correlation(a, detected));
        }, options.correlation) {
    hunt_options.event_field_mappings = options.event_field_mappings;
  }

  // Whether a match of `rule` is an alert of its own (not only the input of correlations).
  bool shown(const sigma::CompiledRule& rule) const {
    const auto index = static_cast<std::size_t>(&rule - rules.rules.data());
    const auto& shown = rules.correlations.rule_shown;
    return index >= shown.size() || shown[index];
  }

  sigma::RuleSet rules;
  sigma::HuntOptions hunt_options;  // prefilter on, no logsource override; event field mappings
  sigma::HuntSummary summary;
  // Set per event by the pass: what on_match needs beyond the HuntMatch.
  const store::EventRow* row = nullptr;
  TimeNs detected = 0;
  std::vector<store::AlertRecord> alerts;  // of the current pass
  std::function<void(const sigma::HuntMatch&)> on_match = [this](const sigma::HuntMatch& m) {
    if (correlations.correlates(*m.rule) && m.event != nullptr)
      correlations.observe(*m.rule, row->time, *m.event, row->source, static_cast<std::uint64_t>(row->seq));
    if (!shown(*m.rule)) return;
    store::AlertRecord a = alert_from_match(m, detected);
    a.event_time = row->time;  // the stored time, whatever the event's own time field says
    a.event_ref = fmt::format("seq {}", row->seq);
    alerts.push_back(std::move(a));
  };
  sigma::RuleRouter router;
  sigma::EventMatcher matcher;
  sigma::CorrelationEngine correlations;
  StoredEventView stored;
  std::string problem;  // why the last event read could not be seen in full
};

DetectionMonitor::DetectionMonitor(store::Store& store, sigma::RuleSet rules, DetectionMonitorOptions options)
    : store_(store), options_(std::move(options)), next_rules_(std::make_unique<sigma::RuleSet>(std::move(rules))) {}

DetectionMonitor::~DetectionMonitor() {
  subscription_.reset();
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  idle_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<void> DetectionMonitor::start() {
  if (auto r = resume_point(); !r) return r;
  store_.keep_source_fields(!next_rules_->rules.empty());
  subscription_ = store_.add_commit_listener([this](const store::CommitNotice& n) { notice(n); });
  thread_ = std::thread([this] { run(); });
  return {};
}

void DetectionMonitor::reload(sigma::RuleSet rules) {
  {
    std::lock_guard lock(mu_);
    // Before this returns: the events committed after it carry the fields the rules read.
    if (!rules.rules.empty()) store_.keep_source_fields(true);
    next_rules_ = std::make_unique<sigma::RuleSet>(std::move(rules));
    ++status_.reloads;
    busy_ = true;
  }
  wake_.notify_one();
}

void DetectionMonitor::notice(const store::CommitNotice& n) {
  if (n.events == 0) return;  // directory records only: nothing to match
  {
    std::lock_guard lock(mu_);
    if (pending_.size() >= kMaxPendingNotices) pending_.erase(pending_.begin());
    pending_.push_back(n.committed);
    busy_ = true;
  }
  wake_.notify_one();
}

void DetectionMonitor::run() {
  using Clock = std::chrono::steady_clock;
  std::unique_ptr<Engine> engine;
  bool first_pass = true;
  Clock::time_point quiet_since = Clock::now();  // the end of the last pass that read events
  std::unique_lock lock(mu_);
  while (true) {
    bool polling = false;  // a look in the store that no notice asked for
    if (!first_pass && pending_.empty() && !next_rules_) {
      busy_ = false;
      idle_.notify_all();
      const auto woken = [&] { return stopping_ || !pending_.empty() || next_rules_; };
      // Matches held for a lateness bound wait that long (wall time) for later events, then go on.
      const bool holding = engine && engine->correlations.held() > 0;
      const auto never = Clock::time_point::max();
      const auto release_at = holding ? quiet_since + std::chrono::nanoseconds(options_.correlation.lateness) : never;
      // Events another process stores come with no notice: looked for every poll interval.
      const auto poll_at = options_.store_poll_interval > 0
                               ? Clock::now() + std::chrono::nanoseconds(options_.store_poll_interval)
                               : never;
      const auto until = std::min(release_at, poll_at);
      bool timed_out = false;
      if (until == never) {
        wake_.wait(lock, woken);
      } else {
        timed_out = !wake_.wait_until(lock, until, woken);
      }
      if (timed_out && holding && Clock::now() >= release_at) {
        lock.unlock();
        Result<void> released;
        try {
          released = release_held(*engine);
        } catch (const std::exception& e) {
          released = fail(ErrorCode::internal, fmt::format("releasing held correlation matches failed: {}", e.what()));
        }
        lock.lock();
        if (!released) spdlog::error("detection: {}", released.error().describe());
        quiet_since = Clock::now();
        continue;
      }
      polling = timed_out;
    }
    if (stopping_) break;
    std::unique_ptr<sigma::RuleSet> rules = std::move(next_rules_);
    std::vector<TimeNs> commits;
    commits.swap(pending_);
    lock.unlock();
    // The last catch of this worker: a failure fails this pass only (it is retried on the next
    // commit, from the last saved progress).
    Result<std::uint64_t> done;
    try {
      if (rules) {
        // Building the prefilter for a large corpus takes seconds: outside the lock.
        engine = std::make_unique<Engine>(std::move(*rules), options_);
        spdlog::info("detection: {} rules, {} filters, {} correlations live", engine->rules.rules.size(),
                     engine->rules.filters.size(), engine->rules.correlations.correlations.size());
      }
      done = engine ? pass(*engine) : fail(ErrorCode::internal, "no rules to run: loading them failed");
    } catch (const std::exception& e) {
      done = fail(ErrorCode::internal, fmt::format("a detection pass failed: {}", e.what()));
    }
    const TimeNs finished = now_ns();
    // A look in the store that found nothing is no event: held matches keep counting their quiet.
    if (!polling || (done && *done > 0)) quiet_since = Clock::now();
    lock.lock();
    // Without rules no field is read: the store stops keeping them, unless rules came meanwhile.
    if (rules && engine && engine->rules.rules.empty() && !next_rules_) store_.keep_source_fields(false);
    if (rules && engine) {
      status_.rules = engine->rules.rules.size();
      status_.filters = engine->rules.filters.size();
      status_.correlations = engine->rules.correlations.correlations.size();
      status_.rule_files_failed = engine->rules.failures.size();
    }
    first_pass = false;
    status_.ready = true;
    status_.last_seq = last_seq_;
    if (!done) {
      status_.last_error = done.error().describe();
      spdlog::error("detection: {}", status_.last_error);
      continue;
    }
    status_.last_error.clear();
    for (TimeNs committed : commits) latencies_.add(static_cast<double>(finished - committed) / 1e6);
  }
}

Result<void> DetectionMonitor::resume_point() {
  auto progress = store_.detection_progress();
  if (!progress) return Unexpected(progress.error());
  if (*progress) {
    last_seq_ = **progress;
    return {};
  }
  // The first run in this store: from the newest event on (the history is for `ward detect`).
  auto newest = store_.last_event_seq();
  if (!newest) return Unexpected(newest.error());
  last_seq_ = *newest;
  return store_.save_detection_progress(last_seq_);
}

Result<std::uint64_t> DetectionMonitor::pass(Engine& engine) {
  // No rules (a server started without any, waiting for one over the API): nothing can match,
  // so the events are passed over unread, and their kept source fields dropped.
  if (engine.rules.rules.empty()) return pass_over_events();
  std::uint64_t total = 0;
  while (true) {
    std::int64_t seq = last_seq_;
    std::uint64_t events = 0;
    engine.alerts.clear();
    engine.detected = now_ns();
    const std::uint64_t matches_before = engine.summary.matches;
    auto read = store_.for_each_event_after(last_seq_, options_.events_per_pass,
                                            [&](const store::SourcedEventRow& stored) -> Result<void> {
      if (!stored.fields_error.empty()) event_failed(stored.row.seq, stored.fields_error);
      // One event that cannot be matched must not hold back the events after it.
      try {
        const sigma::EventLogSource logsource = engine.stored.read(stored, options_.logsources, engine.problem);
        if (!engine.problem.empty()) event_failed(stored.row.seq, engine.problem);
        engine.row = &stored.row;
        engine.matcher.match(logsource, engine.stored.view(), stored.row.source,
                             static_cast<std::uint64_t>(stored.row.seq));
      } catch (const std::exception& e) {
        event_failed(stored.row.seq, fmt::format("matching failed, event skipped: {}", e.what()));
      }
      seq = stored.row.seq;
      ++events;
      return {};
    });
    if (!read) return Unexpected(read.error());
    if (events == 0) return total;
    total += events;
    auto added = store_.add_alerts(engine.alerts);
    if (!added) return Unexpected(added.error());
    // Only once the alerts are in: a crash before this reads these events again, and add_alerts
    // keeps one alert per rule and event.
    if (auto saved = store_.save_detection_progress(seq); !saved) return Unexpected(saved.error());
    last_seq_ = seq;
    std::lock_guard lock(mu_);
    status_.events_scanned += events;
    status_.matches += engine.summary.matches - matches_before;
    status_.alerts_raised += *added;
    status_.last_seq = last_seq_;
  }
}

void DetectionMonitor::event_failed(std::int64_t seq, std::string_view reason) {
  std::string described = fmt::format("event {}: {}", seq, reason);
  spdlog::warn("detection: {}", described);
  std::lock_guard lock(mu_);
  ++status_.events_failed;
  status_.last_event_error = std::move(described);
}

Result<void> DetectionMonitor::release_held(Engine& engine) {
  engine.alerts.clear();
  engine.detected = now_ns();
  engine.correlations.release_held();
  auto added = store_.add_alerts(engine.alerts);
  if (!added) return Unexpected(added.error());
  std::lock_guard lock(mu_);
  status_.alerts_raised += *added;
  return {};
}

Result<std::uint64_t> DetectionMonitor::pass_over_events() {
  auto newest = store_.last_event_seq();
  if (!newest) return Unexpected(newest.error());
  if (*newest <= last_seq_) return 0;
  {
    // Rules given meanwhile are for every event committed after reload() returned, which may be
    // among those up to `newest`: leave them to the pass with those rules.
    std::lock_guard lock(mu_);
    if (next_rules_) return 0;
  }
  if (auto saved = store_.save_detection_progress(*newest); !saved) return Unexpected(saved.error());
  const auto passed = static_cast<std::uint64_t>(*newest - last_seq_);
  last_seq_ = *newest;
  std::lock_guard lock(mu_);
  status_.last_seq = last_seq_;
  return passed;
}

DetectionMonitor::Status DetectionMonitor::status() const {
  std::lock_guard lock(mu_);
  Status s = status_;
  s.idle = !busy_;
  static_cast<LatencyWindow::Summary&>(s) = latencies_.summary();
  return s;
}

void DetectionMonitor::wait_until_idle() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [&] { return !busy_ || stopping_; });
}

}  // namespace ward::live_detection
