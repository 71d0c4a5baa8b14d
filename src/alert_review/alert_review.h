// The workflow of a detection alert: open -> acknowledged -> closed (or open -> closed), a
// closed alert carrying its resolution, each change kept with who, when and why. The one place
// these states and resolutions live; the store keeps the rows (store/alert_rows.h).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "store/store.h"

namespace ward::alert_review {

inline constexpr std::array<std::string_view, 3> kStatuses = {"open", "acknowledged", "closed"};
inline constexpr std::array<std::string_view, 3> kResolutions = {"true_positive", "false_positive",
                                                                 "benign"};

struct StatusRequest {
  std::string status;      // acknowledged or closed
  std::string resolution;  // closing: true_positive, false_positive or benign; else ""
  std::string comment;     // free text; may be ""
};

// Whether an alert in `from` may take `request`; ErrorCode::invalid_input naming the field and
// the allowed values otherwise ("alert is acknowledged; it can go to closed, not open").
Result<void> check_change(std::string_view from, const StatusRequest& request);

struct StatusChanged {
  store::AlertRecord alert;  // as it is after the change
  store::AlertChange change;
};

// Applies `request` to alert `id` as `actor` now: not_found when there is no such alert,
// invalid_input when the change is not allowed (or someone changed the alert meanwhile).
Result<StatusChanged> change_status(store::Store& store, std::int64_t id, const StatusRequest& request,
                                    std::string_view actor);

}  // namespace ward::alert_review
