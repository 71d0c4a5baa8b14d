// CVD intake: a report received with a 90-day target, moved through its states (a transition the
// rules do not allow is refused, naming what is allowed), dates in order (acknowledged before
// received is refused naming the field), the timeline saying who did what, days to disclosure,
// and nothing saved half-way.
#include <gtest/gtest.h>

#include "core/time.h"
#include "devices/cvd_json.h"
#include "devices/cvd_store.h"
#include "testing/instants.h"
#include "testing/shared_data.h"

namespace ward::devices {
namespace {
using ward::testing::kDec1;

CvdReport pump_report() {
  CvdReport r;
  r.vendor = "Acme Infusion";
  r.product = "Pump X";
  r.version = "< 2.0";
  r.title = "Hard-coded service password";
  r.description = "The service menu accepts a fixed password.";
  return r;
}

struct Store {
  testing::TempDir dir;
  CvdStore store = std::move(*CvdStore::open(dir.path()));
};

TEST(Cvd, ANewReportIsReceivedTodayWithATargetNinetyDaysOn) {
  Store s;
  auto r = s.store.add(pump_report(), "cli:alice", kDec1);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_GT(r->id, 0);
  EXPECT_EQ(r->state, "received");
  EXPECT_EQ(r->received_on, "2026-12-01");
  EXPECT_EQ(r->target_disclosure_on, "2027-03-01");
  const auto j = cvd_report_json(*r, "2026-12-11");
  EXPECT_EQ(j["days_to_disclosure"], 80);
  EXPECT_EQ(j["anonymous"], true);
  EXPECT_EQ(j["disclosure_overdue"], false);
  EXPECT_TRUE(cvd_report_json(*r, "2027-03-02")["disclosure_overdue"].get<bool>());
  EXPECT_EQ(j["next_states"], nlohmann::json({"acknowledged", "rejected"}));  // what the web page offers
  CvdReport closed = *r;
  closed.state = "closed";
  EXPECT_TRUE(cvd_report_json(closed, "2026-12-11")["next_states"].empty());
  auto timeline = s.store.timeline(r->id);
  ASSERT_TRUE(timeline);
  ASSERT_EQ(timeline->size(), 1u);
  EXPECT_EQ((*timeline)[0].event, "received");
  EXPECT_EQ((*timeline)[0].actor, "cli:alice");
  EXPECT_EQ((*timeline)[0].detail, "received on 2026-12-01 from an anonymous reporter; target disclosure 2027-03-01");
}

TEST(Cvd, AcknowledgedBeforeReceivedIsRefusedNamingTheField) {
  Store s;
  CvdReport report = pump_report();
  report.received_on = "2026-11-20";
  auto r = s.store.add(report, "cli:alice", kDec1);
  ASSERT_TRUE(r);
  CvdChange ack;
  ack.state = "acknowledged";
  ack.acknowledged_on = "2026-11-19";
  auto bad = s.store.update(r->id, ack, "cli:alice", kDec1);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "acknowledged_on");
  EXPECT_EQ(bad.error().message, "acknowledged_on: 2026-11-19 is before received_on 2026-11-20");
  auto kept = s.store.find(r->id);  // nothing saved half-way
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->state, "received");
  EXPECT_EQ(kept->acknowledged_on, "");
  EXPECT_EQ(s.store.timeline(r->id)->size(), 1u);

  ack.acknowledged_on = "2026-11-21";
  ASSERT_TRUE(s.store.update(r->id, ack, "cli:alice", kDec1));
  CvdChange triage;
  triage.state = "triaged";
  triage.triaged_on = "2026-11-20";  // before acknowledged: the chain is received → acknowledged → triaged
  auto early = s.store.update(r->id, triage, "cli:bob", kDec1);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().message, "triaged_on: 2026-11-20 is before acknowledged_on 2026-11-21");
  CvdChange future;
  future.state = "triaged";
  future.triaged_on = "2026-12-02";
  EXPECT_EQ(s.store.update(r->id, future, "cli:bob", kDec1).error().message, "triaged_on: 2026-12-02 is in the future");
  CvdChange target;
  target.target_disclosure_on = "2026-11-01";
  EXPECT_EQ(s.store.update(r->id, target, "cli:bob", kDec1).error().field, "target_disclosure_on");
  CvdChange not_a_date;
  not_a_date.target_disclosure_on = "1 March";
  EXPECT_EQ(s.store.update(r->id, not_a_date, "cli:bob", kDec1).error().message,
            "target_disclosure_on: expected a date YYYY-MM-DD, got \"1 March\"");
}

