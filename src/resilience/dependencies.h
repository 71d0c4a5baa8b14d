// What each service needs, all the way down: the services it depends on and theirs, with the
// vendors, devices and systems met on the way; cycles among services (reported, never followed
// twice); and the single points of failure of the tier-1 services — a vendor, device, system or
// service that tier-1 services cannot run without (the 2024 clearinghouse outage). Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "resilience/resilience.h"

namespace ward::resilience {

struct DependencyChain {
  std::int64_t service = 0;
  std::vector<std::int64_t> services;  // every service it depends on, nearest first, each once
  std::vector<std::int64_t> vendors;   // of itself and of those services, each once
  std::vector<std::string> devices, systems;
};

// A loop among services: ids in order, the first repeated at the end (3 -> 5 -> 3).
using Cycle = std::vector<std::int64_t>;

struct SinglePoint {
  std::string kind;  // vendor, service, device, system
  std::int64_t id = 0;  // vendors and services
  std::string name;     // devices and systems (their id or name); services and vendors: filled by the caller
  std::vector<std::int64_t> tier1_services;  // the tier-1 services that depend on it, directly or not
};

struct DependencyView {
  std::vector<DependencyChain> chains;  // one per service, in the order given
  std::vector<Cycle> cycles;            // each loop once, starting at its smallest id
  std::vector<SinglePoint> single_points;  // most tier-1 dependents first
};

// Dependencies on ids that are not among `services` are ignored.
DependencyView dependency_view(const std::vector<Service>& services);

}  // namespace ward::resilience
