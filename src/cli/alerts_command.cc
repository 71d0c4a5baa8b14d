// `ward alerts list | show | ack | close`: detection alerts from the command line, the same
// list, detail and workflow as /api/v1/alerts (docs/detection.md, "Working an alert"), for
// analysts at a shell and for scripts. Every command goes to Ward's audit trail (cli_audit.h):
// an alert's raw event may hold PHI, so `show` is recorded before it prints anything.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "alert_review/alert_json.h"
#include "alert_review/alert_review.h"
#include "cli/cli_audit.h"
#include "cli/commands.h"
#include "core/csv_field.h"
#include "core/plural.h"
#include "store/store.h"

namespace ward::cli {
namespace {

std::string alert_subject(std::int64_t id) { return fmt::format("alert:{}", id); }

struct ListOptions {
  store::AlertQuery query;
  std::string from, to;  // ISO 8601, event time
  std::string format = "table";
};

void print_table(const std::vector<store::AlertRecord>& alerts) {
  fmt::print("{:>6}  {:<20}  {:<13}  {:<12}  {:<20}  {}\n", "ID", "TIME", "LEVEL", "STATUS", "HOST", "RULE");
  for (const store::AlertRecord& a : alerts) {
    const std::string status = a.resolution.empty() ? a.status : a.status + ":" + a.resolution;
    fmt::print("{:>6}  {:<20}  {:<13}  {:<12}  {:<20}  {}{}\n", a.id, format_iso8601(a.event_time), a.level,
               status, a.host.empty() ? "-" : a.host, a.rule_title,
               a.kind == "correlation" ? " (correlation)" : "");
  }
  fmt::print("{}\n", counted(alerts.size(), "alert", "alerts"));
}

void print_csv(const std::vector<store::AlertRecord>& alerts) {
  std::string text =
      "alert_id,time,detected,level,status,resolution,kind,rule_id,rule_title,tags,host,user,source,event_ref\n";
  for (const store::AlertRecord& a : alerts) {
    text += fmt::format("{},{},{},{},{},{},{},", a.id, format_iso8601(a.event_time), format_iso8601(a.detected),
                        a.level, a.status, a.resolution, a.kind);
    for (const std::string* field : {&a.rule_id, &a.rule_title, &a.tags, &a.host, &a.user_id, &a.source}) {
      append_csv_field(text, *field);
      text += ',';
    }
    append_csv_field(text, a.event_ref);
    text += '\n';
  }
  fmt::print("{}", text);
}

int list_alerts(const GlobalOptions& global, ListOptions options) {
  for (auto [text, at] : {std::pair{&options.from, &options.query.from}, std::pair{&options.to, &options.query.to}}) {
    if (text->empty()) continue;
    auto t = parse_iso8601(*text);
    if (!t) {
      print_error(Error{ErrorCode::invalid_input, fmt::format("{}: {}", text == &options.from ? "--from" : "--to",
                                                              t.error().message)});
      return kExitFailure;
    }
    *at = *t;
  }
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto alerts = (*store)->alerts(options.query);
  if (!audit_command(**store, "ward alerts list", "", alerts.has_value())) return kExitFailure;
  if (!alerts) { print_error(alerts.error()); return kExitFailure; }
  if (options.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : *alerts) list.push_back(alert_review::alert_json(a, /*with_raw=*/false));
    fmt::print("{}\n", list.dump(2));
  } else if (options.format == "csv") {
    print_csv(*alerts);
  } else {
    print_table(*alerts);
  }
  return kExitOk;
}

void print_alert_text(const store::AlertRecord& a, const std::vector<store::AlertChange>& history) {
  fmt::print("alert {}: {} ({}), {}{}\n", a.id, a.rule_title, a.rule_id, a.level,
             a.kind == "correlation" ? ", correlation" : "");
  fmt::print("status: {}{}\n", a.status, a.resolution.empty() ? "" : " as " + a.resolution);
  if (!a.tags.empty()) fmt::print("tags: {}\n", a.tags);
  fmt::print("event time: {}   detected: {}\n", format_iso8601(a.event_time), format_iso8601(a.detected));
  fmt::print("source: {}   event: {}\n", a.source, a.event_ref);
  if (!a.host.empty() || !a.user_id.empty())
    fmt::print("host: {}   user: {}\n", a.host.empty() ? "-" : a.host, a.user_id.empty() ? "-" : a.user_id);
  const auto matched = nlohmann::json::parse(a.matched, nullptr, /*allow_exceptions=*/false);
  if (matched.is_object() && !matched.empty()) {
    fmt::print("matched:\n");
    for (const auto& [field, value] : matched.items())
      fmt::print("  {}: {}\n", field, value.is_string() ? value.get<std::string>() : value.dump());
  }
  if (!a.raw.empty()) fmt::print("raw event:\n  {}\n", a.raw);
  fmt::print("history ({}):\n", history.size());
  for (const store::AlertChange& c : history) {
    fmt::print("  {}  {}  {} -> {}{}{}\n", format_iso8601(c.time), c.actor, c.from_status, c.to_status,
               c.resolution.empty() ? "" : " as " + c.resolution,
               c.comment.empty() ? "" : fmt::format("  \"{}\"", c.comment));
  }
}

int show_alert(const GlobalOptions& global, std::int64_t id, const std::string& format) {
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto alert = (*store)->alert(id);
  Result<std::vector<store::AlertChange>> history = std::vector<store::AlertChange>{};
  if (alert && *alert) history = (*store)->alert_history(id);
  const bool found = alert && *alert && history;
  // Recorded before anything is shown: the raw event may hold PHI.
  if (!audit_command(**store, "ward alerts show {id}", alert_subject(id), found)) return kExitFailure;
  if (!alert) { print_error(alert.error()); return kExitFailure; }
  if (!*alert) { print_error(Error{ErrorCode::not_found, fmt::format("there is no alert {}", id)}); return kExitFailure; }
  if (!history) { print_error(history.error()); return kExitFailure; }
  if (format == "json") {
    nlohmann::json body = alert_review::alert_json(**alert, /*with_raw=*/true);
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& c : *history) changes.push_back(alert_review::change_json(c));
    body["history"] = std::move(changes);
    fmt::print("{}\n", body.dump(2));
  } else {
    print_alert_text(**alert, *history);
  }
  return kExitOk;
}

