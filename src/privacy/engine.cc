#include "privacy/engine.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "core/config_yaml.h"
#include "core/ordered_work.h"
#include "core/prefetch.h"
#include "privacy/accepted_rules.h"
#include "privacy/cases.h"
#include "privacy/directory_index.h"
#include "privacy/event_access.h"
#include "privacy/explanation_memo.h"
#include "privacy/handed_events.h"

namespace ward::privacy {
namespace {

// Reads section[key] ("24h", "30m") into out when present.
Result<void> read_duration(const YAML::Node& section, std::string_view key, TimeNs& out) {
  std::string text;
  if (auto r = read_key(section, key, text, "privacy"); !r) return r;
  if (text.empty()) return {};
  auto t = parse_duration(text);
  if (!t) return fail(ErrorCode::config, fmt::format("privacy.{}: {}", key, t.error().message));
  out = *t;
  return {};
}

}  // namespace

Result<PrivacyConfig> privacy_config_from_yaml(const YAML::Node& section) {
  PrivacyConfig config;
  if (!section) return config;
  if (!section.IsMap()) return fail(ErrorCode::config, "privacy: expected a map");
  if (auto r = check_keys(section,
                          {"explanations", "neighbour_house_distance", "bulk_export_count",
                           "bulk_export_window", "out_of_care_window", "off_hours_share",
                           "volume_min_patients", "volume_deviations"},
                          "privacy");
      !r)
    return Unexpected(r.error());
  if (section["explanations"]) {
    auto rules = explanation_rules_from_yaml(section["explanations"], "privacy.explanations");
    if (!rules) return Unexpected(rules.error());
    config.explanations = std::move(*rules);
  }
  DetectorOptions& d = config.detectors;
  if (auto r = read_key(section, "neighbour_house_distance", d.neighbour_house_distance, "privacy"); !r)
    return Unexpected(r.error());
  if (auto r = read_key(section, "bulk_export_count", d.bulk_export_count, "privacy"); !r)
    return Unexpected(r.error());
  if (auto r = read_duration(section, "out_of_care_window", d.out_of_care_window); !r)
    return Unexpected(r.error());
  if (auto r = read_duration(section, "bulk_export_window", d.bulk_export_window); !r)
    return Unexpected(r.error());
  if (auto r = read_key(section, "off_hours_share", d.habits.off_hours_share, "privacy"); !r)
    return Unexpected(r.error());
  if (auto r = read_key(section, "volume_min_patients", d.habits.volume_min_patients, "privacy"); !r)
    return Unexpected(r.error());
  if (auto r = read_key(section, "volume_deviations", d.habits.volume_deviations, "privacy"); !r)
    return Unexpected(r.error());
  if (d.neighbour_house_distance < 0 || d.bulk_export_count < 2)
    return fail(ErrorCode::config,
                "privacy: neighbour_house_distance must be >= 0 and bulk_export_count >= 2");
  if (d.habits.off_hours_share < 0 || d.habits.off_hours_share > 1 || d.habits.volume_deviations <= 0)
    return fail(ErrorCode::config,
                "privacy: off_hours_share must be between 0 and 1 and volume_deviations above 0");
  return config;
}

namespace {

constexpr std::size_t kUnknown = ~std::size_t{0};

constexpr auto kLoadPollInterval = std::chrono::milliseconds(50);  // a run beside a load looks for more

// An access with a finding; the habit findings are added when cases are built.
struct Flagged {
  Access access;
  std::optional<Explanation> explanation;
  std::vector<Finding> findings;
  std::size_t user_at = kUnknown, patient_at = kUnknown;  // the people's directory indexes
};

// The explanation an optional holds, nullptr when none.
const Explanation* held(const std::optional<Explanation>& x) { return x ? &*x : nullptr; }

bool has_curiosity(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.category == "curiosity"; });
}

// What a user reads of an explanation: whether there is one, its code and its evidence.
bool same_explanation(const std::optional<Explanation>& x, const std::optional<Explanation>& y) {
  return x.has_value() == y.has_value() && (!x || (x->code == y->code && x->evidence == y->evidence));
}

bool same_case(const store::CaseRecord& x, const store::CaseRecord& y) {
  return x.score == y.score && x.categories == y.categories && x.reason == y.reason &&
         x.first == y.first && x.last == y.last && x.seqs == y.seqs && x.user_id == y.user_id &&
         x.patient_id == y.patient_id;
}

// Cases are built one user at a time: everything a case holds (the user's flagged accesses,
// bursts, volume days) is that user's. A user is named by their key: the directory's id, else
// the id the access recorded (as Habits and case keys name them).
std::string user_key(const Access& a) { return a.user != nullptr ? a.user->id : a.user_id; }

