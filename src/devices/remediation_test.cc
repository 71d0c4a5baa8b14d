// Remediation: a second match with the same advisory revision raises no new alert; a revision
// that changes the match says what changed and re-opens a closed finding; state changes need
// evidence (and an expiry for an accepted risk); due dates come from the SSVC outcome.
#include "core/time.h"
#include "devices/remediation_store.h"

#include <gtest/gtest.h>

#include "testing/instants.h"
#include "testing/shared_data.h"

namespace ward::devices {
namespace {
using ward::testing::kDec1;

TrackedFinding found(const std::string& device, const std::string& revision, const std::string& product = "MX40: < B.06.18") {
  TrackedFinding f;
  f.device_id = device;
  f.advisory_id = "ICSMA-17-255-01";
  f.cve = "CVE-2017-9657";
  f.product = product;
  f.version = "B.06.10";
  f.matched_by = "vendor+product+version";
  f.confidence = 0.9;
  f.advisory_revision = revision;
  f.ssvc_deployer = "scheduled";
  f.ssvc_cisa = "track";
  f.outcome_since = today(kDec1);
  f.first_seen_ns = f.last_seen_ns = f.state_changed_ns = kDec1;
  return f;
}

struct Store {
  testing::TempDir dir;
  RemediationStore store = std::move(*RemediationStore::open(dir.path()));
};

TEST(Remediation, MatchingAgainWithTheSameRevisionRaisesNoNewFinding) {
  Store s;
  auto first = s.store.record_match({found("BME-1", "1")}, kDec1);
  ASSERT_TRUE(first) << first.error().describe();
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].change, FindingChange::added);
  auto again = s.store.record_match({found("BME-1", "1")}, kDec1 + kNsPerDay);
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].change, FindingChange::unchanged);
  auto history = s.store.history("BME-1", "ICSMA-17-255-01");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].event, "new");
}

TEST(Remediation, ANewRevisionWithTheSameMatchIsRecordedQuietly) {
  Store s;
  ASSERT_TRUE(s.store.record_match({found("BME-1", "1")}, kDec1));
  auto revised = s.store.record_match({found("BME-1", "2")}, kDec1 + kNsPerDay);
  ASSERT_TRUE(revised);
  EXPECT_EQ((*revised)[0].change, FindingChange::revised);
  EXPECT_EQ((*revised)[0].finding.change_note, "revision 1 → 2: the match is unchanged");
  EXPECT_EQ((*revised)[0].finding.advisory_revision, "2");
}

TEST(Remediation, ARevisionThatChangesTheProductStatusReopensAPatchedFinding) {
  Store s;
  ASSERT_TRUE(s.store.record_match({found("BME-1", "1")}, kDec1));
  auto patched = s.store.set_state("BME-1", "ICSMA-17-255-01", "", {RemediationState::patched, "WO-1234: firmware B.06.18", ""},
                                   "cli", kDec1 + kNsPerDay);
  ASSERT_TRUE(patched) << patched.error().describe();
  ASSERT_EQ(patched->size(), 1u);
  auto reopened = s.store.record_match({found("BME-1", "2", "MX40: < B.06.20")}, kDec1 + 2 * kNsPerDay);
  ASSERT_TRUE(reopened);
  const ReconciledFinding& r = (*reopened)[0];
  EXPECT_EQ(r.change, FindingChange::reopened);
  EXPECT_EQ(r.finding.state, RemediationState::open);
  EXPECT_EQ(r.finding.change_note,
            "revision 1 → 2: product \"MX40: < B.06.18\" → \"MX40: < B.06.20\"; re-opened (was patched)");
  auto kept = s.store.findings("BME-1");
  ASSERT_TRUE(kept);
  EXPECT_EQ((*kept)[0].state, RemediationState::open);
  EXPECT_EQ((*kept)[0].first_seen_ns, kDec1);
}