TEST(Cvd, StatesMoveOnlyAlongTheRules) {
  Store s;
  auto r = s.store.add(pump_report(), "cli:alice", kDec1);
  ASSERT_TRUE(r);
  CvdChange jump;
  jump.state = "disclosed";
  auto bad = s.store.update(r->id, jump, "cli:alice", kDec1);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "state");
  EXPECT_EQ(bad.error().message, "state: cannot go from received to disclosed; from received only to acknowledged, rejected");
  CvdChange unknown;
  unknown.state = "done";
  EXPECT_EQ(s.store.update(r->id, unknown, "cli:alice", kDec1).error().message,
            "state: \"done\" is not one of received, acknowledged, triaged, vendor_notified, fix_available, disclosed, closed, rejected");
  CvdChange early_date;
  early_date.fix_available_on = "2026-12-01";
  EXPECT_EQ(s.store.update(r->id, early_date, "cli:alice", kDec1).error().message,
            "fix_available_on: the report has not reached fix_available (it is received); set it with the state change");

  for (const char* state : {"acknowledged", "triaged", "vendor_notified", "fix_available", "disclosed", "closed"}) {
    CvdChange c;
    c.state = state;
    auto moved = s.store.update(r->id, c, "account:bob", kDec1 + 3 * kNsPerDay);
    ASSERT_TRUE(moved) << state << ": " << moved.error().describe();
    EXPECT_EQ(moved->state, state);
  }
  auto done = s.store.find(r->id);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->acknowledged_on, "2026-12-04");
  EXPECT_EQ(done->disclosed_on, "2026-12-04");
  EXPECT_EQ(cvd_report_json(*done, "2026-12-10")["days_taken"], 3);
  EXPECT_TRUE(cvd_report_json(*done, "2026-12-10")["days_to_disclosure"].is_null());
  CvdChange reopen;
  reopen.state = "received";
  EXPECT_EQ(s.store.update(r->id, reopen, "account:bob", kDec1).error().message,
            "state: a closed report cannot change state (asked for received)");
}

TEST(Cvd, TheTimelineSaysWhoDidWhatAndWhen) {
  Store s;
  CvdReport report = pump_report();
  report.reporter = "J. Researcher";
  report.reporter_contact = "jr@example.org";
  auto r = s.store.add(report, "cli:alice", kDec1);
  ASSERT_TRUE(r);
  CvdChange ack;
  ack.state = "acknowledged";
  ack.note = "thanked the reporter";
  ASSERT_TRUE(s.store.update(r->id, ack, "account:bob", kDec1 + kNsPerDay));
  CvdChange cve;
  cve.cve = "CVE-2026-12345";
  cve.target_disclosure_on = "2027-04-01";
  ASSERT_TRUE(s.store.update(r->id, cve, "account:carol", kDec1 + 2 * kNsPerDay));
  CvdChange bad_cve;
  bad_cve.cve = "2026-1";
  EXPECT_EQ(s.store.update(r->id, bad_cve, "account:carol", kDec1).error().field, "cve");
  EXPECT_EQ(s.store.update(r->id, CvdChange{}, "account:carol", kDec1).error().message,
            "nothing to change: give a state, a date, a field or a note");

  auto timeline = s.store.timeline(r->id);
  ASSERT_TRUE(timeline);
  std::vector<std::string> lines;
  for (const CvdEntry& e : *timeline) lines.push_back(format_iso8601(e.at) + " " + e.actor + " " + e.event + ": " + e.detail);
  const std::vector<std::string> expected = {
      "2026-12-01T00:00:00Z cli:alice received: received on 2026-12-01 from J. Researcher; target disclosure 2027-03-01",
      "2026-12-02T00:00:00Z account:bob state: acknowledged (was received) on 2026-12-02",
      "2026-12-02T00:00:00Z account:bob note: thanked the reporter",
      "2026-12-03T00:00:00Z account:carol dates: target_disclosure_on 2027-03-01 → 2027-04-01",
      "2026-12-03T00:00:00Z account:carol details: cve \"\" → \"CVE-2026-12345\"",
  };
  EXPECT_EQ(lines, expected);
  auto open = s.store.list("open");
  ASSERT_TRUE(open);
  EXPECT_EQ(open->size(), 1u);
  EXPECT_EQ(s.store.list("nope").error().field, "state");
  EXPECT_EQ(s.store.find(99).error().code, ErrorCode::not_found);
}

TEST(Cvd, JsonBodiesNameTheirBadFields) {
  auto unknown = cvd_report_from_json(nlohmann::json{{"title", "x"}, {"severity", "high"}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "severity");
  auto not_string = cvd_change_from_json(nlohmann::json{{"state", 3}});
  ASSERT_FALSE(not_string);
  EXPECT_EQ(not_string.error().message, "state: expected a string");
  auto change = cvd_change_from_json(nlohmann::json{{"state", "acknowledged"}, {"note", "ok"}});
  ASSERT_TRUE(change);
  EXPECT_EQ(change->state, "acknowledged");
  EXPECT_EQ(change->note, "ok");
  EXPECT_FALSE(change->title.has_value());
}

}  // namespace
}  // namespace ward::devices
