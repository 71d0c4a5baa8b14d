// The staff's identity-provider export (hospital_files.h write_identity_export): what Microsoft
// Entra ID's "user registration details" report lists for each enabled account.
#include <fmt/format.h>

#include "core/ascii_case.h"
#include "demo/hospital_files.h"
#include "demo/output_file.h"

namespace ward::demo {
namespace {

// Shares of enabled accounts with MFA registered: IT support (admins) nearly all, clinical
// staff, who sign in at shared workstations, fewer.
double mfa_share(Role role) {
  switch (role) {
    case Role::it_support: return 0.95;
    case Role::physician:
    case Role::nurse: return 0.9;
    default: return 0.96;
  }
}

// An object id in the form Entra gives them (8-4-4-4-12 hex digits).
std::string object_id(SeededRandom& rng) {
  const std::uint64_t a = rng.next(), b = rng.next();
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xffff, b >> 48,
                     b & 0xffffffffffffULL);
}

}  // namespace

Result<std::uint64_t> write_identity_export(const Hospital& h, SeededRandom& rng, const std::filesystem::path& file) {
  auto out = OutputFile::create(file);
  if (!out) return tl::unexpected(out.error());
  std::string& b = out->buffer();
  b += "id,userPrincipalName,userDisplayName,userType,isAdmin,isMfaRegistered,isMfaCapable,methodsRegistered\n";
  static constexpr const char* kMethods[] = {"microsoftAuthenticatorPush", "microsoftAuthenticatorPush, softwareOneTimePasscode",
                                             "mobilePhone", "fido2, microsoftAuthenticatorPush"};
  std::uint64_t n = 0;
  for (const StaffMember& s : h.staff) {
    if (s.terminated) continue;  // their accounts are disabled, and the report lists enabled users only
    const bool admin = s.role == Role::it_support;
    const bool mfa = rng.chance(mfa_share(s.role));
    const char* methods = mfa ? kMethods[rng.below(admin ? 4 : 3)] : (rng.chance(0.5) ? "email" : "");
    b += object_id(rng);
    b += ',';
    append_csv_field(b, ascii_lower(s.employee_id) + "@wardgeneral.example");
    b += ',';
    append_csv_field(b, full_name(s.person));
    b += fmt::format(",member,{},{},{},", admin ? "True" : "False", mfa ? "True" : "False", mfa ? "True" : "False");
    append_csv_field(b, methods);
    b += '\n';
    out->maybe_flush();
    ++n;
  }
  if (auto closed = out->close(); !closed) return tl::unexpected(closed.error());
  return n;
}

}  // namespace ward::demo
