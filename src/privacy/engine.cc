#include "privacy/engine.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/config_yaml.h"
#include "privacy/accepted_rules.h"
#include "privacy/cases.h"
#include "privacy/directory_index.h"
#include "privacy/event_access.h"

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

// An access with a finding; the habit findings are added when cases are built.
struct Flagged {
  Access access;
  std::optional<Explanation> explanation;
  std::vector<Finding> findings;
};

bool has_curiosity(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.category == "curiosity"; });
}

bool same_case(const store::CaseRecord& x, const store::CaseRecord& y) {
  return x.score == y.score && x.categories == y.categories && x.reason == y.reason &&
         x.first == y.first && x.last == y.last && x.seqs == y.seqs && x.user_id == y.user_id &&
         x.patient_id == y.patient_id;
}

}  // namespace

struct PrivacyEngine::State {
  State(store::Store& s, PrivacyConfig c) : store(s), config(std::move(c)), explainer(config.explanations) {}

  store::Store& store;
  PrivacyConfig config;
  Explainer explainer;
  std::unique_ptr<DirectoryIndex> directory;
  std::unique_ptr<Habits> habits;  // refers to *directory
  std::unique_ptr<BulkExportDetector> bulk;
  std::vector<Flagged> flagged;
  std::int64_t last_seq = 0;
  PrivacyRunSummary totals;  // accesses, explained, unknown people, explained_by
  std::map<std::string, std::uint64_t> findings;  // of the last case build
  std::map<std::string, store::CaseRecord> saved;  // by key: the cases as last saved

  void reset(store::DirectorySnapshot snapshot) {
    directory = std::make_unique<DirectoryIndex>(std::move(snapshot));
    habits = std::make_unique<Habits>(*directory, config.detectors.local_zone, config.detectors.habits);
    bulk = std::make_unique<BulkExportDetector>(config.detectors);
    flagged.clear();
    last_seq = 0;
    totals = {};
    saved.clear();
  }

  std::optional<Explanation> explain(const Access& a) const {
    return explainer.explain(a, encounters_for(a, *directory));
  }

  static store::ExplanationRow row_of(const Access& a, const std::optional<Explanation>& why) {
    store::ExplanationRow x;
    x.seq = a.seq;
    if (why) {
      x.explained = true;
      x.code = why->code;
      x.evidence = why->evidence;
    } else {
      x.evidence = a.user == nullptr      ? "the user is not in the directory"
                   : a.patient == nullptr ? "the patient is not in the directory"
                                          : "";
    }
    return x;
  }

  // Adds an access's explanation and unknown people to the totals, or takes them back out.
  void count(const Access& a, const std::optional<Explanation>& why, bool add) {
    auto bump = [add](std::uint64_t& n) { n = add ? n + 1 : n - 1; };
    if (a.user == nullptr) bump(totals.unknown_users);
    if (a.patient == nullptr) bump(totals.unknown_patients);
    if (!why) return;
    bump(totals.explained);
    bump(totals.explained_by[why->code]);
    if (totals.explained_by[why->code] == 0) totals.explained_by.erase(why->code);
  }

  // One new access: its explanation row, and into the habits, the bulk detector and `flagged`.
  store::ExplanationRow add(const store::EventRow& row) {
    Access a = access_from_event(row, *directory);
    last_seq = std::max(last_seq, a.seq);
    ++totals.accesses;
    const std::optional<Explanation> why = explain(a);
    count(a, why, true);
    store::ExplanationRow x = row_of(a, why);
    auto found = findings_for(a, why, *directory, config.detectors);
    habits->add(a);
    bulk->add(a);
    if (!found.empty()) flagged.push_back({std::move(a), why, std::move(found)});
    return x;
  }

  // After the directory changed: the flagged accesses again, with their people looked up anew.
  // Those that are now explained leave `flagged`; their new explanation rows go to `out`.
  std::uint64_t reexplain(std::vector<store::ExplanationRow>& out) {
    std::uint64_t changed = 0;
    std::vector<Flagged> still;
    still.reserve(flagged.size());
    for (Flagged& f : flagged) {
      count(f.access, f.explanation, false);
      resolve_people(f.access, *directory);
      std::optional<Explanation> why = explain(f.access);
      count(f.access, why, true);
      const bool differs = why.has_value() != f.explanation.has_value() ||
                           (why && (why->code != f.explanation->code || why->evidence != f.explanation->evidence));
      if (differs) {
        ++changed;
        out.push_back(row_of(f.access, why));
      }
      f.explanation = std::move(why);
      f.findings = findings_for(f.access, f.explanation, *directory, config.detectors);
      if (!f.findings.empty()) still.push_back(std::move(f));
    }
    flagged = std::move(still);
    return changed;
  }

