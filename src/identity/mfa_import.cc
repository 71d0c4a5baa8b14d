// Importing and showing MFA coverage (mfa_import.h).
#include "identity/mfa_import.h"

#include <fmt/format.h>

#include "core/plural.h"

namespace ward::identity {
namespace {

using nlohmann::ordered_json;

constexpr std::size_t kShownRejections = 20;

std::string day_of(TimeNs ns) { return format_day(ns / (86'400LL * kNsPerSecond)); }

ordered_json share_json(std::int64_t part, std::int64_t whole) {
  auto share = coverage_share(part, whole);
  return share ? ordered_json(*share) : ordered_json(nullptr);
}

ordered_json coverage_json(const MfaCoverage& c) {
  ordered_json j{{"accounts", c.accounts}, {"enabled", c.enabled}, {"enabled_with_mfa", c.enabled_with_mfa},
                 {"coverage", share_json(c.enabled_with_mfa, c.enabled)}};
  if (c.privileged_known)
    j["privileged"] = {{"enabled", c.privileged}, {"with_mfa", c.privileged_with_mfa},
                       {"coverage", share_json(c.privileged_with_mfa, c.privileged)}};
  else
    j["privileged"] = nullptr;
  j["text"] = coverage_text(c);  // as the CLI says it, for pages to show as is
  return j;
}

ordered_json import_summary_json(const MfaImport& i) {
  return {{"id", i.id}, {"source", i.source}, {"format", i.format}, {"imported", format_iso8601(i.imported_ns)},
          {"imported_by", i.imported_by}, {"rows", i.rows}, {"rejected", i.rejected}, {"coverage", coverage_json(i.coverage)}};
}

bool lacks_mfa(const MfaAccount& a) { return a.enabled && !a.mfa; }

}  // namespace

Result<MfaImportReport> import_mfa_export(MfaStore& store, std::string_view text, const std::string& source,
                                          const std::string& actor) {
  auto read = read_mfa_export(text, source);
  if (!read) return Unexpected(read.error());
  if (read->accounts.empty()) {
    Error e{ErrorCode::invalid_input,
            read->rows == 0 ? std::string("the export has a header but no account; nothing saved")
                            : fmt::format("no account could be read ({}); nothing saved",
                                          counted(static_cast<std::int64_t>(read->rejected.size()), "rejected row", "rejected rows")),
            source, 0, 0, ""};
    if (!read->rejected.empty()) e.message += fmt::format("; the first: {}", read->rejected.front().describe());
    return Unexpected(std::move(e));
  }
  MfaImport i;
  i.source = source;
  i.format = read->format;
  i.imported_by = actor;
  i.rows = static_cast<std::int64_t>(read->rows);
  i.rejected = static_cast<std::int64_t>(read->rejected.size());
  i.coverage = mfa_coverage(read->accounts);
  auto saved = store.save(std::move(i), read->accounts);
  if (!saved) return Unexpected(saved.error());
  return MfaImportReport{std::move(*read), std::move(*saved)};
}

std::string provenance(const MfaImport& i) { return fmt::format("imported {} from {}", day_of(i.imported_ns), i.source); }

std::string import_text(const MfaImportReport& r) {
  const MfaImport& i = r.saved;
  std::string out = fmt::format("{}: read {} ({} format, MFA from column \"{}\"), {}\n", i.source,
                                counted(i.coverage.accounts, "exported user", "exported users"), i.format, r.read.mfa_column,
                                counted(i.rejected, "rejected row", "rejected rows"));
  if (!r.read.has_enabled_column) out += "  no enabled column: every listed account counted as enabled\n";
  for (std::size_t n = 0; n < r.read.rejected.size() && n < kShownRejections; ++n)
    out += fmt::format("  rejected {}\n", r.read.rejected[n].describe());
  if (r.read.rejected.size() > kShownRejections)
    out += fmt::format("  and {} more\n", counted(static_cast<std::int64_t>(r.read.rejected.size() - kShownRejections),
                                                 "rejected row", "rejected rows"));
  return out + fmt::format("MFA coverage: {}\n", coverage_text(i.coverage));
}

ordered_json import_json(const MfaImportReport& r) {
  ordered_json rejected = ordered_json::array();
  for (const Error& e : r.read.rejected)
    rejected.push_back({{"line", e.line}, {"column", e.field}, {"message", e.message}});
  ordered_json j = import_summary_json(r.saved);
  j["mfa_column"] = r.read.mfa_column;
  j["rejected_rows"] = std::move(rejected);
  return j;
}

std::string coverage_report_text(const std::optional<MfaImport>& latest, const std::vector<MfaAccount>& accounts) {
  if (!latest) return "No MFA coverage imported yet: ward program mfa import FILE (an identity provider's user export)\n";
  std::string out = fmt::format("MFA coverage: {}\n{} by {} ({}, {})\n", coverage_text(latest->coverage), provenance(*latest),
                                latest->imported_by, counted(latest->coverage.accounts, "exported user", "exported users"),
                                counted(latest->rejected, "rejected row", "rejected rows"));
  std::vector<const MfaAccount*> without;
  for (const MfaAccount& a : accounts)
    if (lacks_mfa(a)) without.push_back(&a);
  if (without.empty()) return out;
  out += fmt::format("{} without MFA:\n", counted(static_cast<std::int64_t>(without.size()), "enabled account", "enabled accounts"));
  for (const MfaAccount* a : without)
    out += fmt::format("  {}{}{}\n", a->user_id, a->display_name.empty() ? "" : "  " + a->display_name,
                       a->privileged.value_or(false) ? "  (privileged)" : "");
  return out;
}

ordered_json coverage_report_json(const std::optional<MfaImport>& latest, const std::vector<MfaAccount>& accounts) {
  if (!latest) return {{"imported", false}, {"import", nullptr}, {"without_mfa", ordered_json::array()}};
  ordered_json without = ordered_json::array();
  for (const MfaAccount& a : accounts)
    if (lacks_mfa(a))
      without.push_back({{"user_id", a.user_id}, {"display_name", a.display_name},
                         {"privileged", a.privileged ? ordered_json(*a.privileged) : ordered_json(nullptr)}});
  return {{"imported", true}, {"import", import_summary_json(*latest)}, {"without_mfa", std::move(without)}};
}

}  // namespace ward::identity
