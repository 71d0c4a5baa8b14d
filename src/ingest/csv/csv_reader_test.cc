#include "ingest/csv/csv_reader.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::ingest {
namespace {

struct ReadRow {
  std::vector<std::string> fields;
  std::uint64_t line = 0;
  std::uint64_t offset = 0;
  std::string raw;
};

// Reads every row, failing the test on any error.
std::vector<ReadRow> read_all(std::string_view input, CsvOptions options = {}) {
  CsvReader reader(input, options);
  CsvRow row;
  std::vector<ReadRow> rows;
  for (;;) {
    auto got = reader.next(row);
    EXPECT_TRUE(got) << got.error().describe();
    if (!got || !*got) break;
    rows.push_back({{row.fields.begin(), row.fields.end()}, row.line, row.offset, std::string(row.raw)});
  }
  return rows;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, SplitsRowsAndGivesLineAndOffset) {
  auto rows = read_all("a,b,c\n1,2,3\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(rows[1].fields, (Fields{"1", "2", "3"}));
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[1].offset, 6u);
  EXPECT_EQ(rows[1].raw, "1,2,3");
}

TEST(CsvReader, UnescapesDoubledQuotesAndKeepsDelimitersInsideQuotes) {
  auto rows = read_all("\"Smith, John\",\"said \"\"hi\"\"\",\"\"\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (Fields{"Smith, John", "said \"hi\"", ""}));
}

TEST(CsvReader, QuotedFieldWithoutEscapesIsAViewIntoTheInput) {
  const std::string input = "\"Smith, John\",x\n";
  CsvReader reader(input);
  CsvRow row;
  ASSERT_TRUE(*reader.next(row));
  ASSERT_EQ(row.fields.size(), 2u);
  EXPECT_EQ(row.fields[0].data(), input.data() + 1);
}

TEST(CsvReader, EmbeddedNewlineStaysInFieldAndLinesKeepCounting) {
  auto rows = read_all("id,note\n1,\"line one\nline two\"\n2,after\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (Fields{"1", "line one\nline two"}));
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].fields, (Fields{"2", "after"}));
  EXPECT_EQ(rows[2].line, 4u);  // the quoted newline took line 3
}

TEST(CsvReader, SkipsUtf8BomButCountsItInOffsets) {
  auto rows = read_all("\xEF\xBB\xBFname,count\nSMITH,1\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"name", "count"}));
  EXPECT_EQ(rows[0].offset, 3u);
  EXPECT_EQ(rows[1].offset, 14u);
}

TEST(CsvReader, CrLfLineEndsAreNotPartOfFields) {
  auto rows = read_all("a,b\r\n1,\"x\"\r\n\"q\r\nr\",2\r\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(rows[1].fields, (Fields{"1", "x"}));
  EXPECT_EQ(rows[1].raw, "1,\"x\"");
  EXPECT_EQ(rows[2].fields, (Fields{"q\r\nr", "2"}));  // inside quotes the CRLF is data
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(CsvReader, ReadsSemicolonTabAndPipeDelimiters) {
  EXPECT_EQ(read_all("a;\"b;c\";d\n", {';'})[0].fields, (Fields{"a", "b;c", "d"}));
  EXPECT_EQ(read_all("a\tb c\td\n", {'\t'})[0].fields, (Fields{"a", "b c", "d"}));
  EXPECT_EQ(read_all("a|b|\n", {'|'})[0].fields, (Fields{"a", "b", ""}));
  // With ';' a comma is plain text.
  EXPECT_EQ(read_all("1,5;2\n", {';'})[0].fields, (Fields{"1,5", "2"}));
}

TEST(CsvReader, KeepsEmptyFieldsAndReadsALastLineWithoutNewline) {
  auto rows = read_all(",,\nx,,y");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"", "", ""}));
  EXPECT_EQ(rows[1].fields, (Fields{"x", "", "y"}));
  EXPECT_EQ(rows[1].raw, "x,,y");
}

TEST(CsvReader, SkipsBlankLines) {
  auto rows = read_all("a\n\n\r\nb\n\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, (Fields{"b"}));
  EXPECT_EQ(rows[1].line, 4u);
}

TEST(CsvReader, KeepsTextAfterAClosingQuoteLikePythonCsv) {
  EXPECT_EQ(read_all("\"ab\"cd,e\n")[0].fields, (Fields{"abcd", "e"}));
  // A quote that does not open the field is plain text.
  EXPECT_EQ(read_all("ab\"c,d\n")[0].fields, (Fields{"ab\"c", "d"}));
}

TEST(CsvReader, EmptyInputAndBomOnlyHaveNoRows) {
  EXPECT_TRUE(read_all("").empty());
  EXPECT_TRUE(read_all("\xEF\xBB\xBF").empty());
  EXPECT_TRUE(read_all("\n\r\n").empty());
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineWhereItOpened) {
  CsvReader reader("id,note\n1,ok\n2,\"never closed\nmore\n");
  CsvRow row;
  ASSERT_TRUE(*reader.next(row));
  ASSERT_TRUE(*reader.next(row));
  auto bad = reader.next(row);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(bad.error().line, 3u);
  EXPECT_EQ(bad.error().offset, 13u);
  EXPECT_EQ(bad.error().field, "column 2");
  EXPECT_NE(bad.error().message.find("line 3"), std::string::npos);
  EXPECT_EQ(row.raw, "2,\"never closed\nmore\n");  // the rest of the input, for the quarantine
  auto after = reader.next(row);
  ASSERT_TRUE(after);
  EXPECT_FALSE(*after);
}

TEST(CsvReader, RowOverTheLimitIsReportedAndReadingGoesOn) {
  const std::string input = "short\n" + std::string(100, 'x') + ",\"y\"\nnext\n";
  CsvReader reader(input, {',', 50});
  CsvRow row;
  ASSERT_TRUE(*reader.next(row));
  auto big = reader.next(row);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::too_large);
  EXPECT_EQ(big.error().line, 2u);
  EXPECT_EQ(big.error().offset, 6u);
  EXPECT_EQ(big.error().field, "row");
  EXPECT_EQ(row.raw.size(), 104u);
  auto next = reader.next(row);
  ASSERT_TRUE(next && *next);
  EXPECT_EQ(row.fields[0], "next");
  EXPECT_EQ(row.line, 3u);
}

