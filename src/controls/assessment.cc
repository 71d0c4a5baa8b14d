// Control statuses as text (assessment.h).
#include "controls/assessment.h"

#include <array>

#include <fmt/format.h>

namespace ward::controls {
namespace {
constexpr std::array<std::pair<ControlStatus, std::string_view>, 4> kNames = {{
    {ControlStatus::implemented, "implemented"},
    {ControlStatus::partial, "partial"},
    {ControlStatus::not_implemented, "not_implemented"},
    {ControlStatus::not_applicable, "not_applicable"},
}};
}  // namespace

std::string_view to_string(ControlStatus s) {
  for (auto [status, name] : kNames)
    if (status == s) return name;
  return "not_implemented";
}

Result<ControlStatus> parse_control_status(std::string_view text) {
  for (auto [status, name] : kNames)
    if (name == text) return status;
  return fail(ErrorCode::invalid_input, fmt::format("status \"{}\": one of {}", text, kControlStatuses), "status");
}

}  // namespace ward::controls
