#include "privacy/engine.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/config_yaml.h"
#include "privacy/cases.h"
#include "privacy/directory_index.h"

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

Result<PrivacyRunSummary> run_privacy(store::Store& store, const PrivacyConfig& config) {
  auto snapshot = store.directory_snapshot();
  if (!snapshot) return Unexpected(snapshot.error());
  const DirectoryIndex directory(std::move(*snapshot));
  const Explainer explainer(config.explanations);
  BulkExportDetector bulk(config.detectors);
  Habits habits(directory, config.detectors.local_zone, config.detectors.habits);
  CaseBuilder cases(config.detectors.local_zone);
  PrivacyRunSummary summary;
  std::vector<store::ExplanationRow> explanations;
  // Accesses with a finding wait for the habits of every user, known once all are read.
  struct Flagged {
    Access access;
    std::optional<Explanation> explanation;
    std::vector<Finding> findings;
  };
  std::vector<Flagged> flagged;

  auto each = [&](const store::EventRow& row) -> Result<void> {
    Access a;
    a.seq = row.seq;
    a.event_id = row.event_id;
    a.time = row.time;
    a.action = row.action;
    a.user_id = row.user_id;
    a.patient_id = !row.patient_id.empty() ? row.patient_id : row.patient_mrn;
    a.role = row.role;
    a.department = row.department;
    a.object = row.object;
    a.purpose = row.purpose;
    a.user = directory.user(a.user_id);
    a.patient = directory.patient(a.patient_id);
    if (a.patient == nullptr && !row.patient_mrn.empty()) a.patient = directory.patient(row.patient_mrn);

    ++summary.accesses;
    summary.unknown_users += a.user == nullptr;
    summary.unknown_patients += a.patient == nullptr;
    // Without a known patient only purpose rules can apply: they need no encounter.
    const std::optional<Explanation> why = explainer.explain(
        a, a.patient != nullptr ? directory.encounters_of(*a.patient)
                                : std::span<const EncounterRecord* const>{});
    store::ExplanationRow x;
    x.seq = a.seq;
    if (why) {
      ++summary.explained;
      ++summary.explained_by[why->code];
      x.explained = true;
      x.code = why->code;
      x.evidence = why->evidence;
    } else {
      x.evidence = a.user == nullptr      ? "the user is not in the directory"
                   : a.patient == nullptr ? "the patient is not in the directory"
                                          : "";
    }
    explanations.push_back(std::move(x));
    auto findings = findings_for(a, why, directory, config.detectors);
    habits.add(a);
    if (std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.category == "curiosity"; }))
      habits.add_unexplained(a);
    bulk.add(a);
    if (!findings.empty()) flagged.push_back({std::move(a), why, std::move(findings)});
    return {};
  };
  if (auto r = store.for_each_access(each); !r) return Unexpected(r.error());

  habits.finish();
  for (Flagged& f : flagged) {
    add_habit_findings(f.access, f.explanation, habits, f.findings);
    for (const Finding& finding : f.findings) ++summary.findings[finding.category];
    cases.add(f.access, f.findings);
  }
  WallClock clock(config.detectors.local_zone);
  std::set<std::pair<std::string, std::int64_t>> burst_days;  // user, day
  auto name_of = [&](const std::string& user_id) {
    const WorkforceMember* user = directory.user(user_id);
    return user != nullptr ? user->name : std::string();
  };
  for (const auto& burst : bulk.bursts()) {
    cases.add_burst(burst, name_of(burst.user_id));
    summary.findings["bulk_export"] += burst.seqs.size();
    burst_days.emplace(burst.user_id, clock.at(burst.first).day);
  }
  // A day with a bulk export is that case already.
  for (const auto& day : habits.volume_days()) {
    if (burst_days.count({day.user_id, day.day}) != 0) continue;
    Access who;
    who.user_id = day.user_id;
    who.user = directory.user(day.user_id);
    cases.add_volume(day, name_of(day.user_id), habits.group_name(who));
    summary.findings["volume"] += day.seqs.size();
  }
  std::vector<store::CaseRecord> all = cases.cases();
  summary.cases = all.size();
  if (auto r = store.save_privacy_run(explanations, all); !r) return Unexpected(r.error());
  return summary;
}

}  // namespace ward::privacy
