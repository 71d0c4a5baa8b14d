// `ward detect --rules DIR [--check] [--output table|json] [--format F] [--logsource L] [--save]
// [--threads N] [--time-field F] [--lateness D] FILES…`: load Sigma rules (and filters and correlations), report which do not compile, or hunt
// through JSON event files and Ward's log formats, keeping what matched as alerts in the store
// with --save (docs/detection.md).
#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/detect_alerts.h"
#include "cli/saved_alerts.h"
#include "cli/ward_config.h"
#include "sigma/correlation_hunt.h"
#include "sigma/hunt.h"
#include "sigma/rule_set.h"

namespace ward::cli {
namespace {

struct DetectOptions {
  std::vector<std::string> rule_folders;
  std::vector<std::string> inputs;
  std::vector<std::string> placeholders;  // NAME=VALUE
  std::string output = "table";
  std::string time_field;  // correlations: where an event's time is
  std::string lateness;    // correlations: "" = hold all matches and sort them; else a bound
  std::string format = "auto";
  std::string logsource;  // product:windows,category:process_creation
  bool check = false;
  bool save = false;  // keep the matches as alerts in the store of --data
  unsigned threads = 0;  // hunting threads; 0 = one per hardware thread
};

Result<sigma::CompileOptions> compile_options(const DetectOptions& o, const WardConfig& config) {
  sigma::CompileOptions options = sigma::compile_options(config.detection);
  // A name given with --placeholder replaces ward.yaml's values for it.
  std::map<std::string, std::vector<std::string>, std::less<>> flags;
  for (const std::string& p : o.placeholders) {
    const std::size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0)
      return fail(ErrorCode::config, fmt::format("--placeholder '{}': expected NAME=VALUE", p));
    std::string name = p.substr(0, eq);
    if (name.size() > 2 && name.front() == '%' && name.back() == '%') name = name.substr(1, name.size() - 2);
    flags[name].push_back(p.substr(eq + 1));
  }
  for (auto& [name, values] : flags) options.placeholders[name] = std::move(values);
  return options;
}

Result<sigma::HuntOptions> hunt_options(const DetectOptions& o, const WardConfig& config) {
  sigma::HuntOptions options{.format = o.format, .logsource = {}, .format_logsources = config.detection.logsources,
                             .import = config.import};
  options.threads = o.threads;
  options.event_field_mappings = sigma::with_event_defaults(config.detection.event_field_mappings);
  if (o.format != "auto" && o.format != "json") {
    auto format = ingest::input_format_from(o.format);
    if (!format || *format == ingest::InputFormat::roster)
      return fail(ErrorCode::config, fmt::format("--format {}: use auto, json, zeek, squid, dns-log, syslog, fhir, hl7v2 "
                                                 "or csv-access", o.format));
  }
  if (!o.logsource.empty()) {
    auto logsource = sigma::parse_logsource(o.logsource);
    if (!logsource) return fail(ErrorCode::config, "--logsource " + logsource.error().message);
    options.logsource = *logsource;
  }
  return options;
}

// Files as given; folders by their .json, .jsonl and .ndjson files (--format json or json-lines), or by every
// file but hidden ones and MANIFEST/README/LICENSE (other formats), sorted; those are noted in
// `in_folders`.
Result<std::vector<std::filesystem::path>> event_files(const std::vector<std::string>& inputs, bool json_only,
                                                       std::set<std::filesystem::path>& in_folders) {
  namespace fs = std::filesystem;
  std::vector<fs::path> out;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (!fs::is_directory(input, ec)) {
      out.emplace_back(input);
      continue;
    }
    std::vector<fs::path> found;
    for (fs::recursive_directory_iterator it(input, ec), end; !ec && it != end; it.increment(ec)) {
      const auto ext = it->path().extension();
      const bool wanted = json_only ? (ext == ".json" || ext == ".jsonl" || ext == ".ndjson")
                                    : !ingest::is_documentation_file(it->path());
      if (it->is_regular_file(ec) && wanted) found.push_back(it->path());
    }
    if (ec) return Unexpected(Error{ErrorCode::io, "cannot list: " + ec.message(), input});
    std::sort(found.begin(), found.end());
    in_folders.insert(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

int check(const sigma::RuleSet& set) {
  fmt::print("parsed {}/{}, compiled {}/{}\n", set.parsed, set.files, set.compiled, set.files);
  print_correlation_check(set.correlations);
  if (!set.filters.empty()) {
    const auto targets = sigma::filter_targets(set.rules, set.filters);
    const sigma::RuleRouter router(set.rules, set.filters);
    fmt::print("filters {}, applied to {} rules\n", set.filters.size(), router.filtered_rule_count());
    for (std::size_t i = 0; i < set.filters.size(); ++i)
      if (targets[i] == 0)
        fmt::print("{}: filter names no loaded rule\n", set.filters[i].detection.rule().file.string());
  }
  for (const auto& f : set.failures)
    fmt::print("{}: {}: {}\n", f.file.string(), f.parsed ? "not compiled" : "not parsed", f.reason);
  return set.compiled == set.files ? kExitOk : kExitFailure;
}

void print_table_row(const sigma::HuntMatch& m) {
  const auto& rule = m.rule->rule();
  fmt::print("{:<28} {:<13} {:<70} {:<36} {}:{}\n", m.time.empty() ? "-" : m.time,
             rule.level.empty() ? "-" : rule.level, rule.title, rule.id.empty() ? "-" : rule.id, m.file,
             m.event_index);
}

void print_json_row(const sigma::HuntMatch& m) {
  const auto& rule = m.rule->rule();
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : m.fields) fields.push_back({{"field", f.field}, {"value", f.value}});
  const nlohmann::json row = {{"rule_id", rule.id}, {"title", rule.title}, {"level", rule.level},
                              {"tags", rule.tags}, {"file", m.file}, {"event", m.event_index},
                              {"time", m.time}, {"matched", fields}};
  fmt::print("{}\n", row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

int run_detect(const DetectOptions& o, const GlobalOptions& global) {
  auto config = load_config(global.config_file, global.data_dir);
  if (!config) { print_error(config.error()); return kExitFailure; }
  auto options = compile_options(o, *config);
  if (!options) { print_error(options.error()); return kExitFailure; }
  auto hunting = hunt_options(o, *config);
  if (!hunting) { print_error(hunting.error()); return kExitFailure; }
  std::vector<std::filesystem::path> folders(o.rule_folders.begin(), o.rule_folders.end());
  auto set = sigma::load_rule_set(folders, *options);
  if (!set) { print_error(set.error()); return kExitFailure; }
  if (o.check) return check(*set);
  if (o.inputs.empty()) {
    print_error(Error{ErrorCode::config, "no event files: give event files or folders to hunt through, or --check"});
    return kExitFailure;
  }
  if (set->rules.empty()) {
    print_error(Error{ErrorCode::not_found, fmt::format("none of the {} rule files compiled (ward detect --check lists why)", set->files)});
    return kExitFailure;
  }
  if (!set->failures.empty())
    fmt::print(stderr, "ward: {} of {} rule files not used (ward detect --rules … --check lists why)\n",
               set->failures.size(), set->files);
  auto files = event_files(o.inputs, o.format == "json" || o.format == "json-lines", hunting->found_in_folders);
  if (!files) { print_error(files.error()); return kExitFailure; }
  std::unique_ptr<store::Store> store;
  std::optional<SavedAlerts> saved;
  if (o.save) {
    auto opened = store::open_sqlite_store(global.data_dir);
    if (!opened) { print_error(opened.error()); return kExitFailure; }
    store = std::move(*opened);
    saved.emplace(*store);
  }
  sigma::CorrelationHuntOptions correlating{.time_field = o.time_field};
  correlating.engine = config->detection.correlation;  // its caps; the lateness is --lateness
  correlating.engine.lateness = sigma::MatchReorderBuffer::kUnbounded;
  if (!o.lateness.empty()) {
    auto lateness = sigma::parse_lateness(o.lateness);
    if (!lateness) { print_error(Error{ErrorCode::config, "--lateness " + lateness.error().message}); return kExitFailure; }
    correlating.engine.lateness = *lateness;
  }
  const bool json = o.output == "json";
  if (!json) fmt::print("{:<28} {:<13} {:<70} {:<36} {}\n", "time", "level", "title", "rule id", "file:event");
  std::optional<sigma::CorrelationHunt> correlations;
  if (!set->correlations.correlations.empty()) {
    bool header = json;
    correlations.emplace(*set, [json, header, &saved](const sigma::CorrelationAlert& a) mutable {
      if (!std::exchange(header, true)) print_alert_table_header();
      json ? print_alert_json_row(a) : print_alert_table_row(a);
      if (saved) saved->add(a);
    }, correlating);
  }
  // A saved alert keeps the whole event, and correlations read fields of their own.
  hunting->whole_events = o.save || correlations.has_value();
  sigma::RuleRouter router(set->rules, set->filters);
  const auto summary = sigma::hunt(
      router, *files, *hunting,
      [&](const sigma::HuntMatch& m) {
        if (correlations && !correlations->take(m)) return;  // only its correlations use this rule
        json ? print_json_row(m) : print_table_row(m);
        if (saved) saved->add(m);
      },
      [](const Error& e) { print_error(e); });
  if (correlations) correlations->finish();
  // JSON lines stay machine-readable on stdout; the summary goes beside them on stderr.
  const std::string line = fmt::format("{} events read from {} file(s), {} rules run, {} matches", summary.events,
                                       summary.files - summary.unreadable_files - summary.passed_over, set->rules.size(), summary.matches);
  fmt::print(json ? stderr : stdout, "{}\n", line);
  if (summary.passed_over > 0)
    fmt::print(stderr, "ward: {} file(s) in the folders passed over: not in a format ward detect reads\n",
               summary.passed_over);
  if (correlations) print_correlation_summary(json ? stderr : stdout, set->correlations, correlations->stats());
  if (saved) {
    auto added = saved->finish();
    if (!added) { print_error(added.error()); return kExitFailure; }
    fmt::print(json ? stderr : stdout, "{} new alert(s) saved in {}\n", *added, global.data_dir.string());
  }
  if (summary.bad_documents > 0 || summary.unreadable_files > 0) {
    fmt::print(stderr, "ward: {} bad record(s) and {} unreadable file(s) skipped (see above)\n",
               summary.bad_documents, summary.unreadable_files);
    return summary.events == 0 ? kExitFailure : kExitPartial;
  }
  return kExitOk;
}

}  // namespace

void add_detect_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* cmd = app.add_subcommand("detect", "Sigma rules: check that they compile, or hunt through event files");
  auto o = std::make_shared<DetectOptions>();
  cmd->add_option("--rules", o->rule_folders, "folder (searched recursively) or file of Sigma rules; repeatable")
      ->required()->allow_extra_args(false);
  cmd->add_flag("--check", o->check, "only load the rules: print 'parsed N/M, compiled N/M' and every failure");
  cmd->add_option("--output", o->output, "table or json (JSON lines)")
      ->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  cmd->add_option("--placeholder", o->placeholders, "NAME=VALUE for `expand` placeholders (%NAME%); repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--format", o->format,
                  "auto (per file, as ward import), json (json-lines is read as json), zeek, squid, dns-log, syslog, fhir, "
                  "hl7v2, csv-access, atna")
      ->capture_default_str();
  cmd->add_option("--logsource", o->logsource,
                  "the events' logsource, e.g. product:windows,category:process_creation (keys set here replace "
                  "what Ward derives)");
  cmd->add_option("files", o->inputs, "event files (JSON, Windows exports, Zeek/squid/DNS/syslog logs, FHIR…) or folders");
  cmd->footer("Exit status: --check: 0 when every rule compiled, 1 otherwise. Hunting: 0 done (with or without "
              "matches), 3 some records or files could not be read (the rest was searched), 1 failure.");
  cmd->add_option("--time-field", o->time_field,
                  "correlation rules: the field with each event's time (default: TimeCreated_SystemTime, "
                  "@timestamp, timestamp, time, ts, UtcTime…; ISO 8601 or epoch seconds/milliseconds)")
      ->allow_extra_args(false);
  cmd->add_option("--lateness", o->lateness,
                  "correlation rules: how far (event time: 30s, 5m…) a match may come after a later one and still "
                  "be correlated exactly; matches are correlated as the bound passes them (default: all held, "
                  "sorted, up to detection.correlation.max_held; 0: in the order read)")
      ->allow_extra_args(false);
  cmd->add_option("--threads", o->threads,
                  "threads hunting files, and parts of large JSON files, at once (0 = one per hardware thread); "
                  "matches print in the same order whatever the number")
      ->check(CLI::Range(0u, 256u))->capture_default_str();
  cmd->add_flag("--save", o->save, "also keep every match as an alert in the store of --data (GET /api/v1/alerts)");
  cmd->callback([&exit_code, &global, o] { exit_code = run_detect(*o, global); });
}

}  // namespace ward::cli
