// Risk tier and small helpers of an AI system (ai_system.h).
#include "ai_governance/ai_system.h"

namespace ward::ai_governance {

bool vendor_receives_phi(const AiSystem& s) { return s.receives_phi && s.deployment != "on_premises"; }

RiskAssessment assess_risk(const AiSystem& s) {
  RiskAssessment r;
  const bool autonomous = s.autonomy == Autonomy::autonomous;
  if (s.clinical_decision) r.reasons.push_back("its output informs clinical decisions");
  if (s.patient_facing) r.reasons.push_back("it is patient facing");
  if (autonomous) r.reasons.push_back("it acts without a clinician's review (autonomous)");
  else if (s.autonomy == Autonomy::augments) r.reasons.push_back("it augments the user's decision");
  if (s.receives_phi) r.reasons.push_back(vendor_receives_phi(s) ? "it receives PHI, and so does the vendor" : "it receives PHI");
  if (s.predictive_dsi) r.reasons.push_back("it is a predictive decision support intervention (HTI-1)");
  if ((s.clinical_decision && (s.patient_facing || autonomous)) || (autonomous && s.receives_phi)) r.tier = RiskTier::high;
  else if (s.clinical_decision || s.patient_facing || autonomous || s.receives_phi || s.predictive_dsi) r.tier = RiskTier::moderate;
  if (r.reasons.empty()) r.reasons.push_back("no clinical decision, patient contact, autonomy or PHI");
  return r;
}

std::string_view to_string(RiskTier tier) {
  switch (tier) {
    case RiskTier::low: return "low";
    case RiskTier::moderate: return "moderate";
    case RiskTier::high: return "high";
  }
  return "";
}

std::string_view to_string(Autonomy a) {
  switch (a) {
    case Autonomy::informs: return "informs";
    case Autonomy::augments: return "augments";
    case Autonomy::autonomous: return "autonomous";
  }
  return "";
}

std::string system_id_from_name(std::string_view name) {
  std::string id;
  for (char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) id += static_cast<char>(std::tolower(u));
    else if (!id.empty() && id.back() != '-') id += '-';
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

}  // namespace ward::ai_governance
