// The JSON views of services, backups, exercises and the resilience report, with the names of
// the services and vendors they refer to (resilience_service.h builds them).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "incidents/calendar_day.h"
#include "resilience/dependencies.h"
#include "resilience/findings.h"
#include "third_parties/vendor.h"

namespace ward::resilience {

// Everything the views refer to, loaded once.
struct ResilienceData {
  std::vector<Service> services;
  std::vector<Backup> backups;
  std::vector<Exercise> exercises;
  std::vector<third_parties::Vendor> vendors;
};

class ResilienceViews {
 public:
  explicit ResilienceViews(const ResilienceData& data);

  nlohmann::json service(const Service& s) const;
  // The service with "chain", "backups" and "findings".
  nlohmann::json service_detail(const Service& s, const DependencyChain& chain, const std::vector<Finding>& findings) const;
  nlohmann::json backup(const Backup& b) const;
  nlohmann::json exercise(const Exercise& e, incidents::Day today) const;
  // {"settings", "counts", "services" (id, name, tier, rto, rpo, number of findings), "findings",
  // "single_points_of_failure", "cycles", "overdue_actions"}.
  nlohmann::json report(const std::vector<Finding>& findings, const DependencyView& view,
                        const std::vector<OverdueAction>& overdue, const FindingSettings& settings) const;

 private:
  std::string service_name(std::int64_t id) const;
  std::string vendor_name(std::int64_t id) const;
  nlohmann::json services_named(const std::vector<std::int64_t>& ids) const;
  nlohmann::json vendors_named(const std::vector<std::int64_t>& ids) const;
  const ResilienceData& data_;
  std::map<std::int64_t, std::string> services_, vendors_;
};

}  // namespace ward::resilience
