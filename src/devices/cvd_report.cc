// CVD reports: states, dates and their checks (cvd_report.h).
#include "devices/cvd_report.h"

#include <array>
#include <regex>

#include <fmt/format.h>

#include "core/time.h"
#include "devices/calendar_date.h"

namespace ward::devices {
namespace {

// The states a report may go to from each state.
struct Transition {
  std::string_view from, to;  // `to`: comma-separated
};
constexpr std::array<Transition, 8> kTransitions = {{
    {"received", "acknowledged, rejected"},
    {"acknowledged", "triaged, rejected"},
    {"triaged", "vendor_notified, fix_available, disclosed, rejected"},
    {"vendor_notified", "fix_available, disclosed"},
    {"fix_available", "disclosed"},
    {"disclosed", "closed"},
    {"rejected", "closed"},
    {"closed", ""},
}};

bool listed(std::string_view list, std::string_view value) {
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view item = list.substr(start, end - start);
    while (item.starts_with(' ')) item.remove_prefix(1);
    if (item == value) return true;
    start = end + 1;
  }
  return false;
}

// A step of the timeline: the state that reaches it and the report's date of it.
struct Step {
  std::string_view state;
  std::string CvdReport::*date;
  std::optional<std::string> CvdChange::*change;
};
constexpr std::array<Step, 6> kSteps = {{
    {"received", &CvdReport::received_on, &CvdChange::received_on},
    {"acknowledged", &CvdReport::acknowledged_on, &CvdChange::acknowledged_on},
    {"triaged", &CvdReport::triaged_on, &CvdChange::triaged_on},
    {"vendor_notified", &CvdReport::vendor_notified_on, &CvdChange::vendor_notified_on},
    {"fix_available", &CvdReport::fix_available_on, &CvdChange::fix_available_on},
    {"disclosed", &CvdReport::disclosed_on, &CvdChange::disclosed_on},
}};

std::string field_of(std::string_view state) { return fmt::format("{}_on", state); }

Result<std::optional<std::int64_t>> date_field(const std::string& text, std::string_view field) {
  if (text.empty()) return std::optional<std::int64_t>();
  const auto day = day_number(text);
  if (!day) return fail(ErrorCode::invalid_input, fmt::format("{}: expected a date YYYY-MM-DD, got \"{}\"", field, text), std::string(field));
  return day;
}

}  // namespace

Result<void> check_state(std::string_view state) {
  if (listed(kCvdStates, state)) return {};
  return fail(ErrorCode::invalid_input, fmt::format("state: \"{}\" is not one of {}", state, kCvdStates), "state");
}

std::string_view next_states(std::string_view from) {
  for (const Transition& t : kTransitions) {
    if (t.from == from) return t.to;
  }
  return {};
}

Result<void> check_transition(std::string_view from, std::string_view to) {
  if (auto ok = check_state(to); !ok) return ok;
  for (const Transition& t : kTransitions) {
    if (t.from != from) continue;
    if (listed(t.to, to)) return {};
    return fail(ErrorCode::invalid_input,
                t.to.empty() ? fmt::format("state: a {} report cannot change state (asked for {})", from, to)
                             : fmt::format("state: cannot go from {} to {}; from {} only to {}", from, to, from, t.to),
                "state");
  }
  return check_state(from);
}

