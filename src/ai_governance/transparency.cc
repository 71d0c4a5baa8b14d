// Transparency listing (transparency.h).
#include "ai_governance/transparency.h"

#include <fmt/format.h>

#include "ai_governance/catalogues.h"
#include "core/html_escape.h"

namespace ward::ai_governance {
namespace {

using nlohmann::json;

std::string first_of(const AiSystem& s, std::initializer_list<std::pair<std::string_view, std::string_view>> fields,
                     const std::string& fallback) {
  for (const auto& [scheme, key] : fields) {
    const auto& map = scheme == "chai" ? s.model_card : s.source_attributes;
    auto it = map.find(std::string(key));
    if (it != map.end() && !it->second.empty()) return it->second;
  }
  return fallback;
}

std::string join(const json& list) {
  std::string out;
  for (const json& v : list) out += (out.empty() ? "" : ", ") + v.get<std::string>();
  return out;
}

}  // namespace

json transparency_json(const std::vector<SystemRecord>& records, const std::string& generated_at) {
  json systems = json::array();
  for (const SystemRecord& r : records) {
    if (r.status != "approved") continue;
    const AiSystem& s = r.system;
    json attributes = json::array();
    for (const TransparencyField& f : transparency_fields()) {
      if (f.scheme != "hti1") continue;
      auto it = s.source_attributes.find(std::string(f.key));
      const bool given = it != s.source_attributes.end() && !it->second.empty();
      if (!given && !s.predictive_dsi) continue;
      attributes.push_back({{"key", f.key}, {"section", f.section}, {"description", f.description},
                            {"value", given ? json(it->second) : json(nullptr)}});
    }
    std::string limitations = first_of(s, {{"hti1", "known_risks_and_limitations"}, {"chai", "known_risks_and_limitations"}}, "");
    const std::string out_of_scope = first_of(s, {{"hti1", "cautioned_out_of_scope_use"}, {"chai", "cautioned_out_of_scope_settings"}}, "");
    systems.push_back({{"id", s.id}, {"name", s.name}, {"vendor", s.vendor}, {"version", s.version},
                       {"intended_use", first_of(s, {{"hti1", "intended_use"}, {"chai", "intended_use_and_workflow"}}, s.purpose)},
                       {"use", s.use}, {"users", s.users}, {"predictive_dsi", s.predictive_dsi},
                       {"receives_phi", s.receives_phi}, {"risk_tier", to_string(assess_risk(s).tier)},
                       {"limitations", limitations.empty() ? json(nullptr) : json(limitations)},
                       {"cautioned_out_of_scope_use", out_of_scope.empty() ? json(nullptr) : json(out_of_scope)},
                       {"conditions", r.conditions}, {"next_review", r.next_review}, {"source_attributes", attributes}});
  }
  return {{"generated_at", generated_at}, {"systems", systems}};
}

std::string transparency_html(const json& listing) {
  std::string out =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>AI systems in use</title>\n"
      "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
      "section{border-top:1px solid #ccc;margin-top:1.5em}dt{font-weight:bold}.missing{color:#a00}</style></head><body>\n"
      "<h1>AI systems in use</h1>\n";
  out += fmt::format("<p>Approved AI systems, their intended use and known limitations. Generated {}.</p>\n",
                     html_escape(listing["generated_at"].get<std::string>()));
  if (listing["systems"].empty()) out += "<p>No AI system is approved yet.</p>\n";
  for (const json& s : listing["systems"]) {
    out += fmt::format("<section id=\"{}\"><h2>{}</h2>\n<dl>\n", html_escape(s["id"].get<std::string>()), html_escape(s["name"].get<std::string>()));
    auto row = [&](std::string_view label, const json& v) {
      if (v.is_null() || (v.is_string() && v.get<std::string>().empty())) return;
      out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", label, html_escape(v.is_array() ? join(v) : v.get<std::string>()));
    };
    row("Vendor", s["vendor"]);
    row("Version", s["version"]);
    row("Intended use", s["intended_use"]);
    row("Users", s["users"]);
    row("Limitations", s["limitations"]);
    row("Do not use for", s["cautioned_out_of_scope_use"]);
    row("Conditions of approval", s["conditions"]);
    row("Next review", s["next_review"]);
    out += "</dl>\n";
    if (!s["source_attributes"].empty()) {
      out += "<h3>Source attributes (ONC HTI-1)</h3>\n<dl>\n";
      for (const json& a : s["source_attributes"]) {
        out += fmt::format("<dt>{}</dt>", html_escape(a["description"].get<std::string>()));
        out += a["value"].is_null() ? "<dd class=\"missing\">not provided</dd>\n" : fmt::format("<dd>{}</dd>\n", html_escape(a["value"].get<std::string>()));
      }
      out += "</dl>\n";
    }
    out += "</section>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace ward::ai_governance