// The people a directory change touched, by index: their accesses are explained again.
struct Touched {
  Touched(const DirectoryIndex::Changes& changes, const store::DirectorySnapshot& directory)
      : users(directory.workforce.size()), patients(directory.patients.size()) {
    for (std::size_t i : changes.users) users[i] = 1;
    for (std::size_t i : changes.patients) patients[i] = 1;
  }
  bool has(std::size_t user, std::size_t patient) const {
    return (user != kUnknown && users[user] != 0) || (patient != kUnknown && patients[patient] != 0);
  }
  std::vector<char> users, patients;
};

}  // namespace

struct PrivacyEngine::State {
  State(store::Store& s, PrivacyConfig c) : store(s), config(std::move(c)), explainer(config.explanations) {}

  store::Store& store;
  PrivacyConfig config;
  Explainer explainer;
  std::unique_ptr<DirectoryIndex> directory;
  std::unique_ptr<Habits> habits;  // refers to *directory
  std::unique_ptr<BulkExportDetector> bulk;
  std::unordered_map<std::string, std::vector<Flagged>> flagged;  // by user key, in seq order
  std::int64_t last_seq = 0;     // the newest access taken
  // The newest event of any kind the last read of accesses saw: events up to it are looked at,
  // so a store that receives mostly other events (syslog) is not read again from last_seq on
  // every commit.
  std::int64_t scanned_seq = 0;
  PrivacyRunSummary totals;  // accesses, explained, unknown people, explained_by
  // Users whose cases are to be built again: their flagged accesses or habits changed, or
  // (until a save succeeds) their changes are not in the store yet.
  std::set<std::string> dirty;
  std::set<std::string> flagged_changed;  // users whose flagged accesses changed since the last build
  std::map<std::string, std::uint64_t> findings;  // category -> accesses, over every user
  std::unordered_map<std::string, std::map<std::string, std::uint64_t>> findings_of;  // by user key
  struct Saved {
    std::string user;  // key
    store::CaseRecord record;
  };
  std::map<std::string, Saved> saved;  // by case key: the cases as the store holds them
  std::unordered_map<std::string, std::set<std::string>> saved_keys_of;  // by user key

  void reset(store::DirectorySnapshot snapshot) {
    directory = std::make_unique<DirectoryIndex>(std::move(snapshot));
    habits = std::make_unique<Habits>(*directory, config.detectors.local_zone, config.detectors.habits);
    bulk = std::make_unique<BulkExportDetector>(config.detectors);
    flagged.clear();
    last_seq = 0;
    scanned_seq = 0;
    totals = {};
    dirty.clear();
    flagged_changed.clear();
    findings.clear();
    findings_of.clear();
    saved.clear();
    saved_keys_of.clear();
  }

  std::optional<Explanation> explain(const Access& a) const {
    return explainer.explain(a, encounters_for(a, *directory));
  }

  // What an access's explanation row says when nothing explains it.
  static std::string_view unexplained_evidence(const Access& a) {
    return a.user == nullptr      ? "the user is not in the directory"
           : a.patient == nullptr ? "the patient is not in the directory"
                                  : "";
  }
  // The code and evidence of an access's explanation row.
  static std::pair<std::string_view, std::string_view> row_text(const Access& a, const Explanation* why) {
    if (why) return {why->code, why->evidence};
    return {std::string_view(), unexplained_evidence(a)};
  }
  static std::int64_t text_hash_of(const Access& a, const Explanation* why) {
    const auto [code, evidence] = row_text(a, why);
    return store::explanation_text_hash(code, evidence);
  }
  // The access's explanation row; `hash` is text_hash_of(a, why), when computed already.
  static void add_row(store::ExplanationBatch& out, const Access& a, const Explanation* why,
                      std::int64_t hash) {
    const auto [code, evidence] = row_text(a, why);
    out.add(a.seq, why != nullptr, code, evidence, hash);
  }
  static void add_row(store::ExplanationBatch& out, const Access& a, const Explanation* why) {
    add_row(out, a, why, text_hash_of(a, why));
  }

  // Adds an access's explanation and unknown people to the totals, or takes them back out.
  void count(bool user_known, bool patient_known, const Explanation* why, bool add) {
    auto bump = [add](std::uint64_t& n) { n = add ? n + 1 : n - 1; };
    if (!user_known) bump(totals.unknown_users);
    if (!patient_known) bump(totals.unknown_patients);
    if (!why) return;
    bump(totals.explained);
    auto by_rule = totals.explained_by.try_emplace(why->code, 0).first;
    bump(by_rule->second);
    if (by_rule->second == 0) totals.explained_by.erase(by_rule);
  }

  // Into its user's flagged accesses, in seq order as a full run reads them (an access that
  // moved from another user may be older than theirs).
  void flag(Flagged f) {
    f.user_at = f.access.user != nullptr ? directory->index_of(*f.access.user) : kUnknown;
    f.patient_at = f.access.patient != nullptr ? directory->index_of(*f.access.patient) : kUnknown;
    const std::string user = user_key(f.access);
    std::vector<Flagged>& list = flagged[user];
    auto at = std::upper_bound(list.begin(), list.end(), f.access.seq,
                               [](std::int64_t seq, const Flagged& x) { return seq < x.access.seq; });
    list.insert(at, std::move(f));
    flagged_changed.insert(user);
  }

