// JSON written back as it was read: decimals with their precision (FHIR counts "1.50" and "1.5"
// as different values), everything else as nlohmann writes it, on the public FHIR samples too.
#include "deid/exact_json.h"

#include <filesystem>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward::deid {
namespace {

using OrderedJson = nlohmann::ordered_json;
namespace fs = std::filesystem;

TEST(ExactJson, DecimalsComeBackAsWritten) {
  const std::string text =
      R"({"resourceType":"Observation","valueQuantity":{"value":1.50,"unit":"mmol/L"},)"
      R"("referenceRange":[{"low":{"value":0.010},"high":{"value":6.02E+23}},{"low":{"value":-0.0},"high":{"value":1e3}}],)"
      R"("component":[],"extension":{},"count":120,"big":18446744073709551615,"negative":-7,"ok":true,"none":null,)"
      R"("text":"caf\u00e9 \"quoted\" \\ tab\t"})";
  auto json = read_exact_json(text);
  ASSERT_TRUE(json.has_value()) << json.error().message;
  const std::string written = write_exact_json(*json, -1);
  EXPECT_NE(written.find(R"("value":1.50,)"), std::string::npos) << written;
  EXPECT_NE(written.find(R"("value":0.010})"), std::string::npos) << written;
  EXPECT_NE(written.find(R"("value":6.02E+23})"), std::string::npos) << written;
  EXPECT_NE(written.find(R"("value":-0.0})"), std::string::npos) << written;
  EXPECT_NE(written.find(R"("value":1e3})"), std::string::npos) << written;
  EXPECT_NE(written.find(R"("big":18446744073709551615,)"), std::string::npos) << written;
  // The rest as nlohmann writes it: with the decimals as doubles, only they differ.
  std::string expected = OrderedJson::parse(text).dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
  for (const auto& [shortest, as_written] : std::vector<std::pair<std::string, std::string>>{
           {"1.5,", "1.50,"}, {"0.01}", "0.010}"}, {"6.02e+23}", "6.02E+23}"}, {"-0.0}", "-0.0}"}, {"1000.0}", "1e3}"}})
    expected.replace(expected.find(shortest), shortest.size(), as_written);
  EXPECT_EQ(written, expected);
}

TEST(ExactJson, PrettyLayoutIsNlohmannsIncludingEmptyContainers) {
  const std::string text = R"({"a":[1,{"b":[],"c":{}},"x"],"d":{"e":2.50},"f":[[]]})";
  auto json = read_exact_json(text);
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ(write_exact_json(*json, 2),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": [],\n      \"c\": {}\n    },\n    \"x\"\n  ],\n"
            "  \"d\": {\n    \"e\": 2.50\n  },\n  \"f\": [\n    []\n  ]\n}");
}

TEST(ExactJson, InvalidJsonIsAnErrorNamingTheByte) {
  for (const std::string_view bad : {"{\"a\":1,}", "{\"a\":01}", "[1.5", "", "{\"a\":1} x"}) {
    auto json = read_exact_json(bad);
    ASSERT_FALSE(json.has_value()) << bad;
    EXPECT_NE(json.error().message.find("not valid JSON (at byte "), std::string::npos) << json.error().message;
    EXPECT_EQ(json.error().code, ErrorCode::invalid_input);
  }
}

bool has_decimal(const OrderedJson& value) {
  if (value.is_number_float()) return true;
  if (value.is_structured())
    for (const OrderedJson& member : value)
      if (has_decimal(member)) return true;
  return false;
}

TEST(ExactJson, PublicFhirSamplesAreWrittenAsNlohmannWritesThemWithTheirDecimalsAsWritten) {
  const std::regex decimal(R"([-]?[0-9]+(\.[0-9]+([eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+))");
  std::size_t files = 0, decimals = 0, without_decimals = 0;
  for (const char* folder : {"fhir/samples", "fhir/converter_r4", "fhir/r4_examples"}) {
    for (const auto& entry : fs::recursive_directory_iterator(ward::testing::shared_data(folder))) {
      if (entry.path().extension() != ".json") continue;
      std::string text = ward::testing::read_file(entry.path());
      if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
      const OrderedJson reference = OrderedJson::parse(text, nullptr, false);
      if (reference.is_discarded()) continue;
      auto json = read_exact_json(text);
      ASSERT_TRUE(json.has_value()) << entry.path() << ": " << json.error().message;
      ++files;
      const std::string written = write_exact_json(*json, 2);
      // Every decimal of the file is written back as it was (numbers in strings match too, and
      // those are written back whole), and nlohmann reads back the same values.
      for (std::sregex_iterator it(text.begin(), text.end(), decimal), end; it != end; ++it) {
        ++decimals;
        EXPECT_NE(written.find(it->str()), std::string::npos) << entry.path() << ": " << it->str();
      }
      EXPECT_EQ(OrderedJson::parse(written), reference) << entry.path();
      if (!has_decimal(reference)) {
        ++without_decimals;
        EXPECT_EQ(written, reference.dump(2, ' ', false, OrderedJson::error_handler_t::replace)) << entry.path();
      }
    }
  }
  EXPECT_GT(files, 10u);
  EXPECT_GT(decimals, 10u);
  EXPECT_GT(without_decimals, 5u);
}

}  // namespace
}  // namespace ward::deid
