// The privacy run's summary on stdout (see privacy_summary.h).
#include "cli/privacy_summary.h"

#include <fmt/format.h>

namespace ward::cli {

void print_privacy_summary(const privacy::PrivacyRunSummary& s) {
  fmt::print("Explained {} of {} accesses ({:.1f}%)\n", s.explained, s.accesses, 100.0 * s.explained_share());
  for (const auto& [code, n] : s.explained_by) fmt::print("  {:<24} {:>10}\n", code, n);
  if (s.unknown_users + s.unknown_patients > 0)
    fmt::print("  {} accesses name a user and {} a patient the directory does not know "
               "(kept, and unexplained)\n", s.unknown_users, s.unknown_patients);
  fmt::print("Findings (accesses)\n");
  for (const auto& [category, n] : s.findings) fmt::print("  {:<24} {:>10}\n", category, n);
  fmt::print("{} cases (ward privacy cases)\n", s.cases);
}

}  // namespace ward::cli