  // What one new access says on its own: its people, explanation and findings. Reads only the
  // directory and the rules, so many run at once (add_accesses).
  struct Judged {
    Access access;
    ExplanationMemo::Ref why;  // nullptr: nothing explains it
    std::vector<Finding> found;
    std::int64_t text_hash = 0;  // of the explanation row's text, hashed here rather than in take()
    const Explanation* explanation() const { return why ? &why->explanation : nullptr; }
  };
  Judged judge(store::EventRow&& row, ExplanationMemo& memo) const {
    Access access = access_from_event(std::move(row), *directory);
    const auto encounters = encounters_for(access, *directory);
    return judge(std::move(access), encounters, memo);
  }
  Judged judge(Access&& access, std::span<const EncounterRecord* const> encounters, ExplanationMemo& memo) const {
    ExplanationMemo::Ref why = memo.explain(access, encounters);
    return judge(std::move(access), std::move(why));
  }
  // With its explanation found already.
  Judged judge(Access&& access, ExplanationMemo::Ref why) const {
    Judged j{std::move(access), std::move(why), {}};
    j.found = findings_for(j.access, j.explanation(), *directory, config.detectors);
    j.text_hash = j.why ? j.why->text_hash : text_hash_of(j.access, nullptr);
    return j;
  }

  // Takes a judged access in seq order: its explanation row, and into the totals, the habits,
  // the bulk detector and `flagged` (the access moves there when it has findings). What is left
  // of `j` is the caller's to free.
  void take(Judged& j, store::ExplanationBatch& out) {
    Access& a = j.access;
    last_seq = std::max(last_seq, a.seq);
    ++totals.accesses;
    const Explanation* why = j.explanation();
    count(a.user != nullptr, a.patient != nullptr, why, true);
    // A memo's explanations live no longer than the add_accesses that made them, and so fill
    // one batch: the batch they name is `out`, or none.
    if (j.why && j.why->batch == &out) {
      out.add(a.seq, true, j.why->text_in_batch);
    } else if (j.why) {
      j.why->text_in_batch = out.add(a.seq, true, why->code, why->evidence, j.text_hash);
      j.why->batch = &out;
    } else {
      add_row(out, a, why, j.text_hash);
    }
    habits->add(a);
    bulk->add(a);
    if (!j.found.empty())
      flag({std::move(a), why != nullptr ? std::optional(*why) : std::nullopt, std::move(j.found)});
  }

