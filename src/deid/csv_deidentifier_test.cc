// CSV de-identified as a spreadsheet user would check it: the same rows and columns read back
// with Ward's CSV reader, quoting still valid, columns replaced by what their header or the
// policy says they hold, free-text cells scanned with the row's own values, rows without PHI
// byte for byte as they were.
#include "deid/csv_deidentifier.h"

#include <chrono>

#include <gtest/gtest.h>

#include "deid/deid_testing.h"
#include "ingest/csv/csv_reader.h"

namespace ward::deid {
namespace {

using phi::InputFormat;
using phi::PhiType;

std::vector<std::vector<std::string>> rows_of(std::string_view text) {
  std::vector<std::vector<std::string>> out;
  ingest::CsvReader reader(text);
  ingest::CsvRow row;
  for (;;) {
    auto more = reader.next(row);
    EXPECT_TRUE(more) << more.error().message;
    if (!more || !*more) return out;
    out.emplace_back(row.fields.begin(), row.fields.end());
  }
}

constexpr std::string_view kExport =
    "Patient Name,MRN,Date of Birth,Home Phone,visit_code,notes\r\n"
    "Jonathan Whitfield,A7781234,02/08/1935,(617) 555-0134,V-1001,\"Whitfield called, said \"\"fine\"\"; MRN A7781234\"\r\n"
    "Alice Moreno,B5512090,1950-11-30,617-555-0199,V-1002,no PHI here\r\n"
    ",,,,V-1003,\r\n";

TEST(CsvDeidentifier, ColumnsByHeaderAndPolicyQuotingKept) {
  KeyedLinker linker(SecretKey{});
  const Policy policy = testing::research_policy("csv: {columns: {visit code: keep}}\n");
  const Deidentified out = testing::run(InputFormat::csv, policy, linker, kExport, "export.csv");
  const auto rows = rows_of(out.text);
  ASSERT_EQ(rows.size(), 4u) << out.text;
  for (const auto& r : rows) EXPECT_EQ(r.size(), 6u);
  EXPECT_TRUE(out.text.starts_with("Patient Name,MRN,Date of Birth,Home Phone,visit_code,notes\r\n")) << "the header as it was";
  for (std::string_view value : {"Jonathan", "Whitfield", "A7781234", "02/08/1935", "555-0134", "Alice", "Moreno", "B5512090", "1950-11-30"})
    EXPECT_EQ(out.text.find(value), std::string::npos) << value << " is still in:\n" << out.text;
  EXPECT_EQ(rows[1][4], "V-1001") << "kept by the policy";
  EXPECT_NE(rows[1][5].find("called, said \"fine\"; MRN [MRN-"), std::string::npos) << "quotes and commas read back: " << rows[1][5];
  EXPECT_TRUE(rows[1][1].starts_with("[MRN-"));
  EXPECT_EQ(rows[1][1], rows[1][5].substr(rows[1][5].find("[MRN-"), rows[1][1].size())) << "one code for one MRN";
  EXPECT_EQ(rows[2][5], "no PHI here");
  EXPECT_TRUE(out.text.ends_with(",,,,V-1003,\r\n")) << "a row without PHI byte for byte";
  EXPECT_EQ(testing::changed(out, PhiType::name), 3u) << "two name cells and the name in the note";
  EXPECT_EQ(testing::changed(out, PhiType::date), 2u);
}

TEST(CsvDeidentifier, DatesMoveByTheRowPatientsOffset) {
  const std::string in = "mrn,admitted,discharged\nA1,2019-03-04,2019-03-09\nA1,2019-04-01,2019-04-02\nB2,2019-03-04,2019-03-09\n";
  KeyedLinker linker(SecretKey{});
  const Deidentified out = testing::run(InputFormat::csv, testing::research_policy(
      "csv: {columns: {admitted: date, discharged: date}}\n"), linker, in);
  const auto rows = rows_of(out.text);
  ASSERT_EQ(rows.size(), 4u);
  auto days = [](const std::string& date) {
    using namespace std::chrono;
    return sys_days{year{std::stoi(date.substr(0, 4))} / month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))} /
                    day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}}.time_since_epoch().count();
  };
  const std::vector<std::vector<std::string>> before = rows_of(in);
  auto offset = [&](std::size_t row, std::size_t column) { return days(rows[row][column]) - days(before[row][column]); };
  EXPECT_TRUE(offset(1, 1) <= -10 && offset(1, 1) >= -100) << out.text;
  EXPECT_EQ(offset(1, 2), offset(1, 1)) << "the stay keeps its length";
  EXPECT_EQ(offset(2, 1), offset(1, 1)) << "one offset for patient A1 across rows";
  EXPECT_NE(offset(3, 1), offset(1, 1)) << "patient B2 has their own offset";
  KeyedLinker again(SecretKey{});
  EXPECT_EQ(testing::run(InputFormat::csv, testing::research_policy("csv: {columns: {admitted: date, discharged: date}}\n"),
                         again, in).text,
            out.text)
      << "the same input and key give the same output";
}

TEST(CsvDeidentifier, MarkedChangesStayInsideTheirCell) {
  KeyedLinker linker(SecretKey{});
  const Deidentified out = testing::run(InputFormat::csv, testing::research_policy("mark_changes: true\n"), linker,
                                        "first_name;last_name;note\nJonathan;Whitfield;Whitfield is well\n");
  ingest::CsvReader reader(out.text, ingest::CsvOptions{.delimiter = ';'});
  ingest::CsvRow row;
  ASSERT_TRUE(*reader.next(row));
  ASSERT_TRUE(*reader.next(row));
  ASSERT_EQ(row.fields.size(), 3u) << out.text;
  EXPECT_TRUE(row.fields[0].starts_with("[[") && row.fields[0].ends_with("]]")) << out.text;
  EXPECT_TRUE(row.fields[2].starts_with("[[") && row.fields[2].ends_with("]] is well")) << out.text;
  EXPECT_NE(out.text.find(";"), std::string::npos) << "the file's own delimiter";
}

TEST(CsvDeidentifier, ARowWithTooFewFieldsRefusesTheFile) {
  const Error e = testing::refusal(InputFormat::csv, "name,ssn\nJane Doe\n");
  EXPECT_NE(e.message.find("row 1: 1 fields, the header has 2"), std::string::npos) << e.message;
  EXPECT_EQ(e.line, 2u);
}

}  // namespace
}  // namespace ward::deid
