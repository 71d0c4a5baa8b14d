// breach_clock.h: the rules of 45 CFR 164.404–164.412 as date arithmetic.
#include "incidents/breach_clock.h"

#include <algorithm>

#include <fmt/format.h>

#include "incidents/form_fields.h"
#include "incidents/us_states.h"

namespace ward::incidents {
namespace {

constexpr int kOuterLimitDays = 60;        // 164.404(b), 164.406(b), 164.408(b), 164.410(b)
constexpr int kOralDelayDays = 30;         // 164.412(b)
constexpr std::int64_t kMediaAbove = 500;  // 164.406(a): "more than 500 residents of a State or jurisdiction"
constexpr std::int64_t kHhsAtLeast = 500;  // 164.408(b): "500 or more individuals"

Result<void> check_facts(const BreachFacts& f) {
  if (f.individuals < 0) return field_error("individuals", "expected a count of 0 or more");
  std::int64_t sum = 0;
  for (const auto& [state, n] : f.residents) {
    const std::string field = "residents." + state;
    if (!is_us_state_code(state)) return field_error(field, fmt::format("\"{}\" is not a US state or territory code", state));
    if (n < 0) return field_error(field, "expected a count of 0 or more");
    sum += n;
  }
  if (sum > f.individuals)
    return field_error("residents", fmt::format("the per-state counts add up to {}, more than the {} individuals affected", sum,
                                        f.individuals));
  for (std::size_t i = 0; i < f.delays.size(); ++i) {
    const DelayRequest& d = f.delays[i];
    const std::string at = fmt::format("delays[{}]", i);
    if (d.stated < f.discovered) return field_error(at + ".stated", "before the discovery date");
    if (d.written && !d.until) return field_error(at + ".until", "a written statement must name the end of the delay");
    if (d.until && *d.until < d.stated) return field_error(at + ".until", "before the day the delay was stated");
  }
  return {};
}

struct Delayed {
  Day due;
  int added = 0;
  std::optional<Day> hold_until;
};

// Law-enforcement delays toll the clock: a deadline still running when a delay is stated moves
// later by the days the delay covers within the deadline's counting window (from `counted_from`;
// overlapping delays counted once); a delay stated after the deadline passed does not revive it.
Delayed apply_delays(Day counted_from, Day due, const std::vector<DelayRequest>& delays) {
  std::vector<std::pair<Day, Day>> spans;
  for (const DelayRequest& d : delays) spans.emplace_back(d.stated, delay_end(d));
  std::sort(spans.begin(), spans.end());
  Delayed out{due, 0, std::nullopt};
  std::optional<Day> covered_until;
  for (const auto& [start, end] : spans) {
    if (start > out.due) break;
    const Day from = std::max(covered_until ? std::max(start, *covered_until) : start, counted_from);
    if (end > from) {
      const int days = days_between(from, end);
      out.due = add_days(out.due, days);
      out.added += days;
    }
    covered_until = covered_until ? std::max(*covered_until, end) : end;
    if (end > counted_from) out.hold_until = covered_until;
  }
  return out;
}

// `counted_from`: the day the deadline's days start (discovery; the year end for the yearly log).
Deadline deadline(const BreachFacts& f, std::string duty, std::string notify, Day counted_from, Day base_due,
                  std::string rule, std::string reason) {
  Delayed d = apply_delays(counted_from, base_due, f.delays);
  Deadline out{std::move(duty), std::move(notify), d.due, days_between(f.discovered, base_due), d.added,
               d.hold_until, std::move(rule), std::move(reason)};
  if (d.added > 0) out.reason += fmt::format("; moved {} days by law-enforcement delay (45 CFR 164.412)", d.added);
  return out;
}

}  // namespace

Day delay_end(const DelayRequest& d) {
  if (d.written) return d.until.value_or(d.stated);
  const Day cap = add_days(d.stated, kOralDelayDays);
  return d.until ? std::min(*d.until, cap) : cap;
}

Result<BreachClock> compute_breach_clock(const BreachFacts& f, const StateLaws& laws) {
  if (auto r = check_facts(f); !r) return Unexpected(r.error());
  BreachClock clock;
  const Day outer = add_days(f.discovered, kOuterLimitDays);
  if (f.role == EntityRole::business_associate) {
    clock.deadlines.push_back(deadline(
        f, "covered_entity", "the covered entity", f.discovered, outer, "45 CFR 164.410(b)",
        "a business associate tells the covered entity without unreasonable delay and within 60 days of discovery"));
    clock.notes.push_back(
        "as a business associate: notice to individuals, media and HHS is the covered entity's duty unless the business "
        "associate agreement delegates it; state deadlines follow the covered entity's notices");
  } else {
    clock.deadlines.push_back(deadline(f, "individuals", "each affected individual", f.discovered, outer, "45 CFR 164.404(b)",
                                       "without unreasonable delay and in no case later than 60 calendar days after discovery"));
    for (const auto& [state, n] : f.residents) {
      if (n > kMediaAbove)
        clock.deadlines.push_back(deadline(
            f, "media:" + state, fmt::format("prominent media outlets serving {}", state), f.discovered, outer, "45 CFR 164.406",
            fmt::format("{} residents of {} affected: more than 500", n, state)));
    }
    if (f.individuals >= kHhsAtLeast) {
      clock.deadlines.push_back(deadline(
          f, "hhs", "the Secretary of HHS (OCR breach portal)", f.discovered, outer, "45 CFR 164.408(b)",
          fmt::format("{} individuals affected: 500 or more, so HHS is told at the same time as the individuals",
                      f.individuals)));
    } else {
      const std::chrono::year_month_day ymd(f.discovered);
      const Day year_end = Day(std::chrono::year_month_day{ymd.year(), std::chrono::December, std::chrono::day(31)});
      clock.deadlines.push_back(deadline(
          f, "hhs_annual_log", "the Secretary of HHS (OCR breach portal, breaches under 500)",
          year_end, add_days(year_end, kOuterLimitDays), "45 CFR 164.408(c)",
          fmt::format("{} individuals affected: fewer than 500, so it goes in the yearly report, within 60 days after "
                      "the end of {}",
                      f.individuals, static_cast<int>(ymd.year()))));
    }
    for (const auto& [state, n] : f.residents) {
      if (n <= 0) continue;
      const StateLaw* law = laws.find(state);
      if (law == nullptr) continue;
      if (law->hipaa_exempt) {
        clock.notes.push_back(fmt::format("{}: {} treats notice under HIPAA as compliant; no separate state deadline",
                                          state, law->statute));
        continue;
      }
      clock.deadlines.push_back(deadline(
          f, "state:" + state, fmt::format("affected residents of {}", law->name), f.discovered,
          add_days(f.discovered, law->days),
          law->statute,
          fmt::format("{} residents of {}: the state allows {} days{}", n, law->name, law->days,
                      law->verified ? "" : " (table row not verified; check with counsel)")));
    }
  }
  std::stable_sort(clock.deadlines.begin(), clock.deadlines.end(), [](const Deadline& a, const Deadline& b) {
    return a.due != b.due ? a.due < b.due : a.duty < b.duty;
  });
  return clock;
}

}  // namespace ward::incidents