  // Every access the store holds after the events looked at: the store's parts of them are
  // read and judged on worker threads, and taken in seq order on this one. Their explanation
  // rows go to `out`; returns how many were read. With `loading` (a run beside `ward import`),
  // reads on as the store commits more, a chunk at a time, and returns once the load has ended
  // and all it committed is read.
  Result<std::uint64_t> add_accesses(store::ExplanationBatch& out, const Loading* loading = nullptr) {
    // Asked before the scan is made: a scan made after the load ended holds all it committed.
    bool ended = loading == nullptr || !loading->more_coming();
    // Beside a load, the store hands over what it commits; before the first scan, so that the
    // scan reads what was committed before.
    std::optional<HandedEventQueue> handed;
    store::CommitSubscription handing;  // after `handed`: ends before it goes
    if (!ended && loading->handed_batches > 0) {
      handed.emplace(loading->handed_batches);
      handing = store.hand_events_to(*handed);
    }
    auto first = store.scan_accesses(std::max(last_seq, scanned_seq));
    if (!first) return Unexpected(first.error());
    std::uint64_t n = 0;
    if (ended && (*first)->parts() <= 1) {  // a live catch-up: a few accesses, no threads
      const store::AccessScan& accesses = **first;
      ExplanationMemo memo(explainer);
      for (std::size_t i = 0; i < accesses.parts(); ++i) {
        auto r = accesses.read_part(i, [&](store::EventRow& row) -> Result<void> {
          ++n;
          Judged j = judge(std::move(row), memo);
          take(j, out);
          return {};
        });
        if (!r) return Unexpected(r.error());
      }
      scanned_seq = std::max(scanned_seq, accesses.newest_seq());
      return n;
    }
    struct Part {
      std::vector<Judged> judged;
      std::optional<Error> error;
      bool handed = false;  // its accesses were handed over, not read back
    };
    // The parts' judged accesses once taken, freed by a worker as it starts its next part (they
    // were made on the workers; this thread, which takes every part in order, has no time to
    // spare), each vector then used again for that part.
    struct SpentParts {
      std::mutex mu;
      std::vector<std::vector<Judged>> spent;
      void give(std::vector<Judged>&& judged) {
        std::lock_guard lock(mu);
        spent.push_back(std::move(judged));
      }
      std::vector<Judged> take_emptied() {
        std::vector<Judged> judged;
        {
          std::lock_guard lock(mu);
          if (spent.empty()) return judged;
          judged = std::move(spent.back());
          spent.pop_back();
        }
        judged.clear();
        return judged;
      }
    } spent_parts;
    std::optional<Error> failed;
    auto take_part = [&](Part& part) {
      if (part.error && !failed) failed = std::move(part.error);
      if (failed) return;
      n += part.judged.size();
      if (part.handed) totals.handed_over += part.judged.size();
      // What take() touches of an access lies all over memory (its explanation as a worker made
      // it, that text's slot in `out`, its user's habits): asked for ahead, first what the
      // access points to, then, once that is here, what those point to.
      constexpr std::size_t kFar = 16, kNear = 8;
      std::vector<Judged>& judged = part.judged;
      for (std::size_t k = 0; k < judged.size(); ++k) {
        if (k + kFar < judged.size()) {
          const Judged& far = judged[k + kFar];
          prefetch_lines(far.why.get(), sizeof(ExplanationMemo::Shared));
          habits->prefetch_user(far.access);
        }
        if (k + kNear < judged.size()) {
          const Judged& near = judged[k + kNear];
          if (near.why && near.why->batch != &out) out.prefetch(near.text_hash);
          habits->prefetch_list_end(near.access);
        }
        take(judged[k], out);
      }
      spent_parts.give(std::move(part.judged));
    };
    const std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<ExplanationMemo> memos(threads, ExplanationMemo(explainer));  // one per worker
    std::vector<PeopleByKeySeen> people_seen(threads);  // one per worker, for handed accesses
    // A worker's part as read, before it is judged; kept from part to part (each is ~1 MB, and
    // freeing a block that large makes the allocator sweep its free lists).
    struct ReadPart {
      std::vector<Access> accesses;
      std::vector<std::span<const EncounterRecord* const>> encounters;
      std::vector<std::optional<ExplanationInputs>> matched;  // explainer.match of each
      std::vector<std::uint64_t> hashes;                      // ExplanationMemo::hash_of each match
      void clear() {
        accesses.clear();
        encounters.clear();
        matched.clear();
        hashes.clear();
      }
      void add(Access&& a, const DirectoryIndex& directory) {
        accesses.push_back(std::move(a));
        encounters.push_back(encounters_for(accesses.back(), directory));
      }
    };
    std::vector<ReadPart> read_parts(threads);  // one per worker
    // A part as read, judged: every access matched first, then its explanation taken from the
    // memo with the memo's slots of the one kMemoAhead on asked for (the memo is larger than
    // the caches: each look-up would wait for memory).
    auto judge_part = [this](ReadPart& read, ExplanationMemo& memo, Part& part) {
      auto& [accesses, encounters, matched, hashes] = read;
      for (std::size_t k = 0; k < accesses.size(); ++k) {
        prefetch_for_matching(encounters, k);
        matched.push_back(explainer.match(accesses[k], encounters[k]));
        hashes.push_back(matched.back() ? ExplanationMemo::hash_of(*matched.back()) : 0);
      }
      constexpr std::size_t kMemoAhead = 6;
      part.judged.reserve(accesses.size());
      for (std::size_t k = 0; k < accesses.size(); ++k) {
        if (k + kMemoAhead < matched.size() && matched[k + kMemoAhead]) memo.prefetch(hashes[k + kMemoAhead]);
        // Explained before the access moves: the match's views may point into it.
        ExplanationMemo::Ref why = matched[k] ? memo.explain(*matched[k], hashes[k]) : nullptr;
        part.judged.push_back(judge(std::move(accesses[k]), std::move(why)));
      }
    };
    // Each scan with its people, alive until its parts are taken.
    struct Scan {
      std::unique_ptr<store::AccessScan> accesses;
      std::unique_ptr<PeopleByKey> people;
    };
    std::deque<Scan> scans;
    // The newest event the scans and handed batches queued so far hold; scanned_seq moves there
    // once every part is taken, so a failed read is read again by the next catch-up.
    std::int64_t queued_up_to = std::max(last_seq, scanned_seq);
    OrderedWork<Part> work(threads, 4 * threads);
    auto queue = [&](std::unique_ptr<store::AccessScan> accesses) {
      Scan& scan = scans.emplace_back();  // a deque: the jobs' references to it stay valid
      scan.accesses = std::move(accesses);
      // The dictionary only grows during a run: the people of the keys the scan before looked
      // up are taken from it.
      const std::span<const std::string> dictionary = scan.accesses->dictionary();
      scan.people = scans.size() > 1 ? std::make_unique<PeopleByKey>(*scans[scans.size() - 2].people, dictionary, *directory)
                                     : std::make_unique<PeopleByKey>(dictionary, *directory);
      for (std::size_t i = 0; i < scan.accesses->parts() && !failed; ++i)
        work.add(
            [this, &scan, &memos, &read_parts, &judge_part, &spent_parts, i](std::size_t worker) {
              Part part{.judged = spent_parts.take_emptied()};
              // The part read first, then judged with what matching reads fetched ahead
              // (prefetch_for_matching).
              ReadPart& read = read_parts[worker];
              read.clear();
              auto r = scan.accesses->read_part(i, [&](store::EventRow& row) -> Result<void> {
                read.add(access_from_event(std::move(row), *directory, scan.people.get()), *directory);
                return {};
              });
              if (!r) {
                part.error = r.error();
                return part;
              }
              judge_part(read, memos[worker], part);
              return part;
            },
            take_part);
      queued_up_to = std::max(queued_up_to, scan.accesses->newest_seq());
    };
    // A batch the store handed over, in parts of kHandedPartEvents. The store hands batches in
    // commit order, but not every batch (one with a duplicate, or while the run held enough):
    // what lies between the last queued and this one is read from the store first, and a batch
    // a scan of the store has read (some of) already is read from the store.
    constexpr std::size_t kHandedPartEvents = 4096;
    auto queue_handed = [&](std::shared_ptr<const store::HandedEvents> batch) -> Result<void> {
      if (batch->newest_seq() <= queued_up_to) return {};
      if (batch->after_seq != queued_up_to) {
        const std::int64_t through = batch->after_seq > queued_up_to ? batch->after_seq : batch->newest_seq();
        auto between = store.scan_accesses_through(queued_up_to, through);
        if (!between) return Unexpected(between.error());
        queue(std::move(*between));
        if (batch->after_seq != queued_up_to) return {};
      }
      for (std::size_t from = 0; from < batch->by_seq.size() && !failed; from += kHandedPartEvents) {
        const std::size_t to = std::min(batch->by_seq.size(), from + kHandedPartEvents);
        work.add(
            [this, batch, from, to, &memos, &read_parts, &people_seen, &judge_part, &spent_parts](std::size_t worker) {
              Part part{.judged = spent_parts.take_emptied()};
              part.handed = true;
              ReadPart& read = read_parts[worker];
              read.clear();
              const std::vector<Event>& events = batch->events.events();
              for (std::size_t i = from; i < to; ++i) {
                const std::uint32_t at = batch->by_seq[i];
                if (events[at].kind != EventKind::ehr_access) continue;
                Access a = access_from_event(events[at], batch->after_seq + 1 + static_cast<std::int64_t>(i));
                people_seen[worker].resolve(a, batch->keys[at], *directory);
                read.add(std::move(a), *directory);
              }
              judge_part(read, memos[worker], part);
              return part;
            },
            take_part);
      }
      queued_up_to = batch->newest_seq();
      return {};
    };
    auto queue_all_handed = [&]() -> Result<void> {
      if (!handed) return {};
      for (auto& batch : handed->take())
        if (auto r = queue_handed(std::move(batch)); !r) return r;
      return {};
    };
    queue(std::move(*first));
    while (!ended && !failed) {
      // Until a chunk worth a scan is committed and not handed over, or the load ends; what is
      // judged meanwhile is taken, what is handed over queued.
      while (true) {
        work.take_done(take_part);
        if (auto r = queue_all_handed(); !r) return Unexpected(r.error());
        if ((ended = !loading->more_coming())) break;
        auto newest = store.last_event_seq();
        if (!newest) return Unexpected(newest.error());
        if (*newest - queued_up_to >= loading->scan_events) break;
        if (handed) {
          handed->wait(kLoadPollInterval);
        } else {
          std::this_thread::sleep_for(kLoadPollInterval);
        }
      }
      // The load's last batches were handed over before it ended.
      if (ended)
        if (auto r = queue_all_handed(); !r) return Unexpected(r.error());
      auto next = store.scan_accesses(queued_up_to);
      if (!next) return Unexpected(next.error());
      queue(std::move(*next));
    }
    work.finish(take_part);
    if (failed) return Unexpected(*failed);
    scanned_seq = queued_up_to;
    return n;
  }

