// `ward demo --generate DIR --users N --patients M --days D --seed S [--identity-export FILE]`:
// a synthetic hospital, and its staff's MFA registrations as an identity provider exports them.
#include <fmt/format.h>

#include "cli/commands.h"
#include "demo/hospital_generator.h"

namespace ward::cli {

void add_demo_command(CLI::App& app, const GlobalOptions&, int& exit_code) {
  auto* cmd = app.add_subcommand("demo", "generate a synthetic hospital (all people are made up)");
  auto spec = std::make_shared<demo::HospitalSpec>();
  auto dir = std::make_shared<std::string>();
  cmd->add_option("--generate", *dir, "folder to write the hospital's files into")->required();
  cmd->add_option("--users", spec->users, "workforce size")->check(CLI::Range(5, 1'000'000))->capture_default_str();
  cmd->add_option("--patients", spec->patients, "patients")->check(CLI::Range(10, 10'000'000))->capture_default_str();
  cmd->add_option("--days", spec->days, "days of activity")->check(CLI::Range(1, 3650))->capture_default_str();
  cmd->add_option("--seed", spec->seed, "random seed (same seed, same files)")->capture_default_str();
  cmd->add_option("--start", spec->start_date, "first day, YYYY-MM-DD")->capture_default_str();
  cmd->add_option("--incident-share", spec->incident_share,
                  "share of accesses that are injected snooping (0 to 0.2)")->capture_default_str();
  cmd->add_option("--identity-export", spec->identity_export,
                  "also write the staff's Entra ID user registration details here (for ward program mfa import); "
                  "outside the --generate folder, which ward import reads whole");
  cmd->callback([&exit_code, spec, dir] {
    auto files = demo::generate_hospital(*spec, *dir);
    if (!files) { print_error(files.error()); exit_code = kExitFailure; return; }
    fmt::print("Generated a hospital in {}: {} staff, {} patients, {} encounters, {} accesses\n", *dir,
               files->users, files->patients, files->encounters, files->access_events);
    for (const auto& f : files->files) fmt::print("  {}\n", f.string());
    exit_code = kExitOk;
  });
}

}  // namespace ward::cli
