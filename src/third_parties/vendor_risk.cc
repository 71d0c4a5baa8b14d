// vendor_risk.h: the score, the reminders, the concentration view.
#include "third_parties/vendor_risk.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "devices/vendor_names.h"

namespace ward::third_parties {
namespace {

bool current(const std::string& expires, incidents::Day today) {
  auto d = incidents::parse_day(expires, "expires");
  return d && *d >= today;
}

bool is_assurance(const std::string& certificate) {
  std::string lower;
  for (char c : certificate) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower.find("soc 2") != std::string::npos || lower.find("soc2") != std::string::npos ||
         lower.find("hitrust") != std::string::npos || lower.find("iso 27001") != std::string::npos ||
         lower.find("iso/iec 27001") != std::string::npos;
}

}  // namespace

RiskScore vendor_risk(const Vendor& v, incidents::Day today, const QuestionnaireResult* questionnaire) {
  RiskScore r;
  auto add = [&](int points, std::string why) {
    r.score += points;
    r.reasons.push_back(fmt::format("{:+} {}", points, why));
  };
  if (v.criticality == "critical") add(30, "critical to operations");
  else if (v.criticality == "high") add(20, "high criticality");
  else if (v.criticality == "moderate") add(10, "moderate criticality");
  if (!v.phi_categories.empty() || v.phi_records > 0) {
    add(v.phi_records > 10'000 ? 15 : 10,
        fmt::format("receives PHI ({} records{}{})", v.phi_records, v.phi_categories.empty() ? "" : ": ",
                    fmt::join(v.phi_categories, ", ")));
  }
  const bool baa_current = v.baa_status == "signed" && (v.baa_expires.empty() || current(v.baa_expires, today));
  if ((v.business_associate || !v.phi_categories.empty() || v.phi_records > 0) && v.baa_status != "not_required" &&
      !baa_current)
    add(25, v.baa_status == "signed" ? fmt::format("BAA expired on {}", v.baa_expires)
                                     : fmt::format("handles PHI without a signed BAA (status {})", v.baa_status));
  const bool certified = std::any_of(v.certifications.begin(), v.certifications.end(), [&](const Certification& c) {
    return is_assurance(c.name) && current(c.expires, today);
  });
  if (!certified && v.criticality != "low") add(10, "no current SOC 2, HITRUST or ISO 27001 certificate");
  for (const std::string& p : v.access_paths) {
    if (p == "remote_access" || p == "vpn") add(10, fmt::format("reaches our network ({})", p));
    else if (p == "accounts" || p == "interface") add(5, fmt::format("holds {} into our systems", p == "accounts" ? "accounts" : "an interface"));
  }
  if (questionnaire) {
    const QuestionnaireResult& q = *questionnaire;
    const std::string what = fmt::format("security questionnaire {} (sent {}) scored {}/100, {}", q.questionnaire_id,
                                         q.sent_on, q.score, q.level);
    if (!q.complete)
      add(0, fmt::format("security questionnaire {} (sent {}) not complete ({} of {} answered): not counted yet",
                         q.questionnaire_id, q.sent_on, q.answered, q.questions));
    else if (q.level == "weak") add(15, what);
    else if (q.level == "fair") add(5, what);
    else add(-10, what);
  }
  r.score = std::clamp(r.score, 0, 100);
  r.level = r.score >= 60 ? "high" : r.score >= 30 ? "moderate" : "low";
  return r;
}

std::vector<Reminder> expiry_reminders(const std::vector<Vendor>& vendors, incidents::Day today, int within_days) {
  std::vector<Reminder> out;
  auto consider = [&](const Vendor& v, std::string what, const std::string& expires) {
    auto d = incidents::parse_day(expires, "expires");
    if (!d) return;
    const int left = incidents::days_between(today, *d);
    if (left <= within_days) out.push_back({v.name, std::move(what), expires, left});
  };
  for (const Vendor& v : vendors) {
    if (v.baa_status == "signed" || v.baa_status == "expired") consider(v, "BAA", v.baa_expires);
    for (const Certification& c : v.certifications) consider(v, "certificate " + c.name, c.expires);
  }
  std::stable_sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) { return a.days_left < b.days_left; });
  return out;
}

std::vector<Concentration> single_vendor_services(const std::vector<Vendor>& vendors) {
  std::map<std::string, std::vector<const Vendor*>> by_service;  // normalised service → providers
  std::map<std::string, std::string> spelled;
  for (const Vendor& v : vendors) {
    for (const std::string& s : v.services) {
      const std::string key = devices::normalise_name(s);
      auto& providers = by_service[key];
      if (std::find(providers.begin(), providers.end(), &v) == providers.end()) providers.push_back(&v);
      spelled.emplace(key, s);
    }
  }
  std::vector<Concentration> out;
  for (const auto& [key, providers] : by_service) {
    if (providers.size() != 1) continue;
    const Vendor& v = *providers.front();
    if (v.criticality != "high" && v.criticality != "critical") continue;
    out.push_back({spelled[key], v.name, v.criticality, v.systems});
  }
  std::stable_sort(out.begin(), out.end(), [](const Concentration& a, const Concentration& b) {
    return a.criticality != b.criticality ? a.criticality == "critical" : a.service < b.service;
  });
  return out;
}

}  // namespace ward::third_parties
