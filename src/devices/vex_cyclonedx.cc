// CycloneDX VEX: reading `vulnerabilities` with their analysis and writing a 1.6 VEX BOM (vex.h).
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "devices/advisory_files.h"
#include "devices/json_node.h"
#include "devices/purl.h"
#include "devices/sbom_json.h"
#include "devices/vex.h"

namespace ward::devices {
namespace {

using nlohmann::json;
using ordered = nlohmann::ordered_json;

constexpr std::string_view kStatusProperty = "ward:csaf:product_status";
constexpr std::string_view kJustificationProperty = "ward:csaf:justification";
constexpr std::string_view kRemediationsProperty = "ward:csaf:remediations";
constexpr std::string_view kIdProperty = "ward:csaf:tracking_id";
constexpr std::string_view kRevisionProperty = "ward:csaf:tracking_version";
constexpr std::string_view kTitleProperty = "ward:csaf:title";

VexProduct product_of(const SbomComponent& c) {
  return {c.ref, c.supplier, c.name == c.ref ? "" : c.name, c.version, c.cpes.empty() ? "" : c.cpes.front(),
          c.purls.empty() ? "" : c.purls.front()};
}

// A ref outside the document: a BOM-Link "urn:cdx:<serial>/<version>#<bom-ref>"; a bom-ref that is a purl names the package.
VexProduct external_product(const std::string& ref) {
  VexProduct p{ref, {}, {}, {}, {}, {}};
  const auto hash = ref.find('#');
  const std::string fragment = hash == std::string::npos ? ref : ref.substr(hash + 1);
  if (fragment.starts_with("pkg:") && parse_purl(fragment)) p.purl = fragment;
  return p;
}

Result<std::map<std::string, std::string>> properties(const Node& n) {
  std::map<std::string, std::string> out;
  auto r = each(n, "properties", [&](const Node& p) -> Result<void> {
    auto name = text(p, "name", true);
    if (!name) return Unexpected(name.error());
    auto value = text(p, "value", false);
    if (!value) return Unexpected(value.error());
    out[*name] = *value;
    return {};
  });
  if (!r) return Unexpected(r.error());
  return out;
}

Result<void> read_vulnerability(const Node& v, const std::map<std::string, VexProduct>& known, VexDocument& out,
                                std::map<std::string, VexProduct>& used) {
  auto id = text(v, "id", false);
  if (!id) return Unexpected(id.error());
  VexStatement base{*id};
  if (v.has("analysis")) {
    const Node a = v.at("analysis");
    auto state = text(a, "state", false);
    if (!state) return Unexpected(state.error());
    auto justification = text(a, "justification", false);
    if (!justification) return Unexpected(justification.error());
    auto detail = text(a, "detail", false);
    if (!detail) return Unexpected(detail.error());
    auto responses = strings(a, "response");
    if (!responses) return Unexpected(responses.error());
    base.state = *state;
    base.cdx_justification = *justification;
    base.impact = *detail;
    base.responses = *responses;
  }
  auto recommendation = text(v, "recommendation", false);
  if (!recommendation) return Unexpected(recommendation.error());
  base.recommendation = *recommendation;
  auto props = properties(v);
  if (!props) return Unexpected(props.error());
  // A statement Ward wrote carries its CSAF fields; one from elsewhere has them derived.
  const bool carried = props->contains(std::string(kStatusProperty));
  if (const auto it = props->find(std::string(kStatusProperty)); it != props->end()) base.status = it->second;
  if (const auto it = props->find(std::string(kJustificationProperty)); it != props->end()) base.justification = it->second;
  if (const auto it = props->find(std::string(kRemediationsProperty)); it != props->end()) {
    auto list = parse_json(it->second);
    if (!list || !list->is_array()) return bad(v.missing("properties"), "ward:csaf:remediations as a JSON array");
    for (const json& r : *list) base.remediations.push_back({r.value("category", ""), r.value("details", "")});
  }
  if (!carried) derive_csaf_fields(base);
  return each(v, "affects", [&](const Node& a) -> Result<void> {
    auto ref = text(a, "ref", true);
    if (!ref) return Unexpected(ref.error());
    const auto it = known.find(*ref);
    used.emplace(*ref, it != known.end() ? it->second : external_product(*ref));
    VexStatement s = base;
    s.product_id = *ref;
    out.statements.push_back(std::move(s));
    return {};
  });
}

}  // namespace

Result<VexDocument> vex_from_cyclonedx(std::string_view json_text) {
  auto sbom = parse_sbom(json_text);  // the components the statements may refer to
  if (!sbom) return Unexpected(sbom.error());
  if (sbom->format != "CycloneDX") return fail(ErrorCode::unsupported, "not a CycloneDX document");
  auto doc = parse_json(json_text);
  if (!doc) return Unexpected(doc.error());
  std::map<std::string, VexProduct> known, used;
  if (sbom->has_subject && !sbom->subject.ref.empty()) known.emplace(sbom->subject.ref, product_of(sbom->subject));
  for (const SbomComponent& c : sbom->components) {
    if (!c.ref.empty()) known.emplace(c.ref, product_of(c));
  }
  VexDocument out;
  try {
    const Node root{*doc, ""};
    if (!root.has("vulnerabilities")) {
      return fail(ErrorCode::unsupported, "a CycloneDX document without vulnerabilities is no VEX (attach an SBOM with `ward devices sbom`)",
                  "vulnerabilities");
    }
    std::map<std::string, std::string> meta;
    if (root.has("metadata")) {
      auto props = properties(root.at("metadata"));
      if (!props) return Unexpected(props.error());
      meta = std::move(*props);
    }
    const auto meta_or = [&](std::string_view key, std::string fallback) {
      const auto it = meta.find(std::string(key));
      return it != meta.end() ? it->second : fallback;
    };
    const std::string subject = sbom->has_subject ? sbom->subject.name + (sbom->subject.version.empty() ? "" : " " + sbom->subject.version) : "";
    // Without a serial number a VEX is known by its subject (a later one for it replaces the
    // earlier on import), or, with neither, by its text.
    out.id = meta_or(kIdProperty, !sbom->serial.empty() ? sbom->serial
                                  : !subject.empty()    ? "VEX " + subject
                                                        : "VEX-" + content_hash(json_text));
    out.revision = meta_or(kRevisionProperty, std::to_string(doc->value("version", 1)));
    out.title = meta_or(kTitleProperty, subject.empty() ? "CycloneDX VEX" : "CycloneDX VEX for " + subject);
    out.timestamp = sbom->timestamp;
    if (auto r = each(root, "vulnerabilities", [&](const Node& v) { return read_vulnerability(v, known, out, used); }); !r) {
      return Unexpected(r.error());
    }
  } catch (const json::exception& e) {
    return fail(ErrorCode::invalid_input, fmt::format("malformed CycloneDX VEX: {}", e.what()));
  }
  for (auto& [ref, p] : known) used.try_emplace(ref, std::move(p));  // every product, stated or not
  for (auto& [ref, p] : used) out.products.push_back(std::move(p));
  std::stable_sort(out.statements.begin(), out.statements.end(),
                   [](const auto& a, const auto& b) { return std::tie(a.cve, a.product_id) < std::tie(b.cve, b.product_id); });
  return out;
}

std::string vex_to_cyclonedx(const VexDocument& vex) {
  ordered doc = {{"bomFormat", "CycloneDX"}, {"specVersion", "1.6"}, {"version", 1}};
  ordered metadata = ordered::object();
  if (!vex.timestamp.empty()) metadata["timestamp"] = vex.timestamp;
  metadata["properties"] = {{{"name", kIdProperty}, {"value", vex.id}},
                            {{"name", kRevisionProperty}, {"value", vex.revision}},
                            {{"name", kTitleProperty}, {"value", vex.title}}};
  doc["metadata"] = metadata;
  ordered components = ordered::array();
  for (const VexProduct& p : vex.products) {
    ordered c = {{"bom-ref", p.id}, {"type", "application"}, {"name", p.name.empty() ? p.id : p.name}};
    if (!p.version.empty()) c["version"] = p.version;
    if (!p.vendor.empty()) c["supplier"] = {{"name", p.vendor}};
    if (!p.cpe.empty()) c["cpe"] = p.cpe;
    if (!p.purl.empty()) c["purl"] = p.purl;
    components.push_back(c);
  }
  doc["components"] = components;
  ordered vulnerabilities = ordered::array();
  for (const VexStatement& s : vex.statements) {
    ordered v = {{"id", s.cve}};
    ordered analysis = {{"state", s.state}};
    if (!s.cdx_justification.empty()) analysis["justification"] = s.cdx_justification;
    if (!s.responses.empty()) analysis["response"] = s.responses;
    if (!s.impact.empty()) analysis["detail"] = s.impact;
    v["analysis"] = analysis;
    if (!s.recommendation.empty()) v["recommendation"] = s.recommendation;
    v["affects"] = {{{"ref", s.product_id}}};
    ordered props = {{{"name", kStatusProperty}, {"value", s.status}}};
    if (!s.justification.empty()) props.push_back({{"name", kJustificationProperty}, {"value", s.justification}});
    if (!s.remediations.empty()) {
      ordered list = ordered::array();
      for (const VexRemediation& r : s.remediations) list.push_back({{"category", r.category}, {"details", r.details}});
      props.push_back({{"name", kRemediationsProperty}, {"value", list.dump()}});
    }
    v["properties"] = props;
    vulnerabilities.push_back(v);
  }
  doc["vulnerabilities"] = vulnerabilities;
  return doc.dump(2) + "\n";
}

}  // namespace ward::devices
