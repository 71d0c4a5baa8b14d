// Risk checks and scores (risk.h).
#include "risks/risk.h"

#include <algorithm>

#include <fmt/format.h>

#include "incidents/calendar_day.h"

namespace ward::risks {
namespace {

Result<void> one_of(const std::string& value, std::string_view allowed, std::string_view field) {
  for (std::size_t start = 0; start < allowed.size();) {
    const auto comma = allowed.find(", ", start);
    if (allowed.substr(start, comma - start) == value) return {};
    if (comma == std::string_view::npos) break;
    start = comma + 2;
  }
  return fail(ErrorCode::invalid_input, fmt::format("{}: \"{}\" is not one of {}", field, value, allowed), std::string(field));
}

}  // namespace

Result<void> check_level(int value, std::string_view field) {
  if (value >= 1 && value <= 5) return {};
  return fail(ErrorCode::invalid_input, fmt::format("{}: {} is not a level from 1 to 5", field, value), std::string(field));
}

Result<void> check_risk(const Risk& risk) {
  if (risk.title.empty()) return fail(ErrorCode::invalid_input, "title: a risk needs a title", "title");
  if (auto r = check_level(risk.likelihood, "likelihood"); !r) return r;
  return check_level(risk.impact, "impact");
}

Result<void> check_treatment(const Treatment& t) {
  if (auto r = one_of(t.kind, kTreatmentKinds, "kind"); !r) return r;
  if (auto r = one_of(t.status, kTreatmentStatuses, "status"); !r) return r;
  if (auto r = check_level(t.residual_likelihood, "residual_likelihood"); !r) return r;
  if (auto r = check_level(t.residual_impact, "residual_impact"); !r) return r;
  if (t.cost < 0) return fail(ErrorCode::invalid_input, fmt::format("cost: {} is below 0", t.cost), "cost");
  if (!t.target.empty())
    if (auto d = incidents::parse_day(t.target, "target"); !d) return Unexpected(d.error());
  return {};
}

Result<LinkedControl> parse_linked_control(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size())
    return fail(ErrorCode::invalid_input,
                fmt::format("control \"{}\": expected CATALOGUE:CONTROL, e.g. csf-2.0:GV.SC-05", text), "control");
  return LinkedControl{std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

int residual_score(const Risk& r) {
  int score = inherent_score(r);
  for (const Treatment& t : r.treatments)
    if (t.status == "done") score = std::min(score, expected_score(t));
  return score;
}

int risk_reduced(const Risk& r, const Treatment& t) { return std::max(0, inherent_score(r) - expected_score(t)); }

}  // namespace ward::risks
