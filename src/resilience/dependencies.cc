// dependencies.h: breadth-first walks over the service graph, a depth-first search for loops.
#include "resilience/dependencies.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace ward::resilience {
namespace {

template <class T>
void add_once(std::vector<T>& list, const T& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

using Graph = std::map<std::int64_t, const Service*>;

DependencyChain chain_of(const Service& root, const Graph& graph) {
  DependencyChain c{root.id, {}, {}, {}, {}};
  std::set<std::int64_t> seen{root.id};
  std::deque<const Service*> queue{&root};
  while (!queue.empty()) {
    const Service& s = *queue.front();
    queue.pop_front();
    for (std::int64_t v : s.vendors) add_once(c.vendors, v);
    for (const std::string& d : s.devices) add_once(c.devices, d);
    for (const std::string& y : s.systems) add_once(c.systems, y);
    for (std::int64_t dep : s.depends_on) {
      auto it = graph.find(dep);
      if (it == graph.end() || !seen.insert(dep).second) continue;
      c.services.push_back(dep);
      queue.push_back(it->second);
    }
  }
  return c;
}

// Depth-first with the path on a stack: an edge back into the path closes a loop.
void find_cycles(std::int64_t id, const Graph& graph, std::vector<std::int64_t>& path, std::set<std::int64_t>& done,
                 std::set<Cycle>& cycles) {
  path.push_back(id);
  for (std::int64_t dep : graph.at(id)->depends_on) {
    if (!graph.count(dep)) continue;
    auto on_path = std::find(path.begin(), path.end(), dep);
    if (on_path != path.end()) {
      Cycle loop(on_path, path.end());
      std::rotate(loop.begin(), std::min_element(loop.begin(), loop.end()), loop.end());
      loop.push_back(loop.front());
      cycles.insert(std::move(loop));
    } else if (!done.count(dep)) {
      find_cycles(dep, graph, path, done, cycles);
    }
  }
  path.pop_back();
  done.insert(id);
}

}  // namespace

DependencyView dependency_view(const std::vector<Service>& services) {
  DependencyView view;
  Graph graph;
  for (const Service& s : services) graph.emplace(s.id, &s);
  std::set<std::int64_t> done;
  std::set<Cycle> cycles;
  for (const Service& s : services) {
    view.chains.push_back(chain_of(s, graph));
    std::vector<std::int64_t> path;
    if (!done.count(s.id)) find_cycles(s.id, graph, path, done, cycles);
  }
  view.cycles.assign(cycles.begin(), cycles.end());

  std::map<std::pair<std::string, std::string>, SinglePoint> points;  // (kind, key) -> point
  auto point = [&](const char* kind, std::int64_t id, const std::string& name, std::int64_t tier1) {
    SinglePoint& p = points[{kind, id ? std::to_string(id) : name}];
    p.kind = kind;
    p.id = id;
    p.name = name;
    add_once(p.tier1_services, tier1);
  };
  for (std::size_t i = 0; i < services.size(); ++i) {
    if (services[i].tier != 1) continue;
    const DependencyChain& c = view.chains[i];
    for (std::int64_t s : c.services) point("service", s, "", c.service);
    for (std::int64_t v : c.vendors) point("vendor", v, "", c.service);
    for (const std::string& d : c.devices) point("device", 0, d, c.service);
    for (const std::string& y : c.systems) point("system", 0, y, c.service);
  }
  for (auto& [key, p] : points) view.single_points.push_back(std::move(p));
  auto rank = [](const std::string& kind) { return kind == "vendor" ? 0 : kind == "service" ? 1 : kind == "device" ? 2 : 3; };
  std::stable_sort(view.single_points.begin(), view.single_points.end(), [&](const SinglePoint& a, const SinglePoint& b) {
    if (a.tier1_services.size() != b.tier1_services.size()) return a.tier1_services.size() > b.tier1_services.size();
    return rank(a.kind) < rank(b.kind);
  });
  return view;
}

}  // namespace ward::resilience
