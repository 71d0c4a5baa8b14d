// The remediation worklist: tracked findings still to act on (open, or a risk acceptance past its
// expiry; every state with `all`), optionally of one department, ranked by SSVC outcome (most
// urgent first), then due date, then CVSS and EPSS (highest first). As CSV or JSON.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "devices/device.h"
#include "devices/remediation.h"
#include "devices/remediation_store.h"

namespace ward::devices {

struct WorklistOptions {
  std::string department;  // "" for every department; compared without case
  bool all = false;        // every state, not only what is still to do
  bool confirmed = false;  // confirmed matches only (confidence >= kConfirmed)
};

struct WorklistItem {
  TrackedFinding finding;
  std::string department, clinical_function;
  std::string ssvc;                 // the configured tree's outcome
  std::optional<std::string> due;   // YYYY-MM-DD
  bool overdue = false;
  bool acceptance_expired = false;  // risk_accepted past its expiry: to do again
  std::optional<EpssScore> epss;
};

std::vector<WorklistItem> build_worklist(const std::vector<TrackedFinding>& findings, const std::vector<Device>& devices,
                                         const std::map<std::string, EpssScore>& epss, const SsvcSettings& settings,
                                         const std::string& today, const WorklistOptions& options);

// rank,device_id,department,advisory_id,cve,product,version,ssvc,due,state,cvss,epss,confidence,matched_by
std::string worklist_csv(const std::vector<WorklistItem>& items);
nlohmann::json worklist_item_json(const WorklistItem& item, std::size_t rank);
std::string worklist_json_lines(const std::vector<WorklistItem>& items);

}  // namespace ward::devices
