// SSVC decision tables as data: the tables CERT/CC publishes (github.com/CERTCC/SSVC, data/json/
// decision_tables; copies with their source, version and licence in data/ssvc/) read at start-up
// from the copies compiled into the binary. A table maps one value of each input decision point
// to an outcome; decide() looks the row up. Start with `SsvcTables::published()`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"

namespace ward::devices {

extern const std::string_view kSsvcCisaCoordinator;  // data/ssvc/cisa_coordinator_2_0_3.json
extern const std::string_view kSsvcDeployer;         // data/ssvc/deployer_patch_application_priority_1_0_0.json
extern const std::string_view kSsvcHumanImpact;      // data/ssvc/human_impact_1_0_0.json

struct DecisionPoint {
  std::string id;                 // "ssvc:E:1.1.0" (namespace:key:version)
  std::string name, version;      // "Exploitation", "1.1.0"
  std::vector<std::string> values;  // value names in the table's order, lower case ("public poc")
};

class DecisionTable {
 public:
  // Reads a decision table in the SSVC JSON schema (DecisionTable_2_0_0); the error names the
  // field. Every combination of input values must have exactly one row.
  static Result<DecisionTable> parse(std::string_view json_text);

  const std::string& name() const { return name_; }        // "CISA Coordinator"
  const std::string& version() const { return version_; }  // "2.0.3"
  const std::vector<DecisionPoint>& inputs() const { return inputs_; }
  const DecisionPoint& outcome() const { return outcome_; }

  // The outcome's value name for one value name per input, in inputs() order, compared without
  // case ("Active" = "active"). Fails naming the input whose value the table does not know.
  Result<std::string> decide(const std::vector<std::string>& values) const;

 private:
  Result<void> read(const nlohmann::ordered_json& doc);  // throws nlohmann errors; parse() catches them

  std::string name_, version_;
  std::vector<DecisionPoint> inputs_;
  DecisionPoint outcome_;
  std::vector<int> outcomes_;  // outcome value index by the inputs' value indices, mixed radix
};

// The three published tables SSVC decisions in Ward use.
struct SsvcTables {
  DecisionTable cisa;         // CISA Coordinator: Exploitation, Automatable, Technical Impact, Mission and Well-Being → Track…Act
  DecisionTable deployer;     // CERT/CC Deployer: Exploitation, System Exposure, Automatable, Human Impact → Defer…Immediate
  DecisionTable human_impact; // Safety Impact × Mission Impact → Human Impact

  static Result<SsvcTables> parse(std::string_view cisa, std::string_view deployer, std::string_view human_impact);
  // The embedded copies, parsed once (tests check that they parse).
  static const Result<SsvcTables>& published();
};

}  // namespace ward::devices
