#include "privacy/engine.h"

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
                           "bulk_export_window", "out_of_care_window"},
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
  if (d.neighbour_house_distance < 0 || d.bulk_export_count < 2)
    return fail(ErrorCode::config,
                "privacy: neighbour_house_distance must be >= 0 and bulk_export_count >= 2");
  return config;
}

Result<PrivacyRunSummary> run_privacy(store::Store& store, const PrivacyConfig& config) {
  auto snapshot = store.directory_snapshot();
  if (!snapshot) return Unexpected(snapshot.error());
  const DirectoryIndex directory(std::move(*snapshot));
  // Rules a privacy officer accepted from dismissed cases follow the configured ones.
  auto rules = with_accepted_rules(store, config.explanations);
  if (!rules) return Unexpected(rules.error());
  const Explainer explainer(std::move(*rules));
  BulkExportDetector bulk(config.detectors);
  CaseBuilder cases(config.detectors.local_zone);
  PrivacyRunSummary summary;
  std::vector<store::ExplanationRow> explanations;

  auto each = [&](const store::EventRow& row) -> Result<void> {
    const Access a = access_from_event(row, directory);

    ++summary.accesses;
    summary.unknown_users += a.user == nullptr;
    summary.unknown_patients += a.patient == nullptr;
    // Without a known patient only purpose rules can apply: they need no encounter.
    const std::optional<Explanation> why = explainer.explain(a, encounters_for(a, directory));
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
    for (const Finding& f : findings) ++summary.findings[f.category];
    cases.add(a, findings);
    bulk.add(a);
    return {};
  };
  if (auto r = store.for_each_access(each); !r) return Unexpected(r.error());

  for (const auto& burst : bulk.bursts()) {
    const WorkforceMember* user = directory.user(burst.user_id);
    cases.add_burst(burst, user != nullptr ? user->name : std::string());
    summary.findings["bulk_export"] += burst.seqs.size();
  }
  std::vector<store::CaseRecord> all = cases.cases();
  summary.cases = all.size();
  if (auto r = store.save_privacy_run(explanations, all); !r) return Unexpected(r.error());
  return summary;
}

}  // namespace ward::privacy
