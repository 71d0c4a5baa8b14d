// `ward privacy run | cases | explain`: run the privacy engine over what is imported, list its
// cases, and say for every access what explains it (docs/privacy.md); each goes to the audit
// trail (cli_audit.h). Reviewing cases is in case_review_command.cc.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "case_review/review_states.h"
#include "cli/cli_audit.h"
#include "cli/commands.h"
#include "cli/privacy_summary.h"
#include "cli/ward_config.h"
#include "core/csv_field.h"
#include "privacy/engine.h"
#include "store/store.h"

namespace ward::cli {
namespace {

// The id an event is known by in its input; events without one are named by their sequence.
std::string event_name(std::string_view event_id, std::int64_t seq) {
  return event_id.empty() ? fmt::format("seq:{}", seq) : std::string(event_id);
}

std::string joined_event_ids(const store::CaseRecord& c) {
  std::string out;
  for (std::size_t i = 0; i < c.seqs.size(); ++i) {
    if (i != 0) out += ';';
    out += event_name(c.event_ids[i], c.seqs[i]);
  }
  return out;
}

int run(const GlobalOptions& global) {
  auto config = load_config(global.config_file, global.data_dir);
  if (!config) { print_error(config.error()); return kExitFailure; }
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto summary = privacy::run_privacy(**store, config->privacy);
  if (!audit_command(**store, "ward privacy run", "", summary.has_value())) return kExitFailure;
  if (!summary) { print_error(summary.error()); return kExitFailure; }
  print_privacy_summary(*summary);
  return kExitOk;
}

constexpr int kMaxListedCases = 1'000'000;  // as many as the store lists at once

int cases(const GlobalOptions& global, const std::string& format, const std::string& status, int limit) {
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto found = (*store)->privacy_cases({.status = status, .limit = limit});
  if (!audit_command(**store, "ward privacy cases", "", found.has_value())) return kExitFailure;
  if (!found) { print_error(found.error()); return kExitFailure; }
  if (found->size() == static_cast<std::size_t>(limit))
    fmt::print(stderr, "ward: the {} highest-scoring cases; more may match (--limit)\n", limit);
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : *found)
      out.push_back({{"case_id", c.id}, {"user_id", c.user_id}, {"patient_id", c.patient_id},
                     {"score", c.score}, {"categories", c.categories},
                     {"event_ids", joined_event_ids(c)}, {"reason", c.reason},
                     {"status", c.status}, {"first", format_iso8601(c.first)},
                     {"last", format_iso8601(c.last)}});
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  std::string text = "case_id,user_id,patient_id,score,categories,event_ids,reason\n";
  for (const auto& c : *found) {
    text += fmt::format("{},", c.id);
    for (std::string_view field : {std::string_view(c.user_id), std::string_view(c.patient_id)}) {
      append_csv_field(text, field);
      text += ',';
    }
    text += fmt::format("{:.1f},", c.score);
    append_csv_field(text, c.categories);
    text += ',';
    append_csv_field(text, joined_event_ids(c));
    text += ',';
    append_csv_field(text, c.reason);
    text += '\n';
  }
  fmt::print("{}", text);
  return kExitOk;
}

int explain(const GlobalOptions& global) {
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  // Recorded before the first row is shown.
  if (!audit_command(**store, "ward privacy explain", "", true)) return kExitFailure;
  std::string out = "event_id,explained,code,evidence\n";
  auto r = (*store)->for_each_explanation([&](const store::ExplanationRow& x) -> Result<void> {
    append_csv_field(out, event_name(x.event_id, x.seq));
    out += x.explained ? ",true," : ",false,";
    append_csv_field(out, x.code);
    out += ',';
    append_csv_field(out, x.evidence);
    out += '\n';
    if (out.size() > (1 << 20)) {
      fmt::print("{}", out);
      out.clear();
    }
    return {};
  });
  fmt::print("{}", out);
  if (!r) { print_error(r.error()); return kExitFailure; }
  return kExitOk;
}

}  // namespace

void add_privacy_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* privacy = app.add_subcommand("privacy", "EHR access monitoring: explanations and cases");
  privacy->require_subcommand(1);

  auto* run_cmd = privacy->add_subcommand(
      "run", "explain every access in the store, run the detectors and build cases");
  run_cmd->callback([&global, &exit_code] { exit_code = run(global); });

  auto* cases_cmd = privacy->add_subcommand("cases", "list cases, highest score first");
  auto format = std::make_shared<std::string>("csv");
  auto status = std::make_shared<std::string>();
  // All cases unless asked otherwise: the CSV is an export, and one cut short without a word
  // would pass for the whole.
  auto limit = std::make_shared<int>(kMaxListedCases);
  cases_cmd->add_option("--format", *format, "csv or json")
      ->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
  cases_cmd->add_option("--status", *status, "only cases in this state: new, in_review, confirmed, dismissed")
      ->check(CLI::IsMember(case_review::codes(case_review::kCaseStates)));
  cases_cmd->add_option("--limit", *limit, "at most this many, highest scores first (default: all)")
      ->check(CLI::Range(1, kMaxListedCases));
  cases_cmd->callback([&global, &exit_code, format, status, limit] {
    exit_code = cases(global, *format, *status, *limit);
  });

  auto* explain_cmd = privacy->add_subcommand("explain", "for every access: what explains it (CSV)");
  auto explain_format = std::make_shared<std::string>("csv");
  explain_cmd->add_option("--format", *explain_format, "csv")->check(CLI::IsMember({"csv"}))
      ->capture_default_str();
  explain_cmd->callback([&global, &exit_code, explain_format] { exit_code = explain(global); });

  add_case_review_commands(*privacy, global, exit_code);
}

}  // namespace ward::cli
