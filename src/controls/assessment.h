// An assessment of a catalogue's controls: a status per control with owner, evidence and target
// date (assessment_store.h keeps them), the posture per top-level group that follows
// (posture.h) and evidence Ward finds in its own data (ward_evidence.h). Plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ward::controls {

enum class ControlStatus { implemented, partial, not_implemented, not_applicable };
inline constexpr std::string_view kControlStatuses = "implemented, partial, not_implemented, not_applicable";
std::string_view to_string(ControlStatus s);
Result<ControlStatus> parse_control_status(std::string_view text);  // the error lists the statuses

struct Assessment {
  std::int64_t id = 0;
  std::string name, catalog;  // catalog: a builtin_catalogs.h name or an OSCAL file path
  std::string profile;        // an OSCAL profile file the catalogue is cut down to, or ""
  std::string created_by;
  std::int64_t created_ns = 0;
};

struct ControlRating {
  std::string control_id;
  ControlStatus status = ControlStatus::not_implemented;
  std::string owner, evidence, target;  // target: YYYY-MM-DD or ""
  std::string updated_by;
  std::int64_t updated_ns = 0;
};

}  // namespace ward::controls
