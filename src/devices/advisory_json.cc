// CSAF 2.0 and KEV JSON into Advisory values (advisory_json.h). Every access goes through
// Node (json_node.h), which knows its JSON path, so a wrong or missing field is reported where it is.
#include "devices/advisory_json.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "devices/json_node.h"
#include "devices/vex.h"

namespace ward::devices {
namespace {

using nlohmann::json;

// A full_product_name object into `p` (name, product_id, identification helper).
Result<void> read_product(const Node& product, AdvisoryProduct& p) {
  if (!product.value.is_object()) return bad(product, "an object");
  auto name = text(product, "name", true);
  if (!name) return Unexpected(name.error());
  auto id = text(product, "product_id", true);
  if (!id) return Unexpected(id.error());
  p.full_name = *name;
  p.product_id = *id;
  if (!product.has("product_identification_helper")) return {};
  const Node helper = product.at("product_identification_helper");
  if (!helper.value.is_object()) return bad(helper, "an object");
  if (helper.has("cpe")) {
    auto cpe = text(helper, "cpe", true);
    if (!cpe) return Unexpected(cpe.error());
    p.cpes.push_back(*cpe);
  }
  if (helper.has("purl")) {
    auto purl = text(helper, "purl", true);
    if (!purl) return Unexpected(purl.error());
    p.purls.push_back(*purl);
  }
  auto models = strings(helper, "model_numbers");
  if (!models) return Unexpected(models.error());
  p.model_numbers = std::move(*models);
  return {};
}

// Branches, depth first; `context` carries the vendor, product name and version met so far.
Result<void> read_branches(const Node& parent, AdvisoryProduct context, std::vector<AdvisoryProduct>& out) {
  return each(parent, "branches", [&](const Node& branch) -> Result<void> {
    if (!branch.value.is_object()) return bad(branch, "an object");
    auto category = text(branch, "category", true);
    if (!category) return Unexpected(category.error());
    auto name = text(branch, "name", true);
    if (!name) return Unexpected(name.error());
    AdvisoryProduct here = context;
    if (*category == "vendor") here.vendor = *name;
    else if (*category == "product_name") here.product_name = *name;
    else if (*category == "product_version" || *category == "product_version_range") here.version_text = *name;
    if (branch.has("product")) {
      AdvisoryProduct p = here;
      if (auto r = read_product(branch.at("product"), p); !r) return r;
      if (p.product_name.empty()) p.product_name = p.full_name;
      p.range = p.version_text.empty() ? VersionRange{VersionRange::Kind::all, {}, {}} : parse_version_range(p.version_text);
      out.push_back(std::move(p));
    }
    return read_branches(branch, here, out);
  });
}

Result<void> read_product_tree(const Node& root, Advisory& a) {
  if (!root.has("product_tree")) return {};
  const Node tree = root.at("product_tree");
  if (!tree.value.is_object()) return bad(tree, "an object");
  if (auto r = read_branches(tree, {}, a.products); !r) return r;
  if (auto r = each(tree, "full_product_names", [&](const Node& n) -> Result<void> {
        AdvisoryProduct p;
        if (auto r = read_product(n, p); !r) return r;
        p.product_name = p.full_name;
        p.range = VersionRange{VersionRange::Kind::unknown, {}, "the product names no version"};
        a.products.push_back(std::move(p));
        return {};
      });
      !r) {
    return r;
  }
  // A relationship makes a new product id for "component X on platform Y": it is X that is
  // vulnerable, so the new id takes X's vendor, name and range.
  return each(tree, "relationships", [&](const Node& rel) -> Result<void> {
    if (!rel.value.is_object()) return bad(rel, "an object");
    auto ref = text(rel, "product_reference", true);
    if (!ref) return Unexpected(ref.error());
    if (!rel.has("full_product_name")) return bad(Node{rel.value, rel.path + "/full_product_name"}, "an object (the field is missing)");
    const auto component = std::find_if(a.products.begin(), a.products.end(),
                                        [&](const AdvisoryProduct& p) { return p.product_id == *ref; });
    AdvisoryProduct p = component != a.products.end() ? *component : AdvisoryProduct{};
    p.cpes.clear();
    p.purls.clear();
    p.model_numbers.clear();
    if (auto r = read_product(rel.at("full_product_name"), p); !r) return r;
    if (p.product_name.empty()) p.product_name = p.full_name;
    if (component == a.products.end()) p.range = VersionRange{VersionRange::Kind::unknown, {}, "unknown component"};
    a.products.push_back(std::move(p));
    return {};
  });
}

Result<void> read_status(const Node& status, AdvisoryVulnerability& v) {
  if (!status.value.is_object()) return bad(status, "an object");
  const std::pair<std::string_view, std::vector<std::string>*> lists[] = {
      {"known_affected", &v.affected},  {"first_affected", &v.affected}, {"last_affected", &v.affected},
      {"fixed", &v.fixed},              {"first_fixed", &v.fixed},       {"known_not_affected", &v.not_affected},
      {"under_investigation", &v.investigating}, {"recommended", nullptr}};
  for (const auto& [key, list] : lists) {
    auto ids = strings(status, key);
    if (!ids) return Unexpected(ids.error());
    if (list != nullptr) list->insert(list->end(), ids->begin(), ids->end());
  }
  return {};
}

Result<void> read_vulnerability(const Node& n, AdvisoryVulnerability& v) {
  if (!n.value.is_object()) return bad(n, "an object");
  auto cve = text(n, "cve", false);
  if (!cve) return Unexpected(cve.error());
  v.cve = *cve;
  if (n.has("product_status")) {
    if (auto r = read_status(n.at("product_status"), v); !r) return r;
  }
  if (auto r = each(n, "scores", [&](const Node& score) -> Result<void> {
        for (std::string_view key : {"cvss_v3", "cvss_v2"}) {
          if (!score.has(key)) continue;
          const Node cvss = score.at(key);
          if (!cvss.has("baseScore") || !cvss.at("baseScore").value.is_number()) {
            return bad(Node{cvss.value, cvss.path + "/baseScore"}, "a number");
          }
          const double base = cvss.at("baseScore").value.get<double>();
          if (base > v.cvss_base || v.cvss_vector.empty()) {  // the highest score's vector, v3 before v2
            auto vector = text(cvss, "vectorString", false);
            if (!vector) return Unexpected(vector.error());
            v.cvss_vector = *vector;
          }
          v.cvss_base = std::max(v.cvss_base, base);
        }
        return {};
      });
      !r) {
    return r;
  }
  if (auto r = each(n, "threats", [&](const Node& threat) -> Result<void> {
        auto category = text(threat, "category", true);
        if (!category) return Unexpected(category.error());
        auto details = text(threat, "details", false);
        if (!details) return Unexpected(details.error());
        if (*category != "exploit_status" || details->empty()) return {};
        v.exploit_status += (v.exploit_status.empty() ? "" : "; ") + *details;
        return {};
      });
      !r) {
    return r;
  }
  return each(n, "remediations", [&](const Node& rem) -> Result<void> {
    auto category = text(rem, "category", true);
    if (!category) return Unexpected(category.error());
    auto details = text(rem, "details", true);
    if (!details) return Unexpected(details.error());
    v.remediations.push_back(fmt::format("{}: {}", *category, *details));
    return {};
  });
}

Result<Advisory> csaf_from(const json& doc) {
  Advisory a;
  a.kind = "csaf";
  const Node root{doc, ""};
  if (!root.has("document")) return bad(Node{doc, "/document"}, "an object (the field is missing: not a CSAF document)");
  const Node document = root.at("document");
  if (!document.has("tracking")) return bad(Node{doc, "/document/tracking"}, "an object (the field is missing)");
  const Node tracking = document.at("tracking");
  auto id = text(tracking, "id", true);
  if (!id) return Unexpected(id.error());
  auto revision = text(tracking, "version", true);
  if (!revision) return Unexpected(revision.error());
  auto title = text(document, "title", false);
  if (!title) return Unexpected(title.error());
  auto category = text(document, "category", false);
  if (!category) return Unexpected(category.error());
  a.id = *id;
  a.revision = *revision;
  a.title = *title;
  if (*category == "csaf_vex") a.kind = "csaf_vex";
  if (auto r = each(document, "notes", [&](const Node& note) -> Result<void> {
        auto note_title = text(note, "title", false);
        if (!note_title) return Unexpected(note_title.error());
        auto note_text = text(note, "text", false);
        if (!note_text) return Unexpected(note_text.error());
        if (*note_title == "Exploitability") a.exploitability += (a.exploitability.empty() ? "" : " ") + *note_text;
        return {};
      });
      !r) {
    return Unexpected(r.error());
  }
  if (auto r = read_product_tree(root, a); !r) return Unexpected(r.error());
  if (auto r = each(root, "vulnerabilities", [&](const Node& n) -> Result<void> {
        AdvisoryVulnerability v;
        if (auto r = read_vulnerability(n, v); !r) return r;
        a.vulnerabilities.push_back(std::move(v));
        return {};
      });
      !r) {
    return Unexpected(r.error());
  }
  return a;
}

Result<Advisory> kev_from(const json& doc) {
  Advisory a;
  a.kind = "kev";
  a.id = "CISA-KEV";
  const Node root{doc, ""};
  auto version = text(root, "catalogVersion", true);
  if (!version) return Unexpected(version.error());
  auto title = text(root, "title", false);
  if (!title) return Unexpected(title.error());
  a.revision = *version;
  a.title = *title;
  auto r = each(root, "vulnerabilities", [&](const Node& n) -> Result<void> {
    if (!n.value.is_object()) return bad(n, "an object");
    auto cve = text(n, "cveID", true);
    if (!cve) return Unexpected(cve.error());
    auto vendor = text(n, "vendorProject", true);
    if (!vendor) return Unexpected(vendor.error());
    auto product = text(n, "product", true);
    if (!product) return Unexpected(product.error());
    auto action = text(n, "requiredAction", false);
    if (!action) return Unexpected(action.error());
    AdvisoryProduct p;
    p.product_id = *cve;
    p.vendor = *vendor;
    p.product_name = *product;
    p.full_name = fmt::format("{} {}", *vendor, *product);
    p.range = VersionRange{VersionRange::Kind::unknown, {}, "KEV names no versions"};
    a.products.push_back(std::move(p));
    AdvisoryVulnerability v;
    v.cve = *cve;
    v.affected = {*cve};
    if (!action->empty()) v.remediations = {fmt::format("required action: {}", *action)};
    a.vulnerabilities.push_back(std::move(v));
    return {};
  });
  if (!r) return Unexpected(r.error());
  return a;
}

// nlohmann throws on at() of a missing key or a wrong type; Node checks first, but a last catch
// keeps any slip an Error.
template <class F>
Result<Advisory> guarded(std::string_view json_text, F from) {
  auto doc = parse_json(json_text);
  if (!doc) return Unexpected(doc.error());
  try {
    return from(*doc);
  } catch (const json::exception& e) {
    return fail(ErrorCode::invalid_input, fmt::format("malformed advisory: {}", e.what()));
  }
}

}  // namespace

Result<Advisory> parse_csaf(std::string_view json_text) { return guarded(json_text, csaf_from); }
Result<Advisory> parse_kev(std::string_view json_text) { return guarded(json_text, kev_from); }

Result<Advisory> parse_advisory(std::string_view json_text) {
  return guarded(json_text, [json_text](const json& doc) -> Result<Advisory> {
    if (doc.is_object() && doc.contains("catalogVersion")) return kev_from(doc);
    if (doc.is_object() && doc.contains("bomFormat")) {
      auto vex = vex_from_cyclonedx(json_text);
      if (!vex) return Unexpected(vex.error());
      return advisory_from_vex(*vex, "cyclonedx_vex");
    }
    if (doc.is_object() && doc.contains("spdxVersion")) {
      return fail(ErrorCode::unsupported, "an SPDX SBOM, not an advisory: attach it with `ward devices sbom`", "spdxVersion");
    }
    return csaf_from(doc);
  });
}

}  // namespace ward::devices
