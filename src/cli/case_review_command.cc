// `ward privacy case | review | proposals | proposal accept|reject`: look at a case, change its
// review state, and decide on the explanation rules dismissals propose (docs/privacy.md,
// "Reviewing cases"). Every one of them goes to Ward's audit trail (cli_audit.h).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "case_review/case_review.h"
#include "case_review/review_json.h"
#include "case_review/review_states.h"
#include "cli/cli_audit.h"
#include "cli/commands.h"
#include "cli/ward_config.h"
#include "core/csv_field.h"
#include "core/plural.h"
#include "store/store.h"

namespace ward::cli {
namespace {

std::string case_subject(std::int64_t id) { return fmt::format("case:{}", id); }
std::string proposal_subject(std::int64_t id) { return fmt::format("proposal:{}", id); }

std::string change_line(const store::CaseChange& c) {
  std::string line = fmt::format("  {}  {}  {} -> {}", format_iso8601(c.time), c.actor,
                                 c.from_status, c.to_status);
  if (!c.outcome.empty()) line += "  outcome " + c.outcome;
  if (!c.reason_code.empty()) line += "  " + c.reason_code;
  if (!c.reason.empty()) line += fmt::format("  \"{}\"", c.reason);
  if (!c.assignee.empty()) line += "  assigned to " + c.assignee;
  return line;
}

void print_case_text(const case_review::CaseView& v) {
  const store::CaseRecord& c = v.record;
  fmt::print("case {}: {}, score {:.1f}, {}\n", c.id, c.status, c.score, c.categories);
  fmt::print("user {}{}, {} to {}\n", c.user_id, c.patient_id.empty() ? "" : ", patient " + c.patient_id,
             format_iso8601(c.first), format_iso8601(c.last));
  fmt::print("reason: {}\n", c.reason);
  if (!c.outcome.empty()) fmt::print("outcome: {}\n", c.outcome);
  if (!c.reason_code.empty()) fmt::print("dismissed as: {}\n", c.reason_code);
  if (!c.status_reason.empty()) fmt::print("review note: {}\n", c.status_reason);
  if (!c.assignee.empty()) fmt::print("assigned to: {}\n", c.assignee);
  fmt::print("\naccesses ({})\n", v.accesses.size());
  for (const store::EventRow& a : v.accesses) {
    const std::string why = a.explained == store::EventRow::Explained::yes
                                ? fmt::format("{}: {}", a.explanation_code, a.explanation_evidence)
                                : "unexplained";
    fmt::print("  {}  {:<8} {}  {}  {}\n", format_iso8601(a.time), to_string(a.action),
               a.event_id.empty() ? fmt::format("seq:{}", a.seq) : a.event_id,
               a.object.empty() ? "-" : a.object, why);
  }
  fmt::print("\nhistory ({})\n", v.history.size());
  for (const store::CaseChange& h : v.history) fmt::print("{}\n", change_line(h));
}

int show_case(const GlobalOptions& global, std::int64_t id, const std::string& format) {
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto view = case_review::view_case(**store, id);
  // Recorded before anything is shown: nobody sees a case without a trace.
  if (!audit_command(**store, "ward privacy case {id}", case_subject(id), view.has_value()))
    return kExitFailure;
  if (!view) { print_error(view.error()); return kExitFailure; }
  if (format == "json") {
    fmt::print("{}\n", case_review::case_view_json(*view).dump(2));
  } else {
    print_case_text(*view);
  }
  return kExitOk;
}

void print_review_text(const case_review::ReviewResult& r) {
  fmt::print("case {}: {} -> {} by {}\n", r.record.id, r.change.from_status, r.change.to_status,
             r.change.actor);
  if (r.proposal) {
    const store::ProposalRecord& p = *r.proposal;
    fmt::print("proposal {}: {}\n  {}\n  explains {}\n  rule: {}\n", p.id, p.code, p.description,
               counted(p.open_cases, "other open case", "other open cases"), p.rule_yaml);
    fmt::print("  accept it: ward privacy proposal accept {0}   reject it: ward privacy proposal "
               "reject {0}\n", p.id);
  } else if (!r.no_proposal.empty()) {
    fmt::print("no proposal: {}\n", r.no_proposal);
  }
}

int review(const GlobalOptions& global, std::int64_t id, const case_review::ReviewRequest& request,
           const std::string& format) {
  auto config = load_config(global.config_file, global.data_dir);
  if (!config) { print_error(config.error()); return kExitFailure; }
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto result = case_review::review_case(**store, config->privacy.explanations, id, request, cli_actor());
  if (!audit_command(**store, "ward privacy review {id}", case_subject(id), result.has_value()))
    return kExitFailure;
  if (!result) { print_error(result.error()); return kExitFailure; }
  if (format == "json") {
    fmt::print("{}\n", case_review::review_json(*result).dump(2));
  } else {
    print_review_text(*result);
  }
  return kExitOk;
}

int proposals(const GlobalOptions& global, const std::string& status, const std::string& format) {
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto found = (*store)->explanation_proposals({.status = status, .limit = 1'000'000});
  if (!audit_command(**store, "ward privacy proposals", "", found.has_value())) return kExitFailure;
  if (!found) { print_error(found.error()); return kExitFailure; }
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : *found) out.push_back(case_review::proposal_json(p));
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  std::string text =
      "proposal_id,case_id,status,code,open_cases,description,rule_yaml,proposed,proposed_by,"
      "decided,decided_by,decision_reason\n";
  for (const auto& p : *found) {
    text += fmt::format("{},{},{},", p.id, p.case_id, p.status);
    append_csv_field(text, p.code);
    text += fmt::format(",{},", p.open_cases);
    for (std::string_view field : {std::string_view(p.description), std::string_view(p.rule_yaml)}) {
      append_csv_field(text, field);
      text += ',';
    }
    text += format_iso8601(p.proposed) + ',';
    append_csv_field(text, p.proposed_by);
    text += ',';
    text += p.decided == 0 ? std::string() : format_iso8601(p.decided);
    text += ',';
    append_csv_field(text, p.decided_by);
    text += ',';
    append_csv_field(text, p.decision_reason);
    text += '\n';
  }
  fmt::print("{}", text);
  return kExitOk;
}

int decide(const GlobalOptions& global, std::int64_t id, bool accept, const std::string& reason) {
  auto config = load_config(global.config_file, global.data_dir);
  if (!config) { print_error(config.error()); return kExitFailure; }
  auto store = store::open_sqlite_store(global.data_dir);
  if (!store) { print_error(store.error()); return kExitFailure; }
  auto decided = case_review::decide_proposal(**store, config->privacy.explanations, id, accept,
                                              cli_actor(), reason);
  if (!audit_command(**store, accept ? "ward privacy proposal accept {id}" : "ward privacy proposal reject {id}",
                     proposal_subject(id), decided.has_value()))
    return kExitFailure;
  if (!decided) { print_error(decided.error()); return kExitFailure; }
  if (accept)
    fmt::print("proposal {} accepted: rule {} explains accesses from the next `ward privacy run`\n",
               id, decided->code);
  else
    fmt::print("proposal {} rejected: rule {} is not used\n", id, decided->code);
  return kExitOk;
}

}  // namespace