  // After the directory changed: every access it may explain or judge differently — those of
  // the users and patients it changed, and those whose people it now names otherwise — again
  // (counted in `examined`). New explanation rows go to `out`; accesses with findings are in
  // `flagged`, the others leave it. Returns how many explanations changed.
  Result<std::uint64_t> reexplain(const DirectoryIndex::Changes& changes, store::ExplanationBatch& out,
                                  std::uint64_t& examined) {
    const Touched touched(changes, directory->snapshot());
    std::set<std::int64_t> seen;  // accesses explained again
    std::uint64_t changed = reexplain_flagged(touched, out, examined, seen);
    auto stored = reexplain_stored(changes, touched, out, examined, seen);
    if (!stored) return Unexpected(stored.error());
    return changed + *stored;
  }

  // The flagged accesses (held here), each added to `seen`.
  std::uint64_t reexplain_flagged(const Touched& touched, store::ExplanationBatch& out,
                                  std::uint64_t& examined, std::set<std::int64_t>& seen) {
    std::uint64_t changed = 0;
    std::vector<Flagged> moved;  // to another user's list
    for (auto& [user, list] : flagged) {
      bool list_changed = false;
      for (Flagged& f : list) {
        // Pointers from before the change may dangle: look the people up again first.
        const bool user_known = f.access.user != nullptr, patient_known = f.access.patient != nullptr;
        const std::size_t user_was = f.user_at, patient_was = f.patient_at;
        resolve_people(f.access, *directory);
        f.user_at = f.access.user != nullptr ? directory->index_of(*f.access.user) : kUnknown;
        f.patient_at = f.access.patient != nullptr ? directory->index_of(*f.access.patient) : kUnknown;
        if (f.user_at == user_was && f.patient_at == patient_was && !touched.has(f.user_at, f.patient_at)) continue;
        list_changed = true;
        ++examined;
        seen.insert(f.access.seq);
        count(user_known, patient_known, held(f.explanation), false);
        std::optional<Explanation> why = explain(f.access);
        count(f.access.user != nullptr, f.access.patient != nullptr, held(why), true);
        // The row also says when the user or the patient is not in the directory.
        if (!same_explanation(why, f.explanation) || user_known != (f.access.user != nullptr) ||
            patient_known != (f.access.patient != nullptr)) {
          ++changed;
          add_row(out, f.access, held(why));
        }
        f.explanation = std::move(why);
        f.findings = findings_for(f.access, held(f.explanation), *directory, config.detectors);
        if (!f.findings.empty() && user_key(f.access) != user) {
          moved.push_back(std::move(f));
          f.findings.clear();  // leaves this list below
        }
      }
      if (!list_changed) continue;
      std::erase_if(list, [](const Flagged& f) { return f.findings.empty(); });
      flagged_changed.insert(user);
    }
    for (Flagged& f : moved) flag(std::move(f));
    std::erase_if(flagged, [](const auto& entry) { return entry.second.empty(); });
    return changed;
  }