Result<void> check_report(const CvdReport& r, std::string_view today) {
  if (r.title.empty() && r.description.empty()) {
    return fail(ErrorCode::invalid_input, "title: a report needs a title or a description", "title");
  }
  if (r.title.size() > 200) return fail(ErrorCode::invalid_input, "title: at most 200 characters", "title");
  if (r.description.size() > 20'000) return fail(ErrorCode::invalid_input, "description: at most 20,000 characters", "description");
  if (!listed(kCvdSubjects, r.subject)) {
    return fail(ErrorCode::invalid_input, fmt::format("subject: \"{}\" is not one of {}", r.subject, kCvdSubjects), "subject");
  }
  if (auto ok = check_state(r.state); !ok) return ok;
  static const std::regex kCve("CVE-[0-9]{4}-[0-9]{4,}");
  if (!r.cve.empty() && !std::regex_match(r.cve, kCve)) {
    return fail(ErrorCode::invalid_input, fmt::format("cve: \"{}\" is not a CVE id (CVE-YYYY-NNNN)", r.cve), "cve");
  }
  const auto now = day_number(today);
  std::optional<std::int64_t> received, previous;  // previous: the latest of received … vendor notified so far
  std::string previous_field;
  for (const Step& s : kSteps) {
    const std::string field = field_of(s.state);
    auto day = date_field(r.*(s.date), field);
    if (!day) return Unexpected(day.error());
    if (s.state == "received") {
      if (!*day) return fail(ErrorCode::invalid_input, "received_on: the date the report was received is required", field);
      received = *day;
    }
    if (!*day) continue;
    if (now && **day > *now) {
      return fail(ErrorCode::invalid_input, fmt::format("{}: {} is in the future", field, r.*(s.date)), field);
    }
    const bool chained = s.state == "acknowledged" || s.state == "triaged" || s.state == "vendor_notified";
    const auto& after = chained && previous ? previous : received;
    const std::string& after_field = chained && previous ? previous_field : std::string("received_on");
    if (s.state != "received" && **day < *after) {
      const std::string after_text = format_day(*after);
      return fail(ErrorCode::invalid_input, fmt::format("{}: {} is before {} {}", field, r.*(s.date), after_field, after_text), field);
    }
    if (s.state == "received" || chained) {
      previous = *day;
      previous_field = field;
    }
  }
  auto target = date_field(r.target_disclosure_on, "target_disclosure_on");
  if (!target) return Unexpected(target.error());
  if (*target && **target < *received) {
    return fail(ErrorCode::invalid_input,
                fmt::format("target_disclosure_on: {} is before received_on {}", r.target_disclosure_on, r.received_on),
                "target_disclosure_on");
  }
  return {};
}

Result<CvdReport> new_report(CvdReport r, std::string_view today) {
  r.state = "received";
  if (r.received_on.empty()) r.received_on = std::string(today);
  if (r.target_disclosure_on.empty()) {
    if (const auto day = day_number(r.received_on)) r.target_disclosure_on = format_day(*day + kDefaultDisclosureDays);
  }
  for (const Step& s : kSteps) {
    if (s.state != "received" && !(r.*(s.date)).empty()) {
      return fail(ErrorCode::invalid_input,
                  fmt::format("{}: a new report is received; set the later dates as it moves on (update --state)", field_of(s.state)),
                  field_of(s.state));
    }
  }
  if (auto ok = check_report(r, today); !ok) return Unexpected(ok.error());
  return r;
}

Result<std::vector<std::pair<std::string, std::string>>> apply_change(CvdReport& report, const CvdChange& change,
                                                                      std::string_view today) {
  CvdReport r = report;
  std::vector<std::pair<std::string, std::string>> entries;
  if (change.state && *change.state != r.state) {
    if (auto ok = check_transition(r.state, *change.state); !ok) return Unexpected(ok.error());
    std::string detail = fmt::format("{} (was {})", *change.state, r.state);
    r.state = *change.state;
    for (const Step& s : kSteps) {
      if (s.state != r.state) continue;
      const auto& given = change.*(s.change);
      r.*(s.date) = given && !given->empty() ? *given : std::string(today);
      detail += fmt::format(" on {}", r.*(s.date));
    }
    entries.emplace_back("state", std::move(detail));
  }
  std::vector<std::string> dates;
  for (const Step& s : kSteps) {
    const auto& given = change.*(s.change);
    if (!given || *given == r.*(s.date)) continue;
    if ((r.*(s.date)).empty() && r.state != s.state) {
      return fail(ErrorCode::invalid_input,
                  fmt::format("{}: the report has not reached {} (it is {}); set it with the state change", field_of(s.state),
                              s.state, r.state),
                  field_of(s.state));
    }
    dates.push_back(fmt::format("{} {} → {}", field_of(s.state), r.*(s.date), *given));
    r.*(s.date) = *given;
  }
  if (change.target_disclosure_on && *change.target_disclosure_on != r.target_disclosure_on) {
    dates.push_back(fmt::format("target_disclosure_on {} → {}", r.target_disclosure_on, *change.target_disclosure_on));
    r.target_disclosure_on = *change.target_disclosure_on;
  }
  if (!dates.empty()) entries.emplace_back("dates", fmt::format("{}", fmt::join(dates, "; ")));
  std::vector<std::string> details;
  const auto set = [&](const std::optional<std::string>& v, std::string& field, std::string_view name) {
    if (!v || *v == field) return;
    details.push_back(name == "description" ? std::string("description changed") : fmt::format("{} \"{}\" → \"{}\"", name, field, *v));
    field = *v;
  };
  set(change.title, r.title, "title");
  set(change.description, r.description, "description");
  set(change.cve, r.cve, "cve");
  set(change.vendor, r.vendor, "vendor");
  set(change.product, r.product, "product");
  set(change.version, r.version, "version");
  set(change.reporter, r.reporter, "reporter");
  set(change.reporter_contact, r.reporter_contact, "reporter_contact");
  if (!details.empty()) entries.emplace_back("details", fmt::format("{}", fmt::join(details, "; ")));
  if (!change.note.empty()) entries.emplace_back("note", change.note);
  if (entries.empty()) return fail(ErrorCode::invalid_input, "nothing to change: give a state, a date, a field or a note");
  if (auto ok = check_report(r, today); !ok) return Unexpected(ok.error());
  report = std::move(r);
  return entries;
}

DisclosureClock disclosure_clock(const CvdReport& r, std::string_view today) {
  DisclosureClock c;
  const auto received = day_number(r.received_on);
  if (const auto disclosed = day_number(r.disclosed_on); disclosed && received) {
    c.days_taken = static_cast<int>(*disclosed - *received);
    return c;
  }
  if (r.state == "closed" || r.state == "rejected") return c;
  const auto target = day_number(r.target_disclosure_on);
  const auto now = day_number(today);
  if (!target || !now) return c;
  c.days_to_disclosure = static_cast<int>(*target - *now);
  c.overdue = *c.days_to_disclosure < 0;
  return c;
}

}  // namespace ward::devices
