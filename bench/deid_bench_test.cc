// `ward bench deid` on a small hospital: every file de-identified and read by its baseline, the
// records counted as the generator wrote them, and the report names the baseline of each.
#include "bench/deid_bench.h"

#include <gtest/gtest.h>

namespace ward::bench {
namespace {

TEST(DeidBench, DeidentifiesEachFileAndReadsItWithItsBaseline) {
  auto result = run_deid_bench({.patients = 300, .days = 2, .users = 40, .workdir = "", .repeat = 1});
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_EQ(result->files.size(), 3u);
  const DeidBenchFile& adt = result->files[0];
  const DeidBenchFile& patients = result->files[1];
  EXPECT_EQ(adt.format, "HL7 v2");
  EXPECT_EQ(patients.name, "patients.ndjson");
  EXPECT_EQ(patients.records, 300u) << "one NDJSON line per generated patient";
  for (const DeidBenchFile& f : result->files) {
    EXPECT_GT(f.bytes, 0u) << f.name;
    EXPECT_GT(f.records, 0u) << f.name;
    EXPECT_GT(f.changed, f.records) << f.name << ": every record holds several identifiers";
    EXPECT_GT(f.deid_cpu_seconds, 0.0) << f.name;
  }
  const std::string report = format_report(*result);
  EXPECT_NE(report.find("simdjson, parse only"), std::string::npos) << report;
  EXPECT_NE(report.find("Ward's HL7 v2 reader, parse only"), std::string::npos) << report;
}

}  // namespace
}  // namespace ward::bench