void add_case_review_commands(CLI::App& privacy, const GlobalOptions& global, int& exit_code) {
  auto* case_cmd = privacy.add_subcommand(
      "case", "one case: its accesses with what explains each, and its review history");
  auto case_id = std::make_shared<std::int64_t>(0);
  auto case_format = std::make_shared<std::string>("text");
  case_cmd->add_option("id", *case_id, "the case id (ward privacy cases)")->required()
      ->check(CLI::PositiveNumber);
  case_cmd->add_option("--format", *case_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  case_cmd->callback([&global, &exit_code, case_id, case_format] {
    exit_code = show_case(global, *case_id, *case_format);
  });

  auto* review_cmd = privacy.add_subcommand(
      "review", "change a case's review state: new -> in_review -> confirmed | dismissed");
  auto review_id = std::make_shared<std::int64_t>(0);
  auto request = std::make_shared<case_review::ReviewRequest>();
  auto review_format = std::make_shared<std::string>("text");
  review_cmd->add_option("id", *review_id, "the case id")->required()->check(CLI::PositiveNumber);
  review_cmd->add_option("--status", request->status, "in_review, confirmed or dismissed")
      ->required();
  review_cmd->add_option("--outcome", request->outcome, "confirming: what it was")
      ->check(CLI::IsMember(case_review::codes(case_review::kOutcomes)));
  review_cmd->add_option("--reason-code", request->reason_code, "dismissing: why it was legitimate")
      ->check(CLI::IsMember(case_review::codes(case_review::kDismissalReasons)));
  review_cmd->add_option("--reason", request->reason,
                         "free text: needed to dismiss, to reopen and with --outcome other");
  review_cmd->add_option("--assignee", request->assignee, "who reviews it");
  review_cmd->add_option("--format", *review_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  review_cmd->callback([&global, &exit_code, review_id, request, review_format] {
    exit_code = review(global, *review_id, *request, *review_format);
  });

  auto* proposals_cmd = privacy.add_subcommand(
      "proposals", "explanation rules proposed from dismissed cases");
  auto proposal_status = std::make_shared<std::string>();
  auto proposals_format = std::make_shared<std::string>("csv");
  proposals_cmd->add_option("--status", *proposal_status, "proposed, accepted or rejected")
      ->check(CLI::IsMember(case_review::codes(case_review::kProposalStates)));
  proposals_cmd->add_option("--format", *proposals_format, "csv or json")
      ->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
  proposals_cmd->callback([&global, &exit_code, proposal_status, proposals_format] {
    exit_code = proposals(global, *proposal_status, *proposals_format);
  });

  auto* proposal_cmd = privacy.add_subcommand("proposal", "accept or reject a proposed rule");
  proposal_cmd->require_subcommand(1);
  for (const bool accept : {true, false}) {
    auto* decide_cmd = proposal_cmd->add_subcommand(
        accept ? "accept" : "reject",
        accept ? "use the rule from the next privacy run on" : "do not use the rule");
    auto id = std::make_shared<std::int64_t>(0);
    auto reason = std::make_shared<std::string>();
    decide_cmd->add_option("id", *id, "the proposal id (ward privacy proposals)")->required()
        ->check(CLI::PositiveNumber);
    decide_cmd->add_option("--reason", *reason, "why (kept with the decision)");
    decide_cmd->callback([&global, &exit_code, id, accept, reason] {
      exit_code = decide(global, *id, accept, *reason);
    });
  }
}

}  // namespace ward::cli
