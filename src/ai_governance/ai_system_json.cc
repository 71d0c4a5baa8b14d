// AI system records to and from JSON (ai_system_json.h).
#include "ai_governance/ai_system_json.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "ai_governance/catalogues.h"

namespace ward::ai_governance {
namespace {

using nlohmann::json;

Unexpected bad(std::string field, std::string message) {
  return fail(ErrorCode::invalid_input, std::move(message), std::move(field));
}

Result<void> read_text(const json& j, const char* key, std::string& out) {
  if (!j.contains(key)) return {};
  if (!j[key].is_string()) return bad(key, "expected text");
  out = j[key].get<std::string>();
  return {};
}

Result<void> read_flag(const json& j, const char* key, bool& out) {
  if (!j.contains(key)) return {};
  if (!j[key].is_boolean()) return bad(key, "expected true or false");
  out = j[key].get<bool>();
  return {};
}

Result<void> read_list(const json& j, const char* key, std::vector<std::string>& out) {
  if (!j.contains(key)) return {};
  if (!j[key].is_array()) return bad(key, "expected a list of texts");
  for (const json& v : j[key]) {
    if (!v.is_string()) return bad(key, "expected a list of texts");
    out.push_back(v.get<std::string>());
  }
  return {};
}

Result<void> read_one_of(const json& j, const char* key, std::initializer_list<std::string_view> allowed, std::string& out) {
  if (auto r = read_text(j, key, out); !r) return r;
  if (std::find(allowed.begin(), allowed.end(), out) != allowed.end()) return {};
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return bad(key, fmt::format("'{}' is not one of: {}", out, list));
}

// A catalogue object (model_card, source_attributes): known keys, text values (a list of
// texts is joined with "; ").
Result<void> read_fields(const json& j, const char* key, std::string_view scheme, std::map<std::string, std::string>& out) {
  if (!j.contains(key)) return {};
  if (!j[key].is_object()) return bad(key, "expected an object of fields");
  for (const auto& [name, value] : j[key].items()) {
    const std::string field = fmt::format("{}.{}", key, name);
    if (!find_transparency_field(scheme, name)) {
      return bad(field, fmt::format("unknown {} field; see docs/ai_governance.md for the list", scheme == "chai" ? "CHAI model card" : "HTI-1 source attribute"));
    }
    std::string text;
    if (value.is_string()) text = value.get<std::string>();
    else if (value.is_array() && std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); })) {
      for (const json& v : value) text += (text.empty() ? "" : "; ") + v.get<std::string>();
    } else {
      return bad(field, "expected text or a list of texts");
    }
    out[name] = std::move(text);
  }
  return {};
}

constexpr std::array<std::string_view, 20> kKeys = {
    "id", "name", "vendor", "version", "purpose", "use", "users", "deployment", "receives_phi", "data_categories",
    "predictive_dsi", "clinical_decision", "patient_facing", "autonomy", "owner", "incident_contact", "domains",
    "model_card", "source_attributes", "risk"};  // "risk" is written by ai_system_json and ignored on input

}  // namespace

Result<AiSystem> ai_system_from_json(const json& j) {
  if (!j.is_object()) return bad("", "expected a JSON object describing one AI system");
  for (const auto& [key, value] : j.items()) {
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) return bad(key, "unknown key");
  }
  AiSystem s;
  std::string autonomy = "informs";
  for (auto r : {read_text(j, "id", s.id), read_text(j, "name", s.name), read_text(j, "vendor", s.vendor),
                 read_text(j, "version", s.version), read_text(j, "purpose", s.purpose),
                 read_one_of(j, "use", {"clinical", "operational"}, s.use), read_list(j, "users", s.users),
                 read_one_of(j, "deployment", {"saas", "on_premises", "embedded"}, s.deployment),
                 read_flag(j, "receives_phi", s.receives_phi), read_list(j, "data_categories", s.data_categories),
                 read_flag(j, "predictive_dsi", s.predictive_dsi), read_flag(j, "clinical_decision", s.clinical_decision),
                 read_flag(j, "patient_facing", s.patient_facing),
                 read_one_of(j, "autonomy", {"informs", "augments", "autonomous"}, autonomy),
                 read_text(j, "owner", s.owner), read_text(j, "incident_contact", s.incident_contact),
                 read_list(j, "domains", s.domains), read_fields(j, "model_card", "chai", s.model_card),
                 read_fields(j, "source_attributes", "hti1", s.source_attributes)}) {
    if (!r) return Unexpected(r.error());
  }
  s.autonomy = autonomy == "augments" ? Autonomy::augments : autonomy == "autonomous" ? Autonomy::autonomous : Autonomy::informs;
  if (s.name.empty()) return bad("name", "an AI system needs a name");
  if (s.id.empty()) s.id = system_id_from_name(s.name);
  if (s.id.empty() || s.id != system_id_from_name(s.id)) {
    return bad("id", "use lower-case letters, digits and single hyphens (e.g. sepsis-watch)");
  }
  for (std::string& d : s.domains) {
    std::transform(d.begin(), d.end(), d.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (d.empty() || d.find_first_of(" /:") != std::string::npos) return bad("domains", fmt::format("'{}' is not a host name", d));
  }
  return s;
}

Result<AiSystem> parse_ai_system(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return bad("", "not valid JSON");
  return ai_system_from_json(j);
}

json ai_system_json(const AiSystem& s) {
  const RiskAssessment risk = assess_risk(s);
  return {{"id", s.id}, {"name", s.name}, {"vendor", s.vendor}, {"version", s.version}, {"purpose", s.purpose},
          {"use", s.use}, {"users", s.users}, {"deployment", s.deployment}, {"receives_phi", s.receives_phi},
          {"data_categories", s.data_categories}, {"predictive_dsi", s.predictive_dsi},
          {"clinical_decision", s.clinical_decision}, {"patient_facing", s.patient_facing},
          {"autonomy", to_string(s.autonomy)}, {"owner", s.owner}, {"incident_contact", s.incident_contact},
          {"domains", s.domains}, {"model_card", s.model_card}, {"source_attributes", s.source_attributes},
          {"risk", {{"tier", to_string(risk.tier)}, {"reasons", risk.reasons}}}};
}

}  // namespace ward::ai_governance
