// SSVC decision tables (ssvc_table.h): the published JSON into a lookup array.
#include "devices/ssvc_table.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "core/ascii_case.h"

namespace ward::devices {
namespace {

// ordered_json keeps the decision points in the file's order, which is the table's column order.
using nlohmann::ordered_json;

Result<DecisionPoint> read_point(const std::string& id, const ordered_json& j) {
  DecisionPoint p;
  p.id = id;
  p.name = j.at("name").get<std::string>();
  p.version = j.at("version").get<std::string>();
  for (const ordered_json& v : j.at("values")) p.values.push_back(ascii_lower(v.at("name").get<std::string>()));
  if (p.values.empty()) return fail(ErrorCode::invalid_input, fmt::format("decision point {} has no values", id), id);
  return p;
}

int index_of_key(const ordered_json& point, const std::string& key) {
  const ordered_json& values = point.at("values");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i].at("key").get<std::string>() == key) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

Result<DecisionTable> DecisionTable::parse(std::string_view json_text) {
  DecisionTable t;
  try {
    const ordered_json doc = ordered_json::parse(json_text);
    if (auto r = t.read(doc); !r) return Unexpected(r.error());
    return t;
  } catch (const ordered_json::exception& e) {
    return fail(ErrorCode::invalid_input, fmt::format("not an SSVC decision table: {}", e.what()));
  }
}

Result<void> DecisionTable::read(const nlohmann::ordered_json& doc) {
  name_ = doc.at("name").get<std::string>();
  version_ = doc.at("version").get<std::string>();
  const std::string outcome_id = doc.at("outcome").get<std::string>();
  const ordered_json& points = doc.at("decision_points");
  std::vector<const ordered_json*> input_json;
  for (const auto& [id, point] : points.items()) {
    auto p = read_point(id, point);
    if (!p) return Unexpected(p.error());
    if (id == outcome_id) {
      outcome_ = std::move(*p);
    } else {
      inputs_.push_back(std::move(*p));
      input_json.push_back(&point);
    }
  }
  if (outcome_.id.empty()) return fail(ErrorCode::invalid_input, fmt::format("outcome {} is not a decision point", outcome_id), "outcome");
  std::size_t rows = 1;
  for (const DecisionPoint& p : inputs_) rows *= p.values.size();
  outcomes_.assign(rows, -1);
  const ordered_json& mapping = doc.at("mapping");
  for (std::size_t r = 0; r < mapping.size(); ++r) {
    std::size_t at = 0;
    for (std::size_t i = 0; i < inputs_.size(); ++i) {
      const int v = index_of_key(*input_json[i], mapping[r].at(inputs_[i].id).get<std::string>());
      if (v < 0) return fail(ErrorCode::invalid_input, fmt::format("mapping/{}: unknown value of {}", r, inputs_[i].id), "mapping");
      at = at * inputs_[i].values.size() + static_cast<std::size_t>(v);
    }
    const int o = index_of_key(points.at(outcome_id), mapping[r].at(outcome_id).get<std::string>());
    if (o < 0) return fail(ErrorCode::invalid_input, fmt::format("mapping/{}: unknown outcome value", r), "mapping");
    if (outcomes_[at] >= 0) return fail(ErrorCode::invalid_input, fmt::format("mapping/{}: a second row for the same inputs", r), "mapping");
    outcomes_[at] = o;
  }
  for (int o : outcomes_) {
    if (o < 0) return fail(ErrorCode::invalid_input, fmt::format("{}: a combination of inputs has no row", name_), "mapping");
  }
  return {};
}

Result<std::string> DecisionTable::decide(const std::vector<std::string>& values) const {
  if (values.size() != inputs_.size()) {
    return fail(ErrorCode::invalid_input, fmt::format("{} takes {} inputs, got {}", name_, inputs_.size(), values.size()));
  }
  std::size_t at = 0;
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    const std::string v = ascii_lower(values[i]);
    const auto& known = inputs_[i].values;
    const auto it = std::find(known.begin(), known.end(), v);
    if (it == known.end()) {
      return fail(ErrorCode::invalid_input, fmt::format("{}: \"{}\" is not a value of {} (one of: {})", name_, values[i],
                                                        inputs_[i].name, fmt::join(known, ", ")),
                  inputs_[i].name);
    }
    at = at * known.size() + static_cast<std::size_t>(it - known.begin());
  }
  return outcome_.values[static_cast<std::size_t>(outcomes_[at])];
}

Result<SsvcTables> SsvcTables::parse(std::string_view cisa, std::string_view deployer, std::string_view human_impact) {
  auto c = DecisionTable::parse(cisa);
  if (!c) return Unexpected(c.error());
  auto d = DecisionTable::parse(deployer);
  if (!d) return Unexpected(d.error());
  auto h = DecisionTable::parse(human_impact);
  if (!h) return Unexpected(h.error());
  return SsvcTables{std::move(*c), std::move(*d), std::move(*h)};
}

const Result<SsvcTables>& SsvcTables::published() {
  static const Result<SsvcTables> tables = parse(kSsvcCisaCoordinator, kSsvcDeployer, kSsvcHumanImpact);
  return tables;
}

}  // namespace ward::devices