int change_alert(const GlobalOptions& global, std::int64_t id, const alert_review::StatusRequest& request,
                 const std::string& format) {
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto done = alert_review::change_status(**store, id, request, cli_actor());
  const std::string_view command = request.status == "closed" ? "ward alerts close {id}" : "ward alerts ack {id}";
  if (!audit_command(**store, command, alert_subject(id), done.has_value())) return kExitFailure;
  if (!done) { print_error(done.error()); return kExitFailure; }
  if (format == "json") {
    nlohmann::json body = alert_review::alert_json(done->alert, /*with_raw=*/false);
    body["change"] = alert_review::change_json(done->change);
    fmt::print("{}\n", body.dump(2));
  } else {
    const store::AlertChange& c = done->change;
    fmt::print("alert {}: {} -> {}{} by {}\n", id, c.from_status, c.to_status,
               c.resolution.empty() ? "" : " as " + c.resolution, c.actor);
  }
  return kExitOk;
}

}  // namespace

void add_alerts_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* alerts = app.add_subcommand("alerts", "detection alerts: list, show one, acknowledge, close");
  alerts->require_subcommand(1);
  const std::vector<std::string> levels(store::kAlertLevels.begin(), store::kAlertLevels.end());
  const std::vector<std::string> statuses(alert_review::kStatuses.begin(), alert_review::kStatuses.end());
  const std::vector<std::string> resolutions(alert_review::kResolutions.begin(), alert_review::kResolutions.end());

  auto* list = alerts->add_subcommand("list", "alerts, newest event first");
  auto list_options = std::make_shared<ListOptions>();
  store::AlertQuery& q = list_options->query;
  list->add_option("--status", q.status, "open, acknowledged or closed")->check(CLI::IsMember(statuses));
  list->add_option("--level", q.level, "exactly this level")->check(CLI::IsMember(levels));
  list->add_option("--min-level", q.min_level, "this level or higher")->check(CLI::IsMember(levels));
  list->add_option("--rule", q.rule_id, "the rule's id");
  list->add_option("--from", list_options->from, "event time from (ISO 8601, inclusive)");
  list->add_option("--to", list_options->to, "event time to (ISO 8601, exclusive)");
  list->add_option("--limit", q.limit, "at most this many")->check(CLI::Range(1, 1'000'000))->capture_default_str();
  list->add_option("--format", list_options->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))->capture_default_str();
  list->callback([&global, &exit_code, list_options] { exit_code = list_alerts(global, *list_options); });

  auto* show = alerts->add_subcommand("show", "one alert: matched fields, the raw event, its history");
  auto show_id = std::make_shared<std::int64_t>(0);
  auto show_format = std::make_shared<std::string>("text");
  show->add_option("id", *show_id, "the alert id (ward alerts list)")->required()->check(CLI::PositiveNumber);
  show->add_option("--format", *show_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  show->callback([&global, &exit_code, show_id, show_format] {
    exit_code = show_alert(global, *show_id, *show_format);
  });

  for (const bool closing : {false, true}) {
    auto* change = alerts->add_subcommand(closing ? "close" : "ack",
                                          closing ? "close an alert with its resolution"
                                                  : "acknowledge an open alert: someone is on it");
    auto id = std::make_shared<std::int64_t>(0);
    auto request = std::make_shared<alert_review::StatusRequest>();
    request->status = closing ? "closed" : "acknowledged";
    auto format = std::make_shared<std::string>("text");
    change->add_option("id", *id, "the alert id")->required()->check(CLI::PositiveNumber);
    if (closing)
      change->add_option("--resolution", request->resolution, "true_positive, false_positive or benign")
          ->required()->check(CLI::IsMember(resolutions));
    change->add_option("--comment", request->comment, "why (kept in the alert's history)");
    change->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    change->callback([&global, &exit_code, id, request, format] {
      exit_code = change_alert(global, *id, *request, *format);
    });
  }
}

}  // namespace ward::cli
