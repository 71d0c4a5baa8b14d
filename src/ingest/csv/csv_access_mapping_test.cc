#include <gtest/gtest.h>

#include "core/config_yaml.h"
#include "ingest/csv/access_actions.h"
#include "ingest/csv/csv_access.h"

namespace ward::ingest {
namespace {

Result<CsvAccessMapping> from_yaml(std::string_view text) {
  auto node = load_yaml_text(text, "ward.yaml");
  EXPECT_TRUE(node) << node.error().describe();
  return csv_access_mapping_from_yaml(*node);
}

TEST(CsvAccessMapping, ReadsEveryKeyOfTheSection) {
  auto m = from_yaml(R"(
columns:
  time: Access Time
  user_id: Login ID
  patient_id: ~
  patient_mrn: MRN
  workstation: Device
time_format: "%m/%d/%Y %I:%M:%S %p"
time_zone: America/Chicago
delimiter: tab
actions:
  Print AVS: print
  Release of Information: disclose
)");
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->time, "Access Time");
  EXPECT_EQ(m->user_id, "Login ID");
  EXPECT_EQ(m->patient_id, "");
  EXPECT_EQ(m->patient_mrn, "MRN");
  EXPECT_EQ(m->workstation, "Device");
  EXPECT_EQ(m->role, "role");  // untouched columns keep their defaults
  EXPECT_EQ(m->time_format, "%m/%d/%Y %I:%M:%S %p");
  EXPECT_EQ(m->time_zone, "America/Chicago");
  EXPECT_EQ(m->delimiter, '\t');
  EXPECT_EQ(m->actions.at("Release of Information"), "disclose");
}

TEST(CsvAccessMapping, AbsentSectionGivesDefaults) {
  auto m = csv_access_mapping_from_yaml(YAML::Node());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->time, "timestamp");
  EXPECT_EQ(m->delimiter, ',');
  EXPECT_EQ(m->time_zone, "");  // the ingest-wide time_zone applies
}

TEST(CsvAccessMapping, UnknownKeysAreErrorsNamingThem) {
  auto top = from_yaml("columns: {time: t}\ncolour: blue\n");
  ASSERT_FALSE(top);
  EXPECT_EQ(top.error().code, ErrorCode::config);
  EXPECT_EQ(top.error().message, "ingest.csv_access.colour: unknown key");

  auto column = from_yaml("columns: {patient: PatID}\n");
  ASSERT_FALSE(column);
  EXPECT_EQ(column.error().field, "ingest.csv_access.columns.patient");
  EXPECT_NE(column.error().message.find("unknown key"), std::string::npos);
}

TEST(CsvAccessMapping, BadValuesNameTheirKey) {
  struct Case { const char* yaml; const char* key; };
  const Case kCases[] = {
      {"time_zone: Mars/Olympus\n", "ingest.csv_access.time_zone"},
      {"time_format: \"%Y-%j\"\n", "ingest.csv_access.time_format"},
      {"time_format: yyyy-mm-dd\n", "ingest.csv_access.time_format"},
      {"delimiter: \"::\"\n", "ingest.csv_access.delimiter"},
      {"columns: {time: [a, b]}\n", "ingest.csv_access.columns.time"},
      {"columns: {time: ~}\n", "ingest.csv_access.columns.time"},
      {"columns: {patient_id: ~, patient_mrn: ~}\n", "ingest.csv_access.columns.patient_id"},
      {"actions: {Peek: glance}\n", "ingest.csv_access.actions.Peek"},
      // "Print" is already a built-in synonym of print, which would win over this entry.
      {"actions: {Print: export}\n", "ingest.csv_access.actions.Print"},
      {"actions: [read]\n", "ingest.csv_access.actions"},
      {"columns: nope\n", "ingest.csv_access.columns"},
  };
  for (const Case& c : kCases) {
    auto m = from_yaml(c.yaml);
    ASSERT_FALSE(m) << c.yaml;
    EXPECT_EQ(m.error().code, ErrorCode::config) << c.yaml;
    EXPECT_EQ(m.error().message.rfind(c.key, 0), 0u) << c.yaml << " -> " << m.error().message;
  }
}

TEST(CsvAccessMapping, SectionThatIsNotAMappingIsAnError) {
  auto m = from_yaml("[1, 2]\n");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().message, "ingest.csv_access: expected a mapping");
}

TEST(ActionTable, BuiltInSynonymsWinAndCustomTextIsCaseInsensitive) {
  auto table = ActionTable::make({{"Print AVS", "print"}, {"ROI Release", "Disclose"},
                                  {"view", "read"}});
  ASSERT_TRUE(table);
  EXPECT_EQ(table->lookup("print avs"), Action::print);
  EXPECT_EQ(table->lookup(" roi release "), Action::disclose);
  EXPECT_EQ(table->lookup("Chart Review"), Action::read);
  EXPECT_EQ(table->lookup("Break the glass"), Action::unknown);
  EXPECT_EQ(table->lookup(""), Action::unknown);
  EXPECT_EQ(builtin_action("LOGOFF"), Action::logout);
  EXPECT_EQ(builtin_action("download"), Action::export_);
  EXPECT_EQ(builtin_action("disclose"), Action::unknown);  // not a built-in synonym
}

}  // namespace
}  // namespace ward::ingest
