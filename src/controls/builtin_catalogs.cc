// The built-in catalogues and the mapping reader (builtin_catalogs.h).
#include "controls/builtin_catalogs.h"

#include <array>
#include <mutex>
#include <optional>
#include <tuple>

#include <fmt/format.h>

#include "controls/catalog_data.h"

namespace ward::controls {

namespace {

struct Embedded {
  std::string_view name, text, source;
};

// The catalogues of catalogs/ by the names users give them. Built on each call: the embedded
// texts are globals of another file, not yet set while this file's globals are initialised.
std::array<Embedded, 4> builtin_catalogs() {
  return {{{"csf-2.0", kCsf20Json, "catalogs/nist-csf-2.0.json"},
           {"hph-cpg", kHphCpgJson, "catalogs/hhs-hph-cpg.json"},
           {"hicp-405d", kHicpJson, "catalogs/hicp-405d.json"},
           {"hipaa-security", kHipaaSecurityJson, "catalogs/hipaa-security-rule.json"}}};
}

// An SP 800-53 rev5 baseline: NIST's resolved catalogue of a baseline that holds it (HIGH holds
// LOW and MODERATE; PRIVACY is apart), cut down to the baseline's own profile.
struct EmbeddedBaseline {
  std::string_view name, catalog_text, catalog_source, profile_text, profile_source;
};

std::array<EmbeddedBaseline, 4> builtin_baselines() {
  constexpr std::string_view kHigh = "catalogs/nist-sp800-53-rev5-high-resolved.json";
  constexpr std::string_view kPrivacy = "catalogs/nist-sp800-53-rev5-privacy-resolved.json";
  return {{{"sp800-53-low", kSp80053HighResolvedJson, kHigh, kSp80053LowProfileJson, "catalogs/nist-sp800-53-rev5-low-profile.json"},
           {"sp800-53-moderate", kSp80053HighResolvedJson, kHigh, kSp80053ModerateProfileJson,
            "catalogs/nist-sp800-53-rev5-moderate-profile.json"},
           {"sp800-53-high", kSp80053HighResolvedJson, kHigh, kSp80053HighProfileJson, "catalogs/nist-sp800-53-rev5-high-profile.json"},
           {"sp800-53-privacy", kSp80053PrivacyResolvedJson, kPrivacy, kSp80053PrivacyProfileJson,
            "catalogs/nist-sp800-53-rev5-privacy-profile.json"}}};
}

Result<Catalog> baseline_catalog(const EmbeddedBaseline& b) {
  auto catalog = parse_catalog(b.catalog_text, b.catalog_source);
  if (!catalog) return catalog;
  auto profile = parse_profile(b.profile_text, b.profile_source);
  if (!profile) return Unexpected(profile.error());
  auto cut = apply_profile(*profile, std::move(*catalog), b.profile_source);
  if (cut && !profile->title.empty()) cut->title = profile->title;  // the baseline's own, not "HIGH (MODERATE)"
  return cut;
}

// A built-in catalogue by name, parsed the first time it is asked for and kept: they are part
// of the binary and never change, and an API request rating one control of a baseline parsed
// NIST's 2 MB catalogue each time. nullptr for a name that is not built in.
const Result<Catalog>* parsed_builtin(std::string_view name) {
  const auto catalogs = builtin_catalogs();
  const auto baselines = builtin_baselines();
  struct Parsed {  // written once, under `once`; only read after
    std::once_flag once;
    std::optional<Result<Catalog>> catalog;
  };
  static std::array<Parsed, std::tuple_size_v<decltype(catalogs)> + std::tuple_size_v<decltype(baselines)>> parsed;
  auto kept = [](Parsed& p, const auto& parse) {
    std::call_once(p.once, [&] { p.catalog = parse(); });
    return &*p.catalog;
  };
  for (std::size_t i = 0; i < catalogs.size(); ++i)
    if (name == catalogs[i].name) return kept(parsed[i], [&] { return parse_catalog(catalogs[i].text, catalogs[i].source); });
  for (std::size_t i = 0; i < baselines.size(); ++i)
    if (name == baselines[i].name) return kept(parsed[catalogs.size() + i], [&] { return baseline_catalog(baselines[i]); });
  return nullptr;
}

}  // namespace

Result<Catalog> find_catalog(std::string_view name, const std::string& profile) {
  auto catalog = find_catalog(name);
  if (!catalog || profile.empty()) return catalog;
  auto p = load_profile(profile);
  if (!p) return Unexpected(p.error());
  return apply_profile(*p, std::move(*catalog), profile);
}

Result<Catalog> find_catalog(std::string_view name) {
  if (const Result<Catalog>* builtin = parsed_builtin(name)) return *builtin;
  if (name.ends_with(".json")) return load_catalog(std::string(name));
  return fail(ErrorCode::not_found,
              fmt::format("no catalogue \"{}\": Ward has {}, or give an OSCAL catalogue file (.json)", name, kBuiltinCatalogs),
              "catalog");
}

bool is_builtin_control(std::string_view id) {
  for (const Embedded& c : builtin_catalogs()) {
    const Result<Catalog>& catalog = *parsed_builtin(c.name);
    if (!catalog) continue;  // each built-in catalogue loads: a test holds it
    for (const ControlEntry& e : all_controls(*catalog))
      if (e.control->id == id) return true;
  }
  return false;
}

Result<std::vector<MappingPair>> parse_mapping(std::string_view csv_text, std::string_view source) {
  std::vector<MappingPair> out;
  bool header_seen = false;
  std::uint64_t line_no = 0;
  while (!csv_text.empty()) {
    const auto end = csv_text.find('\n');
    std::string_view line = csv_text.substr(0, end);
    csv_text = end == std::string_view::npos ? std::string_view() : csv_text.substr(end + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    auto bad = [&](std::string message) {
      return Unexpected(Error{ErrorCode::invalid_input, std::move(message), std::string(source), line_no, 0, ""});
    };
    if (!header_seen) {
      if (line != "from_catalog,from_id,to_catalog,to_id")
        return bad(fmt::format("the header must be from_catalog,from_id,to_catalog,to_id, not \"{}\"", line));
      header_seen = true;
      continue;
    }
    std::vector<std::string> cells;
    for (std::size_t start = 0;;) {
      const auto comma = line.find(',', start);
      cells.emplace_back(line.substr(start, comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (cells.size() != 4) return bad(fmt::format("{} fields where 4 are expected: \"{}\"", cells.size(), line));
    for (const std::string& c : cells)
      if (c.empty()) return bad(fmt::format("an empty field: \"{}\"", line));
    out.push_back({cells[0], cells[1], cells[2], cells[3]});
  }
  if (!header_seen) return Unexpected(Error{ErrorCode::invalid_input, "no header line", std::string(source), 0, 0, ""});
  return out;
}

Result<std::vector<MappingPair>> cpg_to_csf_mapping() {
  return parse_mapping(kCpgToCsfCsv, "catalogs/mappings/hph-cpg_to_csf-2.0.csv");
}

Result<std::vector<MappingPair>> hipaa_to_csf_mapping() {
  return parse_mapping(kHipaaToCsfCsv, "catalogs/mappings/hipaa-security_to_csf-2.0.csv");
}

Result<std::vector<MappingPair>> hipaa_to_cpg_mapping() {
  return parse_mapping(kHipaaToCpgCsv, "catalogs/mappings/hipaa-security_to_hph-cpg.csv");
}

}  // namespace ward::controls
