// MFA coverage (mfa_coverage.h).
#include "identity/mfa_coverage.h"

#include <fmt/format.h>

#include "core/plural.h"

namespace ward::identity {
namespace {

std::string share_text(std::int64_t part, std::int64_t whole, std::string_view noun_one, std::string_view noun_many) {
  auto share = coverage_share(part, whole);
  if (!share) return counted(0, noun_one, noun_many);
  return fmt::format("{} of {} ({:.1f}%)", part, counted(whole, noun_one, noun_many), *share * 100);
}

}  // namespace

MfaCoverage mfa_coverage(const std::vector<MfaAccount>& accounts) {
  MfaCoverage c;
  for (const MfaAccount& a : accounts) {
    ++c.accounts;
    if (a.privileged) c.privileged_known = true;
    if (!a.enabled) continue;
    ++c.enabled;
    c.enabled_with_mfa += a.mfa;
    if (a.privileged.value_or(false)) {
      ++c.privileged;
      c.privileged_with_mfa += a.mfa;
    }
  }
  return c;
}

std::optional<double> coverage_share(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

std::string coverage_text(const MfaCoverage& c) {
  std::string out = share_text(c.enabled_with_mfa, c.enabled, "enabled account", "enabled accounts");
  if (c.privileged_known) out += "; privileged: " + share_text(c.privileged_with_mfa, c.privileged, "account", "accounts");
  return out;
}

}  // namespace ward::identity