  // The accesses nothing flagged, of the users and patients that changed, read back from the
  // store: one a late record explains otherwise, or finds something about (a patient flagged
  // confidential), is explained again and flagged.
  Result<std::uint64_t> reexplain_stored(const DirectoryIndex::Changes& changes, const Touched& touched,
                                         store::ExplanationBatch& out, std::uint64_t& examined,
                                         std::set<std::int64_t>& seen) {
    const auto& snapshot = directory->snapshot();
    const std::set<std::string> new_ids(changes.new_ids.begin(), changes.new_ids.end());
    // Whether the directory knew the access's people before this change.
    auto knew = [&](const std::string& id, bool known_now) { return known_now && new_ids.count(id) == 0; };
    std::uint64_t changed = 0;
    auto each = [&](const store::EventRow& row) {
      if (row.kind != EventKind::ehr_access || row.seq > last_seq || seen.count(row.seq) != 0) return;
      Access a = access_from_event(row, *directory);
      // The store finds accesses under every alias; the engine's are the people it resolves.
      if (!touched.has(a.user != nullptr ? directory->index_of(*a.user) : kUnknown,
                       a.patient != nullptr ? directory->index_of(*a.patient) : kUnknown))
        return;
      seen.insert(row.seq);
      std::optional<Explanation> was;
      if (row.explained == store::EventRow::Explained::yes) was = Explanation{row.explanation_code, row.explanation_evidence};
      std::optional<Explanation> why = explain(a);
      const bool user_known = knew(a.user_id, directory->user(a.user_id) != nullptr);
      const bool patient_known = knew(a.patient_id, directory->patient(a.patient_id) != nullptr) ||
                                 knew(a.patient_mrn, directory->patient(a.patient_mrn) != nullptr);
      ++examined;
      count(user_known, patient_known, held(was), false);
      count(a.user != nullptr, a.patient != nullptr, held(why), true);
      const auto [code, evidence] = row_text(a, held(why));
      if (why.has_value() != was.has_value() || code != row.explanation_code || evidence != row.explanation_evidence) {
        ++changed;
        add_row(out, a, held(why));
      }
      std::vector<Finding> found = findings_for(a, held(why), *directory, config.detectors);
      if (!found.empty()) flag({std::move(a), std::move(why), std::move(found)});
    };
    auto read = [&](store::EventQuery query) -> Result<void> {
      query.limit = 1000;
      do {
        auto page = store.find_events(query);
        if (!page) return Unexpected(page.error());
        for (const store::EventRow& row : page->rows) each(row);
        query.cursor = page->next_cursor;
      } while (!query.cursor.empty());
      return {};
    };
    for (std::size_t i : changes.patients)
      if (auto r = read({.patient = snapshot.patients[i].id}); !r) return Unexpected(r.error());
    for (std::size_t i : changes.users)
      if (auto r = read({.user = snapshot.workforce[i].id}); !r) return Unexpected(r.error());
    return changed;
  }

