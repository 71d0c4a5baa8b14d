// ward: one binary, subcommands per task. Global options come before the subcommand.
#include <cstdlib>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/discovery_command.h"

int main(int argc, char** argv) {
  using namespace ward::cli;
  GlobalOptions global;
  if (const char* env = std::getenv("WARD_DATA"); env != nullptr && *env != '\0') global.data_dir = env;

  CLI::App app{"Ward: security and privacy monitoring for hospitals"};
  app.set_version_flag("--version", "ward 0.1.0");
  app.require_subcommand(1);
  app.add_option("--data", global.data_dir, "where the store lives (env WARD_DATA)")
      ->capture_default_str();
  app.add_option("--config", global.config_file, "YAML configuration (default: <data>/ward.yaml if present)");
  app.add_option("--log-level", global.log_level, "trace, debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))->capture_default_str();
  app.fallthrough();

  int exit_code = kExitOk;
  add_import_command(app, global, exit_code);
  add_serve_command(app, global, exit_code);
  add_token_command(app, global, exit_code);
  add_account_command(app, global, exit_code);
  add_privacy_command(app, global, exit_code);
  add_demo_command(app, global, exit_code);
  add_bench_command(app, global, exit_code);
  add_detect_command(app, global, exit_code);
  add_rules_command(app, global, exit_code);
  add_alerts_command(app, global, exit_code);
  add_scan_command(app, global, exit_code);
  add_deid_command(app, global, exit_code);
  add_audit_command(app, global, exit_code);
  add_devices_commands(app, global, exit_code);
  add_sbom_commands(app, global, exit_code);
  add_discovery_commands(app, global, exit_code);
  add_program_command(app, global, exit_code);
  add_ai_command(app, global, exit_code);
  add_report_command(app, global, exit_code);
  app.parse_complete_callback([&] { spdlog::set_level(spdlog::level::from_str(global.log_level)); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitFailure;
  }
  return exit_code;
}
