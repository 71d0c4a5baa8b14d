// CSAF 2.0 VEX: reading statements from any CSAF document and writing a csaf_vex (vex.h).
#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "devices/advisory_json.h"
#include "devices/json_node.h"
#include "devices/vex.h"

namespace ward::devices {
namespace {

using nlohmann::json;
using ordered = nlohmann::ordered_json;

constexpr std::string_view kStatuses[] = {"known_affected", "first_affected", "last_affected", "known_not_affected",
                                          "fixed", "first_fixed", "under_investigation"};
constexpr std::string_view kCarrierTitle = "ward:cyclonedx";

// Calls f(statement) for each statement of the vulnerability whose product is in n[product_ids].
template <class F>
Result<void> for_products(const Node& n, std::map<std::string, VexStatement*>& by_product, F f) {
  auto ids = strings(n, "product_ids");
  if (!ids) return Unexpected(ids.error());
  for (const std::string& id : *ids) {
    if (const auto it = by_product.find(id); it != by_product.end()) f(*it->second);
  }
  return {};
}

// The CycloneDX fields a "ward:cyclonedx" note carries; the products it names go to `carried`.
Result<void> read_carrier(const Node& note, std::map<std::string, VexStatement*>& by_product, std::set<std::string>& carried) {
  auto text_value = text(note, "text", true);
  if (!text_value) return Unexpected(text_value.error());
  auto analyses = parse_json(*text_value);
  if (!analyses || !analyses->is_object()) return bad(note.missing("text"), "a JSON object of CycloneDX analyses by product id");
  for (const auto& [id, a] : analyses->items()) {
    const auto it = by_product.find(id);
    if (it == by_product.end() || !a.is_object()) continue;
    VexStatement& s = *it->second;
    carried.insert(id);
    s.state = a.value("state", "");
    s.cdx_justification = a.value("justification", "");
    s.recommendation = a.value("recommendation", "");
    s.responses = a.value("response", std::vector<std::string>{});
  }
  return {};
}

Result<void> read_vulnerability(const Node& v, VexDocument& out) {
  auto cve = text(v, "cve", false);
  if (!cve) return Unexpected(cve.error());
  std::vector<VexStatement> statements;
  if (v.has("product_status")) {
    const Node status = v.at("product_status");
    for (std::string_view key : kStatuses) {
      auto ids = strings(status, key);
      if (!ids) return Unexpected(ids.error());
      for (const std::string& id : *ids) statements.push_back(VexStatement{*cve, id, std::string(key)});
    }
  }
  std::map<std::string, VexStatement*> by_product;
  for (VexStatement& s : statements) by_product[s.product_id] = &s;
  std::set<std::string> carried;
  if (auto r = each(v, "flags", [&](const Node& f) -> Result<void> {
        auto label = text(f, "label", true);
        if (!label) return Unexpected(label.error());
        return for_products(f, by_product, [&](VexStatement& s) { s.justification = *label; });
      });
      !r) {
    return r;
  }
  if (auto r = each(v, "threats", [&](const Node& t) -> Result<void> {
        auto category = text(t, "category", true);
        if (!category) return Unexpected(category.error());
        auto details = text(t, "details", true);
        if (!details) return Unexpected(details.error());
        if (*category != "impact") return {};
        return for_products(t, by_product, [&](VexStatement& s) { s.impact = *details; });
      });
      !r) {
    return r;
  }
  if (auto r = each(v, "remediations", [&](const Node& rem) -> Result<void> {
        auto category = text(rem, "category", true);
        if (!category) return Unexpected(category.error());
        auto details = text(rem, "details", true);
        if (!details) return Unexpected(details.error());
        return for_products(rem, by_product, [&](VexStatement& s) { s.remediations.push_back({*category, *details}); });
      });
      !r) {
    return r;
  }
  if (auto r = each(v, "notes", [&](const Node& note) -> Result<void> {
        auto title = text(note, "title", false);
        if (!title) return Unexpected(title.error());
        return *title == kCarrierTitle ? read_carrier(note, by_product, carried) : Result<void>{};
      });
      !r) {
    return r;
  }
  for (VexStatement& s : statements) {
    if (!carried.contains(s.product_id)) derive_cyclonedx_fields(s);
    out.statements.push_back(std::move(s));
  }
  return {};
}

ordered product_branch(const VexProduct& p) {
  ordered product = {{"name", fmt::format("{}{}{}", p.vendor.empty() ? "" : p.vendor + " ", p.name, p.version.empty() ? "" : " " + p.version)},
                     {"product_id", p.id}};
  ordered helper = ordered::object();
  if (!p.cpe.empty()) helper["cpe"] = p.cpe;
  if (!p.purl.empty()) helper["purl"] = p.purl;
  if (!helper.empty()) product["product_identification_helper"] = helper;
  const bool range = p.version.starts_with("vers:") || p.version.find_first_of("<>") != std::string::npos;
  ordered leaf = p.version.empty() ? ordered{{"category", "product_name"}, {"name", p.name}, {"product", product}}
                                   : ordered{{"category", "product_name"}, {"name", p.name},
                                             {"branches", {{{"category", range ? "product_version_range" : "product_version"},
                                                            {"name", p.version}, {"product", product}}}}};
  if (p.vendor.empty()) return leaf;
  return {{"category", "vendor"}, {"name", p.vendor}, {"branches", {leaf}}};
}

}  // namespace

Result<VexDocument> vex_from_csaf(std::string_view json_text) {
  auto advisory = parse_csaf(json_text);
  if (!advisory) return Unexpected(advisory.error());
  auto doc = parse_json(json_text);
  if (!doc) return Unexpected(doc.error());
  VexDocument out;
  out.id = advisory->id;
  out.revision = advisory->revision;
  out.title = advisory->title;
  try {
    out.timestamp = doc->at("document").at("tracking").value("current_release_date", "");
    for (const AdvisoryProduct& p : advisory->products) {
      // A product written without a name (only its id) reads back without one.
      const bool unnamed = p.vendor.empty() && p.version_text.empty() && (p.product_name == p.product_id);
      out.products.push_back({p.product_id, p.vendor, unnamed ? "" : p.product_name, p.version_text,
                              p.cpes.empty() ? "" : p.cpes.front(), p.purls.empty() ? "" : p.purls.front()});
    }
    if (auto r = each(Node{*doc, ""}, "vulnerabilities", [&](const Node& v) { return read_vulnerability(v, out); }); !r) {
      return Unexpected(r.error());
    }
  } catch (const json::exception& e) {
    return fail(ErrorCode::invalid_input, fmt::format("malformed CSAF VEX: {}", e.what()));
  }
  std::sort(out.products.begin(), out.products.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  std::stable_sort(out.statements.begin(), out.statements.end(),
                   [](const auto& a, const auto& b) { return std::tie(a.cve, a.product_id) < std::tie(b.cve, b.product_id); });
  return out;
}

std::string vex_to_csaf(const VexDocument& vex) {
  const std::string date = vex.timestamp.empty() ? "1970-01-01T00:00:00Z" : vex.timestamp;
  ordered doc;
  doc["document"] = {
      {"category", "csaf_vex"},
      {"csaf_version", "2.0"},
      {"publisher", {{"category", "other"}, {"name", "Ward"}, {"namespace", "https://ward.invalid/vex"}}},
      {"title", vex.title.empty() ? "VEX statements" : vex.title},
      {"tracking",
       {{"id", vex.id}, {"version", vex.revision.empty() ? "1" : vex.revision}, {"status", "final"},
        {"initial_release_date", date}, {"current_release_date", date},
        {"revision_history", {{{"date", date}, {"number", vex.revision.empty() ? "1" : vex.revision}, {"summary", "VEX statements"}}}}}}};
  ordered branches = ordered::array(), names = ordered::array();
  for (const VexProduct& p : vex.products) {
    if (p.name.empty()) {
      ordered product = {{"name", p.id}, {"product_id", p.id}};
      if (!p.cpe.empty()) product["product_identification_helper"]["cpe"] = p.cpe;
      if (!p.purl.empty()) product["product_identification_helper"]["purl"] = p.purl;
      names.push_back(product);
    } else {
      branches.push_back(product_branch(p));
    }
  }
  if (!branches.empty()) doc["product_tree"]["branches"] = branches;
  if (!names.empty()) doc["product_tree"]["full_product_names"] = names;
  std::map<std::string, std::vector<const VexStatement*>> by_cve;
  for (const VexStatement& s : vex.statements) by_cve[s.cve].push_back(&s);
  ordered vulnerabilities = ordered::array();
  for (const auto& [cve, statements] : by_cve) {
    ordered v;
    if (!cve.empty()) v["cve"] = cve;
    ordered status = ordered::object(), flags = ordered::array(), threats = ordered::array(), remediations = ordered::array(),
            carrier = ordered::object();
    for (const VexStatement* s : statements) {
      if (!s->status.empty()) status[s->status].push_back(s->product_id);
      if (!s->justification.empty()) flags.push_back({{"label", s->justification}, {"product_ids", {s->product_id}}});
      if (!s->impact.empty()) threats.push_back({{"category", "impact"}, {"details", s->impact}, {"product_ids", {s->product_id}}});
      for (const VexRemediation& r : s->remediations) {
        remediations.push_back({{"category", r.category}, {"details", r.details}, {"product_ids", {s->product_id}}});
      }
      ordered analysis = {{"state", s->state}};
      if (!s->cdx_justification.empty()) analysis["justification"] = s->cdx_justification;
      if (!s->responses.empty()) analysis["response"] = s->responses;
      if (!s->recommendation.empty()) analysis["recommendation"] = s->recommendation;
      carrier[s->product_id] = analysis;
    }
    v["product_status"] = status;
    if (!flags.empty()) v["flags"] = flags;
    if (!threats.empty()) v["threats"] = threats;
    if (!remediations.empty()) v["remediations"] = remediations;
    v["notes"] = {{{"category", "other"}, {"title", kCarrierTitle}, {"text", carrier.dump()}}};
    vulnerabilities.push_back(v);
  }
  doc["vulnerabilities"] = vulnerabilities;
  return doc.dump(2) + "\n";
}

}  // namespace ward::devices
