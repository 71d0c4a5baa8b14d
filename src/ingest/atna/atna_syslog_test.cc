// ATNA inside syslog (the IHE binding: RFC 5424 with the XML as MSG): the syslog parser hands
// such messages to this module; other syslog lines stay syslog events.
#include <gtest/gtest.h>

#include "ingest/atna/atna_parser.h"
#include "ingest/atna/atna_test_support.h"
#include "ingest/syslog/syslog_parser.h"
#include "testing/instants.h"
#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using ward::testing::OwnedEvent;

using ward::testing::at;

TEST(AtnaInSyslog, AuditMessagesBecomeTheirEventsOtherLinesStaySyslog) {
  const std::string log = ward::testing::read_file(atna_testing::golden("atna-over-syslog.log"));
  auto parsed = ward::testing::parse_input("atna-over-syslog.log", {}, [&](ParseContext& ctx) {
    return parse_syslog(log, ctx, {at("2026-03-02T18:00:00Z")});
  });
  const auto& events = parsed->sink.events;
  ASSERT_EQ(events.size(), 6u);

  // Line 1: an outside hospital's AE pulls a study (Begin Transferring): a PHI disclosure.
  const OwnedEvent& transfer = events[0];
  EXPECT_EQ(transfer.time, at("2026-03-02T09:02:11.25Z"));  // EventDateTime, not the syslog time
  EXPECT_EQ(transfer.kind, EventKind::ehr_access);
  EXPECT_EQ(transfer.action, Action::export_);
  EXPECT_EQ(transfer.outcome, Outcome::success);
  EXPECT_EQ(transfer.user_id, "OUTSIDE_HOSP_AE");
  EXPECT_EQ(transfer.ip, "192.0.2.80");
  EXPECT_EQ(transfer.host, "");
  EXPECT_EQ(transfer.patient_id, "MRN-300077");
  EXPECT_EQ(transfer.object, "1.2.826.0.1.3680043.8.498.3001");
  EXPECT_EQ(transfer.field("EventIdentification.EventID.originalText"),
            "Begin Transferring DICOM Instances");

  // Line 2 (MSG after a BOM): the archive starts; no address of its own, so syslog's host.
  EXPECT_EQ(events[1].kind, EventKind::audit);
  EXPECT_EQ(events[1].action, Action::execute);
  EXPECT_EQ(events[1].user_id, "dcm4chee-arc");
  EXPECT_EQ(events[1].role, "Application");
  EXPECT_EQ(events[1].host, "pacs01.example.org");

  // Line 3: plain syslog.
  EXPECT_EQ(events[2].kind, EventKind::authentication);
  EXPECT_EQ(events[2].host, "pacs01");
  EXPECT_EQ(events[2].field("app_name"), "sshd");

  // Line 5: a Security Alert in the RFC 3881 dialect, failed.
  EXPECT_EQ(events[3].time, at("2026-03-02T16:30:45.1Z"));
  EXPECT_EQ(events[3].kind, EventKind::audit);
  EXPECT_EQ(events[3].outcome, Outcome::failure);
  EXPECT_EQ(events[3].user_id, "unknown-peer");
  EXPECT_EQ(events[3].ip, "198.51.100.23");

  // Line 6: Network Entry.
  EXPECT_EQ(events[4].kind, EventKind::network);
  EXPECT_EQ(events[4].ip, "10.20.30.3");

  // Line 7: a logout written by rsyslog, its line breaks escaped as #012.
  EXPECT_EQ(events[5].time, at("2026-03-02T19:12:04.287Z"));
  EXPECT_EQ(events[5].kind, EventKind::authentication);
  EXPECT_EQ(events[5].action, Action::logout);
  EXPECT_EQ(events[5].user_id, "dr.rivera@example.org");
  EXPECT_EQ(events[5].host, "ws-cardio-3.example.org");

  // Line 4: the XML is cut short; quarantined with the syslog line, the rest went on.
  ASSERT_EQ(parsed->sink.rejections.size(), 1u);
  const Rejection& r = parsed->sink.rejections[0];
  EXPECT_EQ(r.record_type, kAtnaRecordType);
  EXPECT_EQ(r.error.source, "atna-over-syslog.log");
  EXPECT_EQ(r.error.line, 4u);
  EXPECT_EQ(r.error.field, "xml");
  EXPECT_TRUE(r.raw.starts_with("<85>1 2026-03-02T09:06:00Z pacs01.example.org"));
  EXPECT_GT(r.error.offset, log.find("<85>1 2026-03-02T09:06:00Z"));

  EXPECT_EQ(parsed->summary.by_type[std::string(kAtnaRecordType)].accepted, 5u);
  EXPECT_EQ(parsed->summary.by_type[std::string(kAtnaRecordType)].rejected, 1u);
  EXPECT_EQ(parsed->summary.by_type["syslog message"].accepted, 1u);
}

}  // namespace
}  // namespace ward::ingest
