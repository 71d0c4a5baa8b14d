// CPE and purl matching of SBOM components (identifier_tier.h).
#include "devices/identifier_tier.h"

#include <fmt/format.h>

namespace ward::devices {
namespace {

std::string cpe_key(const Cpe& c) { return c.vendor().value + ":" + c.product().value; }
std::string purl_key(const Purl& p) { return p.type + "/" + p.namespace_ + "/" + p.name; }

// KEV and CPE spell names differently ("Internet Explorer", "internet_explorer"): both normalised.
std::string kev_key(const std::string& vendor_key, std::string_view product) {
  return vendor_key + "\t" + normalise_name(product);
}

}  // namespace

std::string sbom_model_key(const VendorAliases& aliases, std::string_view vendor, std::string_view model, std::string_view version) {
  std::string key;
  for (const std::string& k : aliases.keys(vendor)) key += k + "|";
  return fmt::format("{}\t{}\t{}", key, normalise_name(model), version);
}

IdentifierIndex::IdentifierIndex(const std::vector<Advisory>& advisories, const VendorAliases& aliases)
    : advisories_(advisories), aliases_(aliases) {
  for (std::size_t a = 0; a < advisories.size(); ++a) {
    for (std::size_t p = 0; p < advisories[a].products.size(); ++p) {
      const AdvisoryProduct& product = advisories[a].products[p];
      if (advisories[a].kind == "kev") {
        for (const std::string& k : aliases.keys(product.vendor)) kev_[kev_key(k, product.product_name)].emplace_back(a, p);
        continue;
      }
      for (const std::string& text : product.cpes) {
        auto cpe = parse_cpe(text);
        if (cpe && cpe->vendor().concrete() && cpe->product().concrete()) cpes_[cpe_key(*cpe)].push_back({a, p, std::move(*cpe)});
      }
      for (const std::string& text : product.purls) {
        if (auto purl = parse_purl(text)) purls_[purl_key(*purl)].push_back({a, p, std::move(*purl)});
      }
    }
  }
}

void IdentifierIndex::add_hit(std::size_t advisory, std::size_t product, const std::string& tier,
                              const std::string& identifier_version, const std::string& component_version,
                              std::vector<IdentifierHit>& out) const {
  const AdvisoryProduct& p = advisories_[advisory].products[product];
  // The identifier's own version when it names one, else the product's range, else any version.
  VersionRange range = p.range;
  if (!identifier_version.empty()) range = VersionRange{VersionRange::Kind::constraints, {{Bound{Bound::Op::eq, identifier_version}}}, {}};
  else if (p.version_text.empty()) range = VersionRange{VersionRange::Kind::all, {}, {}};
  const VersionAnswer va = version_in_range(component_version, range);
  const bool all = range.kind == VersionRange::Kind::all;
  const std::string how = va.answer == Answer::unknown ? "version_unknown" : all ? "all_versions" : "version";
  out.push_back({advisory, product, va.answer, tier + "+" + how,
                 va.answer == Answer::yes ? kIdentifierConfidence : kIdentifierConfidence * 0.6, va.reason});
}

ComponentIdentifiers component_identifiers(const SbomComponent& component, const VendorAliases& aliases) {
  ComponentIdentifiers out;
  for (const std::string& text : component.cpes) {
    auto cpe = parse_cpe(text);
    if (!cpe || !cpe->vendor().concrete() || !cpe->product().concrete()) continue;
    ComponentIdentifiers::CpeName name{std::move(*cpe), {}, {}, {}};
    name.version = name.cpe.version().concrete() ? name.cpe.version().value : component.version;
    name.key = cpe_key(name.cpe);
    for (const std::string& k : aliases.keys(name.cpe.vendor().value)) name.kev_keys.push_back(kev_key(k, name.cpe.product().value));
    out.cpes.push_back(std::move(name));
  }
  for (const std::string& text : component.purls) {
    auto purl = parse_purl(text);
    if (!purl) continue;
    std::string version = purl->version.empty() ? component.version : purl->version;
    std::string key = purl_key(*purl);
    out.purls.push_back({std::move(*purl), std::move(version), std::move(key)});
  }
  return out;
}

std::vector<IdentifierHit> IdentifierIndex::match(const SbomComponent& component) const {
  return match(component_identifiers(component, aliases_));
}

std::vector<IdentifierHit> IdentifierIndex::match(const ComponentIdentifiers& component) const {
  std::vector<IdentifierHit> out;
  for (const ComponentIdentifiers::CpeName& name : component.cpes) {
    const Cpe& cpe = name.cpe;
    if (const auto it = cpes_.find(name.key); it != cpes_.end()) {
      for (const CpeEntry& e : it->second) {
        if (!same_cpe_product(cpe, e.cpe)) continue;
        add_hit(e.advisory, e.product, "cpe", e.cpe.version().concrete() ? e.cpe.version().value : "", name.version, out);
      }
    }
    for (const std::string& k : name.kev_keys) {
      const auto it = kev_.find(k);
      if (it == kev_.end()) continue;
      for (const auto& [a, p] : it->second) {
        out.push_back({a, p, Answer::unknown, "cpe+kev", kKevIdentifierConfidence * 0.6,
                       fmt::format("KEV names no versions ({} {})", cpe.vendor().value, cpe.product().value)});
      }
    }
  }
  for (const ComponentIdentifiers::PurlName& name : component.purls) {
    const auto it = purls_.find(name.key);
    if (it == purls_.end()) continue;
    for (const PurlEntry& e : it->second) add_hit(e.advisory, e.product, "purl", e.purl.version, name.version, out);
  }
  return out;
}

}  // namespace ward::devices
