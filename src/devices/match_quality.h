// Scoring matches against a labelled inventory (tests/golden/devices/labelled_inventory.csv,
// built by bench/devices_labelled_set.py): per device, the advisories it must match. Confirmed
// findings (confidence >= kConfirmed) of advisories whose id starts with a prefix ("ICSMA") count;
// precision and recall over (device, advisory) pairs. Used by the test and `ward bench devices`.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "devices/matcher.h"

namespace ward::devices {

struct LabelledDevice {
  std::string device_id;
  std::set<std::string> expected;  // advisory ids
};

// The asset_tag and expected (';'-separated advisory ids) columns of the labelled CSV.
Result<std::vector<LabelledDevice>> read_labels(std::string_view csv_text);

struct MatchQuality {
  std::size_t true_positives = 0, false_positives = 0, false_negatives = 0;
  double precision() const;
  double recall() const;
  MatchQuality& operator+=(const MatchQuality& other);
};

// The labelled CPE/purl set (tests/golden/devices/labelled_identifiers.csv, built by
// bench/devices_identifier_set.py): per row a device model with a one-component SBOM from the
// component, component_version, cpe and purl columns, attached to the row's manufacturer, model
// and software_version. The rows' devices come from read_inventory_csv, their labels from read_labels.
Result<std::vector<AttachedSbom>> read_labelled_components(std::string_view csv_text);

MatchQuality score_matches(const std::vector<Finding>& findings, const std::vector<LabelledDevice>& labels,
                           std::string_view advisory_prefix);

}  // namespace ward::devices