  // The cases of everything flagged so far, with the habit findings as they now stand.
  std::vector<store::CaseRecord> build_cases() {
    habits->clear_unexplained();
    for (const Flagged& f : flagged)
      if (has_curiosity(f.findings)) habits->add_unexplained(f.access);
    habits->finish();
    findings.clear();
    CaseBuilder cases(config.detectors.local_zone);
    for (const Flagged& f : flagged) {
      std::vector<Finding> all = f.findings;
      add_habit_findings(f.access, f.explanation, *habits, all);
      for (const Finding& finding : all) ++findings[finding.category];
      cases.add(f.access, all);
    }
    WallClock clock(config.detectors.local_zone);
    std::set<std::pair<std::string, std::int64_t>> burst_days;  // user, day
    auto name_of = [&](const std::string& user_id) {
      const WorkforceMember* user = directory->user(user_id);
      return user != nullptr ? user->name : std::string();
    };
    for (const auto& burst : bulk->bursts()) {
      cases.add_burst(burst, name_of(burst.user_id));
      findings["bulk_export"] += burst.seqs.size();
      burst_days.emplace(burst.user_id, clock.at(burst.first).day);
    }
    // A day with a bulk export is that case already.
    for (const auto& day : habits->volume_days()) {
      if (burst_days.count({day.user_id, day.day}) != 0) continue;
      Access who;
      who.user_id = day.user_id;
      who.user = directory->user(day.user_id);
      cases.add_volume(day, name_of(day.user_id), habits->group_name(who));
      findings["volume"] += day.seqs.size();
    }
    return cases.cases();
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

Result<PrivacyRunSummary> PrivacyEngine::run() {
  State& s = *state_;
  // Rules a privacy officer accepted from dismissed cases follow the configured ones.
  auto rules = with_accepted_rules(s.store, s.config.explanations);
  if (!rules) return Unexpected(rules.error());
  s.explainer = Explainer(std::move(*rules));
  auto snapshot = s.store.directory_snapshot();
  if (!snapshot) return Unexpected(snapshot.error());
  s.reset(std::move(*snapshot));
  std::vector<store::ExplanationRow> explanations;
  auto each = [&](const store::EventRow& row) -> Result<void> {
    explanations.push_back(s.add(row));
    return {};
  };
  if (auto r = s.store.for_each_access(0, each); !r) return Unexpected(r.error());
  std::vector<store::CaseRecord> all = s.build_cases();
  if (auto r = s.store.save_privacy_run(explanations, all); !r) return Unexpected(r.error());
  for (store::CaseRecord& c : all) s.saved.emplace(c.key, std::move(c));
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
  std::vector<store::ExplanationRow> explanations;
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
    s.directory->apply(std::move(records));
    out.reexplained = s.reexplain(explanations);
  }
  auto each = [&](const store::EventRow& row) -> Result<void> {
    explanations.push_back(s.add(row));
    ++out.accesses;
    return {};
  };
  if (auto r = s.store.for_each_access(s.last_seq, each); !r) return Unexpected(r.error());
  if (out.accesses == 0 && out.reexplained == 0 && changes.workforce.empty() && changes.patients.empty())
    return out;

  std::vector<store::CaseRecord> all = s.build_cases();
  std::vector<store::CaseRecord> changed;
  std::set<std::string> keys;
  for (store::CaseRecord& c : all) {
    keys.insert(c.key);
    auto it = s.saved.find(c.key);
    if (it == s.saved.end() || !same_case(it->second, c)) changed.push_back(c);
  }
  std::vector<std::string> gone;
  for (const auto& [key, _] : s.saved)
    if (keys.count(key) == 0) gone.push_back(key);
  if (!explanations.empty() || !changed.empty() || !gone.empty())
    if (auto r = s.store.save_privacy_changes(explanations, changed, gone); !r) return Unexpected(r.error());
  for (const std::string& key : gone) s.saved.erase(key);
  for (store::CaseRecord& c : changed) s.saved.insert_or_assign(c.key, std::move(c));
  out.cases_saved = changed.size();
  out.cases_gone = gone.size();
  return out;
}

Result<PrivacyRunSummary> run_privacy(store::Store& store, const PrivacyConfig& config) {
  PrivacyEngine engine(store, config);
  return engine.run();
}

}  // namespace ward::privacy
