// An AI system in the registry (issue 9): what it is, who uses it, what data it receives, its
// transparency fields (CHAI applied model card, HTI-1 source attributes, catalogues.h) and the
// risk tier derived from its impact. Read from JSON by ai_system_json.h; stored by ai_store.h.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ward::ai_governance {

// How far the system acts on its own (HTI-1's intended decision-making role).
enum class Autonomy { informs, augments, autonomous };

struct AiSystem {
  std::string id;  // stable key; from the JSON, else made from the name ("Sepsis Watch" -> sepsis-watch)
  std::string name, vendor, version, purpose;
  std::string use = "operational";          // "clinical" or "operational"
  std::vector<std::string> users;           // who uses it: "ED nurses", "radiologists"
  std::string deployment = "saas";          // "saas", "on_premises" or "embedded" (in a device or the EHR)
  bool receives_phi = false;
  std::vector<std::string> data_categories; // "diagnoses", "images", "free-text notes"
  bool predictive_dsi = false;              // a predictive decision support intervention (HTI-1)
  bool clinical_decision = false;           // its output informs a clinical decision
  bool patient_facing = false;              // patients see or talk to it
  Autonomy autonomy = Autonomy::informs;
  std::string owner;                        // accountable person or team
  std::string incident_contact;             // who to call when it misbehaves (the vendor's or ours)
  std::vector<std::string> domains;         // service host names, for matching proxy/DNS logs
  std::map<std::string, std::string> model_card;         // CHAI applied model card key -> text
  std::map<std::string, std::string> source_attributes;  // HTI-1 source attribute key -> text
};

enum class RiskTier { low, moderate, high };

struct RiskAssessment {
  RiskTier tier = RiskTier::low;
  std::vector<std::string> reasons;  // each impact that counted, in words
};

// high: informs a clinical decision and is patient facing or autonomous; or autonomous and
// receives PHI. moderate: any one of clinical decision, patient facing, autonomous, PHI,
// predictive DSI. low: none. `reasons` lists every factor present.
RiskAssessment assess_risk(const AiSystem& system);

// The vendor receives PHI: the system gets PHI and does not run entirely on our premises.
bool vendor_receives_phi(const AiSystem& system);

std::string_view to_string(RiskTier tier);
std::string_view to_string(Autonomy autonomy);

// "Sepsis Watch 2" -> "sepsis-watch-2".
std::string system_id_from_name(std::string_view name);

}  // namespace ward::ai_governance
