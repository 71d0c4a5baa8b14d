// The `ward` subcommands. Each add_*_command registers one subcommand on the CLI11 app; its
// callback runs the command and leaves the process exit status in `exit_code`:
// 0 success, 3 some records rejected but the rest imported, 1 failure.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "core/error.h"

namespace ward::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitPartial = 3;

struct GlobalOptions {
  std::filesystem::path data_dir = "ward-data";  // --data, env WARD_DATA
  std::optional<std::filesystem::path> config_file;  // --config
  std::string log_level = "info";
};

void add_import_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_serve_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_token_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_account_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_demo_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_privacy_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
// `ward privacy case | review | proposals | proposal`, under the `privacy` subcommand.
void add_case_review_commands(CLI::App& privacy, const GlobalOptions& global, int& exit_code);
void add_bench_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_detect_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
// `ward rules import | list | enable | disable`: the rule store.
void add_rules_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
// `ward scan FILES…`: PHI in text files; exits 1 when PHI is found, 2 when a file cannot be scanned.
void add_scan_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
// `ward deid --policy … FILES… --out DIR`: de-identified copies; exits 2 when a file is refused.
void add_deid_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
// `ward alerts list | show | ack | close`: detection alerts and their workflow.
void add_alerts_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
// `ward devices import` and `ward vulns import | match`: medical devices and advisories.
void add_devices_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);
// `ward devices sbom | sbom-check` and `ward vulns vex import | export`: SBOMs and VEX (after add_devices_commands).
void add_sbom_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);
// `ward vulns status | worklist | epss`: remediation of device findings, under `vulns`.
void add_remediation_commands(CLI::App& vulns, const GlobalOptions& global, int& exit_code);
// `ward vulns cvd add | show | list | update`: coordinated vulnerability disclosure intake, under `vulns`.
void add_cvd_commands(CLI::App& vulns, const GlobalOptions& global, int& exit_code);
// `ward ai fairness | add | list | show | review | evidence | approve | reject | rmf | transparency`.
void add_ai_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

// `ward verify` (exits 2 when the chain is broken) and `ward audit export --fhir FILE`: Ward's
// own hash-chained audit trail.
void add_audit_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

// `ward program …`: the security program's incidents, breach clock and third parties
// (program_command.cc); the vendor commands under it come from program_vendor_command.cc.
void add_program_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_program_vendor_commands(CLI::App& program, const GlobalOptions& global, int& exit_code);
// `ward program assess start|set|show|list` (program_assessment_command.cc), under `assess`.
void add_program_assessment_commands(CLI::App& assess, const GlobalOptions& global, int& exit_code);
// `ward program vendor questionnaire send|answer|show|list|template`
// (program_questionnaire_command.cc), under `vendor`.
void add_program_questionnaire_commands(CLI::App& vendor, const GlobalOptions& global, int& exit_code);
// `ward program risk add|list|show|treat` (program_risk_command.cc), under `program`.
void add_program_risk_commands(CLI::App& program, const GlobalOptions& global, int& exit_code);
// `ward program mfa import|show` (program_mfa_command.cc), under `program`.
void add_program_mfa_commands(CLI::App& program, const GlobalOptions& global, int& exit_code);
// `ward report board` (report_command.cc): the one-page board report, HTML or PDF.
void add_report_command(CLI::App& app, const GlobalOptions& global, int& exit_code);

// Prints "ward: <problem>" to stderr; the one place CLI errors are worded.
void print_error(const Error& error);

}  // namespace ward::cli