  // The cases of the dirty users, with the habit findings as they now stand: what changed
  // against the store (`changed`, `gone`). The habits' unexplained patients of the users whose
  // flagged accesses changed are updated first, and the users whose habits moved join `dirty`.
  struct CaseChanges {
    std::vector<store::CaseRecord> changed;
    std::vector<std::string> gone;
    std::vector<std::pair<std::string, std::string>> owners;  // user key, case key: of `changed`
    std::map<std::string, std::map<std::string, std::uint64_t>> findings_of;  // by user key
  };
  CaseChanges build_cases() {
    dirty.insert(flagged_changed.begin(), flagged_changed.end());
    for (const std::string& user : flagged_changed) {
      habits->clear_unexplained(user);
      if (auto it = flagged.find(user); it != flagged.end())
        for (const Flagged& f : it->second)
          if (has_curiosity(f.findings)) habits->add_unexplained(f.access);
    }
    flagged_changed.clear();
    for (std::string& user : habits->finish()) dirty.insert(std::move(user));

    // Bursts are by the user as recorded: which of those are the dirty users'.
    std::unordered_map<std::string, std::vector<std::string>> exporters;  // user key -> ids as recorded
    for (std::string& id : bulk->user_ids()) {
      const WorkforceMember* w = directory->user(id);
      std::string key = w != nullptr ? w->id : id;
      if (dirty.count(key) != 0) exporters[std::move(key)].push_back(std::move(id));
    }
    CaseChanges out;
    std::set<std::string> built;
    for (const std::string& user : dirty) {
      auto& found = out.findings_of[user];
      auto exporter = exporters.find(user);
      for (store::CaseRecord& c : cases_of(user, exporter == exporters.end() ? nullptr : &exporter->second, found)) {
        built.insert(c.key);
        auto it = saved.find(c.key);
        if (it != saved.end() && it->second.user == user && same_case(it->second.record, c)) continue;
        out.owners.emplace_back(user, c.key);
        out.changed.push_back(std::move(c));
      }
    }
    for (const std::string& user : dirty)
      if (auto it = saved_keys_of.find(user); it != saved_keys_of.end())
        for (const std::string& key : it->second)
          if (built.count(key) == 0) out.gone.push_back(key);
    return out;
  }

