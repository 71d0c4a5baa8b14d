#include "core/file_reader.h"

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward {
namespace {

TEST(FileReader, InflatesGzippedSyntheaBundle) {
  auto path = testing::shared_data("synthea/Antonia30_Ruelas156_fe07e69a-4d6d-4e11-a675-de69f62de5f3.json.gz");
  auto data = read_input_file(path);
  ASSERT_TRUE(data) << data.error().describe();
  EXPECT_NE(data->find("\"resourceType\""), std::string::npos);
}

TEST(FileReader, TruncatedGzipIsAClearError) {
  auto path = testing::shared_data("synthea/Antonia30_Ruelas156_fe07e69a-4d6d-4e11-a675-de69f62de5f3.json.gz");
  std::string bytes = testing::read_file(path);
  auto r = gunzip(std::string_view(bytes).substr(0, bytes.size() / 2), "cut.json.gz");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().source, "cut.json.gz");
  EXPECT_NE(r.error().message.find("truncated"), std::string::npos);
}

TEST(FileReader, MissingFileNamesIt) {
  auto r = read_input_file("/nonexistent/ward/input.ndjson");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().source, "/nonexistent/ward/input.ndjson");
}

}  // namespace
}  // namespace ward
