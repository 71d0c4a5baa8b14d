// Reading identity-provider user exports (mfa_export.h).
#include "identity/mfa_export.h"

#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "ingest/csv/csv_header.h"
#include "ingest/csv/csv_reader.h"

namespace ward::identity {
namespace {

using ingest::kNoColumn;

// The names each column goes by, as csv_header.h's column_key spells them ("User principal
// name" -> user_principal_name, userPrincipalName -> userprincipalname).
constexpr std::array kUserId = {"user_id", "userprincipalname", "user_principal_name", "upn", "username", "user_name", "id"};
constexpr std::array kEntraUserId = {"userprincipalname", "user_principal_name"};
constexpr std::array kDisplayName = {"display_name", "displayname", "userdisplayname", "user_display_name", "name"};
constexpr std::array kEnabled = {"enabled", "accountenabled", "account_enabled"};
constexpr std::array kMfa = {"mfa", "mfa_registered", "ismfaregistered", "is_mfa_registered",
                             "multifactor_authentication_registered", "multi_factor_authentication_registered"};
constexpr std::array kMethods = {"methods", "methodsregistered", "methods_registered", "mfa_methods", "authentication_methods"};
constexpr std::array kPrivileged = {"privileged", "isadmin", "is_admin", "admin"};

template <std::size_t N>
std::size_t find_column(const ingest::CsvHeader& header, const std::array<const char*, N>& names) {
  for (const char* name : names)
    if (auto c = header.find(name); c != kNoColumn) return c;
  return kNoColumn;
}

// "true", "Yes", "1", "Enabled"… -> true; "false", "No", "0", "Disabled"… -> false; else none.
std::optional<bool> parse_flag(std::string_view text) {
  const std::string v = ascii_lower(ingest::trim_blanks(text));
  for (const char* yes : {"true", "yes", "y", "1", "enabled", "enforced", "registered"})
    if (v == yes) return true;
  for (const char* no : {"false", "no", "n", "0", "disabled", "not registered", "notregistered"})
    if (v == no) return false;
  return std::nullopt;
}

// A method's name reduced to letters and digits, lower case: "Security question" -> securityquestion.
std::string method_key(std::string_view method) {
  std::string out;
  for (char c : method)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += ascii_lower(c);
  return out;
}

Error header_error(std::string_view source, std::string message, std::string field) {
  return Error{ErrorCode::invalid_input, std::move(message), std::string(source), 1, 0, std::move(field)};
}

struct Columns {
  std::size_t user_id = kNoColumn, display_name = kNoColumn, enabled = kNoColumn, mfa = kNoColumn, methods = kNoColumn,
              privileged = kNoColumn;
};

}  // namespace

bool has_strong_method(std::string_view methods) {
  static constexpr std::array kNotSecondFactors = {"", "email", "securityquestion", "securityquestions", "password",
                                                   "temporaryaccesspass", "none"};
  std::size_t start = 0;
  while (start <= methods.size()) {
    std::size_t end = methods.find_first_of(",;|", start);
    if (end == std::string_view::npos) end = methods.size();
    const std::string key = method_key(methods.substr(start, end - start));
    bool weak = false;
    for (const char* w : kNotSecondFactors) weak = weak || key == w;
    if (!weak) return true;
    start = end + 1;
  }
  return false;
}

Result<MfaExport> read_mfa_export(std::string_view text, std::string_view source) {
  ingest::CsvReader reader(text, ingest::CsvOptions{.delimiter = ingest::sniff_delimiter(text)});
  ingest::CsvRow row;
  auto has_header = reader.next(row);
  if (!has_header) {
    Error e = has_header.error();
    e.source = std::string(source);
    return Unexpected(std::move(e));
  }
  if (!*has_header) return Unexpected(header_error(source, "the export is empty (no header row)", ""));
  const ingest::CsvHeader header(row.fields);
  Columns at;
  at.user_id = find_column(header, kUserId);
  at.display_name = find_column(header, kDisplayName);
  at.enabled = find_column(header, kEnabled);
  at.mfa = find_column(header, kMfa);
  at.methods = find_column(header, kMethods);
  at.privileged = find_column(header, kPrivileged);
  if (at.user_id == kNoColumn)
    return Unexpected(header_error(source, "no user id column: name one user_id, userPrincipalName or \"User principal name\"", "user_id"));
  if (at.mfa == kNoColumn && at.methods == kNoColumn)
    return Unexpected(header_error(
        source, "no MFA column: name one mfa, isMfaRegistered, \"Multifactor authentication registered\" or methodsRegistered", "mfa"));

  MfaExport out;
  out.format = find_column(header, kEntraUserId) != kNoColumn ? "entra" : "generic";
  out.mfa_column = header.name(at.mfa != kNoColumn ? at.mfa : at.methods);
  out.has_enabled_column = at.enabled != kNoColumn;
  out.has_privileged_column = at.privileged != kNoColumn;
  std::unordered_map<std::string, std::uint64_t> line_of;  // lower-cased user id -> its line
  while (true) {
    auto more = reader.next(row);
    if (!more) {
      Error e = more.error();
      e.source = std::string(source);
      e.line = row.line;
      const bool rest_lost = e.code == ErrorCode::invalid_input;  // an unclosed quote ate the rest
      out.rejected.push_back(std::move(e));
      ++out.rows;
      if (rest_lost) break;
      continue;
    }
    if (!*more) break;
    ++out.rows;
    auto cell = [&](std::size_t c) { return c < row.fields.size() ? ingest::trim_blanks(row.fields[c]) : std::string_view(); };
    auto reject = [&](std::size_t c, std::string message) {
      out.rejected.push_back(Error{ErrorCode::invalid_input, std::move(message), std::string(source), row.line, row.offset, header.name(c)});
    };
    auto flag = [&](std::size_t c) -> std::optional<bool> {
      auto v = parse_flag(cell(c));
      if (!v)
        reject(c, cell(c).empty() ? fmt::format("{}: empty; expected yes or no", header.name(c))
                                  : fmt::format("{}: \"{}\" is not yes or no (true/false, 1/0)", header.name(c), cell(c)));
      return v;
    };
    MfaAccount a;
    a.user_id = std::string(cell(at.user_id));
    if (a.user_id.empty()) {
      reject(at.user_id, fmt::format("{}: empty; every row needs its user", header.name(at.user_id)));
      continue;
    }
    if (at.display_name != kNoColumn) a.display_name = std::string(cell(at.display_name));
    if (at.methods != kNoColumn) a.methods = std::string(cell(at.methods));
    if (at.enabled != kNoColumn) {
      auto v = flag(at.enabled);
      if (!v) continue;
      a.enabled = *v;
    }
    if (at.mfa != kNoColumn) {
      auto v = flag(at.mfa);
      if (!v) continue;
      a.mfa = *v;
    } else if (a.methods.starts_with("System.")) {
      // PowerShell's Export-Csv writes an array as its type name ("System.String[]").
      reject(at.methods, fmt::format("{}: \"{}\" is a type name, not the methods: join them (-join ', ') before "
                                     "Export-Csv", header.name(at.methods), a.methods));
      continue;
    } else {
      a.mfa = has_strong_method(a.methods);
    }
    if (at.privileged != kNoColumn) {
      if (cell(at.privileged).empty()) {
        a.privileged = false;  // exports leave the admin flag blank for ordinary accounts
      } else {
        a.privileged = flag(at.privileged);
        if (!a.privileged) continue;
      }
    }
    auto [it, added] = line_of.emplace(ascii_lower(a.user_id), row.line);
    if (!added) {
      reject(at.user_id, fmt::format("{}: \"{}\" is already on line {}; an account is listed once", header.name(at.user_id),
                                     a.user_id, it->second));
      continue;
    }
    out.accounts.push_back(std::move(a));
  }
  return out;
}

}  // namespace ward::identity