  // One user's cases: their flagged accesses with the habit findings, their bulk-export bursts
  // (`exported_as`: the ids they exported under) and their days of anomalous volume. Adds what
  // was found to `found` (category -> accesses).
  std::vector<store::CaseRecord> cases_of(const std::string& user, const std::vector<std::string>* exported_as,
                                          std::map<std::string, std::uint64_t>& found) const {
    CaseBuilder cases(config.detectors.local_zone);
    if (auto it = flagged.find(user); it != flagged.end()) {
      for (const Flagged& f : it->second) {
        std::vector<Finding> all = f.findings;
        add_habit_findings(f.access, held(f.explanation), *habits, all);
        for (const Finding& finding : all) ++found[finding.category];
        cases.add(f.access, all, held(f.explanation) != nullptr);
      }
    }
    auto name_of = [&](const std::string& user_id) {
      const WorkforceMember* w = directory->user(user_id);
      return w != nullptr ? w->name : std::string();
    };
    WallClock clock(config.detectors.local_zone);
    std::set<std::pair<std::string, std::int64_t>> burst_days;  // user as recorded, day
    if (exported_as != nullptr) {
      std::vector<BulkExportDetector::Burst> bursts;
      for (const std::string& id : *exported_as)
        for (BulkExportDetector::Burst& b : bulk->bursts_of(id)) bursts.push_back(std::move(b));
      std::sort(bursts.begin(), bursts.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
      for (const auto& burst : bursts) {
        cases.add_burst(burst, name_of(burst.user_id));
        found["bulk_export"] += burst.seqs.size();
        burst_days.emplace(burst.user_id, clock.at(burst.first).day);
      }
    }
    // A day with a bulk export is that case already.
    for (const auto& day : habits->volume_days_of(user)) {
      if (burst_days.count({day.user_id, day.day}) != 0) continue;
      Access who;
      who.user_id = day.user_id;
      who.user = directory->user(day.user_id);
      cases.add_volume(day, name_of(day.user_id), habits->group_name(who));
      found["volume"] += day.seqs.size();
    }
    return cases.cases();
  }

  // After the store took `c`: the saved cases, the findings and `dirty` as they now stand.
  void saved_as(CaseChanges& c) {
    for (const std::string& key : c.gone) {
      auto it = saved.find(key);
      if (it == saved.end()) continue;
      saved_keys_of[it->second.user].erase(key);
      saved.erase(it);
    }
    for (std::size_t i = 0; i < c.changed.size(); ++i) {
      const auto& [user, key] = c.owners[i];
      auto it = saved.find(key);
      if (it != saved.end() && it->second.user != user) saved_keys_of[it->second.user].erase(key);
      saved_keys_of[user].insert(key);
      saved.insert_or_assign(key, Saved{user, std::move(c.changed[i])});
    }
    for (auto& [user, found] : c.findings_of) {
      auto& before = findings_of[user];
      for (const auto& [category, n] : before)
        if ((findings[category] -= n) == 0) findings.erase(category);
      for (const auto& [category, n] : found) findings[category] += n;
      before = std::move(found);
      if (before.empty()) findings_of.erase(user);
      if (auto it = saved_keys_of.find(user); it != saved_keys_of.end() && it->second.empty()) saved_keys_of.erase(it);
    }
    dirty.clear();
  }

  PrivacyRunSummary summary() const {
    PrivacyRunSummary s = totals;
    s.findings = findings;
    s.cases = saved.size();
    return s;
  }
};

PrivacyEngine::PrivacyEngine(store::Store& store, PrivacyConfig config)
    : state_(std::make_unique<State>(store, std::move(config))) {}
PrivacyEngine::~PrivacyEngine() = default;

PrivacyRunSummary PrivacyEngine::summary() const { return state_->summary(); }

Result<PrivacyRunSummary> PrivacyEngine::run(const Loading* loading) {
  State& s = *state_;
  // Rules a privacy officer accepted from dismissed cases follow the configured ones.
  auto rules = with_accepted_rules(s.store, s.config.explanations);
  if (!rules) return Unexpected(rules.error());
  s.explainer = Explainer(std::move(*rules));
  auto snapshot = s.store.directory_snapshot();
  if (!snapshot) return Unexpected(snapshot.error());
  s.reset(std::move(*snapshot));
  store::ExplanationBatch explanations;
  if (auto r = s.add_accesses(explanations, loading); !r) return Unexpected(r.error());
  // The cases are built on another thread while the store writes the explanations (neither
  // reads what the other writes). Every user is new to the habits: finish() names them all.
  State::CaseChanges cases;
  std::vector<store::CaseRecord> all;
  auto building = std::async(std::launch::async, [&s, &cases, &all] {
    cases = s.build_cases();
    all = cases.changed;
    std::sort(all.begin(), all.end(), [](const store::CaseRecord& x, const store::CaseRecord& y) {
      return x.score != y.score ? x.score > y.score : x.first < y.first;
    });
  });
  auto saved = s.store.save_privacy_run_with(explanations, [&]() -> const std::vector<store::CaseRecord>& {
    building.wait();
    return all;
  });
  building.get();  // done by now unless saving failed first; rethrows what building threw
  if (!saved) return Unexpected(saved.error());
  s.saved_as(cases);
  return s.summary();
}

Result<CatchUpSummary> PrivacyEngine::catch_up(const store::CommitNotice& changes) {
  State& s = *state_;
  if (s.directory == nullptr) {
    auto full = run();
    if (!full) return Unexpected(full.error());
    return CatchUpSummary{.accesses = full->accesses};
  }
  CatchUpSummary out;
  store::ExplanationBatch explanations;
  // The directory records as the store now holds them (merged with what it had).
  if (!changes.workforce.empty() || !changes.patients.empty()) {
    store::DirectorySnapshot records;
    std::set<std::string> seen;
    for (const std::string& id : changes.workforce) {
      if (!seen.insert("w:" + id).second) continue;
      auto w = s.store.find_workforce(id);
      if (!w) return Unexpected(w.error());
      if (*w) records.workforce.push_back(std::move(**w));
    }
    for (const std::string& id : changes.patients) {
      if (!seen.insert("p:" + id).second) continue;
      auto p = s.store.find_patient(id);
      if (!p) return Unexpected(p.error());
      if (*p) records.patients.push_back(std::move(**p));
      auto encounters = s.store.encounters_of_patient(id);
      if (!encounters) return Unexpected(encounters.error());
      for (EncounterRecord& e : *encounters) records.encounters.push_back(std::move(e));
    }
    const DirectoryIndex::Changes changed = s.directory->apply(std::move(records));
    // A user's name is in the reasons of their burst and volume cases; under an id the
    // directory did not know before, their cases are now another user's.
    for (std::size_t i : changed.users) {
      const WorkforceMember& w = s.directory->snapshot().workforce[i];
      s.dirty.insert(w.id);
      if (!w.employee_id.empty()) s.dirty.insert(w.employee_id);
    }
    auto reexplained = s.reexplain(changed, explanations, out.reexamined);
    if (!reexplained) return Unexpected(reexplained.error());
    out.reexplained = *reexplained;
  }
  auto added = s.add_accesses(explanations);
  if (!added) return Unexpected(added.error());
  out.accesses = *added;
  if (explanations.empty() && s.dirty.empty() && s.flagged_changed.empty()) return out;

  State::CaseChanges cases = s.build_cases();
  if (!explanations.empty() || !cases.changed.empty() || !cases.gone.empty())
    if (auto r = s.store.save_privacy_changes(explanations, cases.changed, cases.gone); !r) return Unexpected(r.error());
  out.cases_saved = cases.changed.size();
  out.cases_gone = cases.gone.size();
  s.saved_as(cases);
  return out;
}

Result<PrivacyRunSummary> run_privacy(store::Store& store, const PrivacyConfig& config) {
  PrivacyEngine engine(store, config);
  return engine.run();
}

}  // namespace ward::privacy
