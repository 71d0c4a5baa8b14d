// The matching cascade (matcher.h).
#include "devices/matcher.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

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

struct ProductHit {
  std::size_t product;
  Answer answer;
  std::string matched_by;
  double confidence;
  std::string reason;
};

bool listed(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool in_any_status(const Advisory& a, const std::string& id) {
  return std::any_of(a.vulnerabilities.begin(), a.vulnerabilities.end(), [&](const AdvisoryVulnerability& v) {
    return listed(v.affected, id) || listed(v.fixed, id) || listed(v.not_affected, id) || listed(v.investigating, id);
  });
}

// Turns the product hits of one advisory into findings for one group of devices. A product the
// advisory lists in no status at all (some ICSMA documents give every vulnerability to their first
// product only) gives a possible finding at half the confidence, with that reason.
void findings_of(const Advisory& a, const std::vector<ProductHit>& hits, const std::string& version,
                 const std::vector<const Device*>& group, std::vector<Finding>& out) {
  for (const AdvisoryVulnerability& v : a.vulnerabilities) {
    const ProductHit* best = nullptr;
    bool cleared = false, unstated = false;
    for (const ProductHit& h : hits) {
      const std::string& id = a.products[h.product].product_id;
      if (h.answer == Answer::yes && (listed(v.fixed, id) || listed(v.not_affected, id))) cleared = true;
      if (listed(v.affected, id) && (best == nullptr || h.confidence > best->confidence)) best = &h;
    }
    if (best == nullptr) {
      for (const ProductHit& h : hits) {
        if (in_any_status(a, a.products[h.product].product_id)) continue;
        if (best == nullptr || h.confidence > best->confidence) best = &h;
        unstated = true;
      }
    }
    if (cleared || best == nullptr) continue;
    for (const Device* d : group) {
      Finding f{d->device_id, a.id, v.cve, a.products[best->product].full_name, version, best->matched_by,
                best->confidence, best->reason, v.cvss_base};
      if (unstated) {
        f.confidence /= 2;
        f.matched_by += "+no_status";
        f.reason = "the advisory names this product but lists it in no product_status";
      }
      out.push_back(std::move(f));
    }
  }
}

// The implied vendor of an operating system's name, for KEV entries ("Windows" is Microsoft's).
void add_implied_vendors(Words& os) {
  if (std::find(os.begin(), os.end(), "windows") != os.end()) os.push_back("microsoft");
  if (std::find(os.begin(), os.end(), "vxworks") != os.end()) { os.push_back("wind"); os.push_back("river"); }
}

}  // namespace

std::vector<Finding> match_devices(const std::vector<Device>& devices, const std::vector<Advisory>& advisories,
                                   const VendorAliases& aliases) {
  std::vector<PreparedProduct> prepared;
  std::unordered_map<std::string, std::vector<std::size_t>> by_vendor;
  std::vector<std::size_t> kev_products;
  for (std::size_t ai = 0; ai < advisories.size(); ++ai) {
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

  std::vector<Finding> out;
  // Tiers 1 and 2, once per distinct (vendor, model, version).
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<const Device*>> groups;
  for (const Device& d : devices) groups[{d.manufacturer, d.model, d.version}].push_back(&d);
  for (const auto& [key, group] : groups) {
    const auto& [vendor, model, version] = key;
    const std::set<std::string> keys = aliases.keys(vendor);
    const Words device_name = without(name_words(model), words_of(keys));
    const std::string model_key = normalise_name(model);
    std::set<std::size_t> candidates;
    for (const std::string& k : keys) {
      if (const auto it = by_vendor.find(k); it != by_vendor.end()) candidates.insert(it->second.begin(), it->second.end());
    }
    std::map<std::size_t, std::vector<ProductHit>> hits;  // by advisory
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
    for (auto& [advisory, list] : hits) {
      std::erase_if(list, [](const ProductHit& h) { return h.answer == Answer::no; });
      findings_of(advisories[advisory], list, version, group, out);
    }
  }

  // KEV through the operating system, once per distinct OS.
  std::map<std::string, std::vector<const Device*>> by_os;
  for (const Device& d : devices) {
    if (!d.os.empty()) by_os[d.os].push_back(&d);
  }
  for (const auto& [os, group] : by_os) {
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
    for (const auto& [advisory, list] : hits) {
      std::vector<Finding> found;
      findings_of(advisories[advisory], list, {}, group, found);
      for (Finding& f : found) {
        f.version = os;
        out.push_back(std::move(f));
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.device_id, a.advisory_id, a.cve) < std::tie(b.device_id, b.advisory_id, b.cve);
  });
  return out;
}

}  // namespace ward::devices
