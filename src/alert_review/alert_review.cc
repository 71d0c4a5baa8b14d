#include "alert_review/alert_review.h"

#include <algorithm>

#include <fmt/format.h>

namespace ward::alert_review {
namespace {

template <std::size_t N>
bool is_one_of(const std::array<std::string_view, N>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Where an alert in `from` may go.
std::string_view next_states(std::string_view from) {
  if (from == "open") return "acknowledged or closed";
  if (from == "acknowledged") return "closed";
  return "";
}

}  // namespace

Result<void> check_change(std::string_view from, const StatusRequest& r) {
  if (r.status != "acknowledged" && r.status != "closed")
    return fail(ErrorCode::invalid_input,
                fmt::format("status: expected acknowledged or closed, not \"{}\"", r.status), "status");
  const std::string_view next = next_states(from);
  if (next.empty())
    return fail(ErrorCode::invalid_input, fmt::format("the alert is {}; it cannot change any more", from),
                "status");
  if (from == r.status)
    return fail(ErrorCode::invalid_input, fmt::format("the alert is {} already; it can go to {}", from, next),
                "status");
  if (r.status == "closed" && !is_one_of(kResolutions, r.resolution))
    return fail(ErrorCode::invalid_input,
                "resolution: closing needs true_positive, false_positive or benign", "resolution");
  if (r.status != "closed" && !r.resolution.empty())
    return fail(ErrorCode::invalid_input, "resolution: only a closed alert has one", "resolution");
  return {};
}

Result<StatusChanged> change_status(store::Store& store, std::int64_t id, const StatusRequest& request,
                                    std::string_view actor) {
  auto alert = store.alert(id);
  if (!alert) return Unexpected(alert.error());
  if (!*alert) return fail(ErrorCode::not_found, fmt::format("there is no alert {}", id), "alert");
  if (auto ok = check_change((*alert)->status, request); !ok) return Unexpected(ok.error());
  store::AlertChange change{.alert_id = id, .time = now_ns(), .actor = std::string(actor),
                            .from_status = (*alert)->status, .to_status = request.status,
                            .resolution = request.resolution, .comment = request.comment};
  if (auto done = store.change_alert_status(change); !done) return Unexpected(done.error());
  StatusChanged out{std::move(**alert), std::move(change)};
  out.alert.status = request.status;
  out.alert.resolution = request.resolution;
  return out;
}

}  // namespace ward::alert_review
