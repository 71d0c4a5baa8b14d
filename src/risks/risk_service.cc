// The risk register as the CLI and the API use it (risk_service.h).
#include "risks/risk_service.h"

#include <map>

#include <fmt/format.h>

#include "controls/assessment_report.h"
#include "controls/builtin_catalogs.h"
#include "core/plural.h"

namespace ward::risks {
namespace {

Result<void> check_links(const std::vector<LinkedControl>& links) {
  std::map<std::string, controls::Catalog> catalogs;  // each catalogue parsed once
  for (const LinkedControl& link : links) {
    auto it = catalogs.find(link.catalog);
    if (it == catalogs.end()) {
      auto cat = link.catalog.ends_with(".json")
                     ? Result<controls::Catalog>(fail(ErrorCode::not_found, "", "catalog"))
                     : controls::find_catalog(link.catalog);
      if (!cat)
        return fail(ErrorCode::invalid_input,
                    fmt::format("control \"{}:{}\": no built-in catalogue \"{}\"; Ward has {}", link.catalog,
                                link.control_id, link.catalog, controls::kBuiltinCatalogs),
                    "catalog");
      it = catalogs.emplace(link.catalog, std::move(*cat)).first;
    }
    if (auto r = controls::check_rated_control(it->second, link.control_id); !r)
      return fail(ErrorCode::invalid_input, fmt::format("control \"{}:{}\": {}", link.catalog, link.control_id, r.error().message),
                  "control");
  }
  return {};
}

nlohmann::ordered_json treatment_json(const Risk& r, const Treatment& t) {
  return {{"id", t.id},
          {"kind", t.kind},
          {"description", t.description},
          {"owner", t.owner},
          {"status", t.status},
          {"target", t.target},
          {"cost", t.cost},
          {"residual_likelihood", t.residual_likelihood},
          {"residual_impact", t.residual_impact},
          {"expected_score", expected_score(t)},
          {"risk_reduced", risk_reduced(r, t)},
          {"created_by", t.created_by}};
}

}  // namespace

Result<Risk> add_risk(RiskStore& store, Risk risk, const std::string& actor) {
  if (auto r = check_risk(risk); !r) return Unexpected(r.error());
  if (auto r = check_links(risk.controls); !r) return Unexpected(r.error());
  return store.add(std::move(risk), actor);
}

Result<Risk> existing_risk(RiskStore& store, std::int64_t id) {
  auto r = store.find(id);
  if (!r) return Unexpected(r.error());
  if (!*r) return fail(ErrorCode::not_found, fmt::format("no risk {}", id), "risk");
  return std::move(**r);
}

Result<Treatment> treat_risk(RiskStore& store, std::int64_t risk_id, Treatment t, const std::string& actor) {
  auto risk = existing_risk(store, risk_id);
  if (!risk) return Unexpected(risk.error());
  if (t.residual_likelihood == 0) t.residual_likelihood = risk->likelihood;
  if (t.residual_impact == 0) t.residual_impact = risk->impact;
  return store.add_treatment(risk_id, std::move(t), actor);
}

nlohmann::ordered_json risk_json(const Risk& r) {
  nlohmann::ordered_json j{{"id", r.id},
                           {"title", r.title},
                           {"description", r.description},
                           {"category", r.category},
                           {"owner", r.owner},
                           {"likelihood", r.likelihood},
                           {"impact", r.impact},
                           {"inherent_score", inherent_score(r)},
                           {"residual_score", residual_score(r)},
                           {"created_by", r.created_by}};
  j["controls"] = nlohmann::ordered_json::array();
  for (const LinkedControl& c : r.controls) j["controls"].push_back({{"catalog", c.catalog}, {"control", c.control_id}});
  j["treatments"] = nlohmann::ordered_json::array();
  for (const Treatment& t : r.treatments) j["treatments"].push_back(treatment_json(r, t));
  return j;
}

nlohmann::ordered_json risks_json(const std::vector<Risk>& risks) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Risk& r : risks) list.push_back(risk_json(r));
  return {{"rule", "inherent = likelihood x impact; residual = the lowest expected score of its done treatments, else inherent"},
          {"risks", std::move(list)}};
}

std::string risk_text(const Risk& r) {
  std::string out = fmt::format("risk {}: {}\n  likelihood {}, impact {}: inherent {}, residual {}\n", r.id, r.title,
                                r.likelihood, r.impact, inherent_score(r), residual_score(r));
  if (!r.category.empty()) out += fmt::format("  category: {}\n", r.category);
  if (!r.owner.empty()) out += fmt::format("  owner: {}\n", r.owner);
  if (!r.description.empty()) out += fmt::format("  {}\n", r.description);
  for (const LinkedControl& c : r.controls) out += fmt::format("  control {}:{}\n", c.catalog, c.control_id);
  for (const Treatment& t : r.treatments)
    out += fmt::format("  treatment {} {} [{}] owner {}, target {}, cost {}, expected {}x{}={} (reduces {}){}\n", t.id, t.kind,
                       t.status, t.owner.empty() ? "-" : t.owner, t.target.empty() ? "-" : t.target, t.cost,
                       t.residual_likelihood, t.residual_impact, expected_score(t), risk_reduced(r, t),
                       t.description.empty() ? "" : ": " + t.description);
  return out;
}

std::string risks_text(const std::vector<Risk>& risks) {
  std::string out = fmt::format("{:>5}  {:>8}  {:>8}  {:<16}  {:<14}  {}\n", "ID", "INHERENT", "RESIDUAL", "CATEGORY", "OWNER", "TITLE");
  for (const Risk& r : risks)
    out += fmt::format("{:>5}  {:>8}  {:>8}  {:<16}  {:<14}  {}\n", r.id, inherent_score(r), residual_score(r),
                       r.category.empty() ? "-" : r.category, r.owner.empty() ? "-" : r.owner, r.title);
  return out + fmt::format("{}\n", counted(risks.size(), "risk", "risks"));
}

}  // namespace ward::risks
