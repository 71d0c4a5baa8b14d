#include "ingest/csv/roster_csv.h"

#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

using testing::CollectingSink;

constexpr std::string_view kRosterSource = "hr/roster.csv";

struct ParsedRoster {
  CollectingSink sink;
  ImportSummary summary;
  Result<void> result;
};

std::unique_ptr<ParsedRoster> parse_roster(std::string_view data, ParseOptions options = {}) {
  auto p = std::make_unique<ParsedRoster>();
  ParseContext ctx(std::string(kRosterSource), p->sink, options);
  p->result = parse_roster_csv(data, ctx);
  p->summary = ctx.summary();
  return p;
}

TEST(RosterCsv, ReadsAliasedColumnsAndNormalisesDates) {
  auto p = parse_roster(
      "Employee ID,FHIR_ID,Full Name,Job Title,Dept,Address,DOB,Start Date,Term Date\n"
      "E100,prac-7,Dana Reyes,registered nurse,Cardiology,\"12 Elm St, Springfield, MA 01101\","
      "03/07/1980,20150601,\n"
      "E101,,Lee Park,clerk,Registration,,1975-12-31,6/1/2019,2024-02-29\n");
  ASSERT_TRUE(p->result);
  ASSERT_EQ(p->sink.workforce.size(), 2u);
  const WorkforceMember& a = p->sink.workforce[0];
  EXPECT_EQ(a.id, "prac-7");  // the FHIR id wins when present
  EXPECT_EQ(a.employee_id, "E100");
  EXPECT_EQ(a.name, "Dana Reyes");
  EXPECT_EQ(a.role, "registered nurse");
  EXPECT_EQ(a.department, "Cardiology");
  EXPECT_EQ(a.address, "12 Elm St, Springfield, MA 01101");
  EXPECT_EQ(a.birth_date, "1980-03-07");
  EXPECT_EQ(a.hire_date, "2015-06-01");
  EXPECT_EQ(a.termination_date, "");
  EXPECT_EQ(a.source, kRosterSource);
  const WorkforceMember& b = p->sink.workforce[1];
  EXPECT_EQ(b.id, "E101");  // no FHIR id: the employee id
  EXPECT_EQ(b.hire_date, "2019-06-01");
  EXPECT_EQ(b.termination_date, "2024-02-29");
  EXPECT_EQ(p->summary.by_type.at("roster row").accepted, 2u);
}

TEST(RosterCsv, JoinsFirstAndLastNameAndReadsSemicolonExports) {
  auto p = parse_roster("\xEF\xBB\xBF" "emp_id;first_name;last_name;unit;end_date\r\n"
                 "7;Ana;Silva;ICU, Bed 4-6;31/12/2023x\r\n"
                 "8;Bo;;ER;\r\n");
  ASSERT_EQ(p->sink.workforce.size(), 1u);
  EXPECT_EQ(p->sink.workforce[0].employee_id, "8");
  EXPECT_EQ(p->sink.workforce[0].name, "Bo");
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  EXPECT_EQ(p->sink.rejections[0].error.field, "end_date");

  auto q = parse_roster("emp_id;first_name;last_name;unit\n7;Ana;Silva;ICU, Bed 4\n");
  ASSERT_EQ(q->sink.workforce.size(), 1u);
  EXPECT_EQ(q->sink.workforce[0].name, "Ana Silva");
  EXPECT_EQ(q->sink.workforce[0].department, "ICU, Bed 4");
}

TEST(RosterCsv, BadDateIsRejectedNamingTheColumnAndLine) {
  auto p = parse_roster("user_id,name,role,dob,hire_date\n"
                 "u1,A B,clerk,1980-01-01,2020-01-01\n"
                 "u2,C D,clerk,1980-02-30,2020-01-01\n"
                 "u3,E F,clerk,1980-01-01,January 5th\n");
  ASSERT_EQ(p->sink.workforce.size(), 1u);
  ASSERT_EQ(p->sink.rejections.size(), 2u);
  const Rejection& r = p->sink.rejections[0];
  EXPECT_EQ(r.record_type, "roster row");
  EXPECT_EQ(r.error.source, kRosterSource);
  EXPECT_EQ(r.error.line, 3u);
  EXPECT_EQ(r.error.offset, 67u);  // header 32 bytes + first row 35
  EXPECT_EQ(r.error.field, "dob");
  EXPECT_EQ(r.error.message.find("1980"), std::string::npos);  // no PHI in the message
  EXPECT_EQ(p->sink.rejections[1].error.line, 4u);
  EXPECT_EQ(p->sink.rejections[1].error.field, "hire_date");
  EXPECT_EQ(p->summary.by_type.at("roster row").rejected, 2u);
}

TEST(RosterCsv, RowWithoutIdIsRejectedNamingTheIdColumn) {
  auto p = parse_roster("employee_id,name,role\n,Nameless,clerk\nE2,Named,clerk\n");
  ASSERT_EQ(p->sink.workforce.size(), 1u);
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  EXPECT_EQ(p->sink.rejections[0].error.field, "employee_id");
  EXPECT_EQ(p->sink.rejections[0].error.line, 2u);
  EXPECT_EQ(p->sink.rejections[0].error.source, kRosterSource);
}