TEST(CsvReader, RandomBytesNeverCrashAndReadingAlwaysAdvances) {
  std::mt19937 rng(20240307);
  for (int round = 0; round < 200; ++round) {
    std::string input(static_cast<std::size_t>(rng() % 400), '\0');
    for (char& c : input) {
      const char kBiased[] = {',', '"', '\n', '\r', 'a', ';'};
      c = rng() % 3 == 0 ? kBiased[rng() % 6] : static_cast<char>(rng() % 256);
    }
    CsvReader reader(input, {',', 64});
    CsvRow row;
    int guard = 0;
    for (;; ++guard) {
      ASSERT_LT(guard, 1000) << "reader does not advance";
      auto got = reader.next(row);
      if (got && !*got) break;
      EXPECT_LE(row.offset + row.raw.size(), input.size());  // raw is a view of the input
    }
  }
}

TEST(CsvReader, SniffsTheDelimiterFromTheHeaderLine) {
  EXPECT_EQ(sniff_delimiter("id;name;\"a,b\"\n1,2,3,4,5\n"), ';');
  EXPECT_EQ(sniff_delimiter("id\tname\trole\n"), '\t');
  EXPECT_EQ(sniff_delimiter("id|name\n"), '|');
  EXPECT_EQ(sniff_delimiter("\xEF\xBB\xBFid,name\n"), ',');
  EXPECT_EQ(sniff_delimiter("single\n"), ',');
}

// Row counts of the public name dictionaries. Expected numbers come from Python's csv module:
//   python3 -c "import csv,sys; r=list(csv.reader(open(sys.argv[1],newline='',
//               encoding='utf-8'))); print(len(r), {len(x) for x in r})" <file>
// which gives one row more than the README's "rows" column (the header) and agrees with
// `wc -l`, as no field holds a newline. Every row has the header's width.
TEST(CsvReader, ReadsThePublicNameDictionariesLikePythonCsv) {
  struct Expect { const char* file; std::size_t rows; std::size_t width; };
  const Expect kFiles[] = {
      {"names/counties.csv", 3221, 3},         {"names/given_names.csv", 56179, 3},
      {"names/given_names_ssa.csv", 44106, 3}, {"names/places.csv", 23120, 5},
      {"names/states.csv", 58, 3},             {"names/surnames.csv", 162254, 2},
      {"names/zip3_population_2010.csv", 892, 3}, {"names/zip_centroids.csv", 33792, 3},
  };
  for (const Expect& e : kFiles) {
    const std::string data = testing::read_file(testing::shared_data(e.file));
    CsvReader reader(data);
    CsvRow row;
    std::size_t rows = 0, wrong_width = 0;
    for (;;) {
      auto got = reader.next(row);
      ASSERT_TRUE(got) << e.file << ": " << got.error().describe();
      if (!*got) break;
      ++rows;
      if (row.fields.size() != e.width) ++wrong_width;
    }
    EXPECT_EQ(rows, e.rows) << e.file;
    EXPECT_EQ(wrong_width, 0u) << e.file;
  }
}

// places.csv quotes two names that hold a comma (grep -n '"' places.csv: lines 3729, 18960).
TEST(CsvReader, ReadsQuotedPlaceNamesWithCommas) {
  const std::string data = testing::read_file(testing::shared_data("names/places.csv"));
  CsvReader reader(data);
  CsvRow row;
  std::vector<ReadRow> quoted;
  for (;;) {
    auto got = reader.next(row);
    ASSERT_TRUE(got);
    if (!*got) break;
    if (row.fields[0].find(',') != std::string_view::npos)
      quoted.push_back({{row.fields.begin(), row.fields.end()}, row.line, row.offset, {}});
  }
  ASSERT_EQ(quoted.size(), 2u);
  EXPECT_EQ(quoted[0].line, 3729u);
  EXPECT_EQ(quoted[0].fields, (Fields{"Islamorada, Village of Islands", "FL", "7076", "village",
                                      "popest2021"}));
  EXPECT_EQ(quoted[1].line, 18960u);
  EXPECT_EQ(quoted[1].fields[0], "Lynchburg, Moore County");
  EXPECT_EQ(quoted[1].fields[2], "");
}

}  // namespace
}  // namespace ward::ingest
