// The worklist: open findings (and expired risk acceptances) ranked by SSVC outcome, then due
// date, then CVSS; per department; EPSS shown from FIRST's CSV.
#include "devices/worklist.h"

#include <gtest/gtest.h>

#include "devices/epss_csv.h"

namespace ward::devices {
namespace {

TrackedFinding finding(const std::string& device, const std::string& cve, const std::string& outcome, const std::string& since,
                       double cvss) {
  TrackedFinding f;
  f.device_id = device;
  f.advisory_id = "ICSMA-1";
  f.cve = cve;
  f.confidence = 0.9;
  f.cvss_base = cvss;
  f.ssvc_deployer = outcome;
  f.ssvc_cisa = "track";
  f.outcome_since = since;
  return f;
}

Device device(const std::string& id, const std::string& department) {
  Device d;
  d.device_id = id;
  d.department = department;
  return d;
}

TEST(Worklist, RanksByOutcomeThenDueDateThenCvss) {
  std::vector<TrackedFinding> findings = {finding("A", "CVE-1", "scheduled", "2026-11-01", 9.8),
                                          finding("B", "CVE-2", "immediate", "2026-11-20", 5.0),
                                          finding("C", "CVE-3", "out-of-cycle", "2026-11-01", 4.0),
                                          finding("D", "CVE-4", "out-of-cycle", "2026-11-01", 7.5),
                                          finding("E", "CVE-5", "defer", "2026-11-01", 10.0)};
  findings.push_back(finding("F", "CVE-6", "immediate", "2026-11-01", 1.0));
  findings.back().state = RemediationState::patched;
  findings.push_back(finding("G", "CVE-7", "scheduled", "2026-11-01", 1.0));
  findings.back().state = RemediationState::risk_accepted;
  findings.back().expires = "2026-11-30";
  findings.push_back(finding("H", "CVE-8", "immediate", "2026-11-01", 1.0));
  findings.back().matched = false;
  std::vector<Device> devices;
  for (const char* id : {"A", "B", "C", "D", "E", "F", "G", "H"}) devices.push_back(device(id, id[0] < 'D' ? "ICU" : "Radiology"));
  const auto items = build_worklist(findings, devices, {}, SsvcSettings{}, "2026-12-01", {});
  std::vector<std::string> order;
  for (const WorklistItem& i : items) order.push_back(i.finding.device_id);
  EXPECT_EQ(order, (std::vector<std::string>{"B", "D", "C", "A", "G", "E"}));  // patched F and no-longer-matched H left out
  EXPECT_EQ(items[0].due, "2026-12-04");
  EXPECT_FALSE(items[0].overdue);
  EXPECT_EQ(items[1].due, "2026-12-01");
  EXPECT_TRUE(items[4].acceptance_expired);
  EXPECT_FALSE(items[4].overdue);  // scheduled from 2026-11-01: due 2027-01-30
  EXPECT_EQ(items[5].due, std::nullopt);  // defer has no due date

  const auto icu = build_worklist(findings, devices, {}, SsvcSettings{}, "2026-12-01", {"icu", false, false});
  ASSERT_EQ(icu.size(), 3u);
  const auto all = build_worklist(findings, devices, {}, SsvcSettings{}, "2026-12-01", {"", true, false});
  EXPECT_EQ(all.size(), 7u);
}

TEST(Worklist, CsvShowsCvssAndEpss) {
  auto epss = parse_epss_csv("#model_version:v2025.03.14,score_date:2026-11-30T00:00:00+0000\ncve,epss,percentile\nCVE-1,0.94512,0.99901\n",
                             "epss.csv");
  ASSERT_TRUE(epss) << epss.error().describe();
  EXPECT_EQ(epss->at("CVE-1").score_date, "2026-11-30");
  const auto items = build_worklist({finding("A", "CVE-1", "scheduled", "2026-11-01", 9.8)}, {device("A", "ICU")}, *epss,
                                    SsvcSettings{}, "2026-12-01", {});
  EXPECT_EQ(worklist_csv(items),
            "rank,device_id,department,advisory_id,cve,product,version,ssvc,due,state,cvss,epss,confidence,matched_by\n"
            "1,A,ICU,ICSMA-1,CVE-1,,,scheduled,2027-01-30,open,9.8,0.94512,0.90,\n");
}

TEST(EpssCsv, ABadRowIsNamedByLine) {
  auto bad = parse_epss_csv("#model_version:v1,score_date:2026-11-30T00:00:00+0000\ncve,epss,percentile\nCVE-1,0.5,0.5\nCVE-2,high,0.5\n",
                            "epss.csv");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().describe(), "epss.csv:4: epss: \"high\" is not a number 0–1");
  auto not_epss = parse_epss_csv("a,b\n1,2\n", "x.csv");
  ASSERT_FALSE(not_epss);
  EXPECT_EQ(not_epss.error().describe(), "x.csv:1: expected the header cve,epss,percentile (FIRST's EPSS CSV)");
}

}  // namespace
}  // namespace ward::devices
