// The Annex E table (dicom_profile.h).
#include "deid/dicom_profile.h"

#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ward::deid {

namespace {

struct OptionColumn {
  DicomOption option;
  std::string_view name, column, code;
};

constexpr std::array<OptionColumn, 11> kOptions = {{
    {DicomOption::retain_longitudinal_dates, "retain-longitudinal-dates", "rtnLongModifDatesOpt", "113107"},
    {DicomOption::retain_patient_characteristics, "retain-patient-characteristics", "rtnPatCharsOpt", "113108"},
    {DicomOption::retain_device_identity, "retain-device-identity", "rtnDevIdOpt", "113109"},
    {DicomOption::retain_uids, "retain-uids", "rtnUIDsOpt", "113110"},
    {DicomOption::retain_institution_identity, "retain-institution-identity", "rtnInstIdOpt", "113112"},
    {DicomOption::clean_descriptors, "clean-descriptors", "cleanDescOpt", "113105"},
    {DicomOption::clean_structured_content, "clean-structured-content", "cleanStructContOpt", "113104"},
    {DicomOption::clean_graphics, "clean-graphics", "cleanGraphOpt", "113103"},
    {DicomOption::retain_longitudinal_full_dates, "retain-longitudinal-full-dates", "rtnLongFullDatesOpt", "113106"},
    {DicomOption::retain_safe_private, "retain-safe-private", "rtnSafePrivOpt", "113111"},
    {DicomOption::clean_pixels, "clean-pixels", "", "113101"},  // no column: it acts on pixels, not attributes
}};

const OptionColumn& column_of(DicomOption o) { return kOptions[static_cast<std::size_t>(o)]; }

// "(0010,0010)" or "(50XX,XXXX)": value and mask of each half.
bool parse_tag(std::string_view text, std::uint16_t& group, std::uint16_t& element, std::uint16_t& gmask, std::uint16_t& emask) {
  if (text.size() != 11 || text[0] != '(' || text[5] != ',' || text[10] != ')') return false;
  auto half = [](std::string_view hex, std::uint16_t& value, std::uint16_t& mask) {
    value = 0;
    mask = 0;
    for (char c : hex) {
      value <<= 4;
      mask <<= 4;
      if (c == 'x' || c == 'X') continue;
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      value |= static_cast<std::uint16_t>(d);
      mask |= 0xf;
    }
    return true;
  };
  return half(text.substr(1, 4), group, gmask) && half(text.substr(6, 4), element, emask);
}

}  // namespace

std::string_view to_string(DicomOption option) { return column_of(option).name; }
std::string_view dicom_option_code(DicomOption option) { return column_of(option).code; }

Result<DicomOption> dicom_option_from(std::string_view name) {
  for (const OptionColumn& c : kOptions)
    if (c.name == name) return c.option;
  std::string names;
  for (const OptionColumn& c : kOptions) names += (names.empty() ? "" : ", ") + std::string(c.name);
  return fail(ErrorCode::config, fmt::format("unknown DICOM option \"{}\" (expected one of {})", name, names));
}

std::optional<DicomAction> resolve_action_code(std::string_view code) {
  if (code == "D" || code == "X/D" || code == "Z/D" || code == "X/Z/D") return DicomAction::dummy;
  if (code == "Z" || code == "X/Z") return DicomAction::zero;
  if (code == "X") return DicomAction::remove;
  if (code == "K") return DicomAction::keep;
  if (code == "C") return DicomAction::clean;
  if (code == "U" || code == "X/Z/U*") return DicomAction::uid;
  return std::nullopt;
}

Result<ConfidentialityProfile> ConfidentialityProfile::parse(std::string_view json, std::string_view source) {
  nlohmann::json rows;
  try {
    rows = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception& e) {
    return fail(ErrorCode::invalid_input, fmt::format("{}: not JSON: {}", source, e.what()));
  }
  if (!rows.is_array()) return fail(ErrorCode::invalid_input, fmt::format("{}: expected an array of attributes", source));
  ConfidentialityProfile p;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    Row row;
    const std::string tag = r.value("tag", "");
    if (tag.starts_with("(GGGG,EEEE) WHERE GGGG IS ODD")) {  // private attributes: any odd group
      row.group = 1;
      row.group_mask = 1;
      row.element_mask = 0;
    } else if (!parse_tag(tag, row.group, row.element, row.group_mask, row.element_mask))
      return fail(ErrorCode::invalid_input, fmt::format("{}: [{}].tag: \"{}\" is not (gggg,eeee)", source, i, tag));
    row.basic = r.value("basicProfile", "");
    if (!resolve_action_code(row.basic))
      return fail(ErrorCode::invalid_input, fmt::format("{}: [{}].basicProfile: unknown code \"{}\"", source, i, row.basic));
    for (const OptionColumn& c : kOptions) {
      if (c.column.empty()) continue;
      const std::string code = r.value(std::string(c.column), "");
      if (code.empty()) continue;
      if (!resolve_action_code(code))
        return fail(ErrorCode::invalid_input, fmt::format("{}: [{}].{}: unknown code \"{}\"", source, i, c.column, code));
      row.options.emplace_back(c.option, code);
    }
    p.rows_.push_back(std::move(row));
  }
  return p;
}

const ConfidentialityProfile& ConfidentialityProfile::annex_e() {
  static const ConfidentialityProfile table = [] {
    auto parsed = parse(kDicomConfidentialityProfile, "data/deid/dicom_confidentiality_profile.json");
    return parsed ? std::move(*parsed) : ConfidentialityProfile{};  // tested: it parses
  }();
  return table;
}

std::optional<DicomAction> ConfidentialityProfile::action(std::uint16_t group, std::uint16_t element,
                                                          const std::set<DicomOption>& options) const {
  for (const Row& r : rows_) {
    if ((group & r.group_mask) != r.group || (element & r.element_mask) != r.element) continue;
    // Options in the order of the standard's columns; the first that speaks for the row wins.
    for (const auto& [option, code] : r.options)
      if (options.count(option)) return resolve_action_code(code);
    return resolve_action_code(r.basic);
  }
  return std::nullopt;
}

}  // namespace ward::deid
