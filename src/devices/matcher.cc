// The matching cascade (matcher.h).
#include "devices/matcher.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "devices/distinct_components.h"
#include "devices/identifier_tier.h"

namespace ward::devices {
namespace {

using Words = std::vector<std::string>;

// One advisory product prepared for matching.
struct PreparedProduct {
  std::size_t advisory = 0;
  std::size_t product = 0;
  std::set<std::string> vendor_keys;
  Words name;                    // product name words without the vendor's own words
  std::set<std::string> models;  // normalised model numbers
};

Words without(const Words& words, const std::set<std::string>& drop) {
  Words out;
  for (const std::string& w : words) {
    if (!drop.contains(w)) out.push_back(w);
  }
  return out;
}

std::set<std::string> words_of(const std::set<std::string>& keys) {
  std::set<std::string> out;
  for (const std::string& k : keys) {
    for (std::string& w : name_words(k)) out.insert(std::move(w));
  }
  return out;
}

// Does `needle` occur as consecutive words in `hay`?
bool contains_run(const Words& hay, const Words& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

bool has_digit(const Words& words) {
  for (const std::string& w : words) {
    if (std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
  }
  return false;
}

// A partial name match must be specific: two words or more, or one that holds a digit ("mx40").
bool specific(const Words& words) { return words.size() >= 2 || has_digit(words); }

struct Basis {
  std::string tier;  // "" when no match
  double base = 0;
};

Basis name_basis(const Words& device, const PreparedProduct& p, const std::string& device_model_key) {
  if (!p.models.empty() && p.models.contains(device_model_key)) return {"model_number", 0.9};
  if (device.empty() || p.name.empty()) return {};
  if (device == p.name) return {"vendor+product", 0.9};
  if ((specific(device) && contains_run(p.name, device)) || (specific(p.name) && contains_run(device, p.name))) {
    return {"vendor+product_partial", 0.65};
  }
  return {};
}

// One distinct SBOM component's identifier hits, with how findings name it.
struct ComponentMatch {
  std::string label, version;  // "WolfSSL 4.8.1", "4.8.1"
  std::vector<IdentifierHit> hits;
};

struct ProductHit {
  std::size_t product;
  Answer answer;
  std::string matched_by;  // name tiers; identifier hits keep theirs in `hit`
  double confidence;
  std::string reason;
  const ComponentMatch* component = nullptr;  // identifier hits: the component and the hit
  const IdentifierHit* hit = nullptr;
};

// A finding from an identifier hit does not depend on the model whose SBOM holds the component:
// made once per (hit, vulnerability) and shared by every model.
using SharedMatches = std::map<std::pair<const IdentifierHit*, std::size_t>, std::shared_ptr<const AdvisoryMatch>>;

// Per advisory: each product id's statuses, as (vulnerability index, status) pairs.
enum class Status : char { affected, cleared, investigating };
using StatusIndex = std::unordered_map<std::string, std::vector<std::pair<std::size_t, Status>>>;

StatusIndex index_statuses(const Advisory& a) {
  StatusIndex index;
  for (std::size_t v = 0; v < a.vulnerabilities.size(); ++v) {
    const AdvisoryVulnerability& vuln = a.vulnerabilities[v];
    for (const std::string& id : vuln.affected) index[id].emplace_back(v, Status::affected);
    for (const std::string& id : vuln.fixed) index[id].emplace_back(v, Status::cleared);
    for (const std::string& id : vuln.not_affected) index[id].emplace_back(v, Status::cleared);
    for (const std::string& id : vuln.investigating) index[id].emplace_back(v, Status::investigating);
  }
  return index;
}

// Turns the product hits of one advisory into findings (without device ids yet): per
// vulnerability the best affected hit, none when a hit in range is fixed or not affected. A
// product the advisory lists in no status at all (some ICSMA documents give every vulnerability
// to their first product only) gives a possible finding at half the confidence, with that reason.
// CVEs a VEX document clears for the product hit go to `cleared_cves`.
void findings_of(const Advisory& a, const StatusIndex& statuses, const std::vector<ProductHit>& hits,
                 const std::string& version, std::vector<std::shared_ptr<const AdvisoryMatch>>& out,
                 std::set<std::string>& cleared_cves, SharedMatches& shared) {
  struct PerVulnerability {
    const ProductHit* best = nullptr;
    bool cleared = false;
  };
  std::map<std::size_t, PerVulnerability> per_vulnerability;
  const ProductHit* unstated = nullptr;
  for (const ProductHit& h : hits) {
    const auto it = statuses.find(a.products[h.product].product_id);
    if (it == statuses.end()) {
      if (unstated == nullptr || h.confidence > unstated->confidence) unstated = &h;
      continue;
    }
    for (const auto& [v, status] : it->second) {
      PerVulnerability& p = per_vulnerability[v];
      if (status == Status::cleared && h.answer == Answer::yes) p.cleared = true;
      if (status == Status::affected && (p.best == nullptr || h.confidence > p.best->confidence)) p.best = &h;
    }
  }
  auto emit = [&](std::size_t vi, const ProductHit& h, bool without_status) {
    const AdvisoryVulnerability& v = a.vulnerabilities[vi];
    std::shared_ptr<const AdvisoryMatch>* slot = nullptr;
    if (h.hit != nullptr && !without_status) {
      auto [it, added] = shared.try_emplace({h.hit, vi});
      if (!added) {
        out.push_back(it->second);
        return;
      }
      slot = &it->second;
    }
    AdvisoryMatch m = h.hit == nullptr
        ? AdvisoryMatch{a.id, v.cve, a.products[h.product].full_name, version, h.matched_by, h.confidence, h.reason, v.cvss_base, {}}
        : AdvisoryMatch{a.id, v.cve, a.products[h.product].full_name, h.component->version, h.hit->matched_by,
                        h.confidence, h.hit->reason, v.cvss_base, h.component->label};
    if (without_status) {
      m.confidence /= 2;
      m.matched_by += "+no_status";
      m.reason = "the advisory names this product but lists it in no product_status";
    }
    out.push_back(std::make_shared<const AdvisoryMatch>(std::move(m)));
    if (slot != nullptr) *slot = out.back();
  };
  const auto stated = [&](std::size_t v, const PerVulnerability& p) {
    if (p.cleared) {
      if (a.kind.ends_with("_vex") && !a.vulnerabilities[v].cve.empty()) cleared_cves.insert(a.vulnerabilities[v].cve);
    } else if (p.best != nullptr) {
      emit(v, *p.best, false);
    }
  };
  if (unstated == nullptr) {  // only the vulnerabilities the hits name (KEV has 1,400)
    for (const auto& [v, p] : per_vulnerability) stated(v, p);
    return;
  }
  for (std::size_t v = 0; v < a.vulnerabilities.size(); ++v) {
    const auto it = per_vulnerability.find(v);
    if (it != per_vulnerability.end() && (it->second.cleared || it->second.best != nullptr)) stated(v, it->second);
    else emit(v, *unstated, true);
  }
}

// The implied vendor of an operating system's name, for KEV entries ("Windows" is Microsoft's).
void add_implied_vendors(Words& os) {
  if (std::find(os.begin(), os.end(), "windows") != os.end()) os.push_back("microsoft");
  if (std::find(os.begin(), os.end(), "vxworks") != os.end()) { os.push_back("wind"); os.push_back("river"); }
}

// The identifier tier's hits of each distinct SBOM component, computed on first use.
class ComponentHits {
 public:
  explicit ComponentHits(const IdentifierIndex& index) : index_(index) {}
  // Stable: the cache's nodes do not move. The same component object (an SBOM shared by every
  // device of a model) is found by its address without building its text key again.
  const ComponentMatch& of(const SbomComponent& c) {
    const auto [at, added] = by_address_.try_emplace(&c, nullptr);
    if (added) at->second = &by_identity(c);
    return *at->second;
  }

 private:
  const ComponentMatch& by_identity(const SbomComponent& c) {
    auto [it, added] = cache_.try_emplace(component_identity(c));
    if (added) it->second = {c.version.empty() ? c.name : fmt::format("{} {}", c.name, c.version), c.version, index_.match(c)};
    return it->second;
  }

  const IdentifierIndex& index_;
  std::unordered_map<std::string, ComponentMatch> cache_;
  std::unordered_map<const SbomComponent*, const ComponentMatch*> by_address_;
};

void add_component_hits(const Sbom& sbom, ComponentHits& component_hits, std::map<std::size_t, std::vector<ProductHit>>& hits) {
  const auto add = [&](const SbomComponent& c) {
    const ComponentMatch& found = component_hits.of(c);
    for (const IdentifierHit& h : found.hits) hits[h.advisory].push_back({h.product, h.answer, {}, h.confidence, {}, &found, &h});
  };
  if (sbom.has_subject) add(sbom.subject);
  for (const SbomComponent& c : sbom.components) add(c);
}

}  // namespace

std::vector<Finding> match_devices(const std::vector<Device>& devices, const std::vector<Advisory>& advisories,
                                   const VendorAliases& aliases, const std::vector<AttachedSbom>& sboms) {
  std::vector<const Sbom*> sbom_of_device;
  if (!sboms.empty()) {
    std::unordered_map<std::string, const Sbom*> sbom_of;  // by sbom_model_key: the first SBOM of a model wins
    for (const AttachedSbom& s : sboms) sbom_of.emplace(sbom_model_key(aliases, s.vendor, s.model, s.version), &s.sbom);
    std::map<std::tuple<std::string_view, std::string_view, std::string_view>, const Sbom*> of_model;
    sbom_of_device.reserve(devices.size());
    for (const Device& d : devices) {
      auto [it, added] = of_model.try_emplace({d.manufacturer, d.model, d.version}, nullptr);
      if (added) {
        const auto found = sbom_of.find(sbom_model_key(aliases, d.manufacturer, d.model, d.version));
        if (found != sbom_of.end()) it->second = found->second;
      }
      sbom_of_device.push_back(it->second);
    }
  }
  return match_devices(devices, advisories, aliases, sbom_of_device);
}

std::vector<Finding> match_devices(const std::vector<Device>& devices, const std::vector<Advisory>& advisories,
                                   const VendorAliases& aliases, const std::vector<const Sbom*>& sbom_of_device) {
  std::vector<PreparedProduct> prepared;
  std::unordered_map<std::string, std::vector<std::size_t>> by_vendor;
  std::vector<std::size_t> kev_products;
  std::vector<StatusIndex> statuses;
  for (std::size_t ai = 0; ai < advisories.size(); ++ai) {
    statuses.push_back(index_statuses(advisories[ai]));
    for (std::size_t pi = 0; pi < advisories[ai].products.size(); ++pi) {
      const AdvisoryProduct& product = advisories[ai].products[pi];
      PreparedProduct p{ai, pi, aliases.keys(product.vendor), {}, {}};
      p.name = without(name_words(product.product_name), words_of(p.vendor_keys));
      for (const std::string& m : product.model_numbers) p.models.insert(normalise_name(m));
      for (const std::string& k : p.vendor_keys) by_vendor[k].push_back(prepared.size());
      if (advisories[ai].kind == "kev") kev_products.push_back(prepared.size());
      prepared.push_back(std::move(p));
    }
  }

  const IdentifierIndex identifiers(advisories, aliases);
  ComponentHits component_hits(identifiers);
  SharedMatches shared;

  // The identifier tier, then tiers by name, once per distinct (vendor, model, version):
  // findings without device ids.
  using Key = std::tuple<std::string, std::string, std::string>;
  using Matches = std::vector<std::shared_ptr<const AdvisoryMatch>>;
  struct ModelFindings {
    const Sbom* sbom = nullptr;                   // its first device's
    Matches found;
    std::set<std::string> cleared;                // CVEs a VEX document clears for the model
    bool filters_os = false;                      // cleared CVEs or KEV entries of its own: OS lists are filtered
    std::map<const Matches*, Matches> os_lists;   // OS lists so filtered, made on first use
  };
  std::map<Key, ModelFindings> by_model;
  std::vector<ModelFindings*> model_of;  // per device
  model_of.reserve(devices.size());
  for (std::size_t i = 0; i < devices.size(); ++i) {
    const Device& d = devices[i];
    auto [it, added] = by_model.try_emplace({d.manufacturer, d.model, d.version});
    if (added && !sbom_of_device.empty()) it->second.sbom = sbom_of_device[i];
    model_of.push_back(&it->second);
  }
  // Vendor alias keys once per vendor: several allocations each, and a fleet has few vendors.
  std::unordered_map<std::string, std::set<std::string>> keys_of_vendor;
  for (auto& [key, entry] : by_model) {
    Matches& found = entry.found;
    const auto& [vendor, model, version] = key;
    std::map<std::size_t, std::vector<ProductHit>> hits;  // by advisory
    if (entry.sbom != nullptr) add_component_hits(*entry.sbom, component_hits, hits);
    std::set<std::size_t> candidates;
    auto [vendor_keys, new_vendor] = keys_of_vendor.try_emplace(vendor);
    if (new_vendor) vendor_keys->second = aliases.keys(vendor);
    const std::set<std::string>& keys = vendor_keys->second;
    for (const std::string& k : keys) {
      if (const auto it = by_vendor.find(k); it != by_vendor.end()) candidates.insert(it->second.begin(), it->second.end());
    }
    // The model's name words only when some product of its vendor may match them.
    const Words device_name = candidates.empty() ? Words() : without(name_words(model), words_of(keys));
    const std::string model_key = candidates.empty() ? std::string() : normalise_name(model);
    for (std::size_t c : candidates) {
      const PreparedProduct& p = prepared[c];
      const Basis basis = name_basis(device_name, p, model_key);
      if (basis.tier.empty()) continue;
      const AdvisoryProduct& product = advisories[p.advisory].products[p.product];
      const VersionAnswer va = version_in_range(version, product.range);
      if (va.answer == Answer::no) {
        hits[p.advisory].push_back({p.product, Answer::no, {}, 0, {}});
        continue;
      }
      const bool all = product.range.kind == VersionRange::Kind::all;
      const std::string how = va.answer == Answer::unknown ? "version_unknown" : all ? "all_versions" : "version";
      hits[p.advisory].push_back({p.product, va.answer, basis.tier + "+" + how,
                                  va.answer == Answer::yes ? basis.base : basis.base * 0.6, va.reason});
    }
    std::set<std::string>& cleared = entry.cleared;
    for (auto& [advisory, list] : hits) {
      std::erase_if(list, [](const ProductHit& h) { return h.answer == Answer::no; });
      findings_of(advisories[advisory], statuses[advisory], list, version, found, cleared, shared);
    }
    if (!cleared.empty()) std::erase_if(found, [&](const auto& m) { return cleared.contains(m->cve); });
  }

  // KEV through the operating system, once per distinct OS.
  std::map<std::string, Matches> by_os;
  std::vector<const Matches*> os_of;  // per device; null without an OS
  os_of.reserve(devices.size());
  for (const Device& d : devices) os_of.push_back(d.os.empty() ? nullptr : &by_os.try_emplace(d.os).first->second);
  for (auto& [os, found] : by_os) {
    Words os_words = name_words(os);
    add_implied_vendors(os_words);
    std::map<std::size_t, std::vector<ProductHit>> hits;
    for (std::size_t c : kev_products) {
      const PreparedProduct& p = prepared[c];
      const AdvisoryProduct& product = advisories[p.advisory].products[p.product];
      const Words vendor_words = name_words(product.vendor);
      const Words product_words = name_words(product.product_name);
      if (!contains_run(os_words, product_words)) continue;
      if (!std::all_of(vendor_words.begin(), vendor_words.end(), [&](const std::string& w) {
            return std::find(os_words.begin(), os_words.end(), w) != os_words.end();
          })) {
        continue;
      }
      hits[p.advisory].push_back({p.product, Answer::unknown, "os+kev", 0.45, product.range.reason});
    }
    std::set<std::string> cleared;  // KEV is no VEX document: stays empty
    for (const auto& [advisory, list] : hits) findings_of(advisories[advisory], statuses[advisory], list, os, found, cleared, shared);
  }

  // Fan out to the devices, in their order; each device's findings by advisory and CVE.
  const auto by_advisory = [](const auto& a, const auto& b) {
    return std::tie(a->advisory_id, a->cve) < std::tie(b->advisory_id, b->cve);
  };
  for (auto& [key, entry] : by_model) {
    std::sort(entry.found.begin(), entry.found.end(), by_advisory);
    entry.filters_os = !entry.cleared.empty() ||
                       std::any_of(entry.found.begin(), entry.found.end(), [](const auto& m) { return m->matched_by == "cpe+kev"; });
  }
  for (auto& [os, found] : by_os) std::sort(found.begin(), found.end(), by_advisory);
  // A device's OS list without the CVEs its model clears and the KEV entries an SBOM component
  // already matched, once per (model, OS).
  const auto os_list_for = [&](ModelFindings& model, const Matches* os) -> const Matches& {
    if (!model.filters_os) return *os;
    auto [it, added] = model.os_lists.try_emplace(os);
    if (added) {
      for (const auto& m : *os) {
        if (model.cleared.contains(m->cve) || std::binary_search(model.found.begin(), model.found.end(), m, by_advisory)) continue;
        it->second.push_back(m);
      }
    }
    return it->second;
  };
  std::size_t total = 0;
  for (std::size_t i = 0; i < devices.size(); ++i) total += model_of[i]->found.size() + (os_of[i] ? os_of[i]->size() : 0);
  std::vector<Finding> out;
  out.reserve(total);
  for (std::size_t i = 0; i < devices.size(); ++i) {
    for (const auto& m : model_of[i]->found) out.push_back(Finding{devices[i].device_id, m});
    if (os_of[i] == nullptr) continue;
    for (const auto& m : os_list_for(*model_of[i], os_of[i])) out.push_back(Finding{devices[i].device_id, m});
  }
  return out;
}

}  // namespace ward::devices
