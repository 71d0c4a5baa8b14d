// The breach clock against a table of cases: year ends, leap years, the 500 thresholds, state
// rules and law-enforcement delays, and the bad facts it refuses.
#include "incidents/breach_clock.h"
#include "incidents/state_laws_data.h"

#include <gtest/gtest.h>

namespace ward::incidents {
namespace {

Day day(const char* text) { return *parse_day(text, "test"); }

// "duty=due" for each deadline, in order, so a case reads as one line.
std::string summary(const BreachClock& c) {
  std::string out;
  for (const Deadline& d : c.deadlines) out += (out.empty() ? "" : " ") + d.duty + "=" + format_day(d.due);
  return out;
}

struct Case {
  const char* name;
  BreachFacts facts;
  const char* want;
};

TEST(BreachClock, TableOfCases) {
  const DelayRequest written_30{true, day("2026-01-10"), day("2026-02-09"), "FBI"};
  const DelayRequest oral{false, day("2026-01-10"), std::nullopt, "local police"};
  const Case cases[] = {
      {"small breach: individuals in 60 days, HHS in the yearly log",
       {day("2026-01-01"), 10, {}, EntityRole::covered_entity, {}},
       "individuals=2026-03-02 hhs_annual_log=2027-03-01"},
      {"discovered on Dec 31: the deadline crosses the year end; the log is the discovery year's, due the same day",
       {day("2026-12-31"), 3, {}, EntityRole::covered_entity, {}},
       "hhs_annual_log=2027-03-01 individuals=2027-03-01"},
      {"yearly log of a year before a leap year ends on Feb 29",
       {day("2019-06-01"), 3, {}, EntityRole::covered_entity, {}},
       "individuals=2019-07-31 hhs_annual_log=2020-02-29"},
      {"discovered on Feb 29 of a leap year",
       {day("2024-02-29"), 3, {}, EntityRole::covered_entity, {}},
       "individuals=2024-04-29 hhs_annual_log=2025-03-01"},
      {"60 days through February of a leap year",
       {day("2024-01-15"), 3, {}, EntityRole::covered_entity, {}},
       "individuals=2024-03-15 hhs_annual_log=2025-03-01"},
      {"exactly 500 residents of a state: HHS now, but no media (the rule says more than 500)",
       {day("2026-03-01"), 500, {{"NY", 500}}, EntityRole::covered_entity, {}},
       "hhs=2026-04-30 individuals=2026-04-30"},
      {"501 residents of a state: media too",
       {day("2026-03-01"), 501, {{"NY", 501}}, EntityRole::covered_entity, {}},
       "hhs=2026-04-30 individuals=2026-04-30 media:NY=2026-04-30"},
      {"499 individuals: the yearly log",
       {day("2026-03-01"), 499, {{"NY", 499}}, EntityRole::covered_entity, {}},
       "individuals=2026-04-30 hhs_annual_log=2027-03-01"},
      {"600 individuals spread over states, none above 500: HHS, no media",
       {day("2026-03-01"), 600, {{"NJ", 300}, {"NY", 300}}, EntityRole::covered_entity, {}},
       "hhs=2026-04-30 individuals=2026-04-30"},
      {"a 30-day state and a 45-day state come first",
       {day("2026-03-01"), 20, {{"CO", 5}, {"NY", 10}, {"VT", 5}}, EntityRole::covered_entity, {}},
       "state:CO=2026-03-31 state:VT=2026-04-15 individuals=2026-04-30 hhs_annual_log=2027-03-01"},
      {"a state that exempts HIPAA notice adds no deadline",
       {day("2026-03-01"), 20, {{"TN", 20}}, EntityRole::covered_entity, {}},
       "individuals=2026-04-30 hhs_annual_log=2027-03-01"},
      {"business associate: the covered entity in 60 days, nothing else",
       {day("2026-11-15"), 900, {{"CO", 900}}, EntityRole::business_associate, {}},
       "covered_entity=2027-01-14"},
      {"written delay of 30 days moves every running deadline by 30 days",
       {day("2026-01-01"), 3, {}, EntityRole::covered_entity, {written_30}},
       "individuals=2026-04-01 hhs_annual_log=2027-03-01"},
      {"oral delay: 30 days at most",
       {day("2026-01-01"), 3, {}, EntityRole::covered_entity, {oral}},
       "individuals=2026-04-01 hhs_annual_log=2027-03-01"},
      {"oral then written overlapping: counted once, to the written end",
       {day("2026-01-01"), 3, {}, EntityRole::covered_entity,
        {oral, {true, day("2026-02-01"), day("2026-03-03"), "FBI"}}},
       "individuals=2026-04-23 hhs_annual_log=2027-03-01"},
      {"a delay stated after the 30-day state deadline passed leaves it",
       {day("2026-01-01"), 10, {{"FL", 10}}, EntityRole::covered_entity,
        {{true, day("2026-02-15"), day("2026-02-25"), "FBI"}}},
       "state:FL=2026-01-31 individuals=2026-03-12 hhs_annual_log=2027-03-01"},
  };
  for (const Case& c : cases) {
    auto clock = compute_breach_clock(c.facts, builtin_state_laws());
    ASSERT_TRUE(clock) << c.name << ": " << clock.error().describe();
    EXPECT_EQ(summary(*clock), c.want) << c.name;
  }
}

TEST(BreachClock, SaysWhyAndHowLongADelayHolds) {
  BreachFacts f{day("2026-01-01"), 501, {{"CA", 501}}, EntityRole::covered_entity,
                {{true, day("2026-01-10"), day("2026-02-09"), "FBI"}}};
  auto clock = compute_breach_clock(f, builtin_state_laws());
  ASSERT_TRUE(clock);
  const Deadline& media = clock->deadlines.back();
  EXPECT_EQ(media.duty, "media:CA");
  EXPECT_EQ(media.rule, "45 CFR 164.406");
  EXPECT_EQ(media.delay_days, 30);
  EXPECT_EQ(media.base_days, 60);
  ASSERT_TRUE(media.hold_until);
  EXPECT_EQ(format_day(*media.hold_until), "2026-02-09");
  EXPECT_NE(media.reason.find("501 residents of CA"), std::string::npos) << media.reason;
  EXPECT_NE(media.reason.find("164.412"), std::string::npos) << media.reason;
}

TEST(BreachClock, NotesAHipaaExemptState) {
  auto clock = compute_breach_clock({day("2026-03-01"), 20, {{"TN", 20}}, EntityRole::covered_entity, {}},
                                    builtin_state_laws());
  ASSERT_TRUE(clock);
  ASSERT_EQ(clock->notes.size(), 1u);
  EXPECT_NE(clock->notes[0].find("47-18-2107"), std::string::npos);
}

TEST(BreachClock, RefusesBadFactsNamingTheField) {
  auto field_of = [](const BreachFacts& f) {
    auto c = compute_breach_clock(f, builtin_state_laws());
    return c ? std::string("(accepted)") : c.error().field;
  };
  const Day d = day("2026-03-01");
  EXPECT_EQ(field_of({d, -1, {}, EntityRole::covered_entity, {}}), "individuals");
  EXPECT_EQ(field_of({d, 10, {{"XX", 1}}, EntityRole::covered_entity, {}}), "residents.XX");
  EXPECT_EQ(field_of({d, 10, {{"CA", 11}}, EntityRole::covered_entity, {}}), "residents");
  EXPECT_EQ(field_of({d, 10, {}, EntityRole::covered_entity, {{true, day("2026-03-05"), std::nullopt, ""}}}),
            "delays[0].until");
  EXPECT_EQ(field_of({d, 10, {}, EntityRole::covered_entity, {{true, day("2026-03-05"), day("2026-03-04"), ""}}}),
            "delays[0].until");
  EXPECT_EQ(field_of({d, 10, {}, EntityRole::covered_entity, {{false, day("2026-02-01"), std::nullopt, ""}}}),
            "delays[0].stated");
}

TEST(CalendarDay, ReadsOnlyRealDates) {
  EXPECT_TRUE(parse_day("2024-02-29", "discovered"));
  auto not_leap = parse_day("2025-02-29", "discovered");
  ASSERT_FALSE(not_leap);
  EXPECT_EQ(not_leap.error().field, "discovered");
  EXPECT_FALSE(parse_day("2025-1-5", "discovered"));
  EXPECT_FALSE(parse_day("2025-01-05T10:00:00Z", "discovered"));
  auto missing = parse_day("", "discovered");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("missing"), std::string::npos);
}

TEST(StateLaws, ShippedTableParsesAndCitesEveryRow) {
  auto parsed = parse_state_laws(kStateBreachLawsYaml, "state_breach_laws.yaml");
  ASSERT_TRUE(parsed) << parsed.error().describe();
  ASSERT_GE(parsed->laws.size(), 4u);
  const StateLaw* co = parsed->find("CO");
  ASSERT_NE(co, nullptr);
  EXPECT_EQ(co->days, 30);
  EXPECT_TRUE(co->verified);
  EXPECT_NE(co->statute.find("6-1-716"), std::string::npos);
}

TEST(StateLaws, RefusesBadRowsNamingTheKey) {
  auto error_of = [](const char* yaml) {
    auto p = parse_state_laws(yaml, "mine.yaml");
    return p ? std::string("(accepted)") : p.error().field;
  };
  EXPECT_EQ(error_of("states:\n  - {state: ZZ, days: 30, statute: x}\n"), "states[0].state");
  EXPECT_EQ(error_of("states:\n  - {state: CO, days: 0, statute: x}\n"), "states[0].days");
  EXPECT_EQ(error_of("states:\n  - {state: CO, days: 30, statute: x}\n  - {state: CO, days: 30, statute: y}\n"),
            "states[1].state");
  auto unknown = parse_state_laws("states:\n  - {state: CO, days: 30, statute: x, dayz: 3}\n", "mine.yaml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("dayz"), std::string::npos);
}

}  // namespace
}  // namespace ward::incidents
