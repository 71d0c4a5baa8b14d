// Per-model manufacturer contact and MDS2 answers: checks and JSON (model_profile.h).
#include "devices/model_profile.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/ascii_case.h"
#include "devices/calendar_date.h"

namespace ward::devices {
namespace {

using nlohmann::json;

const Mds2Question* find_question(std::string_view id) {
  for (const Mds2Question& q : mds2_questions()) {
    if (ascii_lower(q.id) == ascii_lower(id)) return &q;
  }
  return nullptr;
}

Result<void> check_date(const std::string& text, std::string_view field) {
  if (text.empty() || day_number(text)) return {};
  return fail(ErrorCode::invalid_input, fmt::format("{}: expected a date YYYY-MM-DD, got \"{}\"", field, text), std::string(field));
}

}  // namespace

const std::array<Mds2Question, kMds2Questions>& mds2_questions() {
  static const std::array<Mds2Question, kMds2Questions> questions = {{
      {"DOC-4", "MDS2 document id", true},
      {"DOC-7", "MDS2 release date (YYYY-MM-DD)", true},
      {"DOC-8", "the manufacturer has a coordinated vulnerability disclosure programme"},
      {"MPII-1", "displays, transmits, stores or modifies personally identifiable information (ePHI)"},
      {"MPII-2.2", "stores personally identifiable information persistently on internal media"},
      {"AUDT-1", "creates audit logs beyond the operating system's"},
      {"AUTH-1", "prevents access by unauthorised users (login or another mechanism)"},
      {"CSUP-1", "contains software that may need security updates during its life"},
      {"CSUP-11", "the manufacturer assesses device vulnerabilities and updates"},
      {"MLDP-2", "supports anti-malware software or another anti-malware mechanism"},
      {"PAUT-1", "enforces unique IDs and passwords for all users and roles"},
      {"RMOT-1", "permits remote service connections for analysis or repair"},
      {"SBOM-1", "an SBOM is available for the product"},
      {"STCF-1", "can encrypt data at rest"},
      {"TXCF-2", "personally identifiable information is encrypted before transmission"},
      {"RDMP-3", "the manufacturer publishes software support dates and updates"},
  }};
  return questions;
}

ModelKey model_key(const VendorAliases& aliases, std::string_view manufacturer, std::string_view model) {
  std::string vendor;
  for (const std::string& k : aliases.keys(manufacturer)) vendor += (vendor.empty() ? "" : "+") + k;
  return {vendor, normalise_name(model)};
}

Result<ModelProfile> checked_profile(ModelProfile p) {
  if (normalise_name(p.manufacturer).empty()) return fail(ErrorCode::invalid_input, "manufacturer: required", "manufacturer");
  if (normalise_name(p.model).empty()) return fail(ErrorCode::invalid_input, "model: required", "model");
  if (!p.contact_email.empty() && (p.contact_email.find('@') == std::string::npos || p.contact_email.find(' ') != std::string::npos)) {
    return fail(ErrorCode::invalid_input, fmt::format("contact_email: \"{}\" is not an e-mail address", p.contact_email), "contact_email");
  }
  if (!p.psirt_url.empty() && !p.psirt_url.starts_with("https://") && !p.psirt_url.starts_with("http://")) {
    return fail(ErrorCode::invalid_input, fmt::format("psirt_url: \"{}\" is not an http(s) address", p.psirt_url), "psirt_url");
  }
  if (auto ok = check_date(p.end_of_support, "end_of_support"); !ok) return Unexpected(ok.error());
  std::map<std::string, std::string> answers;
  for (auto& [id, answer] : p.mds2) {
    const Mds2Question* q = find_question(id);
    const std::string field = fmt::format("mds2.{}", id);
    if (q == nullptr) {
      return fail(ErrorCode::invalid_input, fmt::format("{}: not an MDS2 question Ward keeps (see docs/devices.md)", field), field);
    }
    if (answer.empty()) continue;  // unanswered
    if (q->id == "DOC-7") {
      if (auto ok = check_date(answer, field); !ok) return Unexpected(ok.error());
    } else if (!q->is_text) {
      answer = ascii_lower(answer);
      if (answer != "yes" && answer != "no" && answer != "n/a") {
        return fail(ErrorCode::invalid_input, fmt::format("{}: answer yes, no or n/a, not \"{}\"", field, answer), field);
      }
    }
    answers[std::string(q->id)] = answer;
  }
  p.mds2 = std::move(answers);
  return p;
}

json model_profile_json(const ModelProfile& p) {
  json mds2 = json::array();
  for (const Mds2Question& q : mds2_questions()) {
    if (const auto it = p.mds2.find(std::string(q.id)); it != p.mds2.end()) {
      mds2.push_back({{"id", q.id}, {"question", q.question}, {"answer", it->second}});
    }
  }
  json j = {{"manufacturer", p.manufacturer}, {"model", p.model}, {"on_file", true}, {"contact_name", p.contact_name},
            {"contact_email", p.contact_email}, {"contact_phone", p.contact_phone}, {"psirt_url", p.psirt_url},
            {"mds2", std::move(mds2)}, {"mds2_on_file", !p.mds2.empty()}, {"end_of_support", p.end_of_support},
            {"notes", p.notes}, {"updated", p.updated ? json(format_iso8601(p.updated)) : json(nullptr)},
            {"updated_by", p.updated_by}};
  if (p.mds2.empty()) j["mds2_missing"] = fmt::format("No MDS2 form on file for {} {}: ask the manufacturer for it.", p.manufacturer, p.model);
  return j;
}

json missing_profile_json(std::string_view manufacturer, std::string_view model) {
  return {{"manufacturer", manufacturer}, {"model", model}, {"on_file", false}, {"mds2_on_file", false},
          {"mds2_missing", fmt::format("No manufacturer contact or MDS2 form on file for {} {}: add them with "
                                       "`ward devices model-import` or PUT /api/v1/devices/models/{{model}}.", manufacturer, model)}};
}

json mds2_questions_json() {
  json out = json::array();
  for (const Mds2Question& q : mds2_questions()) out.push_back({{"id", q.id}, {"question", q.question}, {"text", q.is_text}});
  return out;
}

const std::initializer_list<std::string_view> kModelProfileKeys = {
    "manufacturer", "model", "contact_name", "contact_email", "contact_phone", "psirt_url", "mds2", "end_of_support", "notes"};

Result<ModelProfile> model_profile_from_json(const json& body, std::string model) {
  ModelProfile p;
  std::string body_model;
  const std::pair<std::string_view, std::string*> fields[] = {
      {"manufacturer", &p.manufacturer}, {"model", &body_model}, {"contact_name", &p.contact_name}, {"contact_email", &p.contact_email},
      {"contact_phone", &p.contact_phone}, {"psirt_url", &p.psirt_url}, {"end_of_support", &p.end_of_support},
      {"notes", &p.notes}};
  for (const auto& [key, out] : fields) {
    const auto it = body.find(std::string(key));
    if (it == body.end() || it->is_null()) continue;
    if (!it->is_string()) return fail(ErrorCode::invalid_input, fmt::format("{}: expected a string", key), std::string(key));
    *out = it->get<std::string>();
  }
  if (!body_model.empty() && normalise_name(body_model) != normalise_name(model)) {
    return fail(ErrorCode::invalid_input, "model: differs from the model in the address", "model");
  }
  p.model = std::move(model);
  if (const auto it = body.find("mds2"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) return fail(ErrorCode::invalid_input, "mds2: expected an object of question id: answer", "mds2");
    for (const auto& [id, answer] : it->items()) {
      if (!answer.is_string()) return fail(ErrorCode::invalid_input, fmt::format("mds2.{}: expected a string", id), fmt::format("mds2.{}", id));
      p.mds2[id] = answer.get<std::string>();
    }
  }
  return p;
}

}  // namespace ward::devices
