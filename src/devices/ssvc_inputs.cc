// Deriving SSVC inputs (ssvc_inputs.h).
#include "devices/ssvc_inputs.h"

#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/ascii_case.h"

namespace ward::devices {
namespace {

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

// "CVSS:3.1/AV:N/AC:L/…" into metric → value ("AV" → "N"); the version prefix is left out.
std::map<std::string, std::string> cvss_metrics(std::string_view vector) {
  std::map<std::string, std::string> out;
  while (!vector.empty()) {
    const auto slash = vector.find('/');
    const std::string_view part = vector.substr(0, slash);
    if (const auto colon = part.find(':'); colon != std::string_view::npos && part.substr(0, colon) != "CVSS") {
      out[std::string(part.substr(0, colon))] = std::string(part.substr(colon + 1));
    }
    if (slash == std::string_view::npos) break;
    vector.remove_prefix(slash + 1);
  }
  return out;
}

// " (from ICSMA-…)" when the vector is another advisory's for the same CVE.
std::string from(const VulnerabilityFacts& facts) {
  return facts.cvss_from.empty() ? std::string() : fmt::format(" (from {})", facts.cvss_from);
}

bool is_v2(const std::map<std::string, std::string>& m) { return m.contains("Au"); }

// Exploitation stated in an advisory's text: "none" for "no known public exploits", "active" for
// exploitation in the wild, "public poc" for public exploit code; "" when the text says neither.
std::string exploitation_in(std::string_view text_in) {
  const std::string text = ascii_lower(text_in);
  if (contains(text, "no known") || contains(text, "not aware") || contains(text, "no public")) return "none";
  if (contains(text, "actively exploited") || contains(text, "in the wild") || contains(text, "active exploitation") ||
      contains(text, "exploited")) {
    return "active";
  }
  if (contains(text, "proof of concept") || contains(text, "poc") || contains(text, "publicly available") ||
      contains(text, "public exploit")) {
    return "public poc";
  }
  return "";
}

// The device's two clinical flags, an unknown one assumed the worse way. A device that is not
// patient-connected cannot sustain life through its connection, so its life-sustaining flag
// does not matter then.
struct ClinicalFlags {
  bool connected, sustaining;
  std::string reason;  // what was recorded and what was assumed
  bool assumed = false;
};

ClinicalFlags clinical_flags(const Device& d) {
  ClinicalFlags f{d.patient_connected.value_or(true), d.life_sustaining.value_or(true), {}, false};
  std::vector<std::string> parts;
  if (d.life_sustaining == true) parts.push_back("life-sustaining");
  else if (d.life_sustaining == false) parts.push_back("not life-sustaining");
  if (d.patient_connected == true) parts.push_back("patient-connected");
  else if (d.patient_connected == false) parts.push_back("not patient-connected");
  if (d.patient_connected == false) f.sustaining = d.life_sustaining.value_or(false);
  if (!d.patient_connected && d.life_sustaining != true) {
    parts.push_back("patient connection not recorded: assumed connected");
    f.assumed = true;
  }
  if (!d.life_sustaining && f.connected) {
    parts.push_back("life-sustaining not recorded: assumed life-sustaining");
    f.assumed = true;
  }
  if (!d.clinical_function.empty()) parts.push_back(fmt::format("clinical function \"{}\"", d.clinical_function));
  f.reason = fmt::format("{}", fmt::join(parts, "; "));
  return f;
}

}  // namespace

AdvisoryFacts::AdvisoryFacts(const std::vector<Advisory>& advisories) {
  for (const Advisory& a : advisories) {
    if (a.kind == "kev") kev_revision_ = a.revision;
    for (const AdvisoryVulnerability& v : a.vulnerabilities) {
      if (a.kind == "kev") kev_.insert(v.cve);
      by_advisory_[{a.id, v.cve}] = {v.cvss_base, v.cvss_vector, {}, v.exploit_status, a.exploitability};
    }
  }
  // A vulnerability without a CVSS vector (every KEV entry) takes one another advisory gives for its CVE.
  std::map<std::string, std::pair<std::string, const VulnerabilityFacts*>> scored;
  for (const auto& [key, facts] : by_advisory_) {
    if (!key.second.empty() && !facts.cvss_vector.empty()) scored.try_emplace(key.second, key.first, &facts);
  }
  for (auto& [key, facts] : by_advisory_) {
    const auto it = scored.find(key.second);
    if (!facts.cvss_vector.empty() || it == scored.end()) continue;
    facts.cvss_vector = it->second.second->cvss_vector;
    facts.cvss_base = it->second.second->cvss_base;
    facts.cvss_from = it->second.first;
  }
}

const VulnerabilityFacts& AdvisoryFacts::find(const std::string& advisory_id, const std::string& cve) const {
  const auto it = by_advisory_.find({advisory_id, cve});
  return it != by_advisory_.end() ? it->second : none_;
}

SsvcInput exploitation(const std::string& cve, const VulnerabilityFacts& facts, const AdvisoryFacts& all) {
  if (!cve.empty() && all.in_kev(cve)) {
    return {"Exploitation", "active", fmt::format("{} is in CISA KEV (catalogue {})", cve, all.kev_revision())};
  }
  if (const std::string v = exploitation_in(facts.exploit_status); !v.empty()) {
    return {"Exploitation", v, fmt::format("the advisory's exploit status: \"{}\"", facts.exploit_status)};
  }
  const std::string kev = all.kev_revision().empty() ? "KEV not imported" : "not in CISA KEV";
  if (const std::string v = exploitation_in(facts.exploitability); !v.empty()) {
    return {"Exploitation", v, fmt::format("{}; the advisory: \"{}\"", kev, facts.exploitability)};
  }
  return {"Exploitation", "none", fmt::format("no evidence of exploitation: {}, the advisory gives no exploit information", kev)};
}

SsvcInput automatable(const VulnerabilityFacts& facts) {
  if (facts.cvss_vector.empty()) {
    return {"Automatable", "yes", "no CVSS vector: assumed automatable (the conservative default)", true};
  }
  const auto m = cvss_metrics(facts.cvss_vector);
  const auto is = [&](const char* metric, const char* value) {
    const auto it = m.find(metric);
    return it != m.end() && it->second == value;
  };
  const std::vector<std::pair<const char*, const char*>> needed =
      is_v2(m) ? std::vector<std::pair<const char*, const char*>>{{"AV", "N"}, {"AC", "L"}, {"Au", "N"}}
               : std::vector<std::pair<const char*, const char*>>{{"AV", "N"}, {"AC", "L"}, {"PR", "N"}, {"UI", "N"}};
  std::vector<std::string> missing;
  for (const auto& [metric, value] : needed) {
    if (!is(metric, value)) missing.push_back(fmt::format("{}:{}", metric, m.contains(metric) ? m.at(metric) : "?"));
  }
  if (missing.empty()) {
    return {"Automatable", "yes",
            fmt::format("{}{}: network-reachable, low complexity, no privileges or user interaction", facts.cvss_vector,
                        from(facts))};
  }
  return {"Automatable", "no", fmt::format("{}{}: {} (not reachable and exploitable without a person's help)",
                                           facts.cvss_vector, from(facts), fmt::join(missing, ", "))};
}

SsvcInput technical_impact(const VulnerabilityFacts& facts) {
  if (facts.cvss_vector.empty()) {
    return {"Technical Impact", "total", "no CVSS vector: assumed total (the conservative default)", true};
  }
  const auto m = cvss_metrics(facts.cvss_vector);
  const char* full = is_v2(m) ? "C" : "H";  // v2 says Complete, v3 High
  const auto get = [&](const char* metric) { return m.contains(metric) ? m.at(metric) : std::string("?"); };
  if (get("C") == full && get("I") == full) {
    return {"Technical Impact", "total",
            fmt::format("CVSS C:{} I:{}{}: total disclosure and control of the software", get("C"), get("I"), from(facts))};
  }
  return {"Technical Impact", "partial",
          fmt::format("CVSS C:{} I:{} A:{}{}: not both confidentiality and integrity fully lost", get("C"), get("I"), get("A"),
                      from(facts))};
}

// An input read from the device's clinical class: life-sustaining, patient-connected, or neither.
SsvcInput by_clinical_class(const Device& d, const char* decision_point, const std::array<const char*, 3>& values,
                            const std::array<const char*, 3>& why) {
  const ClinicalFlags f = clinical_flags(d);
  const std::size_t c = f.sustaining ? 0 : f.connected ? 1 : 2;
  return {decision_point, values[c], fmt::format("{}: {}", f.reason, why[c]), f.assumed};
}

SsvcInput safety_impact(const Device& d) {
  return by_clinical_class(d, "Safety Impact", {"catastrophic", "critical", "marginal"},
                           {"a compromise can stop life support", "a compromise can injure the patient connected to it",
                            "a compromise delays or degrades care, no patient is connected"});
}

SsvcInput mission_impact(const Device& d) {
  return by_clinical_class(d, "Mission Impact", {"mef failure", "mef support crippled", "degraded"},
                           {"losing it fails an essential function (patient care at the bedside)",
                            "losing it cripples support of patient care", "losing it degrades the department's work"});
}

SsvcInput mission_well_being(const Device& d) {
  const ClinicalFlags f = clinical_flags(d);
  if (f.sustaining) return {"Mission and Well-Being Impact", "high", f.reason + ": well-being impact irreversible", f.assumed};
  if (f.connected || !d.clinical_function.empty()) {
    return {"Mission and Well-Being Impact", "medium",
            f.reason + ": supports the care mission, material well-being impact at most", f.assumed};
  }
  return {"Mission and Well-Being Impact", "low", f.reason + ": no clinical function recorded, minimal impact", f.assumed};
}

SsvcInput system_exposure(const Device& d, const ExposureTable& configured) {
  const std::string segment = ascii_lower(d.network_segment);
  if (segment.empty()) {
    return {"System Exposure", "open", "no network segment recorded: assumed open (the conservative default)", true};
  }
  if (const auto it = configured.find(segment); it != configured.end()) {
    return {"System Exposure", it->second, fmt::format("network segment \"{}\" is {} (devices.ssvc.exposure)", d.network_segment, it->second)};
  }
  // Words a segment's name commonly carries, checked most exposed first.
  static constexpr std::pair<std::string_view, std::string_view> kWords[] = {
      {"internet", "open"}, {"dmz", "open"}, {"public", "open"}, {"guest", "open"},
      {"isolated", "small"}, {"air gap", "small"}, {"airgap", "small"}, {"air-gap", "small"}, {"standalone", "small"}, {"offline", "small"},
      {"biomed", "controlled"}, {"medical", "controlled"}, {"clinical", "controlled"}, {"segmented", "controlled"},
      {"restricted", "controlled"}, {"iomt", "controlled"}, {"device", "controlled"}};
  for (const auto& [word, value] : kWords) {
    if (contains(segment, word)) {
      return {"System Exposure", std::string(value),
              fmt::format("network segment \"{}\" reads as {} (the word \"{}\"; set devices.ssvc.exposure to say otherwise)",
                          d.network_segment, value, word)};
    }
  }
  return {"System Exposure", "open",
          fmt::format("network segment \"{}\" is not in devices.ssvc.exposure: assumed open (the conservative default)", d.network_segment),
          true};
}

}  // namespace ward::devices
