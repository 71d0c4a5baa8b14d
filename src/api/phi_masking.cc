#include "api/phi_masking.h"

#include <algorithm>
#include <array>

namespace ward::api {
namespace {

using nlohmann::json;

// Keys whose value names a patient wherever they are.
constexpr std::array<std::string_view, 4> kPatientIds = {"patient_id", "patient_mrn", "mrn", "patient_key"};
constexpr std::array<std::string_view, 3> kBirthDates = {"birth_date", "birthDate", "dob"};
constexpr std::array<std::string_view, 2> kPatientNames = {"patient_name", "patient_display"};
// Free text that may name a patient, an address or a diagnosis.
// (Alert comments are the analysts' own notes on security events, and stay.)
constexpr std::array<std::string_view, 5> kFreeText = {"raw", "reason", "status_reason", "decision_reason",
                                                       "evidence"};

template <std::size_t N>
bool is_one_of(const std::array<std::string_view, N>& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

void mask_string(json& v, auto&& how) {
  if (v.is_string()) v = how(v.get_ref<const std::string&>());
}

void mask_value(json& value, bool in_patient);

// `object` is a patient ({"id", "mrn", "name", "birth_date"…}) when `is_patient`.
void mask_object(json& object, bool is_patient) {
  for (auto& [key, value] : object.items()) {
    if (is_one_of(kPatientIds, key) || (is_patient && key == "id")) {
      mask_string(value, [&](const std::string& s) { return mask_identifier(s, key.find("mrn") != std::string::npos ? "MRN" : ""); });
    } else if (is_one_of(kPatientNames, key) || (is_patient && key == "name")) {
      mask_string(value, [](const std::string& s) { return initials(s); });
    } else if (is_one_of(kBirthDates, key) || is_one_of(kFreeText, key)) {
      if (value.is_string() && !value.get_ref<const std::string&>().empty()) value = std::string(kWithheld);
      else if (!value.is_null() && !value.is_string()) value = std::string(kWithheld);
    } else {
      mask_value(value, key == "patient" || key == "patients");
    }
  }
}

void mask_value(json& value, bool is_patient) {
  if (value.is_object()) {
    mask_object(value, is_patient);
  } else if (value.is_array()) {
    for (json& v : value) mask_value(v, is_patient);
  }
}

}  // namespace

std::string mask_identifier(std::string_view value, std::string_view prefix) {
  if (value.empty()) return {};
  std::string out(prefix);
  out += kWithheld;
  if (value.size() > 4) out += value.substr(value.size() - 4);
  return out;
}

std::string initials(std::string_view name) {
  std::string out;
  bool at_start = true;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == ' ' || c == ',' || c == '^' || c == '-') {
      at_start = true;
      continue;
    }
    if (!at_start) continue;
    at_start = false;
    if (!out.empty()) out += ' ';
    // A multi-byte UTF-8 letter is taken whole.
    std::size_t len = 1;
    while (i + len < name.size() && (static_cast<unsigned char>(name[i + len]) & 0xC0) == 0x80) ++len;
    out.append(name.substr(i, len));
    out += '.';
  }
  return out;
}

void mask_phi(json& answer) { mask_value(answer, false); }

}  // namespace ward::api
