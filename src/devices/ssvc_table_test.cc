// The SSVC tables Ward decides with agree with CERT/CC's published CSV renderings, every row: the
// code reads the published JSON (data/ssvc), the test reads the published CSV of the same table
// (tests/golden/ssvc, copied unchanged from github.com/CERTCC/SSVC data/csv).
#include "devices/ssvc_table.h"

#include <gtest/gtest.h>

#include "core/file_reader.h"
#include "ingest/csv/csv_reader.h"

namespace ward::devices {
namespace {

struct PublishedRow {
  std::size_t line;
  std::vector<std::string> cells;  // without the leading row number
};

// The header (decision point names with their versions, the outcome last) and rows of a CSV.
struct PublishedTable {
  std::vector<std::string> header;
  std::vector<PublishedRow> rows;
};

PublishedTable read_published(const std::string& path) {
  PublishedTable t;
  auto bytes = read_input_file(path);
  EXPECT_TRUE(bytes.has_value()) << path;
  if (!bytes) return t;
  ingest::CsvReader reader(bytes->view());
  ingest::CsvRow row;
  while (true) {
    auto more = reader.next(row);
    EXPECT_TRUE(more.has_value()) << path;
    if (!more || !*more) break;
    std::vector<std::string> cells(row.fields.begin() + 1, row.fields.end());
    if (row.line == 1) t.header = std::move(cells);
    else t.rows.push_back({row.line, std::move(cells)});
  }
  return t;
}

// "Exploitation v1.1.0" or "CISA Levels v1.1.0 (cisa)" names this decision point.
std::string heading(const DecisionPoint& p, bool with_namespace) {
  std::string h = p.name + " v" + p.version;
  if (with_namespace && p.id.rfind("cisa:", 0) == 0) h += " (cisa)";
  return h;
}

void expect_agreement(const DecisionTable& table, const std::string& csv, std::size_t expected_rows) {
  const PublishedTable published = read_published(csv);
  ASSERT_EQ(published.header.size(), table.inputs().size() + 1) << csv;
  for (std::size_t i = 0; i < table.inputs().size(); ++i) {
    EXPECT_EQ(published.header[i], heading(table.inputs()[i], true)) << csv << " column " << i;
  }
  EXPECT_EQ(published.header.back(), heading(table.outcome(), true)) << csv;
  ASSERT_EQ(published.rows.size(), expected_rows) << csv;
  for (const PublishedRow& row : published.rows) {
    std::vector<std::string> inputs(row.cells.begin(), row.cells.end() - 1);
    auto outcome = table.decide(inputs);
    ASSERT_TRUE(outcome.has_value()) << csv << ":" << row.line << ": " << outcome.error().message;
    EXPECT_EQ(*outcome, row.cells.back()) << csv << ":" << row.line;
  }
}

const SsvcTables& tables() {
  const auto& t = SsvcTables::published();
  EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().message);
  return *t;
}

TEST(SsvcTable, EmbeddedTablesParseWithTheirNamesAndVersions) {
  ASSERT_TRUE(SsvcTables::published().has_value());
  EXPECT_EQ(tables().cisa.name(), "CISA Coordinator");
  EXPECT_EQ(tables().cisa.version(), "2.0.3");
  EXPECT_EQ(tables().deployer.name(), "Deployer Patch Application Priority");
  EXPECT_EQ(tables().deployer.version(), "1.0.0");
  EXPECT_EQ(tables().human_impact.version(), "1.0.0");
}

TEST(SsvcTable, CisaCoordinatorAgreesWithEveryPublishedRow) {
  expect_agreement(tables().cisa, "tests/golden/ssvc/cisa_coordinator_2_0_3.csv", 36);
}

TEST(SsvcTable, DeployerAgreesWithEveryPublishedRow) {
  expect_agreement(tables().deployer, "tests/golden/ssvc/deployer_patch_application_priority_1_0_0.csv", 72);
}

TEST(SsvcTable, HumanImpactAgreesWithEveryPublishedRow) {
  expect_agreement(tables().human_impact, "tests/golden/ssvc/human_impact_1_0_0.csv", 16);
}

TEST(SsvcTable, AnUnknownValueIsRefusedNamingTheInput) {
  auto outcome = tables().cisa.decide({"active", "maybe", "total", "high"});
  ASSERT_FALSE(outcome.has_value());
  EXPECT_NE(outcome.error().message.find("\"maybe\" is not a value of Automatable"), std::string::npos) << outcome.error().message;
  EXPECT_FALSE(tables().cisa.decide({"active", "yes"}).has_value());
}

TEST(SsvcTable, ATableWithAMissingRowIsRefused) {
  std::string text(kSsvcHumanImpact);
  const auto cut = text.find("\"mapping\": [") + std::string("\"mapping\": [").size();
  const auto end_of_first_row = text.find("},", cut);
  text.erase(cut, end_of_first_row + 2 - cut);
  auto table = DecisionTable::parse(text);
  ASSERT_FALSE(table.has_value());
  EXPECT_NE(table.error().message.find("has no row"), std::string::npos) << table.error().message;
}

}  // namespace
}  // namespace ward::devices
