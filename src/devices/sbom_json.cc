// CycloneDX and SPDX JSON into Sbom values (sbom_json.h).
#include "devices/sbom_json.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "devices/cpe.h"
#include "devices/json_node.h"
#include "devices/purl.h"

namespace ward::devices {
namespace {

using nlohmann::json;

// An identifier kept when it parses; otherwise a problem naming where it was.
template <class Parse>
void add_identifier(std::string value, const Node& at, Parse parse, std::vector<std::string>& out, std::vector<Error>& problems) {
  if (value.empty()) return;
  auto parsed = parse(value);
  if (!parsed) {
    Error e = parsed.error();
    e.message = fmt::format("{}: {} (\"{}\"; the identifier is skipped)", at.path, e.message, value);
    e.field = at.path.substr(at.path.rfind('/') + 1);
    problems.push_back(std::move(e));
    return;
  }
  out.push_back(std::move(value));
}

// "Organization: Acme (security@acme.example)" -> "Acme"; NOASSERTION and NONE -> "".
std::string spdx_party(std::string_view s) {
  if (s == "NOASSERTION" || s == "NONE") return {};
  if (const auto colon = s.find(':'); colon != std::string_view::npos) s = s.substr(colon + 1);
  if (const auto paren = s.rfind(" ("); paren != std::string_view::npos && s.ends_with(')')) s = s.substr(0, paren);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// An organisational entity: {"name": …} in CycloneDX 1.2+, or a plain string in old files.
Result<std::string> entity_name(const Node& parent, std::string_view key) {
  if (!parent.has(key)) return std::string();
  const Node n = parent.at(key);
  if (n.value.is_string()) return n.value.get<std::string>();
  if (!n.value.is_object()) return bad(n, "an object with a name");
  return text(n, "name", false);
}

// ---- CycloneDX ----

// "End-of-Support", "end_of_support", "End of Support" -> "endofsupport".
std::string squeezed(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c != ' ' && c != '-' && c != '_') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

Result<void> read_cdx_component(const Node& n, SbomComponent& c, std::vector<Error>& problems) {
  if (!n.value.is_object()) return bad(n, "an object");
  for (auto [key, out] : {std::pair<std::string_view, std::string*>{"bom-ref", &c.ref}, {"name", &c.name},
                          {"version", &c.version}, {"type", &c.type}}) {
    auto v = text(n, key, key == "name");
    if (!v) return Unexpected(v.error());
    *out = std::move(*v);
  }
  for (std::string_view key : {"supplier", "manufacturer", "publisher"}) {
    auto v = key == "publisher" ? text(n, key, false) : entity_name(n, key);
    if (!v) return Unexpected(v.error());
    if (!v->empty()) {
      c.supplier = std::move(*v);
      c.supplier_source = std::string(key);
      break;
    }
  }
  if (auto r = each(n, "properties", [&](const Node& p) -> Result<void> {
        auto name = text(p, "name", true);
        if (!name) return Unexpected(name.error());
        auto value = text(p, "value", false);
        if (!value) return Unexpected(value.error());
        const std::string key = squeezed(*name);
        if (key == "levelofsupport") c.level_of_support = *value;
        else if (key == "endofsupport") c.end_of_support = *value;
        return {};
      });
      !r) {
    return r;
  }
  auto cpe = text(n, "cpe", false);
  if (!cpe) return Unexpected(cpe.error());
  add_identifier(*cpe, n.missing("cpe"), parse_cpe, c.cpes, problems);
  auto purl = text(n, "purl", false);
  if (!purl) return Unexpected(purl.error());
  add_identifier(*purl, n.missing("purl"), parse_purl, c.purls, problems);
  return each(n, "hashes", [&](const Node& h) -> Result<void> {
    auto alg = text(h, "alg", true);
    if (!alg) return Unexpected(alg.error());
    auto content = text(h, "content", true);
    if (!content) return Unexpected(content.error());
    c.hashes.push_back({*alg, *content});
    return {};
  });
}

// Components and their nested components, depth first; a malformed one is a problem, skipped.
Result<void> read_cdx_components(const Node& parent, std::vector<SbomComponent>& out, std::vector<Error>& problems) {
  return each(parent, "components", [&](const Node& n) -> Result<void> {
    SbomComponent c;
    if (auto r = read_cdx_component(n, c, problems); !r) {
      problems.push_back(r.error());
      return {};
    }
    out.push_back(std::move(c));
    if (n.value.is_object()) return read_cdx_components(n, out, problems);
    return {};
  });
}

Result<void> read_cdx_metadata(const Node& root, Sbom& s) {
  if (!root.has("metadata")) return {};
  const Node m = root.at("metadata");
  if (!m.value.is_object()) return bad(m, "an object");
  auto timestamp = text(m, "timestamp", false);
  if (!timestamp) return Unexpected(timestamp.error());
  s.timestamp = *timestamp;
  if (auto r = each(m, "authors", [&](const Node& a) -> Result<void> {
        auto name = a.value.is_object() ? text(a, "name", false) : bad(a, "an object");
        if (!name) return Unexpected(name.error());
        if (!name->empty()) s.authors.push_back(*name);
        return {};
      });
      !r) {
    return r;
  }
  // tools: an array of {vendor, name, version} (1.2–1.4) or {components: […]} (1.5+).
  if (m.has("tools")) {
    const Node tools = m.at("tools");
    const Node list = tools.value.is_object() && tools.has("components") ? tools : m;
    const std::string_view key = tools.value.is_object() ? "components" : "tools";
    if (auto r = each(list, key, [&](const Node& t) -> Result<void> {
          auto name = t.value.is_object() ? text(t, "name", false) : bad(t, "an object");
          if (!name) return Unexpected(name.error());
          if (!name->empty()) s.tools.push_back(*name);
          return {};
        });
        !r) {
      return r;
    }
  }
  if (m.has("component")) {
    if (auto r = read_cdx_component(m.at("component"), s.subject, s.problems); !r) return r;
    s.has_subject = true;
  }
  // The subject's supplier may be given for the whole BOM instead.
  for (std::string_view key : {"supplier", "manufacturer", "manufacture"}) {
    if (!s.subject.supplier.empty()) break;
    auto v = entity_name(m, key);
    if (!v) return Unexpected(v.error());
    if (!v->empty()) { s.subject.supplier = *v; s.subject.supplier_source = "metadata." + std::string(key); }
  }
  return {};
}

Result<void> read_cdx_dependencies(const Node& root, Sbom& s) {
  std::map<std::string, std::vector<std::string>> edges;
  std::set<std::string> named;
  if (auto r = each(root, "dependencies", [&](const Node& d) -> Result<void> {
        if (!d.value.is_object()) return bad(d, "an object");
        auto ref = text(d, "ref", true);
        if (!ref) return Unexpected(ref.error());
        auto on = strings(d, "dependsOn");
        if (!on) return Unexpected(on.error());
        named.insert(*ref);
        named.insert(on->begin(), on->end());
        auto& list = edges[*ref];
        list.insert(list.end(), on->begin(), on->end());
        return {};
      });
      !r) {
    return r;
  }
  const auto link = [&](SbomComponent& c) {
    if (c.ref.empty()) return;
    c.in_dependency_graph = named.contains(c.ref);
    if (const auto it = edges.find(c.ref); it != edges.end()) c.depends_on = it->second;
  };
  link(s.subject);
  for (SbomComponent& c : s.components) link(c);
  return {};
}

Result<Sbom> cyclonedx_from(const json& doc) {
  Sbom s;
  s.format = "CycloneDX";
  const Node root{doc, ""};
  auto spec = text(root, "specVersion", true);
  if (!spec) return Unexpected(spec.error());
  s.spec_version = *spec;
  auto serial = text(root, "serialNumber", false);
  if (!serial) return Unexpected(serial.error());
  s.serial = *serial;
  // A malformed metadata or dependency graph is a problem; the components are still read.
  if (auto r = read_cdx_metadata(root, s); !r) s.problems.push_back(r.error());
  if (auto r = read_cdx_components(root, s.components, s.problems); !r) return Unexpected(r.error());
  if (auto r = read_cdx_dependencies(root, s); !r) s.problems.push_back(r.error());
  return s;
}

// ---- SPDX 2.3 ----

Result<void> read_spdx_package(const Node& n, SbomComponent& c, std::vector<Error>& problems) {
  if (!n.value.is_object()) return bad(n, "an object");
  auto id = text(n, "SPDXID", true);
  if (!id) return Unexpected(id.error());
  auto name = text(n, "name", true);
  if (!name) return Unexpected(name.error());
  auto version = text(n, "versionInfo", false);
  if (!version) return Unexpected(version.error());
  c.ref = *id;
  c.name = *name;
  c.version = *version;
  c.type = "package";
  for (std::string_view key : {"supplier", "originator"}) {
    auto v = text(n, key, false);
    if (!v) return Unexpected(v.error());
    if (std::string party = spdx_party(*v); !party.empty()) {
      c.supplier = std::move(party);
      c.supplier_source = std::string(key);
      break;
    }
  }
  if (auto r = each(n, "checksums", [&](const Node& h) -> Result<void> {
        auto alg = text(h, "algorithm", true);
        if (!alg) return Unexpected(alg.error());
        auto value = text(h, "checksumValue", true);
        if (!value) return Unexpected(value.error());
        c.hashes.push_back({*alg, *value});
        return {};
      });
      !r) {
    return r;
  }
  return each(n, "externalRefs", [&](const Node& ref) -> Result<void> {
    auto type = text(ref, "referenceType", true);
    if (!type) return Unexpected(type.error());
    auto locator = text(ref, "referenceLocator", true);
    if (!locator) return Unexpected(locator.error());
    const Node at = ref.missing("referenceLocator");
    if (*type == "cpe23Type" || *type == "cpe22Type") add_identifier(*locator, at, parse_cpe, c.cpes, problems);
    else if (*type == "purl") add_identifier(*locator, at, parse_purl, c.purls, problems);
    return {};
  });
}

// Relationship types that state a dependency, and whether the related element is the one depended on.
bool dependency_relationship(std::string_view type, bool& forward) {
  forward = !(type.ends_with("DEPENDENCY_OF") || type == "CONTAINED_BY" || type == "PREREQUISITE_FOR");
  return type.find("DEPEND") != std::string_view::npos || type.find("CONTAIN") != std::string_view::npos ||
         type.find("LINK") != std::string_view::npos || type.find("PREREQUISITE") != std::string_view::npos;
}

Result<Sbom> spdx_from(const json& doc) {
  Sbom s;
  s.format = "SPDX";
  const Node root{doc, ""};
  auto version = text(root, "spdxVersion", true);
  if (!version) return Unexpected(version.error());
  if (*version != "SPDX-2.3" && *version != "SPDX-2.2") {
    return fail(ErrorCode::unsupported, fmt::format("/spdxVersion: {} is not read (SPDX 2.2 and 2.3 JSON are)", *version), "spdxVersion");
  }
  s.spec_version = *version;
  auto ns = text(root, "documentNamespace", false);
  if (!ns) return Unexpected(ns.error());
  s.serial = *ns;
  if (root.has("creationInfo")) {
    const Node info = root.at("creationInfo");
    auto created = text(info, "created", false);
    if (!created) return Unexpected(created.error());
    s.timestamp = *created;
    auto creators = strings(info, "creators");
    if (!creators) return Unexpected(creators.error());
    for (const std::string& c : *creators) {
      std::string party = spdx_party(c);
      if (party.empty()) continue;
      (c.starts_with("Tool:") ? s.tools : s.authors).push_back(std::move(party));
    }
  }
  if (auto r = each(root, "packages", [&](const Node& n) -> Result<void> {
        SbomComponent c;
        if (auto r = read_spdx_package(n, c, s.problems); !r) s.problems.push_back(r.error());
        else s.components.push_back(std::move(c));
        return {};
      });
      !r) {
    return Unexpected(r.error());
  }
  auto described = strings(root, "documentDescribes");
  if (!described) return Unexpected(described.error());
  std::map<std::string, std::vector<std::string>> edges;
  std::set<std::string> named;
  if (auto r = each(root, "relationships", [&](const Node& rel) -> Result<void> {
        auto from = text(rel, "spdxElementId", true);
        if (!from) return Unexpected(from.error());
        auto type = text(rel, "relationshipType", true);
        if (!type) return Unexpected(type.error());
        auto to = text(rel, "relatedSpdxElement", true);
        if (!to) return Unexpected(to.error());
        if (*type == "DESCRIBES" && *from == "SPDXRef-DOCUMENT") described->push_back(*to);
        bool forward = true;
        if (!dependency_relationship(*type, forward)) return {};
        named.insert(*from);
        named.insert(*to);
        if (forward) edges[*from].push_back(*to);
        else edges[*to].push_back(*from);
        return {};
      });
      !r) {
    s.problems.push_back(r.error());  // the packages stand without the rest of the graph
  }
  for (SbomComponent& c : s.components) {
    c.in_dependency_graph = named.contains(c.ref);
    if (const auto it = edges.find(c.ref); it != edges.end()) c.depends_on = it->second;
  }
  // The first described package is the subject; it leaves the component list.
  for (const std::string& id : *described) {
    const auto it = std::find_if(s.components.begin(), s.components.end(), [&](const SbomComponent& c) { return c.ref == id; });
    if (it == s.components.end()) continue;
    s.subject = *it;
    s.has_subject = true;
    s.components.erase(it);
    break;
  }
  return s;
}

}  // namespace

Result<Sbom> parse_sbom(std::string_view json_text) {
  auto doc = parse_json(json_text);
  if (!doc) return Unexpected(doc.error());
  try {
    if (doc->is_object() && doc->contains("bomFormat")) {
      if ((*doc)["bomFormat"] != "CycloneDX") return bad(Node{*doc, "/bomFormat"}, "\"CycloneDX\"");
      return cyclonedx_from(*doc);
    }
    if (doc->is_object() && doc->contains("spdxVersion")) return spdx_from(*doc);
    if (doc->is_object() && doc->contains("@context")) {
      return fail(ErrorCode::unsupported, "SPDX 3.0 JSON-LD is not read (SPDX 2.2/2.3 JSON and CycloneDX JSON are)", "@context");
    }
    return fail(ErrorCode::unsupported, "not an SBOM: neither bomFormat (CycloneDX) nor spdxVersion (SPDX) at the top");
  } catch (const json::exception& e) {
    return fail(ErrorCode::invalid_input, fmt::format("malformed SBOM: {}", e.what()));
  }
}

}  // namespace ward::devices