TEST(RosterCsv, RowWithWrongColumnCountIsRejectedSayingExpectedAndGot) {
  auto p = parse_roster("id,name,role\nE1,A\nE2,B,clerk,extra\nE3,C,clerk\n");
  ASSERT_EQ(p->sink.workforce.size(), 1u);
  ASSERT_EQ(p->sink.rejections.size(), 2u);
  EXPECT_EQ(p->sink.rejections[0].error.field, "columns");
  EXPECT_EQ(p->sink.rejections[0].error.line, 2u);
  EXPECT_EQ(p->sink.rejections[0].error.message, "expected 3 columns (as in the header), got 2");
  EXPECT_EQ(p->sink.rejections[1].error.message, "expected 3 columns (as in the header), got 4");
}

TEST(RosterCsv, HeaderWithoutAnIdColumnIsOneRejection) {
  auto p = parse_roster("name,role\nA,clerk\nB,clerk\n");
  EXPECT_TRUE(p->sink.workforce.empty());
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  EXPECT_EQ(p->sink.rejections[0].error.field, "id");
  EXPECT_EQ(p->sink.rejections[0].error.line, 1u);
  EXPECT_EQ(p->sink.rejections[0].error.source, kRosterSource);
}

TEST(RosterCsv, EmptyFileHeaderOnlyAndGarbage) {
  auto empty = parse_roster("");
  ASSERT_EQ(empty->sink.rejections.size(), 1u);
  EXPECT_EQ(empty->sink.rejections[0].error.field, "header");
  EXPECT_EQ(empty->sink.rejections[0].error.line, 1u);

  auto header_only = parse_roster("id,name,role\n");
  EXPECT_TRUE(header_only->sink.workforce.empty());
  EXPECT_TRUE(header_only->sink.rejections.empty());

  std::string garbage;
  for (int i = 0; i < 2048; ++i) garbage.push_back(static_cast<char>((i * 197 + 3) % 256));
  auto g = parse_roster(garbage);
  ASSERT_TRUE(g->result);
  EXPECT_TRUE(g->sink.workforce.empty());
  ASSERT_EQ(g->sink.rejections.size(), 1u);
  EXPECT_EQ(g->sink.rejections[0].error.source, kRosterSource);
}

TEST(RosterCsv, RowOverMaxRecordBytesIsRejected) {
  ParseOptions options;
  options.max_record_bytes = 64;
  auto p = parse_roster("id,name,address\nE1,A," + std::string(100, 'x') + "\nE2,B,short\n", options);
  ASSERT_EQ(p->sink.workforce.size(), 1u);
  ASSERT_EQ(p->sink.rejections.size(), 1u);
  EXPECT_EQ(p->sink.rejections[0].error.code, ErrorCode::too_large);
  EXPECT_EQ(p->sink.rejections[0].error.line, 2u);
  EXPECT_EQ(p->sink.rejections[0].error.offset, 16u);
}

TEST(RosterCsv, FlushesInBatches) {
  ParseOptions options;
  options.batch_size = 2;
  std::string data = "id,name\n";
  for (int i = 0; i < 5; ++i) data += fmt::format("E{},N{}\n", i, i);
  auto p = parse_roster(data, options);
  ASSERT_EQ(p->sink.workforce.size(), 5u);
  EXPECT_EQ(p->sink.workforce[4].employee_id, "E4");
}

TEST(RosterCsv, NormalisesTheThreeDateLayouts) {
  EXPECT_EQ(*normalise_roster_date("2024-03-07"), "2024-03-07");
  EXPECT_EQ(*normalise_roster_date("03/07/2024"), "2024-03-07");
  EXPECT_EQ(*normalise_roster_date("3/7/2024"), "2024-03-07");
  EXPECT_EQ(*normalise_roster_date("20240307"), "2024-03-07");
  EXPECT_EQ(*normalise_roster_date(" "), "");
  EXPECT_TRUE(normalise_roster_date("2000-02-29"));
  EXPECT_FALSE(normalise_roster_date("1900-02-29"));
  EXPECT_FALSE(normalise_roster_date("13/01/2024"));
  EXPECT_FALSE(normalise_roster_date("2024-3-7"));
  EXPECT_FALSE(normalise_roster_date("2024-03-07T00:00:00"));
  EXPECT_FALSE(normalise_roster_date("3/7/24"));
  EXPECT_FALSE(normalise_roster_date("-3/7/2024"));
}

TEST(RosterCsv, RecognisesARosterHeader) {
  EXPECT_TRUE(looks_like_roster_csv("employee_id,name,role,department\n"));
  EXPECT_TRUE(looks_like_roster_csv("Emp ID;First Name;Last Name;Dept\n"));
  EXPECT_FALSE(looks_like_roster_csv("employee_id,first_name,role\n"));  // no last name
  EXPECT_FALSE(looks_like_roster_csv("employee_id,name,address\n"));     // no role or department
  EXPECT_FALSE(looks_like_roster_csv("name,role,department\n"));         // no id
  // An access log has a user id, role and department too, but also a timestamp.
  EXPECT_FALSE(looks_like_roster_csv("timestamp,user_id,name,role,patient_id\n"));
  EXPECT_FALSE(looks_like_roster_csv("user_id,name,role,access_time\n"));
  EXPECT_FALSE(looks_like_roster_csv(""));
}

}  // namespace
}  // namespace ward::ingest