TEST(Remediation, AFindingNoLongerMatchedIsMarkedGoneOnce) {
  Store s;
  ASSERT_TRUE(s.store.record_match({found("BME-1", "1"), found("BME-2", "1")}, kDec1));
  auto second = s.store.record_match({found("BME-1", "2")}, kDec1 + kNsPerDay);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->size(), 2u);
  EXPECT_EQ((*second)[1].finding.device_id, "BME-2");
  EXPECT_EQ((*second)[1].change, FindingChange::gone);
  EXPECT_FALSE((*second)[1].finding.matched);
  auto third = s.store.record_match({found("BME-1", "2")}, kDec1 + 2 * kNsPerDay);
  ASSERT_TRUE(third);
  EXPECT_EQ((*third)[1].change, FindingChange::unchanged);
}

TEST(Remediation, StateChangesNeedEvidenceAndAcceptedRiskAnExpiry) {
  Store s;
  ASSERT_TRUE(s.store.record_match({found("BME-1", "1")}, kDec1));
  auto no_evidence = s.store.set_state("BME-1", "ICSMA-17-255-01", "", {RemediationState::mitigated, "", ""}, "cli", kDec1);
  ASSERT_FALSE(no_evidence);
  EXPECT_EQ(no_evidence.error().message, "mitigated needs evidence: what was done and where it is recorded (--evidence)");
  auto no_expiry = s.store.set_state("BME-1", "ICSMA-17-255-01", "", {RemediationState::risk_accepted, "CAB-7", ""}, "cli", kDec1);
  ASSERT_FALSE(no_expiry);
  EXPECT_EQ(no_expiry.error().message, "risk_accepted needs an expiry date (--expires YYYY-MM-DD)");
  auto past = s.store.set_state("BME-1", "ICSMA-17-255-01", "", {RemediationState::risk_accepted, "CAB-7", "2026-11-30"}, "cli", kDec1);
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().describe(), "expires: 2026-11-30 is in the past");
  auto unknown = s.store.set_state("BME-9", "ICSMA-17-255-01", "", {RemediationState::patched, "WO-1", ""}, "cli", kDec1);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  auto accepted = s.store.set_state("BME-1", "ICSMA-17-255-01", "CVE-2017-9657",
                                    {RemediationState::risk_accepted, "CAB-7: isolated VLAN", "2027-03-01"}, "alice", kDec1);
  ASSERT_TRUE(accepted) << accepted.error().describe();
  EXPECT_EQ((*accepted)[0].expires, "2027-03-01");
  EXPECT_FALSE(acceptance_expired((*accepted)[0], "2027-03-01"));
  EXPECT_TRUE(acceptance_expired((*accepted)[0], "2027-03-02"));
  auto history = s.store.history("BME-1", "ICSMA-17-255-01");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].detail, "risk_accepted until 2027-03-01: CAB-7: isolated VLAN");
  EXPECT_EQ((*history)[1].actor, "alice");
}

TEST(Remediation, DueDatesCountFromTheOutcomeAndFollowTheConfiguredTree) {
  TrackedFinding f = found("BME-1", "1");
  SsvcSettings settings;
  EXPECT_EQ(due_date(f, settings), "2027-03-01");  // scheduled: 90 days from 2026-12-01
  f.ssvc_deployer = "immediate";
  EXPECT_EQ(due_date(f, settings), "2026-12-15");
  f.ssvc_deployer = "defer";
  EXPECT_EQ(due_date(f, settings), std::nullopt);
  settings.tree = SsvcTree::cisa;
  EXPECT_EQ(due_date(f, settings), "2027-03-01");  // track: 90 days
}

TEST(Remediation, AnSsvcEscalationRestartsTheClock) {
  Store s;
  ASSERT_TRUE(s.store.record_match({found("BME-1", "1")}, kDec1));
  TrackedFinding escalated = found("BME-1", "1");
  escalated.ssvc_deployer = "immediate";
  escalated.ssvc_cisa = "act";
  escalated.outcome_since = today(kDec1 + 10 * kNsPerDay);
  auto r = s.store.record_match({escalated}, kDec1 + 10 * kNsPerDay);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)[0].change, FindingChange::changed);
  EXPECT_EQ((*r)[0].finding.change_note, "SSVC scheduled/track → immediate/act");
  EXPECT_EQ(due_date((*r)[0].finding, SsvcSettings{}), "2026-12-25");
}

}  // namespace
}  // namespace ward::devices
